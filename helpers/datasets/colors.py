"""The crowd-sourced colours of The Coding Train's classifier: source and checks (lesson 04)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from helpers import texts
from helpers.datasets.core import (
    CorruptDataError,
    fetch,
    sha256_of,
)

# --- Colours (lesson 04) ------------------------------------------------------------

COLORS_URLS = ("https://raw.githubusercontent.com/CodingTrain/ColorClassifer-TensorFlow.js/master/colorData.json",)
COLORS_SHA256 = "bc426dc9c5835875707509d84f26e37c74ff0c427d9c160f4ff94e48f671450a"
COLORS_COUNT = 5643
COLORS_SIZE = 741771  # bytes


def read_colors_json(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Parse and verify colorData.json: (rgb uint8 (N, 3), integer labels (N,))."""
    with open(path, "rb") as f:
        raw = f.read(COLORS_SIZE + 1)  # a larger file is not the original: no need to read it all
    if sha256_of(raw) != COLORS_SHA256:
        raise CorruptDataError("checksum does not match the original colorData.json")
    entries = json.loads(raw)["entries"]
    order = texts.COLOR_LABELS["en"]
    x = np.array([[e["r"], e["g"], e["b"]] for e in entries], dtype=np.uint8)
    y = np.array([order.index(e["label"]) for e in entries], dtype=np.int64)
    return x, y


def _colors_file(download_ok: bool = True) -> tuple[tuple[np.ndarray, np.ndarray], Path]:
    return fetch(
        "colors",
        "colorData.json",
        read_colors_json,
        urls=COLORS_URLS,
        sha256=COLORS_SHA256,
        download_ok=download_ok,
        max_bytes=COLORS_SIZE,
    )


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
