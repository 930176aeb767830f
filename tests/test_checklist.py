"""helpers.checklist: the compile checklist of lesson 05. Every row passes silently, every mismatch is explained."""

from __future__ import annotations

import re

import keras
import numpy as np
import pytest

from helpers import checklist, checks

# Models are compiled, never trained, so this stays fast.

N, K = 12, 4
BINARY = np.arange(N) % 2
INTEGER = np.arange(N) % K
ONE_HOT = np.eye(K)[INTEGER]
MULTI_HOT = (np.arange(N * K).reshape(N, K) % 3 == 0).astype("float32")
REAL = np.linspace(-1.5, 2.5, N)


def model(units, activation, loss, metrics=("accuracy",)):
    m = keras.Sequential(
        [keras.Input((3,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(units, activation=activation)]
    )
    m.compile(optimizer="adam", loss=loss, metrics=list(metrics))
    return m


CHECKLIST = {  # problem type: (units, activation, loss, metrics, labels)
    "binary": (1, "sigmoid", "binary_crossentropy", ["accuracy"], BINARY),
    "multi-class, integer labels": (K, "softmax", "sparse_categorical_crossentropy", ["accuracy"], INTEGER),
    "multi-class, one-hot labels": (K, "softmax", "categorical_crossentropy", ["accuracy"], ONE_HOT),
    "multi-label": (K, "sigmoid", "binary_crossentropy", ["binary_accuracy"], MULTI_HOT),
    "regression": (1, None, "mean_squared_error", ["mae"], REAL),
}


@pytest.mark.parametrize("row", list(CHECKLIST))
def test_every_checklist_row_passes_silently(row, capsys):
    units, activation, loss, metrics, y = CHECKLIST[row]
    assert checklist.check_compile(model(units, activation, loss, metrics), y) == []
    assert capsys.readouterr().out == ""


def test_logits_with_from_logits_pass_silently():
    m = model(K, None, keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    assert checklist.check_compile(m, INTEGER) == []
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(K), keras.layers.Softmax()])
    m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    assert checklist.check_compile(m, INTEGER) == []


MISMATCHES = {  # name: (units, activation, loss, metrics, labels, words the explanation must contain)
    "softmax over one unit": (1, "softmax", "binary_crossentropy", ["accuracy"], BINARY, "always outputs 1.0"),
    "integer labels, categorical loss": (
        K,
        "softmax",
        "categorical_crossentropy",
        ["accuracy"],
        INTEGER,
        "to_categorical",
    ),
    "one-hot labels, sparse loss": (K, "softmax", "sparse_categorical_crossentropy", ["accuracy"], ONE_HOT, "argmax"),
    "too few output units": (2, "softmax", "sparse_categorical_crossentropy", ["accuracy"], INTEGER, "up to 3"),
    "one-hot width differs": (K + 1, "softmax", "categorical_crossentropy", ["accuracy"], ONE_HOT, "5 unit(s)"),
    "binary loss on class numbers": (K, "sigmoid", "binary_crossentropy", ["accuracy"], INTEGER, "0/1 answers"),
    "sigmoid with a categorical loss": (
        K,
        "sigmoid",
        "sparse_categorical_crossentropy",
        ["accuracy"],
        INTEGER,
        "do not add up to 1",
    ),
    "softmax with binary loss (multi-label)": (K, "softmax", "binary_crossentropy", ["accuracy"], MULTI_HOT, "compete"),
    "softmax with binary loss, one-hot labels (review R6-01)": (
        K,
        "softmax",
        "binary_crossentropy",
        ["accuracy"],
        ONE_HOT,
        "categorical_crossentropy",
    ),
    "binary labels, several units, binary loss": (2, "softmax", "binary_crossentropy", ["accuracy"], BINARY, "Dense(1"),
    "categorical loss over one unit (review R7-03)": (1, "sigmoid", "categorical_crossentropy", [], BINARY, "about 0"),
    "multi-label with a categorical loss (review R7-01)": (
        K,
        "softmax",
        "categorical_crossentropy",
        ["accuracy"],
        MULTI_HOT,
        "binary_crossentropy",
    ),
    "MSE on multi-label (exercise 1's option d)": (
        2,
        None,
        "mean_squared_error",
        ["mae"],
        MULTI_HOT[:, :2],
        "cross-entropy",
    ),
    "one regression target, several units (review R8-01)": (4, None, "mean_squared_error", ["mae"], REAL, "Dense(1)"),
    "softmax on a regression target (review R8-05)": (1, "softmax", "mean_squared_error", ["mae"], REAL, "add up to 1"),
    "class numbers beyond a sigmoid (review R8-02)": (1, "sigmoid", "mean_squared_error", ["mae"], INTEGER, "up to 3"),
    "accuracy on class numbers predicted as numbers (review R9-05)": (
        1,
        None,
        "mean_squared_error",
        ["accuracy"],
        INTEGER,
        "If they are classes",
    ),
    "MSE on class numbers": (K, "softmax", "mean_squared_error", [], INTEGER, "shape error"),
    "sigmoid on a regression target": (1, "sigmoid", "mean_squared_error", ["mae"], REAL, "linear output"),
    "accuracy on one logit (review R7-07)": (
        1,
        None,
        keras.losses.BinaryCrossentropy(from_logits=True),
        ["accuracy"],
        BINARY,
        "threshold=0.0",
    ),
    "logits, probabilities expected": (
        K,
        None,
        "sparse_categorical_crossentropy",
        ["accuracy"],
        INTEGER,
        "from_logits=True",
    ),
    "classification loss on real numbers": (1, None, "binary_crossentropy", ["accuracy"], REAL, "mean_squared_error"),
    "MSE on softmax": (K, "softmax", "mean_squared_error", ["accuracy"], ONE_HOT, "slowly"),
    "accuracy for regression": (1, None, "mean_squared_error", ["accuracy"], REAL, "mae"),
    "accuracy for multi-label (review R5-06)": (
        K,
        "sigmoid",
        "binary_crossentropy",
        ["accuracy"],
        MULTI_HOT,
        "binary_accuracy",
    ),
    "misspelled loss": (K, "softmax", "categoricalCrossentropy", ["accuracy"], ONE_HOT, "knows no loss"),
    "no loss (probe FAIL 11)": (1, "sigmoid", None, ["accuracy"], BINARY, "without a loss"),
}


@pytest.mark.parametrize("name", list(MISMATCHES))
def test_every_mismatch_is_explained_in_both_languages(name, capsys):
    units, activation, loss, metrics, y, words = MISMATCHES[name]
    found = checklist.check_compile(model(units, activation, loss, metrics), y)
    assert found and any(words in problem for problem in found), found
    assert words in capsys.readouterr().out
    for problem in found:  # English line, then the Portuguese line of the same rule
        en, pt = problem.splitlines()
        rule = next(r for r in checklist.RULES if template(r.en).fullmatch(en))
        assert template(rule.pt).fullmatch(pt) and pt != en, (rule.name, pt)


def template(text: str):
    """A message template as a regex: its {fields} match anything."""
    import re

    parts = re.split(r"\{[^}]*\}", text)
    return re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL)


