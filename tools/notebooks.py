"""Tools for the course's own notebooks (for authors and CI, not used in lessons).

    python -m tools.notebooks check    [NOTEBOOK ...]  # bilingual pairing, tags, shell lines
    python -m tools.notebooks refresh  [NOTEBOOK ...]  # re-execute and store outputs in place
    python -m tools.notebooks editions [NOTEBOOK ...]  # English-only and Portuguese-only copies
    python -m tools.notebooks badges   [NOTEBOOK ...]  # Colab badges and install pins from pyproject
    python -m tools.notebooks format [--check] [NOTEBOOK ...]  # stable ids, no timing metadata
    python -m tools.notebooks release --check  # the configured Colab release exists and matches main

With no NOTEBOOK, every ``notebooks/*.ipynb`` is used. ``refresh`` sets
PYTEST_CURRENT_TEST so the stored outputs match what nbval sees, points
COURSE_DATA at ../shared/datasets when that folder exists and COURSE_DATA is
unset (as .ci/run does, so lesson 00's data-locations output matches CI), and
runs the kernel in this Python environment, like ``pytest --nbval-current-env``.
``editions`` writes editions/en/ and editions/pt/ (set EDITIONS_DIR to change
where) with the glossary, for teachers who want a single language.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
LANG_TAGS = ("lang-en", "lang-pt")
COLAB_GUARD = 'if "google.colab" in sys.modules:'


def notebook_paths(args: list[str] | None = None) -> list[Path]:
    """The notebooks named in `args`, or every lesson notebook."""
    return [Path(a) for a in args] if args else sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


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


def problems(nb) -> list[str]:
    """Everything in notebook `nb` (an nbformat node) that breaks the course conventions."""
    found = []
    cells = nb.cells
    for i, cell in enumerate(cells):
        tags = _tags(cell)
        where = f"cell {i}"
        source = cell.source
        if cell.cell_type == "markdown":
            langs = tags & set(LANG_TAGS)
            if not langs:
                found.append(f"{where}: markdown cell without a lang-en/lang-pt tag")
            elif langs == set(LANG_TAGS):
                heading = source.strip()
                if "\n" in heading or not heading.startswith("#") or " · " not in heading:
                    found.append(f"{where}: a cell tagged with both languages must be one heading "
                                 f"'# English · Português'")
            elif "lang-en" in langs:
                nxt = cells[i + 1] if i + 1 < len(cells) else None
                if nxt is None or nxt.cell_type != "markdown" or _tags(nxt) & set(LANG_TAGS) != {"lang-pt"}:
                    found.append(f"{where}: English cell not followed by its Portuguese twin")
                elif _shape(source) != _shape(nxt.source):
                    found.append(f"{where}: English and Portuguese cells differ in structure "
                                 f"(headings, list items, table rows, links or code blocks)")
                elif source.strip() == nxt.source.strip() or not nxt.source.strip():
                    found.append(f"{where}: Portuguese twin is empty or a copy of the English")
            else:
                prev = cells[i - 1] if i > 0 else None
                if prev is None or _tags(prev) & set(LANG_TAGS) != {"lang-en"}:
                    found.append(f"{where}: Portuguese cell without an English cell before it")
        elif cell.cell_type == "code":
            for line in source.splitlines():
                if line.lstrip().startswith(("!", "%")):
                    found.append(f"{where}: shell or magic line {line.strip()!r} (not allowed)")
            installs = "pip" in source and "install" in source
            if installs and COLAB_GUARD not in source:
                found.append(f"{where}: installs packages outside the guarded Colab setup cell")
            if "raises-exception" in tags and cell.get("outputs") and not any(
                    o.get("output_type") == "error" for o in cell.outputs):
                found.append(f"{where}: tagged raises-exception but its stored output has no error")
            if cell.get("outputs") and any(o.get("output_type") == "error" for o in cell.outputs) \
                    and "raises-exception" not in tags:
                found.append(f"{where}: stored output is an error but the cell is not tagged raises-exception")
    colab = [i for i, c in enumerate(cells) if c.cell_type == "code" and COLAB_GUARD in c.source]
    if len(colab) != 1:
        found.append(f"expected exactly one guarded Colab setup cell, found {len(colab)}")
    return found


def check(paths: list[Path]) -> int:
    import nbformat

    bad = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        for p in problems(nb):
            print(f"{path.name}: {p}")
            bad += 1
    print(f"{len(paths)} notebook(s), {bad} problem(s)")
    return 1 if bad else 0


CELL_ID = re.compile(r"[a-zA-Z0-9_-]{1,64}")


def formatted(nb):
    """`nb` in the course's one layout, so a change to one cell is a change to that cell only.

    Like tensorflow/docs' nbfmt: no execution timing metadata (nbclient's
    ``execution`` timestamps), and every cell keeps its id; a cell without a
    valid, unique id gets one derived from its content. Saved widget models
    (lesson 04) are numbered in the order the notebook uses them instead of
    new random ids on every run. nbformat's writer sorts keys and indents by
    one space.
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
    _stable_widget_ids(nb)
    return nb


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _stable_widget_ids(nb) -> None:
    """Renumber the saved widget models (random ids on every run) in the order the notebook uses them."""
    import json

    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state")
    if not state:
        return
    order: list[str] = []

    def visit(model_id: str) -> None:
        if model_id in state and model_id not in order:
            order.append(model_id)
            for ref in re.findall(r"IPY_MODEL_(\w+)", json.dumps(state[model_id], sort_keys=True)):
                visit(ref)

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                visit(view["model_id"])
    order += sorted((m for m in state if m not in order),
                    key=lambda m: json.dumps(state[m], sort_keys=True))  # models no cell shows
    new = {old: f"{i:032x}" for i, old in enumerate(order, 1)}
    pattern = re.compile("|".join(map(re.escape, new)))
    renamed = json.loads(pattern.sub(lambda m: new[m.group(0)], json.dumps(state)))
    nb.metadata["widgets"][WIDGET_STATE]["state"] = dict(sorted(renamed.items()))
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view and view["model_id"] in new:
                view["model_id"] = new[view["model_id"]]


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
    print(f"{len(paths)} notebook(s), {len(unformatted)} {verb}" +
          "".join(f"\n  {p.name}" for p in unformatted))
    return 1 if check_only and unformatted else 0


