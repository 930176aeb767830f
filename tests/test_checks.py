"""helpers.checks (course checks, answers).

helpers.quiz and helpers.texts are tested in test_quiz.py and test_texts.py, the checklist in test_checklist.py.
"""

from __future__ import annotations

import math
import os
import re

import pytest

from helpers import checks
from tools import lessons


@pytest.fixture
def strict(monkeypatch):
    """The course's own tests, refresh and the answer key: a failing check raises."""
    monkeypatch.setenv("COURSE_STRICT_CHECKS", "1")


@pytest.fixture
def learner(monkeypatch):
    """A learner's run: no COURSE_STRICT_CHECKS."""
    monkeypatch.delenv("COURSE_STRICT_CHECKS", raising=False)


def test_at_least_passes_and_prints_both_languages(capsys):
    assert checks.at_least("test accuracy", 0.88, 0.87) is None
    out = capsys.readouterr().out
    assert "✓ Course check: test accuracy = 0.8800 ≥ 0.87" in out and "Verificação do curso" in out


@pytest.mark.parametrize("value", [0.86, float("nan")])
def test_at_least_raises_below_the_bound(value, strict):
    with pytest.raises(checks.CheckpointError, match="below the 0.87") as info:
        checks.at_least("test accuracy", value, 0.87)
    assert "abaixo" in str(info.value)


def test_at_least_wants_a_number():
    with pytest.raises(TypeError, match="number"):
        checks.at_least("x", "0.9", 0.5)


def test_checkpoint_names_are_bilingual(capsys, strict):
    checks.at_least(("test accuracy", "acurácia de teste"), 0.88, 0.87)
    en, pt = capsys.readouterr().out.splitlines()
    assert en == "✓ Course check: test accuracy = 0.8800 ≥ 0.87"
    assert pt == "✓ Verificação do curso: acurácia de teste = 0,8800 ≥ 0,87"
    with pytest.raises(checks.CheckpointError, match="acurácia de teste = 0,5000, abaixo dos 0,87"):
        checks.at_least(("test accuracy", "acurácia de teste"), 0.5, 0.87)
    with pytest.raises(TypeError, match="pair"):
        checks.at_least(("only English",), 0.9, 0.5)


def test_between_passes_inside_the_range_and_raises_outside(capsys, strict):
    checks.between(("best epoch", "melhor época"), 25, 20, 30)
    en, pt = capsys.readouterr().out.splitlines()
    assert en == "✓ Course check: best epoch = 25, between 20 and 30"
    assert pt == "✓ Verificação do curso: melhor época = 25, entre 20 e 30"
    checks.between("edge", 20.0, 20, 30)
    assert "edge = 20.0000, between" in capsys.readouterr().out
    checks.between("edge", 30, 20, 30)
    for value in (19, 31, float("nan")):
        with pytest.raises(checks.CheckpointError, match="outside the range 20 to 30") as info:
            checks.between(("best epoch", "melhor época"), value, 20, 30)
        assert "fora do intervalo" in str(info.value)
    with pytest.raises(ValueError, match="low must not exceed high"):
        checks.between("x", 1, 2, 1)
    with pytest.raises(TypeError, match="number"):
        checks.between("x", None, 0, 1)


def test_answer_choice(capsys):
    checks.answer("epoch", "a")
    assert capsys.readouterr().out.startswith("✓ Right!")
    checks.answer("epoch", " D) ")
    out = capsys.readouterr().out
    assert out.startswith("✗ Not quite.") and "Ainda não." in out and "número de épocas" in out


def test_answer_not_answered_and_invalid(capsys):
    checks.answer("epoch", None)
    assert "(a, b, c, d)" in capsys.readouterr().out
    with pytest.raises(ValueError, match="not one of the options"):
        checks.answer("epoch", "e")
    with pytest.raises(KeyError, match="unknown question"):
        checks.answer("no-such-question", "a")


