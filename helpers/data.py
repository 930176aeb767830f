"""Course datasets, offline first.

Every loader looks for its files, in order, in
  1. ``$COURSE_DATA/<name>/`` (a folder a teacher or CI prepared),
  2. a system copy where one exists (Debian's ``dataset-fashion-mnist``),
  3. the Keras cache (``$KERAS_HOME/datasets/<name>/`` or ``~/.keras/datasets/<name>/``),
and only then downloads from the original source into the Keras cache.
Every file is verified before it is used: a damaged copy is reported and
skipped (and deleted when it is in the cache, so it gets replaced); a download
is written to a ``.part`` file and only renamed once complete and verified.

This module is what the lessons call; the work is done in ``helpers.datasets``:
``core`` (search, verify, download, cache) and one module per dataset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from helpers.datasets.colors import COLORS_COUNT, load_colors, locate_colors
from helpers.datasets.core import (
    CorruptDataError,
    DatasetNotFoundError,
    download,
    keras_cache_dir,
    progress_bar,
    search_dirs,
    sha256_of,
)
from helpers.datasets.fashion_mnist import (
    FASHION_MNIST_FILES,
    FASHION_MNIST_SYSTEM_DIR,
    load_fashion_mnist,
    locate_fashion_mnist,
    read_idx_gz,
)
from helpers.datasets.imdb import (
    START,
    UNKNOWN,
    clear_imdb_cache,
    decode_review,
    encode_review,
    imdb_word_index,
    load_imdb,
    locate_imdb,
    tokenize,
)

__all__ = [
    "COLORS_COUNT",
    "DATASETS",
    "Dataset",
    "FASHION_MNIST_FILES",
    "FASHION_MNIST_SYSTEM_DIR",
    "START",
    "UNKNOWN",
    "CorruptDataError",
    "DatasetNotFoundError",
    "clear_imdb_cache",
    "decode_review",
    "download",
    "encode_review",
    "imdb_word_index",
    "keras_cache_dir",
    "load_colors",
    "load_fashion_mnist",
    "load_imdb",
    "locate_colors",
    "locate_fashion_mnist",
    "locate_imdb",
    "progress_bar",
    "read_idx_gz",
    "search_dirs",
    "sha256_of",
    "tokenize",
]


@dataclass(frozen=True)
class Dataset:
    """One dataset of the course, for notebook 00's setup check and the classroom-prep command.

    `locate(download=True)` finds and verifies its files (downloading them only if
    allowed and needed) and returns {file: path it was read from}, or raises
    DatasetNotFoundError. `warm()`, when given, builds now what a lesson would
    otherwise build on first use (the IMDB encoding).
    """

    locate: Callable[..., dict[str, Path]]
    warm: Callable[[], object] | None = None


DATASETS: dict[str, Dataset] = {
    "fashion-mnist": Dataset(locate_fashion_mnist),
    "aclImdb": Dataset(locate_imdb, warm=load_imdb),
    "colors": Dataset(locate_colors),
}