def execute(nb, folder: Path, timeout: int = 900):
    """Run every cell of `nb` in a fresh python3 kernel started in `folder`, as Run All does.

    The one executor of the course's tools: refresh and the benchmark use it.
    No execution timestamps are recorded (see `formatted`).
    """
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def refresh(paths: list[Path], timeout: int = 900) -> int:
    import time

    import nbformat

    os.environ.setdefault("PYTEST_CURRENT_TEST", "tools.notebooks refresh")
    shared = NOTEBOOK_DIR.parent.parent / "shared" / "datasets"
    if "COURSE_DATA" not in os.environ and shared.is_dir():  # the data folder CI uses (.ci/run)
        os.environ["COURSE_DATA"] = str(shared)
    for path in paths:
        start = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        execute(nb, path.parent, timeout)
        path.write_text(notebook_text(formatted(portable(nb))), encoding="utf-8")
        print(f"{path.name}: executed in {time.perf_counter() - start:.1f} s")
    return 0


SITE_PACKAGES = re.compile(r"(?:[A-Za-z]:)?[\\/][^\s:'\"]*?[\\/]site-packages[\\/]")
KERNEL_FILE = re.compile(r"/tmp/ipykernel_\d+/\d+\.py")
MACHINE_PATH = re.compile(r"(?<![\w.~])(?:/(?:home|root|tmp|work|Users|opt)/|[A-Za-z]:\\Users\\)"
                          r"|(?<!\.\.\.)[\\/]site-packages[\\/]")


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


def monolingual(nb, lang: str):
    """A copy of `nb` with only `lang`'s text ("en" or "pt"); code cells and outputs unchanged."""
    import copy

    if lang not in ("en", "pt"):
        raise ValueError(f"lang must be 'en' or 'pt', got {lang!r}")
    other = "lang-pt" if lang == "en" else "lang-en"
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        tags = _tags(cell)
        if cell.cell_type == "markdown" and set(LANG_TAGS) <= tags:  # '## 1. English · Português'
            hashes, _, text = cell.source.strip().partition(" ")
            en, _, pt = text.partition(" · ")
            number = re.match(r"\d+\. ", en)
            if lang == "pt" and number and not re.match(r"\d", pt):
                pt = number.group(0) + pt
            cell.source = f"{hashes} {en if lang == 'en' else pt}"
        elif other in tags:
            continue
        cells.append(cell)
    nb.cells = cells
    return nb


