"""The one fetch/verify/cache path every dataset goes through (lessons 00-04).

Search order, verification and atomic downloads: see ``helpers.data``.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import shutil
import sys
import tempfile
import time
import urllib.request
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from helpers import texts

T = TypeVar("T")

DOWNLOAD_TIMEOUT = 30  # seconds without a byte before a download gives up
MIN_RATE = 50_000  # bytes/s: a download may take DOWNLOAD_TIMEOUT + its size / MIN_RATE seconds in all
DOWNLOAD_MAX = 100_000_000  # bytes: the size cap of a download whose caller names none


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


def _get(url: str, part: Path, sha256: str | None, timeout: float, max_bytes: int, show) -> None:
    """Write the body of `url` to `part`: at most `max_bytes`, within a deadline from that size; or raise."""
    started = time.monotonic()
    deadline = started + timeout + max_bytes / MIN_RATE
    done, total = 0, None
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, open(part, "wb") as out:
            total = response.headers.get("Content-Length")
            total = int(total) if total else None
            if (total or 0) > max_bytes:
                raise CorruptDataError(f"{total} bytes, more than the expected {max_bytes} bytes")
            digest = hashlib.sha256()
            while block := response.read1(1 << 16):  # read1: returns what arrived, so the deadline is checked
                done += len(block)
                if done > max_bytes:
                    raise CorruptDataError(f"more than the expected {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise TimeoutError
                out.write(block)
                digest.update(block)
                if show:
                    show(done, total)
        if total is not None and done != total:
            raise CorruptDataError(f"got {done} of {total} bytes")
        if sha256 is not None and digest.hexdigest() != sha256:
            raise CorruptDataError(f"sha256 {digest.hexdigest()} is not the expected {sha256}")
    except BaseException as err:
        part.unlink(missing_ok=True)
        if isinstance(err, TimeoutError):  # the total deadline, or no byte for `timeout` seconds
            fields = dict(url=url, done=done, size=total or max_bytes, seconds=time.monotonic() - started)
            en, pt = (text.format(**fields) for text in texts.MESSAGES["download_stalled"])
            raise TimeoutError(f"{en} / {pt}") from None
        raise


def download(
    urls: Sequence[str],
    dest: Path,
    sha256: str | None = None,
    timeout: float = DOWNLOAD_TIMEOUT,
    progress: Callable[[int, int | None], None] | None | bool = None,
    max_bytes: int = DOWNLOAD_MAX,
) -> Path:
    """Download the first of `urls` that answers into `dest`, atomically and bounded.

    The data goes to ``dest.part`` and is renamed to `dest` only when it is
    complete (and matches `sha256` when given). A body larger than `max_bytes`
    is refused as it arrives, and a download slower in all than
    ``timeout + max_bytes / MIN_RATE`` seconds stops as stalled (in both
    languages). `progress(done, total)` is called as bytes arrive; by default a
    text progress bar goes to stderr, `progress=False` silences it. Raises
    CorruptDataError for damaged data, OSError when no URL worked.
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
            _get(url, part, sha256, timeout, max_bytes, show)
        except CorruptDataError as err:
            raise CorruptDataError(texts.message("corrupt_download", url=url, reason=err)) from None
        except (OSError, ValueError, http.client.HTTPException) as err:  # refused, timed out, cut off, bad URL
            errors.append(f"{url}: {err}")
            continue
        os.replace(part, dest)
        return dest
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


def _put_in_place(new: Path, dest: Path) -> None:
    """Move the verified `new` (in `dest`'s folder) to `dest`; only then is the copy it replaces removed.

    A link at `dest` is replaced as a link (what it points to is never touched); a
    folder is moved aside first and deleted once `new` is in place. Anything else in
    the way (a folder where a file goes, a file where a folder goes) is left alone: OSError.
    """
    aside = None
    if dest.is_dir() and not dest.is_symlink():
        if not new.is_dir():
            raise IsADirectoryError(f"{dest} is a folder where the file goes: move it away and run again")
        aside = Path(tempfile.mkdtemp(prefix=f".{dest.name}-old-", dir=dest.parent))
        os.rename(dest, aside / dest.name)
    elif new.is_dir() and dest.is_symlink():
        dest.unlink()  # the link itself, never what it points to
    os.replace(new, dest)
    if aside is not None:
        shutil.rmtree(aside)  # never follows links inside it


