"""tools/manifest.py: each lesson's manifest, the tables made from it, and a new lesson from the template."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from tools import lessons, manifest, rules


def course_copy(tmp_path):
    """What `tables` and `new` read and write: the README, pyproject.toml and the lessons."""
    for name in ("README.md", "pyproject.toml"):
        shutil.copy(lessons.ROOT / name, tmp_path / name)
    shutil.copytree(lessons.NOTEBOOK_DIR, tmp_path / "notebooks", ignore=shutil.ignore_patterns("*.h5"))
    return tmp_path


def test_the_generated_tables_are_current():
    """`python -m tools.notebooks tables --check`, as CI runs it: README, lesson 00 and titles match the manifests."""
    assert manifest.tables(check_only=True) == 0, "run `python -m tools.notebooks tables`"


def test_an_edited_table_is_found_and_rewritten(tmp_path, capsys):
    root = course_copy(tmp_path)
    readme = root / "README.md"
    readme.write_text(readme.read_text().replace("[Compile and fit · Compilar e treinar]", "[Compile]"))
    start = root / "notebooks" / "00_start_here.ipynb"
    start.write_text(start.read_text().replace("Evaluate and predict", "Evaluate"))
    assert manifest.tables(check_only=True, root=root) == 2
    assert "README.md: differs from the manifests" in capsys.readouterr().out
    manifest.tables(root=root)
    assert manifest.tables(check_only=True, root=root) == 0
    assert (root / "README.md").read_text() == (lessons.ROOT / "README.md").read_text()


def test_every_loader_has_its_readme_row():
    """DATA_SETS names and places each of helpers.data.DATASETS for the README's data table."""
    from helpers import data

    assert set(data.DATASETS) <= set(manifest.DATA_SETS)


def test_each_fact_comes_from_the_manifest():
    assert manifest.by_number("01").name == "01_compile_and_fit.ipynb"
    assert set(manifest.budgets(lessons.notebook_paths()).values()) <= set(range(1, manifest.MAX_BUDGET_S + 1))
    with pytest.raises(LookupError):
        manifest.by_number("99")


@pytest.mark.parametrize(
    "change, found",
    [
        (lambda m: m.pop("budget_s"), "budget_s should be"),
        (lambda m: m.update(number="07"), "number '07' is not the file name's '02'"),
        (lambda m: m.update(datasets=["mnist"]), "datasets ['mnist'] are not in"),
        (lambda m: m.update(backends=["torch"]), "backends should be some of"),
        (lambda m: m["title"].update(en="Evaluate"), "the title cell should read"),
        (lambda m: m["teaches"].pop("pt"), "teaches needs a text for each of"),
    ],
)
def test_a_wrong_manifest_is_reported(change, found):
    nb = nbformat.read(lessons.NOTEBOOK_DIR / "02_evaluate_and_predict.ipynb", as_version=4)
    change(nb.metadata["course"])
    assert any(found in p for p in manifest.problems(nb, lessons.NOTEBOOK_DIR / "02_evaluate_and_predict.ipynb"))


def test_a_new_lesson_is_one_command_and_check_lists_what_is_left_to_write(tmp_path, capsys):
    root = course_copy(tmp_path)
    assert manifest.new_lesson("06", "early_stopping", "Early stopping", "Parada antecipada", root=root) == 0
    assert "add its questions to helpers/quiz.json" in capsys.readouterr().out
    path = root / "notebooks" / "06_early_stopping.ipynb"
    found = rules.problems(rules.Lesson.read(path))
    assert {p.rule.id for p in found} == {"template-text", "executed"}, "\n".join(map(str, found))
    assert path.read_text().count("✎") > 10
    manifest.tables(root=root)
    assert (
        "| 06 | [Early stopping · Parada antecipada](notebooks/06_early_stopping.ipynb)"
        in (root / "README.md").read_text()
    )
    start = (root / "notebooks" / "00_start_here.ipynb").read_text()
    assert "[Parada antecipada](06_early_stopping.ipynb)" in start
    for bad in (("06", "x"), ("6", "x"), ("07", "Early Stopping")):
        with pytest.raises(SystemExit):
            manifest.new_lesson(*bad, "Title", "Título", root=root)
