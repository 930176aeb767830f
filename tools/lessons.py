"""The course's notebooks as data, for every tool and test (standard library only at import).

The one list of lessons, their conventions (tags, the set-up cell, the rules `problems` checks),
and the one executor (`execute`) that refresh, the answer key, the benchmark and the Colab
simulation run lessons with. The command line is `python -m tools.notebooks` (tools/notebooks.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
LANG_TAGS = ("lang-en", "lang-pt")
# The first line of the course's set-up cell (tools/carry.py), and of a cell of the course's checks. Both are
# collapsed: Colab shows the title of a `# @title` cell whose metadata says cellView "form", JupyterLab hides
# the source of a cell whose metadata says jupyter.source_hidden.
SETUP_TITLE = (
    "# @title Course set-up (helpers, quiet start) · Preparação do curso (auxiliares, início sem mensagens)"
    ' { display-mode: "form" }'
)
COURSE_CHECK = "# @title Course check · Verificação do curso"
COLLAPSED = {"cellView": "form", "jupyter": {"source_hidden": True}}
VISIBLE_SETUP_LINES = 12  # at most this many non-blank code lines shown before a lesson's first section
LINE_LENGTH = 100  # a code line a learner reads in a cell without scrolling (notebooks/ruff.toml)


def notebook_paths(args: list[str] | None = None, folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The notebooks named in `args`, or every lesson notebook in `folder`."""
    return [Path(a) for a in args] if args else sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def cell_tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def course(cell) -> dict:
    """The facts the course keeps with a cell, in its metadata under "course":

    - "ignore_output": why nbval cannot compare the cell's output (it carries the nbval-ignore-output tag);
    - "intended_stderr": [[regex of a warning's first line, why the lesson shows it], ...];
    - "classic": {"check": English label of the cell's course check, "figure": what the classic text reported};
    - "solution": an exercise starter's solution (tools.answer_key).
    """
    return cell.get("metadata", {}).get("course", {})


def intended_stderr(nb) -> list[tuple[str, str]]:
    """Every warning `nb` shows on purpose: (regex on its first line, why), from its cells' metadata."""
    return [(pattern, why) for cell in nb.cells for pattern, why in course(cell).get("intended_stderr", [])]


def printed(nb, stream: str | None = None) -> str:
    """What `nb`'s code cells printed: every stream, or only `stream` ("stdout" or "stderr")."""
    return "".join(
        o.text
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "stream" and stream in (None, o.name)
    )


def classic_figures(nb) -> dict[str, str]:
    """Course-check label -> the classic text's figure for it, from the check cells' metadata."""
    return {c["check"]: c["figure"] for cell in nb.cells if (c := course(cell).get("classic"))}


def _shape(text: str) -> tuple:
    """What a paired cell must share with its translation: structure, code, links, numbers of items."""
    lines = text.splitlines()
    return (
        tuple(len(m.group(1)) for line in lines if (m := re.match(r"(#+) ", line))),
        sum(bool(re.match(r"\s*([-*]|\d+\.) ", line)) for line in lines),
        sum(line.lstrip().startswith("|") for line in lines),
        sorted(re.findall(r"\]\(([^)]*)\)", text)),
        "```" in text,
    )


def _course_check_problems(source: str) -> list[str]:
    """Checks that back the text live in their own marked cells, which neither train, plot nor print."""
    if "checks.waiting(" in source:  # exercise starters check their own outcome
        return []
    calls = "checks.at_least(" in source or "checks.between(" in source
    marked = source.startswith(COURSE_CHECK + "\n")
    found = []
    if calls and not marked:
        found.append(f"a course check outside a cell that starts with {COURSE_CHECK!r}")
    if marked and any(word in source for word in (".fit(", "plt.", "plots.", "print(")):
        found.append("a course-check cell that trains, plots or prints")
    if marked and not calls:
        found.append("marked as a course check but checks nothing")
    return found


