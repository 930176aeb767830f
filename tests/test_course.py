"""course.py: the learner's own copies of the lessons, `fresh`, and the interface language."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import course

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def mine(tmp_path, monkeypatch):
    folder = tmp_path / "my-lessons"
    monkeypatch.setattr(course, "MINE", folder)
    return folder


def test_lab_copies_every_lesson_once_and_never_overwrites_the_learners_work(mine):
    assert course.learner_copies() == []
    names = sorted(p.name for p in mine.glob("*.ipynb"))
    assert names == [p.name for p in course.lessons()] and (mine / "GLOSSARY.md").is_file()
    (mine / "01_compile_and_fit.ipynb").write_text("my own work")
    assert course.learner_copies() == []
    assert (mine / "01_compile_and_fit.ipynb").read_text() == "my own work"


def test_lab_names_the_copies_whose_lesson_changed(mine):
    course.learner_copies()
    record = mine / course.COPIES
    lesson = '"03_overfitting_with_text.ipynb": "'
    record.write_text(record.read_text().replace(lesson, lesson + "0"))  # as if the lesson had changed
    assert course.learner_copies() == ["03_overfitting_with_text.ipynb"]


def test_fresh_replaces_a_copy_and_keeps_the_old_one(mine, capsys):
    course.learner_copies()
    lesson = mine / "03_overfitting_with_text.ipynb"
    lesson.write_text("my own work")
    assert course.fresh(["3"]) == 0
    assert lesson.read_bytes() == (course.LESSONS / lesson.name).read_bytes()
    kept = list(mine.glob("03_overfitting_with_text.mine-*.ipynb"))
    assert len(kept) == 1 and kept[0].read_text() == "my own work"
    out = capsys.readouterr().out
    assert "Fresh copy: " in out and "Cópia nova: " in out
    assert course.fresh(["99"]) == 2 and course.fresh(["x"]) == 2 and course.fresh([]) == 2


def test_the_learners_folder_is_ignored_by_git():
    ignored = subprocess.run(["git", "check-ignore", "-q", "my-lessons/01_compile_and_fit.ipynb"], cwd=ROOT)
    assert ignored.returncode == 0


@pytest.mark.parametrize(
    ("flags", "lang", "portuguese"),
    [
        ([], "en_US.UTF-8", False),
        ([], "pt_BR.UTF-8", True),
        (["--en"], "pt_BR.UTF-8", False),
        (["--pt"], "en_US.UTF-8", True),
        ([], "C.UTF-8", False),
    ],
)
def test_interface_language_from_the_flag_or_the_system(monkeypatch, flags, lang, portuguese):
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    assert course.wants_portuguese(flags) is portuguese


def test_lab_settings_choose_the_language_and_shut_kernels_down_with_their_tab(tmp_path, monkeypatch):
    import json

    monkeypatch.setattr(course, "VENV", tmp_path)
    folder = course.lab_settings(portuguese=True)
    overrides = json.loads((folder / "labconfig" / "default_setting_overrides.json").read_text())
    assert overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "pt_BR"}
    assert overrides["@jupyterlab/notebook-extension:tracker"] == {"kernelShutdown": True}
    folder = course.lab_settings(portuguese=False)
    overrides = json.loads((folder / "labconfig" / "default_setting_overrides.json").read_text())
    assert overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "en"}
