"""Learner self-checks with instant feedback in both languages (all lessons).

- ``answer(question, given)``: checks a quiz or exercise answer whose key is in
  ``helpers.texts.QUESTIONS``; prints why it is right or wrong.
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

import numpy as np

from helpers import texts


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
    return str(int(value)) if isinstance(value, numbers.Integral) else f"{float(value):.4f}"


def at_least(name: str | tuple[str, str], value: float, bound: float) -> None:
    """Print a confirmation if ``value >= bound``, else raise CheckpointError."""
    number, names = _number(value), _names(name)
    if math.isnan(number) or number < bound:
        raise CheckpointError(texts.message("checkpoint_failed", value=_shown(value), bound=bound, **names))
    print(texts.message("checkpoint_ok", value=_shown(value), bound=bound, **names))


def between(name: str | tuple[str, str], value: float, low: float, high: float) -> None:
    """Print a confirmation if ``low <= value <= high``, else raise CheckpointError.

    For claims such as "the lowest validation loss comes between epochs 20 and 30".
    """
    if low > high:
        raise ValueError(f"low must not exceed high, got {low} > {high}")
    number, names = _number(value), _names(name)
    if math.isnan(number) or not low <= number <= high:
        raise CheckpointError(texts.message("checkpoint_outside", value=_shown(value), low=low, high=high, **names))
    print(texts.message("checkpoint_between", value=_shown(value), low=low, high=high, **names))


def waiting(number: int, setting: str) -> None:
    """Tell the learner how to start exercise `number` of a starter cell (all lessons)."""
    print(texts.message("exercise_waiting", number=number, setting=setting))


def answer(question: str, given: object) -> None:
    """Check the learner's answer to ``texts.QUESTIONS[question]`` and explain it.

    `given` is a letter ("a".."d") for a multiple-choice question or a number
    for a numeric one; None means "not answered yet". Prints the verdict
    (it returns nothing, so a notebook cell shows only the explanation).
    """
    if question not in texts.QUESTIONS:
        raise KeyError(f"unknown question {question!r}; known: {sorted(texts.QUESTIONS)}")
    q = texts.QUESTIONS[question]
    if q["kind"] == "choice":
        choices = sorted(q["feedback"])
        if given is None:
            print(texts.message("not_answered", choices=f" ({', '.join(choices)})"))
            return
        letter = str(given).strip().lower().rstrip(")")
        if letter not in q["feedback"]:
            raise ValueError(texts.message("unknown_choice", given=given, choices=choices))
        right = letter == q["correct"]
        explanation = q["feedback"][letter]
    else:
        if given is None:
            print(texts.message("not_answered", choices=""))
            return
        if not isinstance(given, numbers.Real) or isinstance(given, bool):
            raise TypeError(f"the answer to {question!r} must be a number, got {given!r}")
        right = abs(float(given) - q["correct"]) <= q["tolerance"]
        explanation = q["hint"]
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
            return "unknown:" + loss
    return getattr(loss, "name", None) or getattr(loss, "__name__", type(loss).__name__)


def check_compile(model: object, y: object) -> list[str]:
    """Explain, in both languages, every mismatch between a compiled model and labels `y` (lesson 05).

    Checks the output layer (units, activation), the loss (name, from_logits),
    the metrics and the label format against the checklist of lesson 05.
    Prints each problem and returns them; prints nothing when all is well.
    """
    if not getattr(model, "compiled", False):
        raise ValueError("model must be compiled first: call model.compile(optimizer, loss, metrics)")
    last = model.layers[-1]
    units = int(model.outputs[0].shape[-1])
    activation = "softmax" if type(last).__name__ == "Softmax" else getattr(
        getattr(last, "activation", None), "__name__", "linear")
    loss = _loss_name(model.loss)
    from_logits = bool(getattr(model.loss, "get_config", lambda: {})().get("from_logits", False))
    metrics = [m if isinstance(m, str) else getattr(m, "name", "") for m in
               (model.get_compile_config().get("metrics") or [])]
    labels = label_format(y)
    y = np.asarray(y)
    found = []

    def say(key: str, **fields: object) -> None:
        found.append(texts.message(key, units=units, activation=activation, loss=loss, labels=labels, **fields))

    if loss.startswith("unknown:"):
        say("compile_unknown_loss", name=loss[len("unknown:"):])
    if activation == "softmax" and units == 1:
        say("compile_softmax_one_unit")
    if loss == "sparse_categorical_crossentropy" and labels in ("one-hot", "multi-hot"):
        say("compile_sparse_needs_integers")
    if loss == "categorical_crossentropy" and labels in ("integer", "binary"):
        say("compile_categorical_needs_one_hot")
    if loss in CROSS_ENTROPIES[1:] and labels in ("integer", "binary") and y.max() >= units:
        say("compile_too_few_units", top=int(y.max()), top_plus_one=int(y.max()) + 1)
    if labels in ("one-hot", "multi-hot") and y.shape[-1] != units:
        say("compile_width_mismatch", width=y.shape[-1])
    if loss == "binary_crossentropy" and labels in ("integer", "one-hot"):
        say("compile_binary_needs_zero_one")
    if loss in CROSS_ENTROPIES[1:] and activation == "sigmoid" and not from_logits:
        say("compile_sigmoid_with_categorical")
    if loss == "binary_crossentropy" and activation == "softmax" and units > 1:
        say("compile_softmax_with_binary")
    if loss in CROSS_ENTROPIES and from_logits and activation in ("softmax", "sigmoid"):
        say("compile_logits_twice")
    if loss in CROSS_ENTROPIES and not from_logits and activation not in ("softmax", "sigmoid"):
        say("compile_logits_not_declared")
    if labels == "real" and loss in CROSS_ENTROPIES:
        say("compile_real_labels_with_cross_entropy")
    if loss == "mean_squared_error" and activation == "softmax":
        say("compile_mse_on_softmax")
    if labels == "real" and any(m in ("accuracy", "acc") for m in metrics):
        say("compile_accuracy_for_regression")
    for problem in found:  # wrapped between words: a notebook's output area breaks long lines anywhere
        print("\n".join(textwrap.fill(line, width=WRAP, subsequent_indent="  ") for line in problem.splitlines()))
    return found
