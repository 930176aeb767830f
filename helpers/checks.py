"""Learner self-checks with instant feedback in both languages (all lessons).

- ``answer(question, given)``: checks a quiz or exercise answer whose key is in
  ``helpers.quiz.QUESTIONS``; prints why it is right or wrong.
- ``at_least(name, value, bound)`` and ``between(name, value, low, high)``:
  the course's checks (checkpoints in the code). A check that holds prints
  "✓ Course check: ..." (English, then Portuguese). One that fails depends on
  who runs it:

  - the course's own tests (nbval, the Colab simulation, refresh and the answer
    key set ``COURSE_STRICT_CHECKS=1``) raise CheckpointError, so the build
    fails when a lesson stops reaching what its text says;
  - a learner's run prints one "✗" line per language, saying which value missed
    which bound and that this run differs from the lesson's text (another
    computer, backend or library version, or a change the learner made), and
    returns, so Run All goes on.

  ``name`` is an (English, Portuguese) pair, so each language's line reads
  whole; the bounds must be finite numbers. In an exercise's starter cell,
  ``exercise=N`` labels the line "Exercise N" instead: the learner's own
  result, said in words, not a course check.
- ``waiting(number, setting)``: what a learner sets to start an exercise's starter cell.
- ``check_compile(model, y)``: explains mismatches between a compiled model's
  output layer, loss, metrics and the labels (lesson 05); its rules and
  messages live in ``helpers.checklist``.

A learner's wrong argument gets a TypeError or ValueError naming it, in both languages.
"""

from __future__ import annotations

import math
import numbers
import os
import re
from collections.abc import Mapping

from helpers import quiz, texts
from helpers.checklist import check_compile, label_format

__all__ = [
    "CHECKPOINT_LINE",
    "STRICT",
    "CheckpointError",
    "answer",
    "at_least",
    "between",
    "check_compile",
    "label_format",
    "read_checkpoints",
    "waiting",
]

# Set to "1" by the course's tests (conftest.py) and tools.lessons.course_environment: a failing check raises.
STRICT = "COURSE_STRICT_CHECKS"

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


def _short(value: object, limit: int = 60) -> str:
    """`value`'s repr, cut to about `limit` characters: an error never echoes a huge argument whole."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}…"


def _names(name: str | tuple[str, str]) -> dict[str, str]:
    """The checkpoint's label in each language: a pair (en, pt), or one string used for both."""
    if isinstance(name, str):
        return {"name": name, "name_pt": name}
    if isinstance(name, tuple) and len(name) == 2 and all(isinstance(n, str) for n in name):
        return {"name": name[0], "name_pt": name[1]}
    raise TypeError(texts.message("checkpoint_name", got=_short(name)))


def _number(value: object, argument: str = "value") -> float:
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        raise TypeError(
            texts.message("argument_number", argument=argument, got=f"{_short(value)} ({type(value).__name__})")
        )
    return float(value)


def _bound(value: object, argument: str) -> float:
    """A bound of a check: a finite number (a NaN bound would let every value pass)."""
    number = _number(value, argument)
    if not math.isfinite(number):
        raise ValueError(texts.message("argument_finite", argument=argument, got=_short(value)))
    return number


def _shown(value: object) -> str:
    """Whole numbers (epochs, counts) as they are; other values with 4 decimals."""
    return str(int(value)) if isinstance(value, numbers.Integral) else f"{_number(value):.4f}"


def _fields(value: object, **numbers_shown: object) -> dict[str, str]:
    """`value` and each bound as printed: with a decimal point in English, a decimal comma in Portuguese."""
    shown = {"value": _shown(value), **{k: str(v) for k, v in numbers_shown.items()}}
    return {**shown, **{f"{k}_pt": v.replace(".", ",") for k, v in shown.items()}}


