"""Figures for the lessons. Each function returns a matplotlib Figure and never
calls ``plt.show()``; pass ``ax``/``axes`` to draw into an existing figure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers import texts


def image_grid(images: np.ndarray, labels: Sequence[int], class_names: Sequence[str],
               n: int = 25, cols: int = 5, axes: Sequence[Axes] | None = None) -> Figure:
    """The first `n` images in a grid, each captioned with its class name (lesson 01).

    `images`: (N, H, W) grey or (N, H, W, 3) colour; `labels`: N integer labels
    indexing `class_names`. Pass `axes` (at least `n` of them) to draw into
    existing axes.
    """
    images = np.asarray(images)
    labels = np.asarray(labels)
    if images.ndim not in (3, 4):
        raise ValueError(f"images must have shape (N, height, width[, 3]), got {images.shape}")
    if len(labels) != len(images):
        raise ValueError(f"labels has {len(labels)} entries but images has {len(images)}")
    if not 1 <= n <= len(images):
        raise ValueError(f"n must be between 1 and {len(images)}, got {n}")
    bad = [int(v) for v in labels[:n] if not 0 <= v < len(class_names)]
    if bad:
        raise ValueError(f"labels {bad} have no entry in class_names ({len(class_names)} names)")
    if axes is None:
        rows = -(-n // cols)
        fig, grid = plt.subplots(rows, cols, figsize=(1.6 * cols, 1.8 * rows), squeeze=False)
        axes = list(grid.ravel())
        for extra in axes[n:]:
            extra.axis("off")
    elif len(axes) < n:
        raise ValueError(f"axes must hold at least n={n} Axes, got {len(axes)}")
    for ax, image, label in zip(axes, images[:n], labels[:n]):
        ax.imshow(image, cmap=plt.cm.binary if image.ndim == 2 else None)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel(class_names[int(label)], fontsize=9)
    fig = axes[0].figure
    fig.tight_layout()
    return fig


def _history_dict(history: Any) -> Mapping[str, Sequence[float]]:
    values = getattr(history, "history", history)  # a keras History or its .history dict
    if not isinstance(values, Mapping):
        raise TypeError(f"expected a keras History or a dict of lists, got {type(history).__name__}")
    return values


def plot_history(histories: Any, metrics: Sequence[str] = ("loss", "accuracy"),
                 axes: Sequence[Axes] | None = None) -> Figure:
    """Training curves: one panel per metric, training solid, validation dashed (lessons 01-04).

    `histories` is one keras History (or ``history.history`` dict), or a dict
    ``{run name: History}`` to compare several runs, one colour per run.
    Metrics missing from every run are left out; validation curves appear
    when ``val_<metric>`` is present.
    """
    runs = ({"": histories} if hasattr(histories, "history") or
            (isinstance(histories, Mapping) and all(isinstance(v, (list, tuple)) for v in histories.values()))
            else dict(histories))
    runs = {name: _history_dict(h) for name, h in runs.items()}
    shown = [m for m in metrics if any(m in h for h in runs.values())]
    if not shown:
        raise ValueError(f"none of the metrics {list(metrics)} is in the history; "
                         f"it has {sorted({k for h in runs.values() for k in h})}")
    if axes is None:
        fig, axes = plt.subplots(1, len(shown), figsize=(5 * len(shown), 3.6), squeeze=False)
        axes = list(axes.ravel())
    elif len(axes) < len(shown):
        raise ValueError(f"axes must hold {len(shown)} Axes (one per metric), got {len(axes)}")
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for ax, metric in zip(axes, shown):
        for i, (name, h) in enumerate(runs.items()):
            color = colors[i % len(colors)]
            prefix = f"{name} " if name else ""
            for key, style, part in ((metric, "-", "train"), (f"val_{metric}", "--", "val")):
                if key in h:
                    epochs = np.arange(1, len(h[key]) + 1)
                    ax.plot(epochs, h[key], style, color=color,
                            label=prefix + texts.both(texts.PLOT_LABELS[part]))
        ax.set_title(texts.both(texts.PLOT_LABELS.get(metric, (metric, metric))))
        ax.set_xlabel(texts.both(texts.PLOT_LABELS["epoch"]))
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig = axes[0].figure
    fig.tight_layout()
    return fig
