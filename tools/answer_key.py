"""The teacher's edition: every quiz answered, every exercise starter run on its solution.

    python -m tools.notebooks answer-key [NOTEBOOK ...]   # executed copies in editions/answer-key/

Where the answers live:
- a quiz answer is the `correct` of its question in helpers/quiz.json; the cell that calls
  ``checks.answer("id", value)`` gets that value in place of its ``None`` (inline, or in the
  ``name = None`` line that the call reads);
- a starter's solution is in its own cell's metadata, beside the ``None`` a learner replaces:
  ``{"course": {"solution": {"exercise": 3, "set": {"run_raw": "True"}}}}``: each named
  variable's assignment line gets that Python expression.

The answer key runs with the one executor of the course's tools (`tools.lessons.execute`,
as `refresh` does), its kernel in a new temporary folder (so files a lesson saves, like lesson
03's checkpoint, land there), and never changes notebooks/; set EDITIONS_DIR to write elsewhere.
A notebook that cannot be read, filled in or run is named (file and cell, counted from 1, in both
languages) and nothing is written for it; the command then exits 1.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

from tools import lessons

ANSWER_CALL = re.compile(r'checks\.answer\("(?P<id>\w+)",\s*(?P<given>\w+)\)')
NOTE_EN = (
    "**Teacher's edition: the answer key.** This copy was made by `python -m tools.notebooks answer-key` "
    'from the lesson in `notebooks/`: every quiz question is answered correctly and every "Try it" starter '
    "is run on its solution, so each shows its right-answer feedback or its passing course check. Give "
    "learners the lesson itself, not this copy."
)
NOTE_PT = (
    "**Edição de quem dá aula: o gabarito.** Esta cópia foi feita por `python -m tools.notebooks answer-key` "
    "a partir da lição em `notebooks/`: cada pergunta do quiz está respondida corretamente e cada célula "
    'inicial do "Experimente" roda com a sua solução, então cada uma mostra a resposta certa ou a '
    "verificação do curso aprovada. Entregue às pessoas que estudam a própria lição, não esta cópia."
)


class AnswerKeyError(ValueError):
    """A quiz cell or exercise starter the answer key cannot fill in (`cell`: its index, from 0)."""

    def __init__(self, detail: str, cell: int | None = None):
        super().__init__(detail if cell is None else f"cell {cell}: {detail}")
        self.detail, self.cell = detail, cell


def _set(source: str, name: str, expression: str) -> str:
    """`source` with the top-level line ``name = ...`` assigned `expression` instead."""
    pattern = re.compile(rf"^{re.escape(name)} = [^\n#]*?(?=\s*(#|$))", re.MULTILINE)
    if not pattern.search(source):
        raise AnswerKeyError(f"no line '{name} = ...' to set")
    return pattern.sub(f"{name} = {expression}", source, count=1)


def fill_in(nb, questions=None):
    """A copy of `nb` with every quiz answer and every starter solution filled in (not executed)."""
    from helpers import quiz

    questions = quiz.QUESTIONS if questions is None else questions
    nb = copy.deepcopy(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            try:
                cell.source = _filled(cell, questions)
            except AnswerKeyError as error:
                raise AnswerKeyError(error.detail, i) from None
    return nb


def _filled(cell, questions) -> str:
    """The source of code `cell` with its quiz answers and its starter's solution filled in."""
    source = cell.source
    for match in ANSWER_CALL.finditer(cell.source):
        qid, given = match.group("id"), match.group("given")
        if qid not in questions:
            raise AnswerKeyError(f"no question {qid!r} in helpers/quiz.json")
        answer = repr(questions[qid].correct)
        if given == "None":
            source = source.replace(match.group(0), f'checks.answer("{qid}", {answer})', 1)
        else:
            source = _set(source, given, answer)
    facts = lessons.course(cell)
    record = facts.get("solution") if isinstance(facts, dict) else None
    if "checks.waiting(" in source and not record:
        raise AnswerKeyError("an exercise starter without a solution in its metadata")
    if record:
        setting = record.get("set") if isinstance(record, dict) else None
        if not isinstance(setting, dict) or not all(isinstance(e, str) for e in setting.values()):
            raise AnswerKeyError('metadata course.solution is not {"exercise": N, "set": {"name": "expression"}}')
        for name, expression in setting.items():
            source = _set(source, name, expression)
    return source


def with_note(nb):
    """`nb` with the bilingual answer-key note after its title cell."""
    import nbformat

    nb.cells[1:1] = [
        nbformat.v4.new_markdown_cell(NOTE_EN, metadata={"tags": ["lang-en"]}),
        nbformat.v4.new_markdown_cell(NOTE_PT, metadata={"tags": ["lang-pt"]}),
    ]
    return nb


def executed(nb, path: Path, timeout: int):
    """`nb` (the answer key of `path`) run in a new temporary folder; NotebookError naming a cell that fails."""
    import tempfile

    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    from tools.editions import NotebookError

    try:
        with tempfile.TemporaryDirectory(prefix="answer-key-") as folder:
            lessons.execute(nb, Path(folder), timeout)
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        failed = [
            i for i, c in enumerate(nb.cells) if any(o.get("output_type") == "error" for o in c.get("outputs", []))
        ]
        cell = failed[0] - 2 if failed and failed[0] > 2 else (failed[0] if failed else None)  # less the 2 note cells
        what = f"{error.ename}: {error.evalue}" if isinstance(error, CellExecutionError) else str(error).splitlines()[0]
        raise NotebookError(path, f"raised {what}", None if cell is None else cell + 1) from None
    return nb


def answer_key(paths: list[Path], timeout: int = 900) -> int:
    """Write the executed answer key of every lesson in `paths` to editions/answer-key/; 1 if any failed."""
    import shutil
    import sys
    import time

    from tools.editions import NotebookError, notebook_bytes, read_notebook, replace
    from tools.nbfmt import formatted, notebook_text, portable

    root = Path(os.environ.get("EDITIONS_DIR", lessons.ROOT / "editions")) / "answer-key"
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(lessons.NOTEBOOK_DIR / "GLOSSARY.md", root / "GLOSSARY.md")
    lessons.course_environment()
    failed = 0
    for path in paths:
        start = time.perf_counter()
        try:
            try:
                nb = with_note(fill_in(read_notebook(path)))
            except AnswerKeyError as error:
                raise NotebookError(path, error.detail, None if error.cell is None else error.cell + 1) from None
            nb = formatted(portable(executed(nb, path, timeout)))
            data = notebook_bytes(nb, path, notebook_text(nb))
        except NotebookError as error:
            print(error, file=sys.stderr)
            failed += 1
            continue
        replace(root / path.name, data)
        print(f"{path.name}: answer key executed in {time.perf_counter() - start:.1f} s")
    print(f"{len(paths) - failed} answer key(s) written to {root}")
    return 1 if failed else 0
