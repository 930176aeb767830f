"""Figures for the lessons. Each function returns a matplotlib Figure and never
calls ``plt.show()``; pass ``ax``/``axes`` to draw into an existing figure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from helpers import texts


def image_grid(
    images: np.ndarray,
    labels: ArrayLike,
    class_names: Sequence[str],
    n: int = 25,
    cols: int = 5,
    axes: Sequence[Axes] | None = None,
) -> Figure:
    """The first `n` images in a grid, each captioned with its class name (lessons 01, 04).

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
    fig = _figure(axes[0])
    fig.tight_layout()
    return fig


def _history_dict(history: Any) -> Mapping[str, Sequence[float]]:
    values = getattr(history, "history", history)  # a keras History or its .history dict
    if not isinstance(values, Mapping):
        raise TypeError(f"expected a keras History or a dict of lists, got {type(history).__name__}")
    return values


def plot_history(
    histories: Any,
    metrics: Sequence[str] = ("loss", "accuracy"),
    axes: Sequence[Axes] | None = None,
    styles: tuple[str, str] = ("-", "--"),
) -> Figure:
    """Training curves: one panel per metric, training solid, validation dashed (lessons 01-04).

    `histories` is one keras History (or ``history.history`` dict), or a dict
    ``{run name: History}`` to compare several runs, one colour per run.
    Metrics missing from every run are left out; validation curves appear
    when ``val_<metric>`` is present. `styles` are the matplotlib line styles
    of training and validation: ``("o", "-")`` draws training as dots and
    validation as a line, like the classic IMDB text (lesson 03).
    """
    runs = (
        {"": histories}
        if hasattr(histories, "history")
        or (isinstance(histories, Mapping) and all(isinstance(v, (list, tuple)) for v in histories.values()))
        else dict(histories)
    )
    runs = {name: _history_dict(h) for name, h in runs.items()}
    shown = [m for m in metrics if any(m in h for h in runs.values())]
    if not shown:
        raise ValueError(
            f"none of the metrics {list(metrics)} is in the history; "
            f"it has {sorted({k for h in runs.values() for k in h})}"
        )
    if axes is None:
        _, grid = plt.subplots(1, len(shown), figsize=(5 * len(shown), 3.6), squeeze=False)
        axes = list(grid.ravel())
    elif len(axes) < len(shown):
        raise ValueError(f"axes must hold {len(shown)} Axes (one per metric), got {len(axes)}")
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for ax, metric in zip(axes, shown):
        for i, (name, h) in enumerate(runs.items()):
            color = colors[i % len(colors)]
            prefix = f"{name} " if name else ""
            for key, style, part in ((metric, styles[0], "train"), (f"val_{metric}", styles[1], "val")):
                if key in h:
                    epochs = np.arange(1, len(h[key]) + 1)
                    ax.plot(epochs, h[key], style, color=color, label=prefix + texts.both(texts.LABELS[part]))
        ax.set_title(texts.both(texts.LABELS.get(metric, (metric, metric))))
        ax.set_xlabel(texts.both(texts.LABELS["epoch"]))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig = _figure(axes[0])
    fig.tight_layout()
    return fig


def _figure(ax: Axes) -> Figure:
    """The figure `ax` belongs to (matplotlib types it as Figure or SubFigure)."""
    return cast(Figure, ax.figure)


# --- Predictions (lesson 02) ------------------------------------------------------

RIGHT_COLOR, WRONG_COLOR, OTHER_COLOR = "blue", "red", "#777777"


def _check_prediction(
    probabilities: np.ndarray, true_label: int | None, class_names: Sequence[str] | None
) -> np.ndarray:
    probabilities = np.asarray(probabilities, dtype=float)
    if probabilities.ndim != 1 or probabilities.size < 2:
        raise ValueError(f"probabilities must be one row of per-class values, got shape {probabilities.shape}")
    if class_names is not None and len(class_names) != probabilities.size:
        raise ValueError(f"class_names has {len(class_names)} names but probabilities has {probabilities.size} values")
    if true_label is not None and not 0 <= int(true_label) < probabilities.size:
        raise ValueError(f"true_label must be a class index from 0 to {probabilities.size - 1}, got {true_label}")
    return probabilities


