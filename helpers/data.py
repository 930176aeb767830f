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

import gc
import gzip
import hashlib
import http.client
import json
import os
import re
import shutil
import sys
import tarfile
import tempfile
import time
import urllib.request
import warnings
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

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


def download(urls: Sequence[str], dest: Path, sha256: str | None = None,
             timeout: float = DOWNLOAD_TIMEOUT,
             progress: Callable[[int, int | None], None] | None | bool = None) -> Path:
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


def not_found(name: str, reason: object, hints: tuple[str, str] | None, relpath: str,
              cache_path: Path) -> DatasetNotFoundError:
    """The one bilingual error for a dataset that is nowhere here and cannot be downloaded."""
    en_hint, pt_hint = hints or ("ask your teacher for a copy of the data",
                                 "peça uma cópia dos dados a quem dá o curso")
    course_data = Path(os.environ.get("COURSE_DATA", "<folder>")) / name / relpath
    return DatasetNotFoundError(texts.message(
        "dataset_missing", dataset=name, reason=reason, system_hint=en_hint, system_hint_pt=pt_hint,
        course_data_path=course_data, cache_path=cache_path))


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
        raise not_found(name, err, hints, relpath, dest) from None
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


# --- IMDB reviews (lesson 03) -------------------------------------------------------

IMDB_URLS = ("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz",)
IMDB_SHA256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"  # the published archive
IMDB_SPLITS = ("train/pos", "train/neg", "test/pos", "test/neg")
IMDB_PER_FOLDER = 12500
IMDB_SEED = 113  # the shuffle seed keras.datasets.imdb uses
IMDB_TOKENIZER_VERSION = 1  # bump when tokenize() changes: it invalidates every encoded cache
PAD, START, UNKNOWN, UNUSED = 0, 1, 2, 3  # reserved indices; real words start at 4 (index_from=3)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def tokenize(text: str) -> list[str]:
    """The course's IMDB tokenizer (lesson 03), deterministic and documented.

    Lower-cases, replaces the ``<br />`` line breaks of the raw reviews by
    spaces, and keeps runs of letters and digits (any alphabet), with
    apostrophes inside a word kept ("don't", "it's"); all other punctuation
    separates words and is dropped.
    """
    return _WORD.findall(text.lower().replace("<br />", " "))


def _imdb_stamp(folder: Path) -> str | None:
    """The review folders' modification times: they change whenever a review is added or removed."""
    try:
        return "|".join(f"{split}:{(folder / split).stat().st_mtime_ns}" for split in IMDB_SPLITS)
    except OSError:
        return None


def _imdb_tree_problem(folder: Path) -> str | None:
    """What is wrong with an aclImdb/ tree (a missing folder, a wrong review count), or None."""
    return _count_reviews(folder, _imdb_stamp(folder), IMDB_PER_FOLDER)


@lru_cache(maxsize=8)
def _count_reviews(folder: Path, stamp: str | None, expected: int) -> str | None:
    # Cached by the folders' modification times, so decode/encode calls do not re-list 50,000 files.
    for split in IMDB_SPLITS:
        try:
            count = sum(1 for name in os.listdir(folder / split) if name.endswith(".txt"))
        except OSError:
            return f"{split}/ is missing"
        if count != expected:
            return f"{split}/ has {count} reviews, expected {expected}"
    return None


def _word_ids(vocabulary: Sequence[str]) -> dict[str, int]:
    """word -> index in the encoded reviews: frequency rank + 3 (Keras's index_from=3)."""
    return {word: rank + UNUSED + 1 for rank, word in enumerate(vocabulary)}