def _unpacked(archive: Path, dest: Path, unpack: Callable[[Path, Path], None], read: Callable[[Path], T]) -> T:
    """Unpack `archive` next to `dest`, verify it with `read` there, and only then put it in place of `dest`."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-new-", dir=dest.parent))
    try:
        unpack(archive, tmp)
        read(tmp / dest.name)
        _put_in_place(tmp / dest.name, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return read(dest)


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
    max_bytes: int = DOWNLOAD_MAX,
) -> tuple[T, Path]:
    """Find, verify and read one file or folder of dataset `name`; download it if needed.

    `read(path)` parses it and raises CorruptDataError when it is bad (an OSError
    reading it counts as bad too). Returns what `read` returned and the path it
    was read from. `hints` is the (English, Portuguese) first way of getting the
    data offline. With `download_ok=False` a missing copy raises
    DatasetNotFoundError at once, naming why each copy found was refused.
    A download is at most `max_bytes`. With `unpack`, the download is an archive
    kept in the Keras cache under its URL's name (`sha256` is the archive's) and
    `unpack(archive, folder)` makes `folder/<last part of relpath or name>` from it
    in an empty folder; a kept archive is unpacked again when `relpath` is lost.
    A COURSE_MIRROR copy (see `mirror_url`) is tried first; with
    `mirror_may_repack` its sha256 is not required (a teacher may re-pack an
    archive smaller) and what it unpacks to is checked by `read` instead, also
    when a kept archive is unpacked again.
    Nothing is deleted before a verified replacement is in place, and only the
    Keras cache's own entries are replaced (a link there as a link).
    """
    problems = []

    def refused(path: Path, err: Exception) -> None:
        problems.append(f"{path}: {err}")
        warnings.warn(texts.message("corrupt_file", path=path, reason=err), stacklevel=4)

    for folder in search_dirs(name, system_dir):
        path = folder / relpath
        if not path.exists():
            continue
        try:
            return read(path), path
        except (CorruptDataError, OSError) as err:  # damaged, or a folder or unreadable file in its place
            refused(path, err)
    dest = keras_cache_dir() / name / relpath
    archive = keras_cache_dir() / urls[0].rsplit("/", 1)[-1] if unpack else dest
    if unpack and archive.is_file():  # kept from an earlier download: unpack it again
        try:
            if sha256 is not None and not mirror_may_repack and sha256_of(archive) != sha256:
                raise CorruptDataError("not the published archive")
            return _unpacked(archive, dest, unpack, read), dest
        except (CorruptDataError, OSError) as err:
            refused(archive, err)
    try:
        if not download_ok:
            raise FileNotFoundError("; ".join([*problems, "not found, and downloading was not allowed"]))
        mirror = mirror_url(archive)
        sources = [(u, sha256) for u in urls]
        if mirror:
            sources.insert(0, (mirror, None if mirror_may_repack else sha256))
        errors = problems[:]
        staged = archive.with_name(archive.name + ".part")  # download() writes it via its own .part
        for url, expected in sources:
            try:
                download(
                    [url], staged, expected, progress=progress_bar(f"Downloading {archive.name}"), max_bytes=max_bytes
                )
                break
            except OSError as err:
                errors.append(str(err))
        else:
            raise OSError("; ".join(errors))
    except OSError as err:
        raise not_found(name, err, hints, relpath, dest) from None
    try:
        if unpack:
            result = _unpacked(staged, dest, unpack, read)
            os.replace(staged, archive)
            return result, dest
        result = read(staged)
        _put_in_place(staged, dest)
        return result, dest
    except CorruptDataError as err:
        raise CorruptDataError(texts.message("corrupt_download", url=url, reason=err)) from None
    except OSError as err:  # something in the way in the cache (a folder where the file goes)
        raise not_found(name, err, hints, relpath, dest) from None
    finally:
        staged.unlink(missing_ok=True)