def _missed(strict_key: str, learner_key: str, fields: Mapping[str, object]) -> None:
    """A check that failed: raise in the course's tests (STRICT), else tell the learner and go on."""
    if os.environ.get(STRICT) == "1":
        raise CheckpointError(texts.message(strict_key, **fields))
    print(texts.message(learner_key, **fields))


def _kind(exercise: int | None) -> str:
    """The messages' prefix: a course check's, or exercise `exercise`'s (a whole number from 1)."""
    if exercise is None:
        return "checkpoint"
    if not isinstance(exercise, int) or isinstance(exercise, bool) or exercise < 1:
        raise TypeError(texts.message("argument_number", argument="exercise", got=_short(exercise)))
    return "exercise"


def at_least(name: str | tuple[str, str], value: float, bound: float, exercise: int | None = None) -> None:
    """Confirm ``value >= bound``, or say it missed (raise CheckpointError under STRICT) (lessons 01-05)."""
    number, names, kind = _number(value), _names(name), _kind(exercise)
    _bound(bound, "bound")
    fields = {**_fields(value, bound=bound), **names, "exercise": exercise}
    if math.isnan(number) or number < bound:
        _missed("checkpoint_failed", f"{kind}_missed", fields)
    else:
        print(texts.message(f"{kind}_ok", **fields))


def between(name: str | tuple[str, str], value: float, low: float, high: float, exercise: int | None = None) -> None:
    """Confirm ``low <= value <= high``, or say it missed (raise CheckpointError under STRICT) (lessons 01-05).

    For claims such as "the lowest validation loss comes between epochs 20 and 30".
    """
    number, names, kind = _number(value), _names(name), _kind(exercise)
    if _bound(low, "low") > _bound(high, "high"):
        raise ValueError(texts.message("checkpoint_low_high", low=low, high=high))
    fields = {**_fields(value, low=low, high=high), **names, "exercise": exercise}
    if math.isnan(number) or not low <= number <= high:
        _missed("checkpoint_outside", f"{kind}_missed_range", fields)
    else:
        print(texts.message(f"{kind}_between", **fields))


def waiting(number: int, setting: str) -> None:
    """Tell the learner how to start exercise `number` of a starter cell (lessons 01-05)."""
    print(texts.message("exercise_waiting", number=number, setting=setting))


def answer(question: str, given: object) -> None:
    """Check the learner's answer to ``quiz.QUESTIONS[question]`` and explain it (lessons 01-05).

    `given` is a letter ("a".."d") for a multiple-choice question or a number
    for a numeric one; None means "not answered yet". Prints the verdict
    (it returns nothing, so a notebook cell shows only the explanation).
    """
    if not isinstance(question, str):
        raise TypeError(texts.message("answer_question", got=f"{_short(question)} ({type(question).__name__})"))
    if question not in quiz.QUESTIONS:
        raise KeyError(f"unknown question {_short(question)}; known: {sorted(quiz.QUESTIONS)}")
    q = quiz.QUESTIONS[question]
    if isinstance(q, quiz.Choice):
        choices = sorted(q.feedback)
        if given is None:
            print(texts.message("not_answered", choices=f" ({', '.join(choices)})"))
            return
        letter = str(given).strip().lower().rstrip(")")
        if letter not in q.feedback:
            raise ValueError(texts.message("unknown_choice", given=_short(given), choices=choices))
        right = letter == q.correct
        explanation = q.feedback[letter]
    else:
        if given is None:
            print(texts.message("not_answered", choices=""))
            return
        if not isinstance(given, numbers.Real) or isinstance(given, bool):
            raise TypeError(texts.message("answer_number", question=question, given=_short(given)))
        try:
            number = float(given)
        except OverflowError:  # an integer beyond any float (10**400): as far from the answer as can be
            number = math.inf
        right = abs(number - q.correct) <= q.tolerance
        explanation = q.hint
    en, pt = texts.MESSAGES["right" if right else "wrong"]
    print(f"{en} {explanation[0]}\n{pt} {explanation[1]}")