def problems(nb) -> list[str]:
    """Everything in notebook `nb` (an nbformat node) that breaks the course conventions."""
    found = []
    cells = nb.cells
    for i, cell in enumerate(cells):
        tags = cell_tags(cell)
        where = f"cell {i}"
        source = cell.source
        if cell.cell_type == "markdown":
            langs = tags & set(LANG_TAGS)
            if not langs:
                found.append(f"{where}: markdown cell without a lang-en/lang-pt tag")
            elif langs == set(LANG_TAGS):
                heading = source.strip()
                if "\n" in heading or not heading.startswith("#") or " · " not in heading:
                    found.append(
                        f"{where}: a cell tagged with both languages must be one heading '# English · Português'"
                    )
            elif "lang-en" in langs:
                nxt = cells[i + 1] if i + 1 < len(cells) else None
                if nxt is None or nxt.cell_type != "markdown" or cell_tags(nxt) & set(LANG_TAGS) != {"lang-pt"}:
                    found.append(f"{where}: English cell not followed by its Portuguese twin")
                elif _shape(source) != _shape(nxt.source):
                    found.append(
                        f"{where}: English and Portuguese cells differ in structure "
                        f"(headings, list items, table rows, links or code blocks)"
                    )
                elif source.strip() == nxt.source.strip() or not nxt.source.strip():
                    found.append(f"{where}: Portuguese twin is empty or a copy of the English")
            else:
                prev = cells[i - 1] if i > 0 else None
                if prev is None or cell_tags(prev) & set(LANG_TAGS) != {"lang-en"}:
                    found.append(f"{where}: Portuguese cell without an English cell before it")
        elif cell.cell_type == "code":
            for line in source.splitlines():
                if line.lstrip().startswith(("!", "%")):
                    found.append(f"{where}: shell or magic line {line.strip()!r} (not allowed)")
            if "pip" in source and "install" in source and not source.startswith(SETUP_TITLE):
                found.append(f"{where}: installs packages (a lesson carries what it needs: tools/carry.py)")
            if source.startswith((SETUP_TITLE, COURSE_CHECK)) and not collapsed(cell):
                found.append(f"{where}: the course's cell is not collapsed (metadata {COLLAPSED})")
            if not source.startswith(SETUP_TITLE):
                found += [
                    f"{where}: a code line longer than {LINE_LENGTH} characters"
                    for line in source.splitlines()
                    if len(line) > LINE_LENGTH
                ]
            if "raises-exception" in tags:
                found.append(
                    f"{where}: tagged raises-exception, which Colab, VS Code and Kaggle are not known to "
                    f"honour (Run All would stop here): catch the error and print its message"
                )
            if cell.get("outputs") and any(o.get("output_type") == "error" for o in cell.outputs):
                found.append(f"{where}: stored output is an error: Run All stops at it")
            found += [f"{where}: {p}" for p in _course_check_problems(source)]
            facts = course(cell)
            if ("nbval-ignore-output" in tags) != bool(facts.get("ignore_output")):
                found.append(
                    f"{where}: the nbval-ignore-output tag and the reason in its metadata "
                    f"(course.ignore_output) come together"
                )
            elif "ignore_output" in facts and len(facts["ignore_output"]) <= 20:
                found.append(f"{where}: say why nbval cannot compare this output (course.ignore_output)")
            if "classic" in facts and f'"{facts["classic"]["check"]}"' not in source:
                found.append(
                    f"{where}: course.classic names the check {facts['classic']['check']!r}, "
                    f"which this cell does not make"
                )
            for pattern, why in facts.get("intended_stderr", []):
                try:
                    re.compile(pattern)
                except re.error:
                    found.append(f"{where}: intended_stderr {pattern!r} is not a regular expression")
                if len(why) <= 10:
                    found.append(f"{where}: say why the lesson shows {pattern!r}")
            if "checks.waiting(" in source and not facts.get("solution"):
                found.append(
                    f"{where}: exercise starter without its solution in the cell's metadata "
                    f"(course.solution, see tools/answer_key.py)"
                )
    code = [c for c in cells if c.cell_type == "code"]
    setups = [c for c in code if c.source.startswith(SETUP_TITLE)]
    if len(setups) != 1 or code[0] is not setups[0]:
        found.append(f"expected one course set-up cell, the first code cell, found {len(setups)}")
    shown = visible_setup_lines(nb)
    if shown > VISIBLE_SETUP_LINES:
        found.append(
            f"{shown} non-blank code lines shown before the first section (at most {VISIBLE_SETUP_LINES}): "
            f"the learner sees Keras first"
        )
    return found


def collapsed(cell) -> bool:
    """Whether `cell` is shown collapsed in Colab and JupyterLab (see COLLAPSED)."""
    meta = cell.get("metadata", {})
    return meta.get("cellView") == "form" and meta.get("jupyter", {}).get("source_hidden") is True


def visible_setup_lines(nb) -> int:
    """Non-blank lines of the code cells a learner sees (not collapsed) before the first `## ` section."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            break
        if cell.cell_type == "code" and not collapsed(cell):
            count += sum(bool(line.strip()) for line in cell.source.splitlines())
    return count


def execute(
    nb,
    folder: Path,
    timeout: int = 900,
    kernel_name: str = "python3",
    env: dict[str, str] | None = None,
    ipc: Path | None = None,
):
    """Run every cell of `nb` in a fresh kernel started in `folder`, as Run All does.

    The one executor of the course's tools: refresh, the benchmark and the Colab
    simulation (its own kernel and environment `env`; with `ipc`, a path prefix for
    Unix sockets, it talks to a kernel that has no network) use it. No execution
    timestamps are recorded (see `tools.nbfmt.formatted`).
    """
    from nbclient import NotebookClient
    from traitlets.config import Config

    config = Config()
    if ipc:  # the client owns (and so shuts down) the kernel manager it makes with this configuration
        config.KernelManager.transport, config.KernelManager.ip = "ipc", str(ipc)
    client = NotebookClient(
        nb,
        config=config,
        timeout=timeout,
        kernel_name=kernel_name,
        record_timing=False,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute(**({"env": env} if env is not None else {}))
    return nb


def course_environment() -> None:
    """What refresh and answer-key run the lessons with: outputs as nbval sees them, strict checks, CI's data folder."""
    os.environ.setdefault("PYTEST_CURRENT_TEST", "tools.notebooks refresh")
    os.environ["COURSE_STRICT_CHECKS"] = "1"  # a failing course check raises, as in nbval (helpers.checks)
    shared = ROOT.parent / "shared" / "datasets"
    if "COURSE_DATA" not in os.environ and shared.is_dir():  # the data folder CI uses (.ci/run)
        os.environ["COURSE_DATA"] = str(shared)
