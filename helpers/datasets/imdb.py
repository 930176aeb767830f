"""The Large Movie Review Dataset from the raw reviews: archive, checks, tokenizer, encoding (lesson 03)."""

from __future__ import annotations

import gc
import hashlib
import os
import re
import stat
import tarfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from helpers import texts
from helpers.datasets.core import CorruptDataError, fetch, keras_cache_dir

# --- IMDB reviews (lesson 03) -------------------------------------------------------

IMDB_URLS = ("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz",)
IMDB_SHA256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"  # the published archive
IMDB_ARCHIVE_SIZE = 84125825  # bytes, the published archive; a re-packed one holds less (the labelled reviews)
IMDB_SPLITS = ("train/pos", "train/neg", "test/pos", "test/neg")
# sha256 over each folder's reviews, sorted by name, each as b"NAME\0LENGTH\0" + content (see `review_digests`):
# the official extracted data, so that a copy from anywhere (COURSE_DATA, a mirror, the cache) is checked.
IMDB_TREE_SHA256 = {
    "train/pos": "d0e0d00be00181548f6efb42dcbcda373367133b487e6cf6d2035c6592071ffa",
    "train/neg": "5c8c4145d9ea8815c84b650779ebdda2c4d353c1fc7a692d610db1590dd8e5af",
    "test/pos": "7ad7e4b52c728fa5141ce5a93dcdbfdf85daf56d0a33cbb8a3c9ed3d07791e7a",
    "test/neg": "3545728e63d38b623656ecd40ba9b3e988cb3b416a6421f1899427737969b541",
}
IMDB_TREE_MAX = 70_000_000  # bytes: the labelled reviews, README and imdb.vocab hold 67.7 MB
IMDB_MEMBERS_MAX = 200_000  # entries in the archive: the published one has about 100,000
IMDB_PER_FOLDER = 12500
IMDB_SEED = 113  # the shuffle seed keras.datasets.imdb uses
IMDB_TOKENIZER_VERSION = 1  # bump when tokenize() changes: it invalidates every encoded cache
PAD, START, UNKNOWN, UNUSED = 0, 1, 2, 3  # reserved indices; real words start at 4 (index_from=3)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ENCODED = ("vocabulary", "train_flat", "train_offsets", "train_labels", "test_flat", "test_offsets", "test_labels")


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


def _review_names(folder: Path, split: str) -> list[str]:
    return sorted(name for name in os.listdir(folder / split) if name.endswith(".txt"))


def review_digests(folder: Path) -> dict[str, str]:
    """The digest of each review folder of the aclImdb/ tree `folder` (see IMDB_TREE_SHA256); about 1 s.

    Raises CorruptDataError naming a review that cannot be read, or past IMDB_TREE_MAX bytes in all.
    """
    left = IMDB_TREE_MAX
    found = {}
    for split in IMDB_SPLITS:
        digest = hashlib.sha256()
        for name in _review_names(folder, split):
            path = folder / split / name
            try:
                info = path.stat()
                left -= info.st_size
                if left < 0:
                    raise CorruptDataError(f"the reviews hold more than the expected {IMDB_TREE_MAX} bytes")
                if not stat.S_ISREG(info.st_mode):  # a folder, or a pipe that would block
                    raise IsADirectoryError("not a file")
                content = path.read_bytes()
            except OSError as err:
                raise CorruptDataError(f"cannot read {path}: {err}") from None
            digest.update(f"{name}\0{len(content)}\0".encode() + content)
        found[split] = digest.hexdigest()
    return found


def _imdb_tree_problem(folder: Path) -> str | None:
    """What is wrong with an aclImdb/ tree (a missing folder, a wrong review count, other reviews), or None."""
    return _tree_problem(folder, _imdb_stamp(folder), IMDB_PER_FOLDER, tuple(IMDB_TREE_SHA256.items()))


@lru_cache(maxsize=8)
def _tree_problem(folder: Path, stamp: str | None, expected: int, digests: tuple[tuple[str, str], ...]) -> str | None:
    # Cached by the folders' modification times, so decode/encode calls do not re-read 50,000 files.
    for split in IMDB_SPLITS:
        try:
            count = len(_review_names(folder, split))
        except OSError:
            return f"{split}/ is missing"
        if count != expected:
            return f"{split}/ has {count} reviews, expected {expected}"
    try:
        found = review_digests(folder)
    except (CorruptDataError, OSError) as err:
        return str(err)
    for split, sha in digests:
        if found[split] != sha:
            return (
                f"{split}/ holds {expected} reviews, but not the published reviews (one changed, or labels swapped): "
                "replace the folder with the original data"
            )
    return None


def _word_ids(vocabulary: Sequence[str]) -> dict[str, int]:
    """word -> index in the encoded reviews: frequency rank + 3 (Keras's index_from=3)."""
    return {word: rank + UNUSED + 1 for rank, word in enumerate(vocabulary)}


