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
as `refresh` does) and never changes notebooks/; set EDITIONS_DIR to write elsewhere.
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
    """A quiz cell or exercise starter the answer key cannot fill in."""


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
        if cell.cell_type != "code":
            continue
        source = cell.source
        for match in ANSWER_CALL.finditer(cell.source):
            qid, given = match.group("id"), match.group("given")
            if qid not in questions:
                raise AnswerKeyError(f"cell {i}: no question {qid!r} in helpers/quiz.json")
            answer = repr(questions[qid].correct)
            if given == "None":
                source = source.replace(match.group(0), f'checks.answer("{qid}", {answer})', 1)
            else:
                source = _set(source, given, answer)
        record = lessons.course(cell).get("solution")
        if "checks.waiting(" in source and not record:
            raise AnswerKeyError(f"cell {i}: an exercise starter without a solution in its metadata")
        if record:
            for name, expression in record["set"].items():
                source = _set(source, name, expression)
        cell.source = source
    return nb


def with_note(nb):
    """`nb` with the bilingual answer-key note after its title cell."""
    import nbformat

    nb.cells[1:1] = [
        nbformat.v4.new_markdown_cell(NOTE_EN, metadata={"tags": ["lang-en"]}),
        nbformat.v4.new_markdown_cell(NOTE_PT, metadata={"tags": ["lang-pt"]}),
    ]
    return nb


def answer_key(paths: list[Path], timeout: int = 900) -> int:
    """Write the executed answer key of every lesson in `paths` to editions/answer-key/."""
    import shutil
    import time

    import nbformat

    from tools.nbfmt import formatted, notebook_text, portable

    root = Path(os.environ.get("EDITIONS_DIR", lessons.ROOT / "editions")) / "answer-key"
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(lessons.NOTEBOOK_DIR / "GLOSSARY.md", root / "GLOSSARY.md")
    lessons.course_environment()
    for path in paths:
        start = time.perf_counter()
        nb = with_note(fill_in(nbformat.read(path, as_version=4)))
        lessons.execute(nb, path.parent, timeout)
        (root / path.name).write_text(notebook_text(formatted(portable(nb))), encoding="utf-8")
        print(f"{path.name}: answer key executed in {time.perf_counter() - start:.1f} s")
    print(f"{len(paths)} answer key(s) written to {root}")
    return 0