def test_waiting_says_what_to_set_in_both_languages(capsys):
    checks.waiting(3, "run_raw = True")
    assert capsys.readouterr().out.splitlines() == [
        "Exercise 3: set run_raw = True above and run this cell again.",
        "Exercício 3: defina run_raw = True acima e rode esta célula de novo.",
    ]


def test_answer_number(capsys):
    checks.answer("steps_batch_64", 938)
    assert capsys.readouterr().out.startswith("✓")
    checks.answer("steps_batch_64", 937.5)
    assert capsys.readouterr().out.startswith("✗")
    with pytest.raises(TypeError, match="must be a number"):
        checks.answer("steps_batch_64", "938")


def sanitized(text: str) -> str:
    """`text` as nbval sees it through tests/sanitize.cfg."""
    from pathlib import Path

    lines = (Path(__file__).parent / "sanitize.cfg").read_text().splitlines()
    for regex, replace in zip(lines[0::2], lines[1::2]):
        text = re.sub(regex.removeprefix("regex: "), replace.removeprefix("replace: "), text, flags=re.MULTILINE)
    return text


def test_checkpoint_lines_are_read_back_and_masked_for_nbval(capsys):
    checks.at_least(("test accuracy", "acurácia de teste"), 0.8812, 0.87)
    checks.between(("best epoch", "melhor época"), 14, 8, 15)
    checks.at_least(("gain", "ganho"), -0.25, -1)
    out = capsys.readouterr().out
    assert checks.read_checkpoints(out) == [
        {"name": "test accuracy", "value": "0.8812", "bound": "0.87", "low": None, "high": None},
        {"name": "best epoch", "value": "14", "bound": None, "low": "8", "high": "15"},
        {"name": "gain", "value": "-0.2500", "bound": "-1", "low": None, "high": None},
    ]
    masked = sanitized(out)
    assert "0.8812" not in masked and "= 14" not in masked and "-0.25" not in masked
    assert masked.count("= #") == 6, "both languages masked"


def test_the_course_tests_and_refresh_run_the_checks_strictly(monkeypatch):
    assert os.environ.get("COURSE_STRICT_CHECKS") == "1", "set by conftest.py, inherited by nbval's kernels"
    monkeypatch.setenv("COURSE_STRICT_CHECKS", "0")
    lessons.course_environment()
    assert os.environ["COURSE_STRICT_CHECKS"] == "1", "refresh and the answer key fail on a failing check"


def test_a_failing_check_in_a_learners_run_says_what_differs_and_goes_on(learner, capsys):
    assert checks.at_least(("test accuracy", "acurácia de teste"), 0.5, 0.87) is None
    assert checks.between(("best epoch", "melhor época"), 31, 20, 30) is None
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "✗ Course check not met: test accuracy = 0.5000, below 0.87. This run differs from the lesson's text "
        "(another computer, backend or library version, or a change you made); the lesson goes on.",
        "✗ Verificação do curso não atingida: acurácia de teste = 0,5000, abaixo de 0,87. Esta execução difere "
        "do texto da lição (outro computador, backend ou versão de biblioteca, ou uma mudança sua); a lição "
        "continua.",
        "✗ Course check not met: best epoch = 31, outside 20 to 30. This run differs from the lesson's text "
        "(another computer, backend or library version, or a change you made); the lesson goes on.",
        "✗ Verificação do curso não atingida: melhor época = 31, fora de 20 a 30. Esta execução difere "
        "do texto da lição (outro computador, backend ou versão de biblioteca, ou uma mudança sua); a lição "
        "continua.",
    ]
    assert checks.read_checkpoints(out) == [], "a missed check is not read back as passed"
    assert "#" not in sanitized(out) and sanitized(out) == out, "nbval's masking leaves it as printed"
    checks.at_least("nan value", math.nan, 0.5)
    assert "nan value = nan, below 0.5" in capsys.readouterr().out


