"""helpers.plots: image grid, training curves (lessons 01-04), prediction plots (lesson 02: colours are
properties, not pixels) and decision boundaries (lesson 05)."""

from __future__ import annotations

import matplotlib.colors as mcolors
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
    assert plots.image_grid(images(), np.ones(30, int), texts.class_names("fashion_mnist", "pt"), n=3, axes=axes) is fig
    assert axes[0].get_xlabel() == "Calça"
    plt.close(fig)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(images=np.zeros((5, 28)), labels=np.zeros(5, int)), "shape"),
        (dict(images=np.zeros((5, 28, 28)), labels=np.zeros(4, int)), "labels has 4"),
        (dict(images=np.zeros((5, 28, 28)), labels=np.zeros(5, int), n=6), "n must be"),
        (dict(images=np.zeros((5, 28, 28)), labels=np.full(5, 10), n=5), "no entry in class_names"),
    ],
)
def test_image_grid_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        plots.image_grid(class_names=NAMES, **kwargs)


HISTORY = {
    "loss": [1.0, 0.5, 0.3],
    "accuracy": [0.6, 0.8, 0.9],
    "val_loss": [1.1, 0.7, 0.6],
    "val_accuracy": [0.55, 0.75, 0.8],
}


def test_history_plot_training_solid_validation_dashed():
    fig = plots.plot_history(HISTORY)
    loss_ax, acc_ax = fig.axes
    styles = {line.get_label(): line.get_linestyle() for line in loss_ax.lines}
    assert styles == {texts.both(texts.LABELS["train"]): "-", texts.both(texts.LABELS["val"]): "--"}
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


# --- predictions (lesson 02) ------------------------------------------------------

ANIMALS = ["cat", "dog", "bird", "fish"]
IMAGE = np.zeros((8, 8))


def same(color, name):
    return mcolors.same_color(color, name)


def test_plot_image_right_is_blue_with_confidence_and_true_class():
    fig = plots.plot_image(IMAGE, [0.1, 0.7, 0.1, 0.1], 1, ANIMALS)
    label = fig.axes[0].xaxis.label
    assert label.get_text() == "dog 70% (dog)" and same(label.get_color(), "blue")
    plt.close(fig)


def test_plot_image_wrong_is_red():
    fig, ax = plt.subplots()
    assert plots.plot_image(IMAGE, [0.05, 0.05, 0.6, 0.3], 3, ANIMALS, ax=ax) is fig
    assert ax.get_xlabel() == "bird 60% (fish)" and same(ax.xaxis.label.get_color(), "red")
    plt.close(fig)


def test_value_array_predicted_red_true_blue_others_grey():
    fig = plots.plot_value_array([0.1, 0.2, 0.6, 0.1], 0, ANIMALS)
    ax = fig.axes[0]
    colours = [p.get_facecolor() for p in ax.patches]
    assert same(colours[2], "red") and same(colours[0], "blue")
    assert same(colours[1], plots.OTHER_COLOR) and same(colours[3], plots.OTHER_COLOR)
    np.testing.assert_allclose([p.get_height() for p in ax.patches], [0.1, 0.2, 0.6, 0.1])
    ticks = ax.get_xticklabels()
    assert [t.get_text() for t in ticks] == ANIMALS and ticks[0].get_rotation() == 45
    plt.close(fig)


def test_value_array_right_answer_is_one_blue_bar_and_works_without_names():
    fig = plots.plot_value_array(np.array([0.9, 0.05, 0.05]), 0)
    colours = [p.get_facecolor() for p in fig.axes[0].patches]
    assert same(colours[0], "blue") and not any(same(c, "red") for c in colours)
    plt.close(fig)


@pytest.mark.parametrize(
    "probabilities, label, names, message",
    [
        ([0.5, 0.5], 0, ANIMALS, "class_names has 4"),
        ([[0.5, 0.5]], 0, None, "one row"),
        ([0.5, 0.5], 2, None, "true_label"),
    ],
)
def test_value_array_rejects_mismatches(probabilities, label, names, message):
    with pytest.raises(ValueError, match=message):
        plots.plot_value_array(probabilities, label, names)


def test_plot_image_rejects_a_flat_image():
    with pytest.raises(ValueError, match="image must have shape"):
        plots.plot_image(np.zeros(64), [0.5, 0.5, 0, 0], 0, ANIMALS)


def test_prediction_grid_pairs_images_and_bars():
    rng = np.random.default_rng(0)
    probs = rng.dirichlet(np.ones(4), size=6)
    labels = np.array([0, 1, 2, 3, 0, 1])
    fig = plots.prediction_grid(np.zeros((6, 8, 8)), probs, labels, ANIMALS, rows=2, cols=3)
    assert len(fig.axes) == 12
    image_axes = fig.axes[0::2]
    for ax, p, y in zip(image_axes, probs, labels):
        right = int(np.argmax(p)) == y
        assert same(ax.xaxis.label.get_color(), "blue" if right else "red")
    assert all(len(ax.patches) == 4 for ax in fig.axes[1::2])
    key = fig.get_supxlabel()
    assert all(f"{i} {name}" in key for i, name in enumerate(ANIMALS)), "a key names every numbered bar"
    plt.close(fig)
    with pytest.raises(ValueError, match="only 6 images"):
        plots.prediction_grid(np.zeros((6, 8, 8)), probs, labels, ANIMALS, rows=3, cols=3)
    with pytest.raises(ValueError, match="as many"):
        plots.prediction_grid(np.zeros((5, 8, 8)), probs, labels, ANIMALS, rows=1, cols=3)


def test_value_array_without_a_true_label_marks_only_the_prediction():
    fig = plots.plot_value_array([0.2, 0.5, 0.3], None, ["a", "b", "c"])
    colours = [p.get_facecolor() for p in fig.axes[0].patches]
    assert same(colours[1], "red") and not any(same(c, "blue") for c in colours)
    plt.close(fig)


# --- decision boundaries (lesson 05) ---------------------------------------------


def test_decision_boundary_from_a_plain_function():
    x = np.random.default_rng(0).normal(size=(40, 2))
    y = (x[:, 0] > 0).astype(int)
    fig = plots.plot_decision_boundary(lambda p: (p[:, 0] > 0).astype(float), x, y, title="x > 0")
    ax = fig.axes[0]
    assert ax.get_title() == "x > 0" and len(ax.collections) >= 3  # filled contours, the 0.5 line, the points
    plt.close(fig)
    with pytest.raises(ValueError, match=r"shape \(N, 2\)"):
        plots.plot_decision_boundary(lambda p: p[:, 0], np.zeros((5, 3)), np.zeros(5))
    with pytest.raises(ValueError, match="one label per point"):
        plots.plot_decision_boundary(lambda p: p[:, 0], x, y[:-1])
    with pytest.raises(ValueError, match="one probability per point"):
        plots.plot_decision_boundary(lambda p: p[:3, 0], x, y)


def test_decision_boundary_from_a_keras_model():
    import keras

    x = np.random.default_rng(1).normal(size=(20, 2))
    m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, activation="sigmoid")])
    fig = plots.plot_decision_boundary(m, x, np.arange(20) % 2, resolution=20)
    assert len(fig.axes[0].collections) >= 3
    plt.close(fig)
