"""helpers.plots: the image grid and the training-history plot (lesson 01 and later)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import plots, texts

NAMES = texts.class_names("fashion_mnist", "en")


def images(n=30):
    return np.random.default_rng(0).integers(0, 256, (n, 28, 28), dtype=np.uint8)


def test_image_grid_captions_each_image_with_its_class():
    labels = np.arange(30) % 10
    fig = plots.image_grid(images(), labels, NAMES, n=25)
    assert isinstance(fig, Figure)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 25
    assert [ax.get_xlabel() for ax in shown] == [NAMES[i % 10] for i in range(25)]
    plt.close(fig)


def test_image_grid_hides_unused_cells_and_accepts_axes():
    fig = plots.image_grid(images(), np.zeros(30, int), NAMES, n=7, cols=5)
    assert len(fig.axes) == 10 and sum(ax.axison for ax in fig.axes) == 7
    plt.close(fig)
    fig, axes = plt.subplots(1, 3)
    assert plots.image_grid(images(), np.ones(30, int), texts.class_names("fashion_mnist", "pt"),
                            n=3, axes=axes) is fig
    assert axes[0].get_xlabel() == "Calça"
    plt.close(fig)


@pytest.mark.parametrize("kwargs, message", [
    (dict(images=np.zeros((5, 28)), labels=np.zeros(5, int)), "shape"),
    (dict(images=np.zeros((5, 28, 28)), labels=np.zeros(4, int)), "labels has 4"),
    (dict(images=np.zeros((5, 28, 28)), labels=np.zeros(5, int), n=6), "n must be"),
    (dict(images=np.zeros((5, 28, 28)), labels=np.full(5, 10), n=5), "no entry in class_names"),
])
def test_image_grid_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        plots.image_grid(class_names=NAMES, **kwargs)


HISTORY = {"loss": [1.0, 0.5, 0.3], "accuracy": [0.6, 0.8, 0.9],
           "val_loss": [1.1, 0.7, 0.6], "val_accuracy": [0.55, 0.75, 0.8]}


def test_history_plot_training_solid_validation_dashed():
    fig = plots.plot_history(HISTORY)
    loss_ax, acc_ax = fig.axes
    styles = {line.get_label(): line.get_linestyle() for line in loss_ax.lines}
    assert styles == {texts.both(texts.PLOT_LABELS["train"]): "-", texts.both(texts.PLOT_LABELS["val"]): "--"}
    np.testing.assert_array_equal(loss_ax.lines[0].get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(acc_ax.lines[1].get_ydata(), HISTORY["val_accuracy"])
    assert "perda" in loss_ax.get_title() and "acurácia" in acc_ax.get_title()
    plt.close(fig)


class FakeHistory:  # what keras.callbacks.History looks like to the helper
    def __init__(self, history):
        self.history = history


def test_history_plot_compares_runs_one_colour_each():
    runs = {"raw": FakeHistory({"loss": [3.0, 2.0]}), "scaled": FakeHistory({"loss": [0.5, 0.4]})}
    fig = plots.plot_history(runs)
    (ax,) = fig.axes  # accuracy is absent from both runs, so only the loss panel
    colours = {line.get_label().split()[0]: line.get_color() for line in ax.lines}
    assert set(colours) == {"raw", "scaled"} and colours["raw"] != colours["scaled"]
    plt.close(fig)


def test_history_plot_rejects_bad_input():
    with pytest.raises(ValueError, match="none of the metrics"):
        plots.plot_history({"mae": [1, 2]})
    with pytest.raises(TypeError, match="History"):
        plots.plot_history({"run": 42})
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="one per metric"):
        plots.plot_history(HISTORY, axes=[ax])
    plt.close(fig)


def test_history_plot_styles_dots_for_training():
    fig = plots.plot_history(HISTORY, metrics=["loss"], styles=("o", "-"))
    train, val = fig.axes[0].lines
    assert (train.get_marker(), train.get_linestyle()) == ("o", "None")
    assert val.get_linestyle() == "-"
    plt.close(fig)
