"""The answer key: every quiz answered and every "Try it" starter run on its solution, proven in CI.

Each lesson is executed as `python -m tools.notebooks answer-key` makes it (slow: about 4 minutes for
all six), and every cell that calls `checks.answer` or `checks.waiting` must show its success and
nothing else: no "not answered", no "set ... above", no wrong-answer line, no failed course check.
A starter run on a wrong value must fail its own check.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from helpers import quiz
from tools import answer_key, lessons, manifest, rules

PATHS = lessons.notebook_paths()
WAITING = re.compile(r"set .+ above and run this cell again|defina .+ acima e rode esta célula de novo")
NOT_ANSWERED = re.compile(r"Not answered yet|Ainda sem resposta")
WRONG = re.compile(r"✗ Not quite|✗ Ainda não")


def exercise_cells(nb) -> list[tuple[int, object]]:
    return [
        (i, c)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and ("checks.answer(" in c.source or "checks.waiting(" in c.source)
    ]


def shown(cell) -> str:
    return "".join(o.get("text", "") or str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)


def problems(nb) -> list[str]:
    """What an executed answer key shows that it should not (or does not show that it should)."""
    found = []
    for i, cell in exercise_cells(nb):
        text = shown(cell)
        answers = cell.source.count("checks.answer(")
        if any(o.output_type == "error" for o in cell.outputs):
            found.append(f"cell {i}: raised")
        for pattern, what in ((WAITING, "still waits"), (NOT_ANSWERED, "not answered"), (WRONG, "a wrong answer")):
            if pattern.search(text):
                found.append(f"cell {i}: {what}")
        if text.count("✓ Right!") != answers or text.count("✓ Certo!") != answers:
            found.append(f"cell {i}: {answers} answer(s), {text.count('✓ Right!')} right")
    return found


def test_every_quiz_cell_and_starter_can_be_filled_in():
    for path in PATHS:
        nb = answer_key.fill_in(nbformat.read(path, as_version=4))
        for i, cell in exercise_cells(nb):
            assert "None)" not in cell.source and not re.search(r"^\w+ = None\b", cell.source, re.M), (
                f"{path.name} cell {i} still has a None to fill in"
            )


def test_a_starter_without_a_solution_is_refused():
    nb = nbformat.read(manifest.by_number("01"), as_version=4)
    starter = next(c for c in nb.cells if "checks.waiting(" in c.source)
    del starter.metadata["course"]
    with pytest.raises(answer_key.AnswerKeyError, match="without a solution"):
        answer_key.fill_in(nb)


def test_the_answers_come_from_quiz_json():
    nb = answer_key.fill_in(nbformat.read(manifest.by_number("01"), as_version=4))
    code = "".join(c.source for c in nb.cells if c.cell_type == "code")
    assert f"my_answer = {quiz.QUESTIONS['epoch'].correct!r}" in code
    assert f"steps_at_64 = {quiz.QUESTIONS['steps_batch_64'].correct!r}" in code


def test_the_check_finds_a_starter_still_waiting_and_a_wrong_answer():
    cell = nbformat.v4.new_code_cell('checks.answer("epoch", "b")\nchecks.waiting(1, "x = 1")')
    cell.outputs = [
        nbformat.v4.new_output(
            "stream",
            name="stdout",
            text="✗ Not quite. ...\n✗ Ainda não. ...\nExercise 1: set x = 1 above and run this cell again.\n",
        )
    ]
    found = problems(nbformat.v4.new_notebook(cells=[cell]))
    assert "cell 0: still waits" in found and "cell 0: a wrong answer" in found


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_the_answer_key_shows_every_success(path, tmp_path):
    lessons.course_environment()
    nb = answer_key.with_note(answer_key.fill_in(nbformat.read(path, as_version=4)))
    lessons.execute(nb, tmp_path)  # files a lesson saves (lesson 03's checkpoint) land there, not in notebooks/
    assert problems(nb) == []
    found = rules.problems(rules.Lesson(path, nb), stored=False)  # not the rules about the committed file
    assert [str(p) for p in found] == [], "the answer key follows the notebook rules (its note is paired)"


@pytest.mark.slow
def test_a_starter_run_on_a_wrong_value_fails_its_own_check(tmp_path):
    """Lesson 05, exercise 5 on "sigmoid", the right output for yes/no: check_compile finds nothing to flag."""
    path = manifest.by_number("05")
    nb = answer_key.fill_in(nbformat.read(path, as_version=4))
    starter = next(c for c in nb.cells if lessons.course(c).get("solution", {}).get("exercise") == 5)
    starter.source = answer_key._set(starter.source, "output_activation", '"sigmoid"')
    lessons.course_environment()
    with pytest.raises(CellExecutionError, match="CheckpointError"):
        lessons.execute(nb, tmp_path)


# --- hostile probes (reviews/probes-2026-12-05.md) ------------------------------------------------


def test_a_malformed_notebook_or_solution_is_named_and_nothing_is_written(tmp_path, monkeypatch, capsys):
    """Probe: answer-key on a malformed notebook gave raw tracebacks naming no file or cell."""
    monkeypatch.setenv("EDITIONS_DIR", str(tmp_path / "out"))
    not_json = tmp_path / "01_cut.ipynb"
    not_json.write_text('{"cells": [')
    bad_solution = tmp_path / "02_solution.ipynb"
    starter = nbformat.v4.new_code_cell("x = None\nchecks.waiting(1, 'x = ...')")
    starter.metadata["course"] = {"solution": {"exercise": 1, "set": "x = 3"}}  # "set" is no table
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"), starter]), bad_solution)
    assert answer_key.answer_key([not_json, bad_solution]) == 1
    err = capsys.readouterr().err
    assert "01_cut.ipynb" in err and "02_solution.ipynb (cell 2 · célula 2)" in err
    assert "Traceback" not in err
    assert not list((tmp_path / "out" / "answer-key").glob("*.ipynb"))


def test_the_answer_key_runs_in_a_temporary_folder_and_names_a_failing_cell(tmp_path, monkeypatch, capsys):
    """Probe: the answer key's kernels ran in notebooks/, where lesson 03's checkpoint file landed."""
    monkeypatch.setenv("EDITIONS_DIR", str(tmp_path / "out"))
    writes = tmp_path / "01_writes.ipynb"
    cells = [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("open('made.txt', 'w').close()")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), writes)
    raises = tmp_path / "02_raises.ipynb"
    cells = [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("1/0")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), raises)
    assert answer_key.answer_key([writes, raises]) == 1
    assert not (tmp_path / "made.txt").exists()
    written = tmp_path / "out" / "answer-key"
    nbformat.validate(nbformat.read(written / writes.name, as_version=4))
    assert not (written / raises.name).exists()
    err = capsys.readouterr().err
    assert "02_raises.ipynb (cell 3 · célula 3)" in err and "ZeroDivisionError" in err and "Traceback" not in err
