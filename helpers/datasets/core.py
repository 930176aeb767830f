"""The one fetch/verify/cache path every dataset goes through (lessons 00-04).

Search order, verification and atomic downloads: see ``helpers.data``.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import shutil
import sys
import time
import urllib.request
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from helpers import texts

T = TypeVar("T")

DOWNLOAD_TIMEOUT = 30  # seconds without an answer before a download gives up


class DatasetNotFoundError(FileNotFoundError):
    """No usable copy of a dataset, and it could not be downloaded."""


class CorruptDataError(ValueError):
    """A file is truncated, damaged or not the expected data."""


def keras_cache_dir() -> Path:
    """Keras's dataset cache: ``$KERAS_HOME/datasets`` or ``~/.keras/datasets``."""
    home = os.environ.get("KERAS_HOME")
    return (Path(home) if home else Path.home() / ".keras") / "datasets"


def search_dirs(name: str, system_dir: Path | None = None) -> list[Path]:
    """The folders searched for dataset `name`, in order (see module docstring)."""
    dirs = []
    if os.environ.get("COURSE_DATA"):
        dirs.append(Path(os.environ["COURSE_DATA"]) / name)
    if system_dir is not None:
        dirs.append(Path(system_dir))
    dirs.append(keras_cache_dir() / name)
    return dirs


