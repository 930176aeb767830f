"""Colab: every badge points at its own notebook of the configured repository, and nothing installs."""

from __future__ import annotations

import re

import nbformat
import pytest

from tools import carry, colab, lessons, manifest, notebooks

PATHS = lessons.notebook_paths()
CONFIG = colab.course_config()


def test_the_configuration_names_a_github_repository_and_no_release():
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", CONFIG["repository"])
    assert "ref" not in CONFIG, "a lesson carries its helpers (tools/carry.py): there is no release to pin"


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_badges_point_at_the_notebook_itself(path):
    nb = nbformat.read(path, as_version=4)
    links = [url for c in nb.cells if c.cell_type == "markdown" for url in colab.COLAB_BADGE.findall(c.source)]
    assert links, "the title cells carry an Open in Colab badge"
    assert set(links) == {colab.colab_url(path.name)}
    assert len(links) == 2, "one badge in the English cell, one in the Portuguese twin"


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_no_cell_installs_anything(path):
    """No lesson cell installs; the set-up cell's own code neither (what it carries, helpers/, may name pip)."""
    code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    assert code[0].startswith(lessons.SETUP_TITLE) and not re.search(r"\binstall\b|\bpip\b", carry.SETUP)
    assert not [source for source in code[1:] if "pip" in source and "install" in source]


def test_readme_badges_match_the_files():
    readme = (lessons.NOTEBOOK_DIR.parent / "README.md").read_text()
    links = colab.COLAB_BADGE.findall(readme)
    assert sorted(links) == sorted(colab.colab_url(p.name) for p in PATHS)


def test_badges_command_rewrites_from_the_configuration(tmp_path):
    lesson01 = manifest.by_number("01")
    nb = nbformat.read(lesson01, as_version=4)
    path = tmp_path / lesson01.name
    nbformat.write(nb, path)
    (tmp_path / "pyproject.toml").write_text('[tool.course]\nrepository = "https://github.com/fork/course"\n')
    (tmp_path / "README.md").write_text(
        f"[b](https://colab.research.google.com/github/x/y/blob/main/notebooks/{path.name})"
    )
    assert colab.badges([path], root=tmp_path) == 0  # the fork's pyproject.toml and README.md
    text = path.read_text()
    assert "github/fork/course/blob/main/notebooks/" + path.name in text
    assert "keras-course/keras-course" not in text
    assert "github/fork/course/blob/main/notebooks/" in (tmp_path / "README.md").read_text()


def test_the_badges_command_line_runs_badges(monkeypatch):
    """`python -m tools.notebooks badges` is colab.badges over the lessons."""
    calls = []
    monkeypatch.setattr(notebooks, "badges", lambda paths: calls.append(paths) or 0)
    assert notebooks.main(["badges"]) == 0 and calls == [lessons.notebook_paths()]
