"""helpers.plots prediction plots (lesson 02): colours are properties, not pixels."""

from __future__ import annotations

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots

NAMES = ["cat", "dog", "bird", "fish"]
IMAGE = np.zeros((8, 8))


def same(color, name):
    return mcolors.same_color(color, name)


def test_plot_image_right_is_blue_with_confidence_and_true_class():
    fig = plots.plot_image(IMAGE, [0.1, 0.7, 0.1, 0.1], 1, NAMES)
    label = fig.axes[0].xaxis.label
    assert label.get_text() == "dog 70% (dog)" and same(label.get_color(), "blue")
    plt.close(fig)


def test_plot_image_wrong_is_red():
    fig, ax = plt.subplots()
    assert plots.plot_image(IMAGE, [0.05, 0.05, 0.6, 0.3], 3, NAMES, ax=ax) is fig
    assert ax.get_xlabel() == "bird 60% (fish)" and same(ax.xaxis.label.get_color(), "red")
    plt.close(fig)


def test_value_array_predicted_red_true_blue_others_grey():
    fig = plots.plot_value_array([0.1, 0.2, 0.6, 0.1], 0, NAMES)
    ax = fig.axes[0]
    colours = [p.get_facecolor() for p in ax.patches]
    assert same(colours[2], "red") and same(colours[0], "blue")
    assert same(colours[1], plots.OTHER_COLOR) and same(colours[3], plots.OTHER_COLOR)
    np.testing.assert_allclose([p.get_height() for p in ax.patches], [0.1, 0.2, 0.6, 0.1])
    ticks = ax.get_xticklabels()
    assert [t.get_text() for t in ticks] == NAMES and ticks[0].get_rotation() == 45
    plt.close(fig)


def test_value_array_right_answer_is_one_blue_bar_and_works_without_names():
    fig = plots.plot_value_array(np.array([0.9, 0.05, 0.05]), 0)
    colours = [p.get_facecolor() for p in fig.axes[0].patches]
    assert same(colours[0], "blue") and not any(same(c, "red") for c in colours)
    plt.close(fig)


@pytest.mark.parametrize("probabilities, label, names, message", [
    ([0.5, 0.5], 0, NAMES, "class_names has 4"),
    ([[0.5, 0.5]], 0, None, "one row"),
    ([0.5, 0.5], 2, None, "true_label"),
])
def test_value_array_rejects_mismatches(probabilities, label, names, message):
    with pytest.raises(ValueError, match=message):
        plots.plot_value_array(probabilities, label, names)


def test_plot_image_rejects_a_flat_image():
    with pytest.raises(ValueError, match="image must have shape"):
        plots.plot_image(np.zeros(64), [0.5, 0.5, 0, 0], 0, NAMES)


def test_prediction_grid_pairs_images_and_bars():
    rng = np.random.default_rng(0)
    probs = rng.dirichlet(np.ones(4), size=6)
    labels = np.array([0, 1, 2, 3, 0, 1])
    fig = plots.prediction_grid(np.zeros((6, 8, 8)), probs, labels, NAMES, rows=2, cols=3)
    assert len(fig.axes) == 12
    image_axes = fig.axes[0::2]
    for ax, p, y in zip(image_axes, probs, labels):
        right = int(np.argmax(p)) == y
        assert same(ax.xaxis.label.get_color(), "blue" if right else "red")
    assert all(len(ax.patches) == 4 for ax in fig.axes[1::2])
    key = fig.get_supxlabel()
    assert all(f"{i} {name}" in key for i, name in enumerate(NAMES)), "a key names every numbered bar"
    plt.close(fig)
    with pytest.raises(ValueError, match="only 6 images"):
        plots.prediction_grid(np.zeros((6, 8, 8)), probs, labels, NAMES, rows=3, cols=3)
    with pytest.raises(ValueError, match="as many"):
        plots.prediction_grid(np.zeros((5, 8, 8)), probs, labels, NAMES, rows=1, cols=3)


def test_value_array_without_a_true_label_marks_only_the_prediction():
    fig = plots.plot_value_array([0.2, 0.5, 0.3], None, ["a", "b", "c"])
    colours = [p.get_facecolor() for p in fig.axes[0].patches]
    assert same(colours[1], "red") and not any(same(c, "blue") for c in colours)
    plt.close(fig)
