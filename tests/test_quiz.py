"""helpers.quiz: every lesson's questions (helpers/quiz.json) as typed records; where each is asked is a lesson rule
(tools/rules.py, quiz-questions) and checks.answer is in test_checks.py."""

from __future__ import annotations

import pytest

from helpers import quiz


@pytest.mark.parametrize("key", sorted(quiz.QUESTIONS))
def test_every_question_is_answerable_and_bilingual(key):
    q = quiz.QUESTIONS[key]
    if isinstance(q, quiz.Choice):
        assert q.correct in q.feedback and sorted(q.feedback) == ["a", "b", "c", "d"]
        pairs = list(q.feedback.values())
    else:
        assert isinstance(q, quiz.Number) and q.tolerance >= 0
        pairs = [q.hint]
    for en, pt in pairs:
        assert en.strip() and pt.strip() and en != pt


def test_correct_letters_are_spread_over_the_choices():
    letters = [q.correct for q in quiz.QUESTIONS.values() if isinstance(q, quiz.Choice)]
    assert set(letters) == {"a", "b", "c", "d"}
    assert max(letters.count(x) for x in set(letters)) <= len(letters) // 2
