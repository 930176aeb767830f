"""Fashion-MNIST: its four IDX files, where they come from, how they are checked (lessons 01, 02)."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import numpy as np

from helpers.datasets.core import (
    CorruptDataError,
    fetch,
    sha256_of,
)

# --- Fashion-MNIST (lessons 01, 02) -------------------------------------------

FASHION_MNIST_SYSTEM_DIR = Path("/usr/share/datasets/fashion-mnist")
FASHION_MNIST_URLS = (
    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",  # the original (Zalando Research)
    "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",  # Keras's mirror of it
)
# The four original IDX files: shape of their content and sha256 of the
# *decompressed* bytes (Debian recompresses the .gz files, the content is the same).
FASHION_MNIST_FILES: dict[str, tuple[tuple[int, ...], str]] = {
    "train-images-idx3-ubyte.gz": ((60000, 28, 28), "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
    "train-labels-idx1-ubyte.gz": ((60000,), "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
    "t10k-images-idx3-ubyte.gz": ((10000, 28, 28), "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
    "t10k-labels-idx1-ubyte.gz": ((10000,), "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
}
GZIP_MAX_OVERHEAD = 65536  # a .gz is at most this much larger than what it holds (stored blocks)
FASHION_MNIST_HINTS = (
    "on Debian or Ubuntu: sudo apt-get install dataset-fashion-mnist",
    "no Debian ou Ubuntu: sudo apt-get install dataset-fashion-mnist",
)


def read_idx_gz(path: Path, shape: tuple[int, ...], sha256: str | None = None) -> np.ndarray:
    """Read a gzipped IDX file of unsigned bytes, checking header, size and checksum.

    It is never unpacked past the expected size (a gzip bomb stops there)."""
    magic = 0x0800 + len(shape)  # 0x08: unsigned bytes; low byte: number of dimensions
    header = 4 + 4 * len(shape)
    try:
        with gzip.open(path, "rb") as f:
            raw = f.read(header + int(np.prod(shape)) + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise CorruptDataError(f"not a complete gzip file ({err})") from None
    if len(raw) < header or int.from_bytes(raw[:4], "big") != magic:
        raise CorruptDataError(f"not an IDX file of {len(shape)} dimension(s)")
    dims = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(len(shape)))
    if dims != tuple(shape):
        raise CorruptDataError(f"header says shape {dims}, expected {tuple(shape)}")
    if len(raw) > header + int(np.prod(shape)):
        raise CorruptDataError(f"more than the expected {int(np.prod(shape))} data bytes")
    if len(raw) < header + int(np.prod(shape)):
        raise CorruptDataError(f"{len(raw) - header} data bytes, expected {int(np.prod(shape))}")
    if sha256 is not None and sha256_of(raw) != sha256:
        raise CorruptDataError("checksum does not match the original file")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape).copy()


def _fashion_file(filename: str, download_ok: bool = True) -> tuple[np.ndarray, Path]:
    shape, sha = FASHION_MNIST_FILES[filename]
    return fetch(
        "fashion-mnist",
        filename,
        lambda p: read_idx_gz(p, shape, sha),
        urls=[base + filename for base in FASHION_MNIST_URLS],
        system_dir=FASHION_MNIST_SYSTEM_DIR,
        hints=FASHION_MNIST_HINTS,
        download_ok=download_ok,
        max_bytes=GZIP_MAX_OVERHEAD + 4 + 4 * len(shape) + int(np.prod(shape)),
    )


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
