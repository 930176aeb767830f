"""Learner self-checks with instant feedback in both languages (all lessons).

- ``answer(question, given)``: checks a quiz or exercise answer whose key is in
  ``helpers.quiz.QUESTIONS``; prints why it is right or wrong.
- ``at_least(name, value, bound)`` and ``between(name, value, low, high)``:
  checkpoints that raise when a lesson stops reaching what its text says (CI
  runs every notebook, so it fails the build). ``name`` is an (English,
  Portuguese) pair, so each language's line reads whole.
- ``waiting(number, setting)``: what a learner sets to start an exercise's starter cell.
- ``check_compile(model, y)``: explains mismatches between a compiled model's
  output layer, loss, metrics and the labels (lesson 05).
"""

from __future__ import annotations

import math
import numbers
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from helpers import quiz, texts

WRAP = 88  # characters per printed line: fits a notebook's output area on a 1024-pixel screen


# The English line every checkpoint prints, read back by benchmarks/run.py; tests/sanitize.cfg masks
# its value in both languages (tests/test_checks.py checks both against what the checks print).
CHECKPOINT_LINE = re.compile(r"^✓ Checkpoint: (?P<name>.+) = (?P<value>-?\d+(?:\.\d+)?)"
                             r"(?: ≥ (?P<bound>-?[\d.]+)|, between (?P<low>-?[\d.]+) and (?P<high>-?[\d.]+))$",
                             re.MULTILINE)


def read_checkpoints(text: str) -> list[dict[str, str | None]]:
    """Every checkpoint a notebook's output `text` reached: name, value and bound or low/high."""
    return [m.groupdict() for m in CHECKPOINT_LINE.finditer(text)]


class CheckpointError(AssertionError):
    """A lesson no longer reaches the result it promises."""


def _names(name: str | tuple[str, str]) -> dict[str, str]:
    """The checkpoint's label in each language: a pair (en, pt), or one string used for both."""
    if isinstance(name, str):
        return {"name": name, "name_pt": name}
    if isinstance(name, tuple) and len(name) == 2 and all(isinstance(n, str) for n in name):
        return {"name": name[0], "name_pt": name[1]}
    raise TypeError(f"name must be a string or an (English, Portuguese) pair, got {name!r}")


def _number(value: object) -> float:
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        raise TypeError(f"value must be a number, got {type(value).__name__}")
    return float(value)


def _shown(value: object) -> str:
    """Whole numbers (epochs, counts) as they are; other values with 4 decimals."""
    return str(int(value)) if isinstance(value, numbers.Integral) else f"{_number(value):.4f}"


def at_least(name: str | tuple[str, str], value: float, bound: float) -> None:
    """Print a confirmation if ``value >= bound``, else raise CheckpointError (lessons 01-05)."""
    number, names = _number(value), _names(name)
    if math.isnan(number) or number < bound:
        raise CheckpointError(texts.message("checkpoint_failed", value=_shown(value), bound=bound, **names))
    print(texts.message("checkpoint_ok", value=_shown(value), bound=bound, **names))


def between(name: str | tuple[str, str], value: float, low: float, high: float) -> None:
    """Print a confirmation if ``low <= value <= high``, else raise CheckpointError (lessons 02-04).

    For claims such as "the lowest validation loss comes between epochs 20 and 30".
    """
    if low > high:
        raise ValueError(f"low must not exceed high, got {low} > {high}")
    number, names = _number(value), _names(name)
    if math.isnan(number) or not low <= number <= high:
        raise CheckpointError(texts.message("checkpoint_outside", value=_shown(value), low=low, high=high, **names))
    print(texts.message("checkpoint_between", value=_shown(value), low=low, high=high, **names))


def waiting(number: int, setting: str) -> None:
    """Tell the learner how to start exercise `number` of a starter cell (lessons 01-05)."""
    print(texts.message("exercise_waiting", number=number, setting=setting))


def answer(question: str, given: object) -> None:
    """Check the learner's answer to ``quiz.QUESTIONS[question]`` and explain it (lessons 01-05).

    `given` is a letter ("a".."d") for a multiple-choice question or a number
    for a numeric one; None means "not answered yet". Prints the verdict
    (it returns nothing, so a notebook cell shows only the explanation).
    """
    if question not in quiz.QUESTIONS:
        raise KeyError(f"unknown question {question!r}; known: {sorted(quiz.QUESTIONS)}")
    q = quiz.QUESTIONS[question]
    if isinstance(q, quiz.Choice):
        choices = sorted(q.feedback)
        if given is None:
            print(texts.message("not_answered", choices=f" ({', '.join(choices)})"))
            return
        letter = str(given).strip().lower().rstrip(")")
        if letter not in q.feedback:
            raise ValueError(texts.message("unknown_choice", given=given, choices=choices))
        right = letter == q.correct
        explanation = q.feedback[letter]
    else:
        if given is None:
            print(texts.message("not_answered", choices=""))
            return
        if not isinstance(given, numbers.Real) or isinstance(given, bool):
            raise TypeError(f"the answer to {question!r} must be a number, got {given!r}")
        right = abs(float(given) - q.correct) <= q.tolerance
        explanation = q.hint
    en, pt = texts.MESSAGES["right" if right else "wrong"]
    print(f"{en} {explanation[0]}\n{pt} {explanation[1]}")


# --- compile checklist (lesson 05) --------------------------------------------------

CROSS_ENTROPIES = ("binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy")


