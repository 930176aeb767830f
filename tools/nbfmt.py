"""The course's notebook layout (a small nbfmt) and machine-free outputs, for `tools.notebooks`.

python -m tools.notebooks format [--check] [NOTEBOOK ...]
"""

from __future__ import annotations

import re
from pathlib import Path

CELL_ID = re.compile(r"[a-zA-Z0-9_-]{1,64}")


def formatted(nb):
    """`nb` in the course's one layout, so a change to one cell is a change to that cell only.

    Like tensorflow/docs' nbfmt: no execution timing metadata (nbclient's
    ``execution`` timestamps), and every cell keeps its id; a cell without a
    valid, unique id gets one derived from its content. No widget state or
    widget view is stored (see `_no_widgets`). nbformat's writer sorts keys and
    indents by one space.
    """
    import hashlib

    seen: set[str] = set()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell_id = cell.get("id")
        if not cell_id or not CELL_ID.fullmatch(cell_id) or cell_id in seen:
            base = hashlib.sha1(cell.source.encode()).hexdigest()[:8]
            cell_id, n = base, 0
            while cell_id in seen:
                n += 1
                cell_id = f"{base}-{n}"
            cell["id"] = cell_id
        seen.add(cell_id)
    _no_widgets(nb)
    return nb


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _no_widgets(nb) -> None:
    """Drop the widgets of the run that stored `nb`: their saved models and each output's view of one.

    A stored view names a model of the kernel that made it: JupyterLab shows it from the saved state
    as a widget no kernel answers, and once that state is gone as "Error displaying widget: model not
    found". The output keeps its text/plain, what any frontend without the widget shows (and what
    nbval compares; it never compares the view); the learner's own run shows the live widget.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)


def notebook_text(nb) -> str:
    """`nb` as the course stores it: nbformat's JSON with a final newline."""
    import nbformat

    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def format_notebooks(paths: list[Path], check_only: bool = False) -> int:
    """Rewrite `paths` in the course's layout; with `check_only`, list those that are not and fail."""
    import nbformat

    unformatted = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        wanted = notebook_text(formatted(nbformat.reads(text, as_version=4)))
        if wanted != text:
            unformatted.append(path)
            if not check_only:
                path.write_text(wanted, encoding="utf-8")
    verb = "need formatting" if check_only else "reformatted"
    print(f"{len(paths)} notebook(s), {len(unformatted)} {verb}" + "".join(f"\n  {p.name}" for p in unformatted))
    return 1 if check_only and unformatted else 0


SITE_PACKAGES = re.compile(r"(?:[A-Za-z]:)?[\\/][^\s:'\"]*?[\\/]site-packages[\\/]")
KERNEL_FILE = re.compile(r"/tmp/ipykernel_\d+/\d+\.py")
MACHINE_PATH = re.compile(
    r"(?<![\w.~])(?:/(?:home|root|tmp|work|Users|opt)/|[A-Za-z]:\\Users\\)"
    r"|(?<!\.\.\.)[\\/]site-packages[\\/]"
)


def portable(nb):
    """`nb` with no path of this machine in its outputs (tracebacks and warnings name files).

    The installed packages' folder becomes ``.../site-packages/`` and a cell's temporary
    file ``Cell In[n]``, IPython's own name for the cell, so stored outputs read the same
    whoever refreshes them. `tests/test_notebooks.py` checks that no other path is left.
    """

    def clean(text: str, count) -> str:
        text = SITE_PACKAGES.sub(".../site-packages/", text)
        return KERNEL_FILE.sub(f"Cell In[{count}]", text)

    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = clean(output["text"], cell.execution_count)
            if "traceback" in output:
                output["traceback"] = [clean(line, cell.execution_count) for line in output["traceback"]]
            for kind, value in output.get("data", {}).items():
                if kind.startswith("text/") and isinstance(value, str):
                    output["data"][kind] = clean(value, cell.execution_count)
    return nb
