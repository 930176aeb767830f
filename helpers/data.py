"""Course datasets, offline first.

Every loader looks for its files, in order, in
  1. ``$COURSE_DATA/<name>/`` (a folder a teacher or CI prepared),
  2. a system copy where one exists (Debian's ``dataset-fashion-mnist``),
  3. the Keras cache (``$KERAS_HOME/datasets/<name>/`` or ``~/.keras/datasets/<name>/``),
and only then downloads from the original source into the Keras cache.
Every file is verified before it is used: a damaged copy is reported and
skipped (and deleted when it is in the cache, so it gets replaced); a download
is written to a ``.part`` file and only renamed once complete and verified.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import http.client
import os
import urllib.request
import warnings
import zlib
from pathlib import Path
from typing import Callable, Sequence, TypeVar

import numpy as np

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


def download(urls: Sequence[str], dest: Path, sha256: str | None = None,
             timeout: float = DOWNLOAD_TIMEOUT,
             progress: Callable[[int, int | None], None] | None = None) -> Path:
    """Download the first of `urls` that answers into `dest`, atomically.

    The data goes to ``dest.part`` and is renamed to `dest` only when it is
    complete (and matches `sha256` when given). `progress(done, total)` is
    called as bytes arrive. Raises OSError when no URL worked.
    """
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
                    if progress:
                        progress(done, total)
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


def fetch(name: str, relpath: str, read: Callable[[Path], T], urls: Sequence[str],
          system_dir: Path | None = None, sha256: str | None = None,
          hints: tuple[str, str] | None = None, download_ok: bool = True) -> tuple[T, Path]:
    """Find, verify and read one file of dataset `name`; download it if needed.

    `read(path)` parses the file and raises CorruptDataError when it is bad.
    Returns what `read` returned and the path it was read from. `hints` is the
    (English, Portuguese) first way of getting the data offline. With
    `download_ok=False` a missing file raises DatasetNotFoundError at once.
    """
    cache = keras_cache_dir() / name
    for folder in search_dirs(name, system_dir):
        path = folder / relpath
        if not path.is_file():
            continue
        try:
            return read(path), path
        except CorruptDataError as err:
            warnings.warn(texts.message("corrupt_file", path=path, reason=err), stacklevel=3)
            if folder == cache:
                path.unlink()  # a damaged cache copy is replaced by a fresh download
    dest = cache / relpath
    try:
        if not download_ok:
            raise FileNotFoundError("not found, and downloading was not allowed")
        download(urls, dest, sha256=sha256)
    except OSError as err:
        en_hint, pt_hint = hints or ("ask your teacher for a copy of the data",
                                     "peça uma cópia dos dados a quem dá o curso")
        raise DatasetNotFoundError(texts.message(
            "dataset_missing", dataset=name, reason=err, system_hint=en_hint,
            system_hint_pt=pt_hint,
            course_data_path=Path(os.environ.get("COURSE_DATA", "<folder>")) / name / relpath,
            cache_path=dest)) from None
    try:
        return read(dest), dest
    except CorruptDataError as err:
        dest.unlink(missing_ok=True)
        raise CorruptDataError(texts.message("corrupt_download", url=urls[0], reason=err)) from None


# --- Fashion-MNIST (lessons 01, 02) -------------------------------------------

FASHION_MNIST_SYSTEM_DIR = Path("/usr/share/datasets/fashion-mnist")
FASHION_MNIST_URLS = (
    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",  # the original (Zalando Research)
    "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",  # Keras's mirror of it
)
# The four original IDX files: shape of their content and sha256 of the
# *decompressed* bytes (Debian recompresses the .gz files, the content is the same).
FASHION_MNIST_FILES: dict[str, tuple[tuple[int, ...], str]] = {
    "train-images-idx3-ubyte.gz": ((60000, 28, 28),
                                   "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
    "train-labels-idx1-ubyte.gz": ((60000,),
                                   "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
    "t10k-images-idx3-ubyte.gz": ((10000, 28, 28),
                                  "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
    "t10k-labels-idx1-ubyte.gz": ((10000,),
                                  "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
}
FASHION_MNIST_HINTS = (
    "on Debian or Ubuntu: sudo apt-get install dataset-fashion-mnist",
    "no Debian ou Ubuntu: sudo apt-get install dataset-fashion-mnist",
)


def read_idx_gz(path: Path, shape: tuple[int, ...], sha256: str | None = None) -> np.ndarray:
    """Read a gzipped IDX file of unsigned bytes, checking header, size and checksum."""
    try:
        with gzip.open(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError, zlib.error) as err:
        raise CorruptDataError(f"not a complete gzip file ({err})") from None
    magic = 0x0800 + len(shape)  # 0x08: unsigned bytes; low byte: number of dimensions
    header = 4 + 4 * len(shape)
    if len(raw) < header or int.from_bytes(raw[:4], "big") != magic:
        raise CorruptDataError(f"not an IDX file of {len(shape)} dimension(s)")
    dims = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(len(shape)))
    if dims != tuple(shape):
        raise CorruptDataError(f"header says shape {dims}, expected {tuple(shape)}")
    if len(raw) != header + int(np.prod(shape)):
        raise CorruptDataError(f"{len(raw) - header} data bytes, expected {int(np.prod(shape))}")
    if sha256 is not None and sha256_of(raw) != sha256:
        raise CorruptDataError("checksum does not match the original file")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape).copy()


def _fashion_file(filename: str, download_ok: bool = True) -> tuple[np.ndarray, Path]:
    shape, sha = FASHION_MNIST_FILES[filename]
    return fetch("fashion-mnist", filename, lambda p: read_idx_gz(p, shape, sha),
                 urls=[base + filename for base in FASHION_MNIST_URLS],
                 system_dir=FASHION_MNIST_SYSTEM_DIR, hints=FASHION_MNIST_HINTS,
                 download_ok=download_ok)


def locate_fashion_mnist(download: bool = True) -> dict[str, Path]:
    """Where each verified Fashion-MNIST file is, downloading it if allowed and needed."""
    return {name: _fashion_file(name, download)[1] for name in FASHION_MNIST_FILES}


def load_fashion_mnist() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Fashion-MNIST like ``keras.datasets.fashion_mnist.load_data()`` (lessons 01, 02).

    Returns ``(x_train, y_train), (x_test, y_test)``: uint8 images of shape
    (60000, 28, 28) and (10000, 28, 28), uint8 labels 0..9. Class names:
    ``helpers.texts.class_names("fashion_mnist", lang)``.
    """
    x_train, y_train, x_test, y_test = (_fashion_file(name)[0] for name in FASHION_MNIST_FILES)
    return (x_train, y_train), (x_test, y_test)


