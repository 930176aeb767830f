"""Offline stand-ins for the internet, shared by the tests and the benchmarks.

`repack_imdb` builds a review archive from an extracted aclImdb/ folder (as a teacher's mirror may serve it);
`serve` serves a folder on 127.0.0.1 from a background thread, without logging every request.
"""

from __future__ import annotations

import functools
import http.server
import tarfile
import threading
from collections.abc import Iterable
from pathlib import Path


def repack_imdb(extracted: Path, archive: Path, empty_dirs: Iterable[str] = ()) -> Path:
    """Pack the folder `extracted` (an aclImdb/) as `archive` (.tar.gz), adding `empty_dirs` (archive paths)."""
    with tarfile.open(archive, "w:gz", compresslevel=1) as tar:
        tar.add(extracted, arcname="aclImdb")
        for name in empty_dirs:
            info = tarfile.TarInfo(name)
            info.type = tarfile.DIRTYPE
            info.mode = 0o755
            tar.addfile(info)
    return archive


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `folder` on 127.0.0.1 (a free port); returns the base URL and the server, to `shutdown()`."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
