"""Learner self-checks with instant feedback in both languages (all lessons).

- ``answer(question, given)``: checks a quiz or exercise answer whose key is in
  ``helpers.quiz.QUESTIONS``; prints why it is right or wrong.
- ``at_least(name, value, bound)`` and ``between(name, value, low, high)``:
  the course's checks (checkpoints in the code; they print "✓ Course check"),
  which raise when a lesson stops reaching what its text says (CI runs every
  notebook, so it fails the build). ``name`` is an (English,
  Portuguese) pair, so each language's line reads whole.
- ``waiting(number, setting)``: what a learner sets to start an exercise's starter cell.
- ``check_compile(model, y)``: explains mismatches between a compiled model's
  output layer, loss, metrics and the labels (lesson 05); its rules and
  messages live in ``helpers.checklist``.
"""

from __future__ import annotations

import math
import numbers
import re

from helpers import quiz, texts
from helpers.checklist import check_compile, label_format

__all__ = [
    "CHECKPOINT_LINE",
    "CheckpointError",
    "answer",
    "at_least",
    "between",
    "check_compile",
    "label_format",
    "read_checkpoints",
    "waiting",
]

# The English line every checkpoint prints, read back by benchmarks/run.py; tests/sanitize.cfg masks
# its value in both languages (tests/test_checks.py checks both against what the checks print).
CHECKPOINT_LINE = re.compile(
    r"^✓ Course check: (?P<name>.+) = (?P<value>-?\d+(?:\.\d+)?)"
    r"(?: ≥ (?P<bound>-?[\d.]+)|, between (?P<low>-?[\d.]+) and (?P<high>-?[\d.]+))$",
    re.MULTILINE,
)


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


def _fields(value: object, **numbers_shown: object) -> dict[str, str]:
    """`value` and each bound as printed: with a decimal point in English, a decimal comma in Portuguese."""
    shown = {"value": _shown(value), **{k: str(v) for k, v in numbers_shown.items()}}
    return {**shown, **{f"{k}_pt": v.replace(".", ",") for k, v in shown.items()}}


def at_least(name: str | tuple[str, str], value: float, bound: float) -> None:
    """Print a confirmation if ``value >= bound``, else raise CheckpointError (lessons 01-05)."""
    number, names = _number(value), _names(name)
    if math.isnan(number) or number < bound:
        raise CheckpointError(texts.message("checkpoint_failed", **_fields(value, bound=bound), **names))
    print(texts.message("checkpoint_ok", **_fields(value, bound=bound), **names))


def between(name: str | tuple[str, str], value: float, low: float, high: float) -> None:
    """Print a confirmation if ``low <= value <= high``, else raise CheckpointError (lessons 01-05).

    For claims such as "the lowest validation loss comes between epochs 20 and 30".
    """
    if low > high:
        raise ValueError(f"low must not exceed high, got {low} > {high}")
    number, names = _number(value), _names(name)
    if math.isnan(number) or not low <= number <= high:
        raise CheckpointError(texts.message("checkpoint_outside", **_fields(value, low=low, high=high), **names))
    print(texts.message("checkpoint_between", **_fields(value, low=low, high=high), **names))


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