def label_format(y: object) -> str:
    """What the labels look like: "binary", "integer", "one-hot", "multi-hot" or "real" (lesson 05)."""
    y = np.asarray(y)
    if y.size == 0 or y.dtype.kind not in "biuf":
        raise TypeError(f"y must be a non-empty array of numbers, got {y.dtype} with shape {y.shape}")
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    whole = bool(np.all(y == np.round(y)))
    zero_one = whole and set(np.unique(y).tolist()) <= {0, 1}
    if y.ndim == 1:
        if zero_one:
            return "binary"
        return "integer" if whole and y.min() >= 0 else "real"
    if y.ndim == 2 and zero_one:
        return "one-hot" if np.all(y.sum(axis=1) == 1) else "multi-hot"
    return "real"


def _loss_name(loss: object) -> str:
    import keras

    if isinstance(loss, str):
        try:
            loss = keras.losses.get(loss)
        except ValueError:
            return f"unknown:{loss}"
    return str(getattr(loss, "name", None) or getattr(loss, "__name__", type(loss).__name__))


@dataclass(frozen=True)
class Compiled:
    """What check_compile reads from a compiled model and its labels (lesson 05)."""

    units: int
    activation: str  # "softmax", "sigmoid", "relu", ..., or "linear" for none
    loss: str  # Keras's name for it, or "unknown:<what was given>"
    from_logits: bool
    metrics: tuple[str, ...]
    labels: str  # label_format(y)
    top_label: int  # the largest label, for integer and binary labels
    label_width: int  # columns of one-hot or multi-hot labels


# The checklist of lesson 05 as rules, in the style of tensorflow/docs' nblint: (message key, when it
# applies). One rule, one message in helpers.texts, one row in tests/test_checks.py.
RULES: tuple[tuple[str, Callable[[Compiled], bool]], ...] = (
    ("compile_unknown_loss", lambda c: c.loss.startswith("unknown:")),
    ("compile_softmax_one_unit", lambda c: c.activation == "softmax" and c.units == 1),
    ("compile_sparse_needs_integers",
     lambda c: c.loss == "sparse_categorical_crossentropy" and c.labels in ("one-hot", "multi-hot")),
    ("compile_categorical_needs_one_hot",
     lambda c: c.loss == "categorical_crossentropy" and c.labels in ("integer", "binary")),
    ("compile_too_few_units",
     lambda c: c.loss in CROSS_ENTROPIES[1:] and c.labels in ("integer", "binary") and c.top_label >= c.units),
    ("compile_width_mismatch", lambda c: c.labels in ("one-hot", "multi-hot") and c.label_width != c.units),
    ("compile_binary_needs_zero_one", lambda c: c.loss == "binary_crossentropy" and c.labels in ("integer", "one-hot")),
    ("compile_sigmoid_with_categorical",
     lambda c: c.loss in CROSS_ENTROPIES[1:] and c.activation == "sigmoid" and not c.from_logits),
    ("compile_softmax_with_binary",
     lambda c: c.loss == "binary_crossentropy" and c.activation == "softmax" and c.units > 1),
    ("compile_logits_twice",
     lambda c: c.loss in CROSS_ENTROPIES and c.from_logits and c.activation in ("softmax", "sigmoid")),
    ("compile_logits_not_declared",
     lambda c: c.loss in CROSS_ENTROPIES and not c.from_logits and c.activation not in ("softmax", "sigmoid")),
    ("compile_real_labels_with_cross_entropy", lambda c: c.labels == "real" and c.loss in CROSS_ENTROPIES),
    ("compile_mse_on_softmax", lambda c: c.loss == "mean_squared_error" and c.activation == "softmax"),
    ("compile_accuracy_for_regression",
     lambda c: c.labels == "real" and any(m in ("accuracy", "acc") for m in c.metrics)),
)


def _from_logits(loss: object) -> bool:
    config: dict[str, object] = loss.get_config() if hasattr(loss, "get_config") else {}
    return bool(config.get("from_logits", False))


def read_compiled(model: object, y: object) -> Compiled:
    """The facts of `model` (compiled) and labels `y` that the checklist rules look at (lesson 05)."""
    if not getattr(model, "compiled", False):
        raise ValueError("model must be compiled first: call model.compile(optimizer, loss, metrics)")
    last = model.layers[-1]  # type: ignore[attr-defined]
    labels = label_format(y)
    y = np.asarray(y)
    return Compiled(
        units=int(model.outputs[0].shape[-1]),  # type: ignore[attr-defined]
        activation="softmax" if type(last).__name__ == "Softmax" else getattr(
            getattr(last, "activation", None), "__name__", "linear"),
        loss=_loss_name(model.loss),  # type: ignore[attr-defined]
        from_logits=_from_logits(model.loss),  # type: ignore[attr-defined]
        metrics=tuple(m if isinstance(m, str) else getattr(m, "name", "") for m in
                      (model.get_compile_config().get("metrics") or [])),  # type: ignore[attr-defined]
        labels=labels,
        top_label=int(y.max()) if labels in ("integer", "binary") else 0,
        label_width=int(y.shape[-1]) if labels in ("one-hot", "multi-hot") else 0,
    )


def check_compile(model: object, y: object) -> list[str]:
    """Explain, in both languages, every mismatch between a compiled model and labels `y` (lesson 05).

    Checks the output layer (units, activation), the loss (name, from_logits),
    the metrics and the label format against the checklist of lesson 05 (RULES).
    Prints each problem and returns them; prints nothing when all is well.
    """
    c = read_compiled(model, y)
    fields = {"units": c.units, "activation": c.activation, "loss": c.loss, "labels": c.labels,
              "name": c.loss.removeprefix("unknown:"), "top": c.top_label, "top_plus_one": c.top_label + 1,
              "width": c.label_width}
    found = [texts.message(key, **fields) for key, applies in RULES if applies(c)]
    for problem in found:  # wrapped between words: a notebook's output area breaks long lines anywhere
        print("\n".join(textwrap.fill(line, width=WRAP, subsequent_indent="  ") for line in problem.splitlines()))
    return found
