"""The quizzes and exercises of every lesson, checked by ``helpers.checks.answer`` (all lessons).

The questions live in ``quiz.json`` (data, not code); each is loaded as a typed
record that names its lesson; its feedback is in both
languages, English first. ``tests/test_notebooks.py`` checks that every
question is asked in the lesson it names, and ``tests/test_checks.py`` that
every one can be answered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Choice:
    """A multiple-choice question: one letter is right, every letter has its explanation."""

    lesson: str
    correct: str
    feedback: dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Number:
    """A question answered with a number, right within `tolerance`; `hint` explains the answer."""

    lesson: str
    correct: float
    tolerance: float
    hint: tuple[str, str]


Question = Choice | Number


def _record(key: str, fields: dict) -> Question:
    """One question of quiz.json as its typed record; a malformed entry names itself."""
    try:
        kind = fields.pop("kind")
        if kind == "choice":
            feedback = {letter: (en, pt) for letter, (en, pt) in fields.pop("feedback").items()}
            question: Question = Choice(feedback=feedback, **fields)
            if question.correct not in feedback:
                raise ValueError(f"the correct letter {question.correct!r} has no feedback")
        elif kind == "number":
            en, pt = fields.pop("hint")
            question = Number(hint=(en, pt), **fields)
        else:
            raise ValueError(f"unknown kind {kind!r}")
    except (KeyError, TypeError, ValueError) as err:
        raise ValueError(f"quiz.json: question {key!r} is malformed: {err}") from None
    return question


def _load() -> dict[str, Question]:
    text = (Path(__file__).with_name("quiz.json")).read_text(encoding="utf-8")
    return {key: _record(key, fields) for key, fields in json.loads(text).items()}


QUESTIONS: dict[str, Question] = _load()
