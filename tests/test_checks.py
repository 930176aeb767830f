"""helpers.checks (course checks, answers), helpers.quiz and helpers.texts; the checklist is in test_checklist.py."""

from __future__ import annotations

import re
import string

import pytest

from helpers import checks, quiz, texts


def test_at_least_passes_and_prints_both_languages(capsys):
    assert checks.at_least("test accuracy", 0.88, 0.87) is None
    out = capsys.readouterr().out
    assert "✓ Course check: test accuracy = 0.8800 ≥ 0.87" in out and "Verificação do curso" in out


@pytest.mark.parametrize("value", [0.86, float("nan")])
def test_at_least_raises_below_the_bound(value):
    with pytest.raises(checks.CheckpointError, match="below the 0.87") as info:
        checks.at_least("test accuracy", value, 0.87)
    assert "abaixo" in str(info.value)


def test_at_least_wants_a_number():
    with pytest.raises(TypeError, match="number"):
        checks.at_least("x", "0.9", 0.5)


def test_checkpoint_names_are_bilingual(capsys):
    checks.at_least(("test accuracy", "acurácia de teste"), 0.88, 0.87)
    en, pt = capsys.readouterr().out.splitlines()
    assert en == "✓ Course check: test accuracy = 0.8800 ≥ 0.87"
    assert pt == "✓ Verificação do curso: acurácia de teste = 0,8800 ≥ 0,87"
    with pytest.raises(checks.CheckpointError, match="acurácia de teste = 0,5000, abaixo dos 0,87"):
        checks.at_least(("test accuracy", "acurácia de teste"), 0.5, 0.87)
    with pytest.raises(TypeError, match="pair"):
        checks.at_least(("only English",), 0.9, 0.5)


def test_between_passes_inside_the_range_and_raises_outside(capsys):
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


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(texts.MESSAGES))
def test_every_message_exists_in_both_languages_with_the_same_fields(key):
    en, pt = texts.MESSAGES[key]
    assert en.strip() and pt.strip() and en != pt
    portuguese_only = {
        "system_hint_pt": "system_hint",
        "name_pt": "name",  # the same field, translated
        **{f"{n}_pt": n for n in ("value", "bound", "low", "high")},
    }  # with a decimal comma
    assert fields(en) == {portuguese_only.get(f, f) for f in fields(pt)}


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


def test_class_names():
    en, pt = texts.class_names("fashion_mnist", "en"), texts.class_names("fashion_mnist", "pt")
    assert len(en) == len(pt) == 10 and en[9] == "Ankle boot" and pt[7] == "Tênis"
    with pytest.raises(ValueError, match="lang"):
        texts.class_names("fashion_mnist", "de")
    with pytest.raises(ValueError, match="dataset"):
        texts.class_names("mnist")


def test_message_puts_english_first():
    text = texts.message("corrupt_file", path="p", reason="r")
    assert re.fullmatch(r"Ignoring .*\nIgnorando .*", text)


def test_correct_letters_are_spread_over_the_choices():
    letters = [q.correct for q in quiz.QUESTIONS.values() if isinstance(q, quiz.Choice)]
    assert set(letters) == {"a", "b", "c", "d"}
    assert max(letters.count(x) for x in set(letters)) <= len(letters) // 2


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