@pytest.mark.parametrize("activation", ["softmax", "sigmoid"])
def test_one_hot_labels_with_binary_loss_get_one_fix(activation, capsys):  # review R6-01: two rules, opposite fixes
    found = checklist.check_compile(model(K, activation, "binary_crossentropy"), ONE_HOT)
    assert len(found) == 1 and "loss='categorical_crossentropy'" in found[0] and "sigmoid" not in found[0], found


ONE_FIX = {  # review R7-01, R7-02, R7-03: (units, activation, loss, labels, the one fix every message agrees on)
    "sigmoid, categorical loss, multi-label": (
        K,
        "sigmoid",
        "categorical_crossentropy",
        MULTI_HOT,
        "binary_crossentropy",
    ),
    "softmax, categorical loss, multi-label": (
        K,
        "softmax",
        "categorical_crossentropy",
        MULTI_HOT,
        "binary_crossentropy",
    ),
    "sparse loss, multi-label": (K, "sigmoid", "sparse_categorical_crossentropy", MULTI_HOT, "binary_crossentropy"),
    "binary loss on a regression target": (1, None, "binary_crossentropy", REAL, "mean_squared_error"),
    "sigmoid, categorical loss, regression": (1, "sigmoid", "categorical_crossentropy", REAL, "mean_squared_error"),
    "one sigmoid unit, categorical loss, yes/no": (
        1,
        "sigmoid",
        "categorical_crossentropy",
        BINARY,
        "binary_crossentropy",
    ),
    "one softmax unit, multi-label (review R8-03)": (1, "softmax", "categorical_crossentropy", MULTI_HOT, "sigmoid"),
    "one softmax unit, multi-label, binary loss": (1, "softmax", "binary_crossentropy", MULTI_HOT, "sigmoid"),
    "one softmax unit, sparse loss, yes/no (review R9-03)": (
        1,
        "softmax",
        "sparse_categorical_crossentropy",
        BINARY,
        "Dense(2)",
    ),
    "one softmax unit, binary logits (review R9-02)": (
        1,
        "softmax",
        keras.losses.BinaryCrossentropy(from_logits=True),
        BINARY,
        "sigmoid",
    ),
    "one linear unit, binary loss, class numbers": (
        1,
        None,
        "binary_crossentropy",
        INTEGER,
        "Dense(4, activation='softmax')",
    ),
}