def plot_image(
    image: np.ndarray, probabilities: np.ndarray, true_label: int, class_names: Sequence[str], ax: Axes | None = None
) -> Figure:
    """The image, captioned "predicted confidence% (true)": blue when right, red when wrong (lesson 02)."""
    probabilities = _check_prediction(probabilities, true_label, class_names)
    image = np.asarray(image)
    if image.ndim not in (2, 3):
        raise ValueError(f"image must have shape (height, width[, 3]), got {image.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(2.4, 2.6))
    predicted = int(np.argmax(probabilities))
    ax.imshow(image, cmap=plt.cm.binary if image.ndim == 2 else None)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    ax.set_xlabel(
        f"{class_names[predicted]} {100 * probabilities[predicted]:.0f}% ({class_names[int(true_label)]})",
        color=RIGHT_COLOR if predicted == int(true_label) else WRONG_COLOR,
    )
    return _figure(ax)


def plot_value_array(
    probabilities: np.ndarray, true_label: int | None, class_names: Sequence[str] | None = None, ax: Axes | None = None
) -> Figure:
    """Bar chart of the class probabilities: predicted bar red, true bar blue (lesson 04).

    `prediction_grid` draws its bars with it; lesson 02 defines its own, as the tutorial does.

    With `class_names`, the x ticks show them rotated 45 degrees; without, the
    ticks are the class indices. `true_label=None` (no known answer, e.g. a
    colour the learner picked) leaves only the predicted bar red.
    """
    probabilities = _check_prediction(probabilities, true_label, class_names)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(2.4, 0.45 * probabilities.size), 2.6))
    bars = ax.bar(range(probabilities.size), probabilities, color=OTHER_COLOR)
    bars[int(np.argmax(probabilities))].set_color(WRONG_COLOR)
    if true_label is not None:
        bars[int(true_label)].set_color(RIGHT_COLOR)  # right answer: the one bar is blue
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.grid(False)
    ax.set_xticks(range(probabilities.size))
    if class_names is not None:
        ax.set_xticklabels(class_names, rotation=45, ha="right", fontsize=8)
    return _figure(ax)


def prediction_grid(
    images: np.ndarray,
    probabilities: np.ndarray,
    labels: ArrayLike,
    class_names: Sequence[str],
    rows: int = 5,
    cols: int = 3,
) -> Figure:
    """The first rows x cols images, each beside its probability bars (lesson 02).

    The bars are numbered by class; a key under the grid names every class number.
    """
    images, probabilities, labels = np.asarray(images), np.asarray(probabilities), np.asarray(labels)
    if probabilities.ndim != 2 or len(probabilities) != len(images) or len(labels) != len(images):
        raise ValueError(
            f"need as many images {images.shape}, probability rows {probabilities.shape} and labels {labels.shape}"
        )
    if rows * cols > len(images):
        raise ValueError(f"rows * cols = {rows * cols} but only {len(images)} images")
    fig, axes = plt.subplots(rows, 2 * cols, figsize=(4.4 * cols, 2.2 * rows), squeeze=False)
    for i in range(rows * cols):
        row, col = divmod(i, cols)
        plot_image(images[i], probabilities[i], labels[i], class_names, ax=axes[row, 2 * col])
        plot_value_array(probabilities[i], labels[i], ax=axes[row, 2 * col + 1])
    # The bars are too small for names under each one: one key for the whole grid.
    keys = [f"{i} {name}" for i, name in enumerate(class_names)]
    half = (len(keys) + 1) // 2
    fig.supxlabel("    ".join(keys[:half]) + "\n" + "    ".join(keys[half:]), fontsize=10)
    fig.tight_layout()
    return fig


# --- Decision boundaries (lesson 05) ----------------------------------------------


def plot_decision_boundary(
    predict: Any, x: np.ndarray, y: ArrayLike, ax: Axes | None = None, title: str | None = None, resolution: int = 200
) -> Figure:
    """Shade where a binary classifier says 1, with the 2-D points on top (lesson 05).

    `predict` is a Keras model or any function mapping an (N, 2) array to N
    probabilities of class 1 (shape (N,) or (N, 1)); the boundary is where it
    crosses 0.5.
    """
    x = np.asarray(x, dtype="float32")
    y = np.asarray(y)
    if x.ndim != 2 or x.shape[1] != 2:
        raise ValueError(f"x must have shape (N, 2): two features to draw, got {x.shape}")
    if y.shape != (len(x),):
        raise ValueError(f"y must have one label per point, shape ({len(x)},), got {y.shape}")
    if hasattr(predict, "predict"):
        model = predict
        # batches of 4096: the 40,000 grid points in 10 steps instead of 1,250 at Keras's default 32
        predict = lambda points: model.predict(points, batch_size=4096, verbose=0)  # noqa: E731
    pad = 0.5
    (x0, y0), (x1, y1) = x.min(axis=0) - pad, x.max(axis=0) + pad
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = np.column_stack([gx.ravel(), gy.ravel()]).astype("float32")
    p = np.asarray(predict(grid), dtype=float).reshape(-1)
    if p.size != grid.shape[0]:
        raise ValueError(f"predict must return one probability per point, got {p.size} for {grid.shape[0]}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 3.6))
    ax.contourf(gx, gy, p.reshape(gx.shape), levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
    ax.contour(gx, gy, p.reshape(gx.shape), levels=[0.5], colors="k", linewidths=1.5)
    ax.scatter(x[:, 0], x[:, 1], c=y, cmap="RdBu_r", edgecolors="k", linewidths=0.4, s=14)
    if title:
        ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    return _figure(ax)