def sha256_of(data: bytes | Path) -> str:
    """Hex sha256 of bytes or of a file's content."""
    if isinstance(data, Path):
        digest = hashlib.sha256()
        with open(data, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    return hashlib.sha256(data).hexdigest()


def progress_bar(label: str, out=None) -> Callable[[int, int | None], None]:
    """A one-line text progress bar for downloads, on stderr, redrawn at most 5 times a second."""
    last = [0.0]

    def show(done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - last[0] < 0.2 and done != total:
            return
        last[0] = now
        if total:
            filled = int(30 * done / total)
            text = f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {100 * done / total:5.1f}% of {total / 1e6:.1f} MB"
        else:
            text = f"\r{label} {done / 1e6:.1f} MB"
        stream = out or sys.stderr
        stream.write(text + ("\n" if done == total else ""))
        stream.flush()

    return show


def download(
    urls: Sequence[str],
    dest: Path,
    sha256: str | None = None,
    timeout: float = DOWNLOAD_TIMEOUT,
    progress: Callable[[int, int | None], None] | None | bool = None,
) -> Path:
    """Download the first of `urls` that answers into `dest`, atomically.

    The data goes to ``dest.part`` and is renamed to `dest` only when it is
    complete (and matches `sha256` when given). `progress(done, total)` is
    called as bytes arrive; by default a text progress bar goes to stderr,
    `progress=False` silences it. Raises OSError when no URL worked.
    """
    show: Callable[[int, int | None], None] | None
    if progress is None or progress is True:
        show = progress_bar(f"Downloading {dest.name}")
    else:
        show = progress or None  # progress=False: silent
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    errors = []
    for url in urls:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response, open(part, "wb") as out:
                total = response.headers.get("Content-Length")
                total = int(total) if total else None
                digest, done = hashlib.sha256(), 0
                for block in iter(lambda: response.read(1 << 16), b""):
                    out.write(block)
                    digest.update(block)
                    done += len(block)
                    if show:
                        show(done, total)
            if total is not None and done != total:
                raise CorruptDataError(f"got {done} of {total} bytes")
            if sha256 is not None and digest.hexdigest() != sha256:
                raise CorruptDataError(f"sha256 {digest.hexdigest()} is not the expected {sha256}")
            os.replace(part, dest)
            return dest
        except CorruptDataError as err:
            part.unlink(missing_ok=True)
            raise CorruptDataError(texts.message("corrupt_download", url=url, reason=err)) from None
        except (OSError, ValueError, http.client.HTTPException) as err:  # refused, timed out, cut off, bad URL
            part.unlink(missing_ok=True)
            errors.append(f"{url}: {err}")
    raise OSError("; ".join(errors) or "no URL given")


def mirror_url(path: Path) -> str | None:
    """Where the COURSE_MIRROR server keeps `path` of the Keras cache, or None when no mirror is set.

    A teacher serves a folder laid out like the Keras cache (``fashion-mnist/…``,
    ``colors/colorData.json``, ``aclImdb_v1.tar.gz``), e.g. ``python -m http.server``
    in a prepared ``~/.keras/datasets``, and learners set COURSE_MIRROR to its address:
    the class downloads over the room's network instead of the internet.
    """
    mirror = os.environ.get("COURSE_MIRROR", "").rstrip("/")
    if not mirror:
        return None
    return f"{mirror}/{path.relative_to(keras_cache_dir()).as_posix()}"


def not_found(
    name: str, reason: object, hints: tuple[str, str] | None, relpath: str, cache_path: Path
) -> DatasetNotFoundError:
    """The one bilingual error for a dataset that is nowhere here and cannot be downloaded."""
    en_hint, pt_hint = hints or (
        "ask your teacher for a copy of the data",
        "peça uma cópia dos dados a quem dá o curso",
    )
    course_data = Path(os.environ.get("COURSE_DATA", "<folder>")) / name / relpath
    return DatasetNotFoundError(
        texts.message(
            "dataset_missing",
            dataset=name,
            reason=reason,
            system_hint=en_hint,
            system_hint_pt=pt_hint,
            course_data_path=course_data,
            cache_path=cache_path,
        )
    )


def fetch(
    name: str,
    relpath: str,
    read: Callable[[Path], T],
    urls: Sequence[str],
    system_dir: Path | None = None,
    sha256: str | None = None,
    hints: tuple[str, str] | None = None,
    download_ok: bool = True,
    unpack: Callable[[Path, Path], None] | None = None,
    mirror_may_repack: bool = False,
) -> tuple[T, Path]:
    """Find, verify and read one file or folder of dataset `name`; download it if needed.

    `read(path)` parses it and raises CorruptDataError when it is bad.
    Returns what `read` returned and the path it was read from. `hints` is the
    (English, Portuguese) first way of getting the data offline. With
    `download_ok=False` a missing copy raises DatasetNotFoundError at once.
    With `unpack`, the download is an archive kept in the Keras cache under its
    URL's name (`sha256` is the archive's) and `unpack(archive, dest)` makes
    `relpath` from it; a kept archive is unpacked again when `relpath` is lost,
    and a damaged one is removed and downloaded again.
    A COURSE_MIRROR copy (see `mirror_url`) is tried first; with
    `mirror_may_repack` its sha256 is not required (a teacher may re-pack an
    archive smaller) and what it unpacks to is checked by `read` instead, also
    when a kept archive is unpacked again.
    """
    cache = keras_cache_dir() / name
    for folder in search_dirs(name, system_dir):
        path = folder / relpath
        if not path.exists():
            continue
        try:
            return read(path), path
        except CorruptDataError as err:
            warnings.warn(texts.message("corrupt_file", path=path, reason=err), stacklevel=3)
            if folder == cache:  # a damaged cache copy is replaced by a fresh download
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    dest = cache / relpath
    archive = keras_cache_dir() / urls[0].rsplit("/", 1)[-1] if unpack else dest
    if unpack and archive.is_file():  # kept from an earlier download: unpack it again
        try:
            if sha256 is not None and not mirror_may_repack and sha256_of(archive) != sha256:
                raise CorruptDataError("not the published archive")
            unpack(archive, dest)
            return read(dest), dest
        except CorruptDataError:
            archive.unlink(missing_ok=True)  # damaged: download it again
            shutil.rmtree(dest, ignore_errors=True)
    try:
        if not download_ok:
            raise FileNotFoundError("not found, and downloading was not allowed")
        mirror = mirror_url(archive)
        sources = [(u, sha256) for u in urls]
        if mirror:
            sources.insert(0, (mirror, None if mirror_may_repack else sha256))
        errors = []
        for url, expected in sources:
            try:
                download([url], archive, sha256=expected)
                break
            except OSError as err:
                errors.append(str(err))
        else:
            raise OSError("; ".join(errors))
    except OSError as err:
        raise not_found(name, err, hints, relpath, dest) from None
    try:
        if unpack:
            unpack(archive, dest)
        return read(dest), dest
    except CorruptDataError as err:
        archive.unlink(missing_ok=True)
        if dest.is_dir():
            shutil.rmtree(dest)
        raise CorruptDataError(texts.message("corrupt_download", url=urls[0], reason=err)) from None
