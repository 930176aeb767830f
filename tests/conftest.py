"""Shared fixtures of the unit tests."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # no windows; figures are inspected, not shown

IN_CI = os.environ.get("CI") == "true"
COURSE_DATA = Path(os.environ.get("COURSE_DATA", "/nonexistent"))


def needs(copy: Path, what: str):
    """Skip where `copy` is missing on a developer's machine; in CI the data must be there, so it runs (and fails)."""
    return pytest.mark.skipif(not copy.exists() and not IN_CI,
                              reason=f"{what} is not here (CI always has it: there this never skips)")


@pytest.fixture
def isolated_data(tmp_path, monkeypatch):
    """No COURSE_DATA, an empty Keras cache: a machine with no copy of anything."""
    monkeypatch.delenv("COURSE_DATA", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    return tmp_path


@pytest.fixture
def http_server():
    """Serve files from a folder on 127.0.0.1; yields (base_url, folder)."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