@pytest.mark.parametrize("name", list(ONE_FIX))
def test_a_mix_up_gets_one_fix_not_two_opposite_ones(name, capsys):
    units, activation, loss, y, fix = ONE_FIX[name]
    found = checklist.check_compile(model(units, activation, loss, ["mae"]), y)
    fixes = [p for p in found if p.startswith("✗") and not p.startswith("✗ Each label row has")]  # width: agrees
    assert len(fixes) == 1 and fix in fixes[0], found


@pytest.mark.parametrize("activation", ["softmax", "sigmoid"])
def test_logits_applied_twice(activation):  # review R10-01: on JAX the loss's own activation goes on top
    m = model(K, activation, keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    found = checklist.check_compile(m, INTEGER)
    assert any(f"on JAX the loss applies its own activation on top of the {activation}" in p for p in found), found


@pytest.mark.parametrize(
    "y, kind",
    [
        (BINARY, "binary"),
        (INTEGER, "integer"),
        (INTEGER[:, None], "integer"),
        (ONE_HOT, "one-hot"),
        (MULTI_HOT, "multi-hot"),
        (REAL, "real"),
        (np.array([0.0, 1.0, 1.0]), "binary"),
    ],
)
def test_label_format(y, kind):
    assert checklist.label_format(y) == kind


def test_bad_arguments():
    with pytest.raises(TypeError, match="array of numbers"):
        checklist.label_format(np.array(["cat", "dog"]))
    uncompiled = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="compiled first"):
        checklist.check_compile(uncompiled, BINARY)


def test_printed_problems_wrap_between_words(capsys):
    found = checklist.check_compile(model(1, "softmax", "categorical_crossentropy"), INTEGER)
    printed = capsys.readouterr().out
    assert max(len(line) for line in printed.splitlines()) <= checklist.WRAP
    assert " ".join(printed.split()) == " ".join(" ".join(found).split()), "wrapped, not cut"


def test_every_rule_has_a_row_here_and_its_message_in_both_languages():
    triggered = set()
    cases = [
        (model(units, activation, loss, metrics), y) for units, activation, loss, metrics, y, _ in MISMATCHES.values()
    ]
    cases.append((model(K, "softmax", keras.losses.SparseCategoricalCrossentropy(from_logits=True)), INTEGER))
    for m, y in cases:
        compiled = checklist.read_compiled(m, y)
        triggered |= {rule.name for rule in checklist.RULES if rule.applies(compiled)}
    assert triggered == {rule.name for rule in checklist.RULES}
    fields = {"units", "activation", "loss", "labels", "name", "top", "top_plus_one", "width"}
    for rule in checklist.RULES:
        en, pt = (set(re.findall(r"\{(\w+)", text)) for text in (rule.en, rule.pt))
        assert en == pt and en <= fields and rule.en != rule.pt, rule.name


def test_lesson_05_calls_the_checklist_through_checks():
    assert checks.check_compile is checklist.check_compile


@pytest.mark.parametrize("bad", [np.inf, -np.inf, np.nan])
def test_labels_must_be_finite(bad):  # probe WEAK: inf labels gave OverflowError, NaN labels read as regression
    y = np.array([0.0, 1.0, bad, 1.0])
    with pytest.raises(ValueError, match="y must hold finite numbers: 1 of 4") as info:
        checklist.label_format(y)
    assert "y deve conter números finitos" in str(info.value)
    with pytest.raises(ValueError, match="finite"):
        checklist.check_compile(model(1, "sigmoid", "binary_crossentropy"), y)
