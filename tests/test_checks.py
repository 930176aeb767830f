"""helpers.checks (checkpoints, answers, the compile checklist of lesson 05), helpers.quiz and helpers.texts."""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import re  # noqa: E402
import string  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import checks, quiz, texts  # noqa: E402


def test_at_least_passes_and_prints_both_languages(capsys):
    assert checks.at_least("test accuracy", 0.88, 0.87) is None
    out = capsys.readouterr().out
    assert "✓ Checkpoint: test accuracy = 0.8800 ≥ 0.87" in out and "Ponto de controle" in out


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
    assert en == "✓ Checkpoint: test accuracy = 0.8800 ≥ 0.87"
    assert pt == "✓ Ponto de controle: acurácia de teste = 0.8800 ≥ 0.87"
    with pytest.raises(checks.CheckpointError, match="acurácia de teste = 0.5000, abaixo"):
        checks.at_least(("test accuracy", "acurácia de teste"), 0.5, 0.87)
    with pytest.raises(TypeError, match="pair"):
        checks.at_least(("only English",), 0.9, 0.5)


def test_between_passes_inside_the_range_and_raises_outside(capsys):
    checks.between(("best epoch", "melhor época"), 25, 20, 30)
    en, pt = capsys.readouterr().out.splitlines()
    assert en == "✓ Checkpoint: best epoch = 25, between 20 and 30"
    assert pt == "✓ Ponto de controle: melhor época = 25, entre 20 e 30"
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
    checks.waiting(3, "run_raw_5 = True")
    assert capsys.readouterr().out.splitlines() == [
        "Exercise 3: set run_raw_5 = True above and run this cell again.",
        "Exercício 3: defina run_raw_5 = True acima e rode esta célula de novo."]


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
    portuguese_only = {"system_hint_pt": "system_hint", "name_pt": "name"}  # the same field, translated
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
        {"name": "gain", "value": "-0.2500", "bound": "-1", "low": None, "high": None}]
    masked = sanitized(out)
    assert "0.8812" not in masked and "= 14" not in masked and "-0.25" not in masked
    assert masked.count("= #") == 6, "both languages masked"


# --- the compile checklist (lesson 05): every row passes silently, every mismatch is explained ---
# Models are compiled, never trained, so this stays fast.

N, K = 12, 4
BINARY = np.arange(N) % 2
INTEGER = np.arange(N) % K
ONE_HOT = np.eye(K)[INTEGER]
MULTI_HOT = (np.arange(N * K).reshape(N, K) % 3 == 0).astype("float32")
REAL = np.linspace(-1.5, 2.5, N)


def model(units, activation, loss, metrics=("accuracy",)):
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(units, activation=activation)])
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
    assert checks.check_compile(model(units, activation, loss, metrics), y) == []
    assert capsys.readouterr().out == ""


def test_logits_with_from_logits_pass_silently():
    m = model(K, None, keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    assert checks.check_compile(m, INTEGER) == []
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(K), keras.layers.Softmax()])
    m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    assert checks.check_compile(m, INTEGER) == []


MISMATCHES = {  # name: (units, activation, loss, metrics, labels, words the explanation must contain)
    "softmax over one unit": (1, "softmax", "binary_crossentropy", ["accuracy"], BINARY, "always outputs 1.0"),
    "integer labels, categorical loss": (K, "softmax", "categorical_crossentropy", ["accuracy"], INTEGER,
                                         "to_categorical"),
    "one-hot labels, sparse loss": (K, "softmax", "sparse_categorical_crossentropy", ["accuracy"], ONE_HOT,
                                    "argmax"),
    "too few output units": (2, "softmax", "sparse_categorical_crossentropy", ["accuracy"], INTEGER,
                             "up to 3"),
    "one-hot width differs": (K + 1, "softmax", "categorical_crossentropy", ["accuracy"], ONE_HOT,
                              "5 units"),
    "binary loss on class numbers": (K, "sigmoid", "binary_crossentropy", ["accuracy"], INTEGER, "0/1 answers"),
    "sigmoid with a categorical loss": (K, "sigmoid", "sparse_categorical_crossentropy", ["accuracy"], INTEGER,
                                        "do not add up to 1"),
    "softmax with binary loss (multi-label)": (K, "softmax", "binary_crossentropy", ["accuracy"], MULTI_HOT,
                                               "compete"),
    "logits, probabilities expected": (K, None, "sparse_categorical_crossentropy", ["accuracy"], INTEGER,
                                       "from_logits=True"),
    "classification loss on real numbers": (1, None, "binary_crossentropy", ["accuracy"], REAL,
                                            "mean_squared_error"),
    "MSE on softmax": (K, "softmax", "mean_squared_error", ["accuracy"], ONE_HOT, "slowly"),
    "accuracy for regression": (1, None, "mean_squared_error", ["accuracy"], REAL, "mae"),
    "misspelled loss": (K, "softmax", "categoricalCrossentropy", ["accuracy"], ONE_HOT, "knows no loss"),
}


@pytest.mark.parametrize("name", list(MISMATCHES))
def test_every_mismatch_is_explained_in_both_languages(name, capsys):
    units, activation, loss, metrics, y, words = MISMATCHES[name]
    found = checks.check_compile(model(units, activation, loss, metrics), y)
    assert found and any(words in problem for problem in found), found
    assert words in capsys.readouterr().out
    for problem in found:  # English line, then the Portuguese line of the same message
        en, pt = problem.splitlines()
        key = next(k for k, (en_text, _) in texts.MESSAGES.items() if k.startswith("compile_")
                   and template(en_text).fullmatch(en))
        assert template(texts.MESSAGES[key][1]).fullmatch(pt) and pt != en, (key, pt)


def template(text: str):
    """A message template as a regex: its {fields} match anything."""
    import re

    parts = re.split(r"\{[^}]*\}", text)
    return re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL)


def test_logits_applied_twice():
    m = model(K, "softmax", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    assert any("applied twice" in p for p in checks.check_compile(m, INTEGER))


@pytest.mark.parametrize("y, kind", [
    (BINARY, "binary"), (INTEGER, "integer"), (INTEGER[:, None], "integer"), (ONE_HOT, "one-hot"),
    (MULTI_HOT, "multi-hot"), (REAL, "real"), (np.array([0.0, 1.0, 1.0]), "binary"),
])
def test_label_format(y, kind):
    assert checks.label_format(y) == kind


def test_bad_arguments():
    with pytest.raises(TypeError, match="array of numbers"):
        checks.label_format(np.array(["cat", "dog"]))
    uncompiled = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="compiled first"):
        checks.check_compile(uncompiled, BINARY)


def test_printed_problems_wrap_between_words(capsys):
    found = checks.check_compile(model(1, "softmax", "categorical_crossentropy"), INTEGER)
    printed = capsys.readouterr().out
    assert max(len(line) for line in printed.splitlines()) <= checks.WRAP
    assert " ".join(printed.split()) == " ".join(" ".join(found).split()), "wrapped, not cut"


def test_every_rule_has_a_row_here_and_a_message_in_both_languages():
    triggered = set()
    cases = [(model(units, activation, loss, metrics), y)
             for units, activation, loss, metrics, y, _ in MISMATCHES.values()]
    cases.append((model(K, "softmax", keras.losses.SparseCategoricalCrossentropy(from_logits=True)), INTEGER))
    for m, y in cases:
        compiled = checks.read_compiled(m, y)
        triggered |= {key for key, applies in checks.RULES if applies(compiled)}
    assert triggered == {key for key, _ in checks.RULES}
    assert all(key in texts.MESSAGES for key, _ in checks.RULES)
