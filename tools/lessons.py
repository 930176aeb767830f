"""The course's notebooks as data, for every tool and test (standard library only at import).

The one list of lessons, their conventions (tags, the set-up cell; the rules over them are tools.rules),
and the one executor (`execute`) that refresh, the answer key, the benchmark and the Colab
simulation run lessons with. The command line is `python -m tools.notebooks` (tools/notebooks.py).
"""

from __future__ import annotations

import os
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