def test_a_nan_or_infinite_bound_is_refused(learner):  # probe FAIL 10
    with pytest.raises(ValueError, match="bound must be a finite number, got nan") as info:
        checks.at_least("acc", 0.1, math.nan)
    assert "bound deve ser um número finito" in str(info.value)
    with pytest.raises(ValueError, match="low must be a finite number"):
        checks.between("acc", 0.1, math.nan, 1)
    with pytest.raises(ValueError, match="high must be a finite number"):
        checks.between("acc", 0.1, 0, math.inf)


@pytest.mark.parametrize("bound", ["0.5", None, True, [0.5]])
def test_bounds_must_be_numbers(bound, learner):  # probe WEAK: bounds not type-checked
    with pytest.raises(TypeError, match="bound must be a number") as info:
        checks.at_least("acc", 0.9, bound)
    assert "bound deve ser um número" in str(info.value)
    with pytest.raises(TypeError, match="low must be a number"):
        checks.between("acc", 0.9, bound, 1)
    with pytest.raises(TypeError, match="high must be a number"):
        checks.between("acc", 0.9, 0, bound)


def test_answer_wants_a_question_key():  # probe WEAK: answer(["epoch"], ...) gave "unhashable type"
    with pytest.raises(TypeError, match="question must be the name of a question") as info:
        checks.answer(["epoch"], "a")
    assert "question deve ser o nome" in str(info.value)


@pytest.mark.parametrize("given", [10**400, -(10**400), math.inf, math.nan], ids=["1e400", "-1e400", "inf", "nan"])
def test_answer_beyond_any_float_is_wrong(given, capsys):  # probe WEAK: answer(q, 10**400) gave OverflowError
    checks.answer("steps_batch_64", given)
    assert capsys.readouterr().out.startswith("✗ Not quite.")


def test_a_huge_answer_is_not_echoed_whole():  # probe WEAK: a 10-million-character answer was echoed whole
    with pytest.raises(ValueError, match="not one of the options") as info:
        checks.answer("epoch", "x" * 10_000_000)
    assert len(str(info.value)) < 400 and "não é uma das opções" in str(info.value)
    with pytest.raises(TypeError, match="must be a number") as info:
        checks.answer("steps_batch_64", "9" * 10_000_000)
    assert len(str(info.value)) < 400 and "deve ser um número" in str(info.value)


def test_an_exercise_result_is_the_learners_own_line_not_a_course_check(learner, capsys):
    """Review R3-03: a starter cell's check says "Exercise N" in words; a course check's reader skips it."""
    checks.at_least(("scaled minus raw", "escalado menos cru"), 0.124, 0.0, exercise=1)
    checks.between(("best epoch", "melhor época"), 6, 3, 8, exercise=4)
    checks.at_least(("scaled minus raw", "escalado menos cru"), -0.1, 0.0, exercise=1)
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == [
        "✓ Exercise 1: scaled minus raw = 0.1240 ≥ 0.0, as the exercise expects",
        "✓ Exercício 1: escalado menos cru = 0,1240 ≥ 0,0, como o exercício espera",
        "✓ Exercise 4: best epoch = 6, between 3 and 8, as the exercise expects",
        "✓ Exercício 4: melhor época = 6, entre 3 e 8, como o exercício espera",
    ]
    assert out[4].startswith("✗ Exercise 1: scaled minus raw = -0.1000, below 0.0: not what the exercise expects.")
    assert out[5].startswith("✗ Exercício 1: escalado menos cru = -0,1000, abaixo de 0,0: não é o que o exercício")
    assert checks.read_checkpoints("\n".join(out)) == []
    with pytest.raises(TypeError, match="exercise"):
        checks.at_least("x", 1.0, 0.0, exercise="1")  # type: ignore[arg-type]


def test_an_exercise_that_misses_still_fails_the_answer_key(strict):
    with pytest.raises(checks.CheckpointError, match="Course check failed: x = 0.0000, below the 1"):
        checks.at_least("x", 0.0, 1.0, exercise=2)