# --- Colours (lesson 04) ------------------------------------------------------------

COLORS_URLS = ("https://raw.githubusercontent.com/CodingTrain/ColorClassifer-TensorFlow.js/master/colorData.json",)
COLORS_SHA256 = "bc426dc9c5835875707509d84f26e37c74ff0c427d9c160f4ff94e48f671450a"
COLORS_COUNT = 5643


def read_colors_json(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Parse and verify colorData.json: (rgb uint8 (N, 3), integer labels (N,))."""
    raw = path.read_bytes()
    if sha256_of(raw) != COLORS_SHA256:
        raise CorruptDataError("checksum does not match the original colorData.json")
    entries = json.loads(raw)["entries"]
    order = texts.COLOR_LABELS["en"]
    x = np.array([[e["r"], e["g"], e["b"]] for e in entries], dtype=np.uint8)
    y = np.array([order.index(e["label"]) for e in entries], dtype=np.int64)
    return x, y


def _colors_file(download_ok: bool = True) -> tuple[tuple[np.ndarray, np.ndarray], Path]:
    return fetch("colors", "colorData.json", read_colors_json, urls=COLORS_URLS, sha256=COLORS_SHA256,
                 download_ok=download_ok)


def locate_colors(download: bool = True) -> dict[str, Path]:
    """Where the verified colorData.json is, downloading it if allowed and needed."""
    return {"colorData.json": _colors_file(download)[1]}


def load_colors() -> tuple[np.ndarray, np.ndarray, dict[str, list[str]]]:
    """The 5,643 crowd-sourced colours of The Coding Train's colour classifier (lesson 04).

    Returns ``x, y, names``: r, g, b values 0..255 as uint8 of shape (5643, 3),
    integer labels 0..8 in the order of ``texts.COLOR_LABELS`` (red-ish,
    green-ish, blue-ish, orange-ish, yellow-ish, pink-ish, purple-ish,
    brown-ish, grey-ish), and the label names ``{"en": [...], "pt": [...]}``.
    """
    (x, y), _ = _colors_file()
    return x, y, {lang: list(names) for lang, names in texts.COLOR_LABELS.items()}


# --- Registry ------------------------------------------------------------------
# Every dataset the course uses, name -> locate function: `locate(download=True)`
# finds and verifies the files (downloading them only if allowed and needed) and
# returns {file: path it was read from}; it raises DatasetNotFoundError if none.
# Used by notebook 00's setup check and by the classroom-prep command.
DATASETS: dict[str, Callable[[], dict[str, Path]]] = {
    "fashion-mnist": locate_fashion_mnist,
    "colors": locate_colors,
}