def _extract_imdb(archive: Path, into: Path) -> None:
    """Extract the labelled reviews of `archive` into the empty folder `into` (as aclImdb/), safely and bounded."""
    wanted = re.compile(r"aclImdb/(README|imdb\.vocab|(train|test)/(pos|neg)/\d+_\d+\.txt)$")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members, size = [], 0
            for count, member in enumerate(tar):
                if ".." in Path(member.name).parts or Path(member.name).is_absolute():
                    raise CorruptDataError(f"unsafe path in archive: {member.name}")
                if count >= IMDB_MEMBERS_MAX:
                    raise CorruptDataError(f"more than the expected {IMDB_MEMBERS_MAX} entries")
                if wanted.match(member.name):
                    members.append(member)
                    size += member.size
                    if size > IMDB_TREE_MAX:  # from the headers: nothing is written yet
                        raise CorruptDataError(f"the reviews hold more than the expected {IMDB_TREE_MAX} bytes")
            tar.extractall(into, members=members, filter="data")  # the filter refuses links and odd files
    except (tarfile.TarError, EOFError, zlib.error, OSError) as err:
        raise CorruptDataError(f"cannot extract {archive.name}: {err}") from None


def _verified_tree(folder: Path) -> Path:
    problem = _imdb_tree_problem(folder)
    if problem:
        raise CorruptDataError(problem)
    return folder


def _imdb_dir(download_ok: bool = True) -> Path:
    cache = keras_cache_dir()
    hints = (
        f"copy the extracted aclImdb/ folder (from {IMDB_URLS[0]}) into {cache}",
        f"copie a pasta aclImdb/ extraída (de {IMDB_URLS[0]}) para {cache}",
    )
    folder, _ = fetch(
        "aclImdb",
        "",
        _verified_tree,
        IMDB_URLS,
        sha256=IMDB_SHA256,
        hints=hints,
        download_ok=download_ok,
        unpack=_extract_imdb,
        mirror_may_repack=True,
        max_bytes=IMDB_ARCHIVE_SIZE,
    )
    return folder


def locate_imdb(download: bool = True) -> dict[str, Path]:
    """Where the verified aclImdb/ review folders are, downloading the archive if allowed and needed."""
    folder = _imdb_dir(download)
    return {split: folder / split for split in IMDB_SPLITS}


def _read_reviews(folder: Path, split: str) -> tuple[list[str], np.ndarray]:
    texts_, labels = [], []
    for label, sub in ((1, "pos"), (0, "neg")):
        for name in sorted(os.listdir(folder / split / sub)):
            if name.endswith(".txt"):
                path = folder / split / sub / name
                try:
                    texts_.append(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeError) as err:
                    reason = "not UTF-8 text" if isinstance(err, UnicodeError) else err
                    raise CorruptDataError(texts.message("review_unreadable", path=path, reason=reason)) from None
                labels.append(label)
    order = np.random.RandomState(IMDB_SEED).permutation(len(texts_))
    return [texts_[i] for i in order], np.asarray(labels, dtype=np.int64)[order]


@lru_cache(maxsize=2)
def _imdb_encoded(folder: Path) -> dict[str, np.ndarray]:
    """Every review encoded with the full vocabulary, cached as .npz (no pickle) in the Keras cache."""
    # The folder holds the verified reviews (see _imdb_dir): its digests name the encoding, wherever it is.
    identity = f"{sorted(IMDB_TREE_SHA256.items())}|{IMDB_SEED}|{IMDB_TOKENIZER_VERSION}"
    key = hashlib.sha256(identity.encode()).hexdigest()
    cache = keras_cache_dir() / f"imdb_encoded_{key[:16]}.npz"
    stored = _stored_encoding(cache)
    if stored is not None:
        return stored
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


def _stored_encoding(cache: Path) -> dict[str, np.ndarray] | None:
    """The encoding stored in `cache`, or None where there is none or it is damaged (then it is rebuilt)."""
    try:
        with np.load(cache, allow_pickle=False) as stored:  # an .npy there gives an array: TypeError
            encoded = {name: stored[name] for name in stored.files}
    except (OSError, ValueError, TypeError, EOFError, zlib.error, zipfile.BadZipFile):
        return None
    return encoded if sorted(encoded) == sorted(_ENCODED) else None


def clear_imdb_cache() -> None:
    """Forget the IMDB encodings read so far in this process, e.g. after the files were replaced (lesson 03)."""
    _imdb_encoded.cache_clear()
    _imdb_index.cache_clear()
    _tree_problem.cache_clear()


def _check_num_words(num_words: int | None) -> None:
    if num_words is not None and (not isinstance(num_words, int) or num_words <= UNUSED + 1):
        raise ValueError(f"num_words must be an integer above {UNUSED + 1} (or None for every word), got {num_words!r}")


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
