"""Learner self-checks with instant feedback in both languages (all lessons).

- ``answer(question, given)``: checks a quiz or exercise answer whose key is in
  ``helpers.texts.QUESTIONS``; prints why it is right or wrong.
- ``at_least(name, value, bound)``: a checkpoint that raises when a lesson stops
  reaching what it promises (CI runs every notebook, so it fails the build).
"""

from __future__ import annotations

import math
import numbers

from helpers import texts


class CheckpointError(AssertionError):
    """A lesson no longer reaches the result it promises."""


def at_least(name: str, value: float, bound: float) -> None:
    """Print a confirmation if ``value >= bound``, else raise CheckpointError."""
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        raise TypeError(f"value must be a number, got {type(value).__name__}")
    value = float(value)
    if math.isnan(value) or value < bound:
        raise CheckpointError(texts.message("checkpoint_failed", name=name, value=value, bound=bound))
    print(texts.message("checkpoint_ok", name=name, value=value, bound=bound))


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