def _extract_imdb(archive: Path, target: Path) -> None:
    """Extract the labelled reviews of `archive` to `target`/aclImdb, safely and atomically."""
    wanted = re.compile(r"aclImdb/(README|imdb\.vocab|(train|test)/(pos|neg)/\d+_\d+\.txt)$")
    tmp = Path(tempfile.mkdtemp(prefix=".aclImdb-", dir=target))
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = []
            for member in tar:
                if ".." in Path(member.name).parts or Path(member.name).is_absolute():
                    raise CorruptDataError(f"unsafe path in archive: {member.name}")
                if wanted.match(member.name):
                    members.append(member)
            tar.extractall(tmp, members=members, filter="data")  # the filter refuses links and odd files
        problem = _imdb_tree_problem(tmp / "aclImdb")
        if problem:
            raise CorruptDataError(problem)
        shutil.rmtree(target / "aclImdb", ignore_errors=True)
        os.replace(tmp / "aclImdb", target / "aclImdb")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as err:
        raise CorruptDataError(f"cannot extract {archive.name}: {err}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _imdb_dir(download_ok: bool = True) -> Path:
    for folder in search_dirs("aclImdb"):
        if folder.is_dir():
            problem = _imdb_tree_problem(folder)
            if problem is None:
                return folder
            warnings.warn(texts.message("corrupt_file", path=folder, reason=problem), stacklevel=3)
    cache = keras_cache_dir()
    archive = cache / "aclImdb_v1.tar.gz"
    if archive.is_file() and sha256_of(archive) != IMDB_SHA256:
        archive.unlink()  # damaged: download it again
    try:
        if not archive.is_file():
            if not download_ok:
                raise FileNotFoundError("not found, and downloading was not allowed")
            download(IMDB_URLS, archive, sha256=IMDB_SHA256)
    except OSError as err:
        hints = (f"copy the extracted aclImdb/ folder (from {IMDB_URLS[0]}) into {cache}",
                 f"copie a pasta aclImdb/ extraída (de {IMDB_URLS[0]}) para {cache}")
        raise not_found("aclImdb", err, hints, "", cache / "aclImdb") from None
    try:
        _extract_imdb(archive, cache)
    except CorruptDataError:
        archive.unlink(missing_ok=True)
        raise
    return cache / "aclImdb"


def locate_imdb(download: bool = True) -> dict[str, Path]:
    """Where the verified aclImdb/ review folders are, downloading the archive if allowed and needed."""
    folder = _imdb_dir(download)
    return {split: folder / split for split in IMDB_SPLITS}


def _read_reviews(folder: Path, split: str) -> tuple[list[str], np.ndarray]:
    texts_, labels = [], []
    for label, sub in ((1, "pos"), (0, "neg")):
        for name in sorted(os.listdir(folder / split / sub)):
            if name.endswith(".txt"):
                texts_.append((folder / split / sub / name).read_text(encoding="utf-8"))
                labels.append(label)
    order = np.random.RandomState(IMDB_SEED).permutation(len(texts_))
    return [texts_[i] for i in order], np.asarray(labels, dtype=np.int64)[order]


@lru_cache(maxsize=2)
def _imdb_encoded(folder: Path) -> dict[str, np.ndarray]:
    """Every review encoded with the full vocabulary, cached as .npz (no pickle) in the Keras cache."""
    identity = f"{folder.resolve()}|{_imdb_stamp(folder)}|{IMDB_SEED}|{IMDB_TOKENIZER_VERSION}"
    key = hashlib.sha256(identity.encode()).hexdigest()
    cache = keras_cache_dir() / f"imdb_encoded_{key[:16]}.npz"
    if cache.is_file():
        try:
            with np.load(cache, allow_pickle=False) as stored:
                return {name: stored[name] for name in stored.files}
        except (OSError, ValueError, zlib.error):
            cache.unlink(missing_ok=True)  # damaged: rebuild below
    reviews = {split: _read_reviews(folder, split) for split in ("train", "test")}
    tokens = {split: [tokenize(t) for t in reviews[split][0]] for split in reviews}
    counts = Counter(word for review in tokens["train"] for word in review)  # ranks from training reviews only
    vocabulary = sorted(counts, key=lambda w: (-counts[w], w))
    index = _word_ids(vocabulary)
    encoded = {"vocabulary": np.array(vocabulary)}
    for split, (_, labels) in reviews.items():
        lists = [[START] + [index.get(w, UNKNOWN) for w in review] for review in tokens[split]]
        encoded[f"{split}_flat"] = np.fromiter((i for r in lists for i in r), dtype=np.int32)
        encoded[f"{split}_offsets"] = np.cumsum([len(r) for r in lists])[:-1]
        encoded[f"{split}_labels"] = labels
    cache.parent.mkdir(parents=True, exist_ok=True)
    part = cache.with_name(cache.name + ".part.npz")
    np.savez(part, **encoded)  # type: ignore[arg-type]  # numpy's stub types **kwds as allow_pickle
    os.replace(part, cache)
    return encoded


def clear_imdb_cache() -> None:
    """Forget the IMDB encodings read so far in this process, e.g. after the files were replaced (lesson 03)."""
    _imdb_encoded.cache_clear()
    _imdb_index.cache_clear()


def _check_num_words(num_words: int | None) -> None:
    if num_words is not None and (not isinstance(num_words, int) or num_words <= UNUSED + 1):
        raise ValueError(f"num_words must be an integer above {UNUSED + 1} (or None for every word), "
                         f"got {num_words!r}")


def load_imdb(num_words: int | None = 10000) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """IMDB reviews like ``keras.datasets.imdb.load_data(num_words=...)`` (lesson 03).

    Built from the raw Large Movie Review Dataset text. Returns
    ``(x_train, y_train), (x_test, y_test)``: 25,000 reviews each, x an object
    array of lists of word indices, y labels 1 (positive) / 0 (negative).
    Indices follow Keras: 0 padding, 1 start, 2 unknown (a word outside the
    `num_words` most frequent), 3 unused, real words from 4 on, ranked by
    frequency in the training reviews (ties alphabetical). Reviews are
    shuffled with seed 113, like Keras. The encoding is cached in the Keras
    cache, so a second load takes well under a second.
    """
    _check_num_words(num_words)
    encoded = _imdb_encoded(_imdb_dir())
    result = []
    collecting = gc.isenabled()
    gc.disable()  # millions of small ints: the cyclic collector would only slow the build down
    try:
        for split in ("train", "test"):
            flat = encoded[f"{split}_flat"]
            if num_words is not None:
                flat = np.where(flat < num_words, flat, UNKNOWN)
            x = np.empty(len(encoded[f"{split}_labels"]), dtype=object)
            x[:] = [r.tolist() for r in np.split(flat, encoded[f"{split}_offsets"])]
            result.append((x, encoded[f"{split}_labels"].copy()))
    finally:
        if collecting:
            gc.enable()
    return result[0], result[1]


def imdb_word_index() -> dict[str, int]:
    """word -> frequency rank (1 = most frequent), like ``keras.datasets.imdb.get_word_index()`` (lesson 03)."""
    return {word: i - UNUSED for word, i in _imdb_index(_imdb_dir()).items()}


def decode_review(indices: Sequence[int]) -> str:
    """Word indices back to text; reserved indices print as <PAD>, <START>, <UNK>, <UNUSED> (lesson 03)."""
    vocabulary = _imdb_encoded(_imdb_dir())["vocabulary"]
    reserved = ("<PAD>", "<START>", "<UNK>", "<UNUSED>")
    words = []
    for i in indices:
        i = int(i)
        if not 0 <= i < len(vocabulary) + len(reserved):
            raise ValueError(f"index {i} is not a word index (0 to {len(vocabulary) + len(reserved) - 1})")
        words.append(reserved[i] if i < len(reserved) else str(vocabulary[i - len(reserved)]))
    return " ".join(words)


def encode_review(text: str, num_words: int | None = 10000) -> list[int]:
    """A new review as word indices, the same way `load_imdb(num_words)` encodes the data set (lesson 03)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    _check_num_words(num_words)
    index = _imdb_index(_imdb_dir())
    encoded = [START] + [index.get(word, UNKNOWN) for word in tokenize(text)]
    return [i if num_words is None or i < num_words else UNKNOWN for i in encoded]


@lru_cache(maxsize=2)
def _imdb_index(folder: Path) -> dict[str, int]:
    return _word_ids(_imdb_encoded(folder)["vocabulary"].tolist())


# --- Registry ------------------------------------------------------------------
# Every dataset the course uses, name -> locate function: `locate(download=True)`
# finds and verifies the files (downloading them only if allowed and needed) and
# returns {file: path it was read from}; it raises DatasetNotFoundError if none.
# Used by notebook 00's setup check and by the classroom-prep command.
DATASETS: dict[str, Callable[..., dict[str, Path]]] = {
    "fashion-mnist": locate_fashion_mnist,
    "aclImdb": locate_imdb,
    "colors": locate_colors,
}
