"""Colab badges, install pins and the release they point at, from [tool.course] of pyproject.toml.

python -m tools.notebooks badges [NOTEBOOK ...]
python -m tools.notebooks release --check
"""

from __future__ import annotations

import re
from pathlib import Path

from tools import lessons
from tools.nbfmt import formatted, notebook_text

COLAB_BADGE = re.compile(r"https://colab\.research\.google\.com/github/[^)\s]+")
COLAB_INSTALL = re.compile(r'"git\+https://[^"@]+@[^"]+"')


def course_config(root: Path = lessons.ROOT) -> dict[str, str]:
    """The [tool.course] settings of `root`'s pyproject.toml: repository URL, pinned ref, oldest TensorFlow, Keras."""
    import tomllib

    with open(root / "pyproject.toml", "rb") as f:
        return dict(tomllib.load(f)["tool"]["course"])


def colab_url(name: str, root: Path = lessons.ROOT) -> str:
    """The Colab address of notebook `name` of the configured repository's main branch."""
    repository = course_config(root)["repository"].removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{repository}/blob/main/notebooks/{name}"


def badges(paths: list[Path], check_only: bool = False, root: Path = lessons.ROOT) -> int:
    """Write every Colab badge and install pin from `root`'s [tool.course]; with `check_only`, count what differs.

    `root` is the course folder whose pyproject.toml and README.md are read (and the README rewritten).
    """
    import nbformat

    config = course_config(root)
    changed = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        before = [c.source for c in nb.cells]
        url = colab_url(path.name, root)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = COLAB_BADGE.sub(url, cell.source)
            elif lessons.COLAB_GUARD in cell.source:
                cell.source = COLAB_INSTALL.sub(f'"git+{config["repository"]}@{config["ref"]}"', cell.source)
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


def release_problems(root: Path | None = None) -> list[str]:
    """Why Colab users would not get what main's badges promise: the release named in [tool.course].

    The configured ref must exist in this repository, every badge and install pin must
    agree with the configuration, and the ref's notebooks must be main's (a learner on
    Colab opens main's notebook but installs the helpers of the ref).
    """
    import subprocess

    root = root or lessons.ROOT
    ref = course_config(root)["ref"]
    found = []
    if badges(lessons.notebook_paths(folder=root / "notebooks"), check_only=True, root=root):
        found.append("badges or install pins disagree with [tool.course]: run `python -m tools.notebooks badges`")
    exists = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=root, capture_output=True, text=True
    )
    if exists.returncode != 0:
        found.append(
            f"the configured ref {ref!r} does not exist in this repository: tag the release "
            f"(`git tag {ref}`) and push the tag"
        )
    else:
        differ = subprocess.run(["git", "diff", "--quiet", ref, "HEAD", "--", "notebooks", "helpers"], cwd=root)
        if differ.returncode != 0:
            found.append(
                f"notebooks/ or helpers/ of {ref} differ from this commit's: release a new ref "
                f"(bump it in pyproject.toml, run badges, tag)"
            )
    return found


def release(argv: list[str]) -> int:
    """`release --check`: print every release problem; exit 1 if there is one."""
    problems = release_problems()
    for problem in problems:
        print(f"✗ {problem}")
    print(f"release {course_config()['ref']}: " + ("not ready" if problems else "ready"))
    return 1 if problems else 0