def editions(paths: list[Path]) -> int:
    import shutil

    import nbformat

    root = Path(os.environ.get("EDITIONS_DIR", NOTEBOOK_DIR.parent / "editions"))
    for lang in ("en", "pt"):
        (root / lang).mkdir(parents=True, exist_ok=True)
        shutil.copy(NOTEBOOK_DIR / "GLOSSARY.md", root / lang / "GLOSSARY.md")
        for path in paths:
            nbformat.write(monolingual(nbformat.read(path, as_version=4), lang), root / lang / path.name)
    print(f"{len(paths)} notebook(s) written to {root / 'en'} and {root / 'pt'}")
    return 0


COLAB_BADGE = re.compile(r"https://colab\.research\.google\.com/github/[^)\s]+")
COLAB_INSTALL = re.compile(r'"git\+https://[^"@]+@[^"]+"')


def course_config() -> dict[str, str]:
    """The [tool.course] settings of pyproject.toml: repository URL and pinned ref."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    with open(NOTEBOOK_DIR.parent / "pyproject.toml", "rb") as f:
        return dict(tomllib.load(f)["tool"]["course"])


def colab_url(name: str) -> str:
    """The Colab address of notebook `name` of the configured repository's main branch."""
    repository = course_config()["repository"].removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{repository}/blob/main/notebooks/{name}"


def badges(paths: list[Path], check_only: bool = False) -> int:
    """Write every Colab badge and install pin from [tool.course]; with `check_only`, count what differs."""
    import nbformat

    config = course_config()
    changed = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        before = [c.source for c in nb.cells]
        url = colab_url(path.name)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = COLAB_BADGE.sub(url, cell.source)
            elif COLAB_GUARD in cell.source:
                cell.source = COLAB_INSTALL.sub(f'"git+{config["repository"]}@{config["ref"]}"', cell.source)
        if [c.source for c in nb.cells] != before:
            if not check_only:
                path.write_text(notebook_text(formatted(nb)), encoding="utf-8")
            changed += 1
    readme = NOTEBOOK_DIR.parent / "README.md"
    text = readme.read_text()
    updated = COLAB_BADGE.sub(lambda m: colab_url(m.group(0).rsplit("/", 1)[1]), text)
    if updated != text:
        if not check_only:
            readme.write_text(updated)
        changed += 1
    if check_only:
        return changed
    print(f"{changed} file(s) updated from [tool.course] of pyproject.toml")
    return 0


def release_problems(root: Path | None = None) -> list[str]:
    """Why Colab users would not get what main's badges promise: the release named in [tool.course].

    The configured ref must exist in this repository, every badge and install pin must
    agree with the configuration, and the ref's notebooks must be main's (a learner on
    Colab opens main's notebook but installs the helpers of the ref).
    """
    import subprocess

    root = root or NOTEBOOK_DIR.parent
    ref = course_config()["ref"]
    found = []
    if badges(notebook_paths(), check_only=True):
        found.append("badges or install pins disagree with [tool.course]: run `python -m tools.notebooks badges`")
    exists = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=root,
                            capture_output=True, text=True)
    if exists.returncode != 0:
        found.append(f"the configured ref {ref!r} does not exist in this repository: tag the release "
                     f"(`git tag {ref}`) and push the tag")
    else:
        differ = subprocess.run(["git", "diff", "--quiet", ref, "HEAD", "--", "notebooks", "helpers"], cwd=root)
        if differ.returncode != 0:
            found.append(f"notebooks/ or helpers/ of {ref} differ from this commit's: release a new ref "
                         f"(bump it in pyproject.toml, run badges, tag)")
    return found


def release(argv: list[str]) -> int:
    """`release --check`: print every release problem; exit 1 if there is one."""
    problems = release_problems()
    for problem in problems:
        print(f"✗ {problem}")
    print(f"release {course_config()['ref']}: " + ("not ready" if problems else "ready"))
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    commands = {"check": check, "refresh": refresh, "editions": editions, "badges": badges}
    if argv and argv[0] == "release":
        return release(argv[1:])
    if argv and argv[0] == "format":
        check_only = "--check" in argv
        return format_notebooks(notebook_paths([a for a in argv[1:] if a != "--check"]), check_only)
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](notebook_paths(argv[1:]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
