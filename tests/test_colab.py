"""Colab: every badge points at its own notebook, every notebook pins one configured release."""

from __future__ import annotations

import re

import nbformat
import pytest

from tools import colab, lessons, notebooks

PATHS = lessons.notebook_paths()
CONFIG = colab.course_config()


def test_the_configuration_pins_a_release_of_a_github_repository():
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", CONFIG["repository"])
    assert CONFIG["ref"] not in ("main", "master", "HEAD")
    assert re.fullmatch(r"v\d+\.\d+\.\d+|[0-9a-f]{40}", CONFIG["ref"])


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_badges_point_at_the_notebook_itself(path):
    nb = nbformat.read(path, as_version=4)
    links = [url for c in nb.cells if c.cell_type == "markdown" for url in colab.COLAB_BADGE.findall(c.source)]
    assert links, "the title cells carry an Open in Colab badge"
    assert set(links) == {colab.colab_url(path.name)}
    assert len(links) == 2, "one badge in the English cell, one in the Portuguese twin"


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_the_guarded_setup_cell_is_the_only_install_and_pins_the_release(path):
    code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    installs = [source for source in code if "install" in source and "pip" in source]
    assert installs == [code[0]] and lessons.COLAB_GUARD in code[0]
    assert colab.COLAB_INSTALL.findall(code[0]) == [f'"git+{CONFIG["repository"]}@{CONFIG["ref"]}"']


def test_readme_badges_match_the_files():
    readme = (lessons.NOTEBOOK_DIR.parent / "README.md").read_text()
    links = colab.COLAB_BADGE.findall(readme)
    assert sorted(links) == sorted(colab.colab_url(p.name) for p in PATHS)


def test_badges_command_rewrites_from_the_configuration(tmp_path):
    nb = nbformat.read(PATHS[1], as_version=4)
    path = tmp_path / PATHS[1].name
    nbformat.write(nb, path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.course]\nrepository = "https://github.com/fork/course"\nref = "v9.9.9"\n'
    )
    (tmp_path / "README.md").write_text(
        f"[b](https://colab.research.google.com/github/x/y/blob/main/notebooks/{path.name})"
    )
    assert colab.badges([path], root=tmp_path) == 0  # the fork's pyproject.toml and README.md
    text = path.read_text()
    assert "github/fork/course/blob/main/notebooks/" + path.name in text
    assert "git+https://github.com/fork/course@v9.9.9" in text
    assert "keras-course/keras-course" not in text
    assert "github/fork/course/blob/main/notebooks/" in (tmp_path / "README.md").read_text()


def test_release_check_needs_the_tag_and_main_notebooks_at_it(tmp_path):
    """`python -m tools.notebooks release --check` on a clone: no tag, then tagged, then main moves on."""
    import subprocess

    clone = tmp_path / "course"
    subprocess.run(["git", "clone", "-q", str(lessons.NOTEBOOK_DIR.parent), str(clone)], check=True)
    git = ["git", "-C", str(clone), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "tag", "-d", CONFIG["ref"]], capture_output=True)  # as before any release
    problems = colab.release_problems(clone)
    assert any(f"the configured ref {CONFIG['ref']!r} does not exist" in p for p in problems)
    subprocess.run([*git, "tag", CONFIG["ref"]], check=True)
    assert colab.release_problems(clone) == []
    lesson = clone / "notebooks" / "01_compile_and_fit.ipynb"
    lesson.write_text(lesson.read_text().replace("Fashion-MNIST has 70,000", "Fashion-MNIST holds 70,000"))
    subprocess.run([*git, "commit", "-q", "-am", "a lesson changes after the release"], check=True)
    assert any("differ from this commit's" in p for p in colab.release_problems(clone))


def test_every_lesson_has_the_same_install_cell():
    """One install cell, word for word (lesson 04 adds its widget line after it): one text to review."""
    cells = [nbformat.read(p, as_version=4).cells for p in PATHS]
    first = [next(c.source for c in nb if c.cell_type == "code") for nb in cells]
    assert all(source.startswith(first[0]) for source in first), "the install cells differ"
    assert "raise RuntimeError(" in first[0] and "did not install" in first[0] and "não foram instalados" in first[0]


def test_the_badges_command_line_runs_badges(monkeypatch):
    """`python -m tools.notebooks badges` is colab.badges over the lessons."""
    calls = []
    monkeypatch.setattr(notebooks, "badges", lambda paths: calls.append(paths) or 0)
    assert notebooks.main(["badges"]) == 0 and calls == [lessons.notebook_paths()]
