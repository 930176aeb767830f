"""Colab badges, from the repository named in [tool.course] of pyproject.toml.

python -m tools.notebooks badges [NOTEBOOK ...]

A badge opens main's notebook in Colab; the notebook carries the helpers it needs (tools/carry.py), so
there is no release to tag or install.
"""

from __future__ import annotations

import re
from pathlib import Path

from tools import lessons
from tools.nbfmt import formatted, notebook_text

COLAB_BADGE = re.compile(r"https://colab\.research\.google\.com/github/[^)\s]+")


def course_config(root: Path = lessons.ROOT) -> dict[str, str]:
    """The [tool.course] settings of `root`'s pyproject.toml: repository URL, oldest TensorFlow and Keras."""
    import tomllib

    with open(root / "pyproject.toml", "rb") as f:
        return dict(tomllib.load(f)["tool"]["course"])


def colab_url(name: str, root: Path = lessons.ROOT) -> str:
    """The Colab address of notebook `name` of the configured repository's main branch."""
    repository = course_config(root)["repository"].removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{repository}/blob/main/notebooks/{name}"


def badges(paths: list[Path], check_only: bool = False, root: Path = lessons.ROOT) -> int:
    """Write every Colab badge from `root`'s [tool.course]; with `check_only`, count what differs.

    `root` is the course folder whose pyproject.toml and README.md are read (and the README rewritten).
    """
    import nbformat

    changed = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        before = [c.source for c in nb.cells]
        url = colab_url(path.name, root)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = COLAB_BADGE.sub(url, cell.source)
        if [c.source for c in nb.cells] != before:
            if not check_only:
                path.write_text(notebook_text(formatted(nb)), encoding="utf-8")
            changed += 1
    readme = root / "README.md"
    text = readme.read_text()
    updated = COLAB_BADGE.sub(lambda m: colab_url(m.group(0).rsplit("/", 1)[1], root), text)
    if updated != text:
        if not check_only:
            readme.write_text(updated)
        changed += 1
    if check_only:
        return changed
    print(f"{changed} file(s) updated from [tool.course] of pyproject.toml")
    return 0
