"""python -m tools.notebooks editions: English-only and Portuguese-only copies."""

from __future__ import annotations

import nbformat
import pytest

from tools import editions, lessons, notebooks


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    root = tmp_path_factory.mktemp("editions")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EDITIONS_DIR", str(root))
        assert notebooks.main(["editions"]) == 0
    return root


@pytest.mark.parametrize("lang", ["en", "pt"])
def test_every_notebook_has_a_valid_single_language_copy(written, lang):
    other = "lang-pt" if lang == "en" else "lang-en"
    assert (written / lang / "GLOSSARY.md").is_file()
    for path in lessons.notebook_paths():
        original = nbformat.read(path, as_version=4)
        copy = nbformat.read(written / lang / path.name, as_version=4)
        nbformat.validate(copy)
        assert not any(
            other in c.metadata.get("tags", []) and f"lang-{lang}" not in c.metadata["tags"] for c in copy.cells
        )
        assert [c.source for c in copy.cells if c.cell_type == "code"] == [
            c.source for c in original.cells if c.cell_type == "code"
        ]
        prose = [c for c in copy.cells if c.cell_type == "markdown"]
        assert all(" · " not in c.source.splitlines()[0] for c in prose if c.source.startswith("#"))
        assert len(prose) < len([c for c in original.cells if c.cell_type == "markdown"])


def test_headings_keep_their_side_and_number():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                "## 3. Train the model · Treinar o modelo", metadata={"tags": ["lang-en", "lang-pt"]}
            ),
            nbformat.v4.new_markdown_cell("Text.", metadata={"tags": ["lang-en"]}),
            nbformat.v4.new_markdown_cell("Texto.", metadata={"tags": ["lang-pt"]}),
            nbformat.v4.new_code_cell("x = 1"),
        ]
    )
    en, pt = editions.monolingual(nb, "en"), editions.monolingual(nb, "pt")
    assert [c.source for c in en.cells] == ["## 3. Train the model", "Text.", "x = 1"]
    assert [c.source for c in pt.cells] == ["## 3. Treinar o modelo", "Texto.", "x = 1"]
    assert len(nb.cells) == 4  # the original is untouched
    with pytest.raises(ValueError, match="lang"):
        editions.monolingual(nb, "es")


# --- hostile probes (reviews/probes-2026-12-05.md) ------------------------------------------------


def paired_notebook(*cells):
    return nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# A · Um", metadata={"tags": ["lang-en", "lang-pt"]}),
            nbformat.v4.new_markdown_cell("Text.", metadata={"tags": ["lang-en"]}),
            nbformat.v4.new_markdown_cell("Texto.", metadata={"tags": ["lang-pt"]}),
            *cells,
        ]
    )


def test_a_malformed_notebook_is_named_and_nothing_invalid_is_written(tmp_path, monkeypatch, capsys):
    """Probe: editions on a malformed notebook gave a raw traceback, or wrote an invalid notebook and exited 0."""
    out = tmp_path / "out"
    monkeypatch.setenv("EDITIONS_DIR", str(out))
    good = tmp_path / "01_good.ipynb"
    nbformat.write(paired_notebook(nbformat.v4.new_code_cell("x = 1")), good)
    not_json = tmp_path / "02_cut.ipynb"
    not_json.write_text(good.read_text()[:200])
    bad_tags = tmp_path / "03_tags.ipynb"
    nb = paired_notebook(nbformat.v4.new_code_cell("x = 1"))
    nb.cells[3].metadata["tags"] = "lang-en"  # a string where a list belongs
    bad_tags.write_text(nbformat.writes(nb, version=nbformat.NO_CONVERT))
    assert editions.editions([good, not_json, bad_tags, tmp_path / "04_missing.ipynb"]) == 1
    err = capsys.readouterr().err
    for name in ("02_cut.ipynb", "03_tags.ipynb", "04_missing.ipynb"):
        assert name in err and not (out / "en" / name).exists() and not (out / "pt" / name).exists()
    assert "03_tags.ipynb (cell 4 · célula 4)" in err
    assert "Nothing was written for this notebook" in err and "Nada foi escrito para este notebook" in err
    assert "Traceback" not in err
    for lang in ("en", "pt"):
        nbformat.validate(nbformat.read(out / lang / good.name, as_version=4))


def test_a_copy_changed_in_the_editions_folder_is_kept(tmp_path, monkeypatch, capsys):
    """The copies land where the lab opens them (course.py editions): a learner's edits there are never lost."""
    monkeypatch.setenv("EDITIONS_DIR", str(tmp_path))
    lesson = tmp_path / "01_lesson.ipynb"
    nbformat.write(paired_notebook(nbformat.v4.new_code_cell("x = 1")), lesson)
    assert editions.editions([lesson]) == 0
    mine = tmp_path / "en" / lesson.name
    mine.write_text(mine.read_text().replace("x = 1", "x = 2"))
    assert editions.editions([lesson]) == 0  # the same again: theirs is kept before the course's is written
    kept = list((tmp_path / "en").glob("01_lesson.mine-*.ipynb"))
    assert len(kept) == 1 and "x = 2" in kept[0].read_text() and "x = 1" in mine.read_text()
    assert "kept as" in capsys.readouterr().out
    assert editions.editions([lesson]) == 0  # unchanged since written: replaced, nothing more kept
    assert len(list((tmp_path / "en").glob("01_lesson.mine-*.ipynb"))) == 1


def test_course_py_editions_runs_the_tool_in_venv_into_the_labs_folder(tmp_path, monkeypatch):
    import course

    calls = []
    monkeypatch.setattr(course, "setup", lambda authors=False, backend=None: calls.append(("setup", authors)))
    monkeypatch.setattr(course, "MINE", tmp_path / "my-lessons")
    monkeypatch.setattr(course.subprocess, "call", lambda command, **kw: calls.append((command, kw)) or 3)
    assert course.main(["editions"]) == 3  # the tool's exit status
    (setup, (command, options)) = calls
    assert setup == ("setup", False) and command == [str(course.PYTHON), "-m", "tools.editions"]
    assert options["cwd"] == course.ROOT and options["env"]["EDITIONS_DIR"] == str(tmp_path / "my-lessons" / "editions")


@pytest.mark.slow
def test_course_py_editions_writes_both_languages_where_the_lab_opens_them(tmp_path, monkeypatch, capsys):
    """Issue 28: `python3 course.py editions` sets up .venv (learner requirements), writes my-lessons/editions."""
    import course

    set_up = []
    monkeypatch.setattr(course, "setup", lambda authors=False, backend=None: set_up.append(authors))
    monkeypatch.setattr(course, "MINE", tmp_path / "my-lessons")
    assert course.main(["editions"]) == 0
    assert set_up == [False]
    for lang in ("en", "pt"):
        folder = tmp_path / "my-lessons" / "editions" / lang
        assert (folder / "GLOSSARY.md").is_file()
        assert sorted(p.name for p in folder.glob("*.ipynb")) == [p.name for p in lessons.notebook_paths()]
    out = capsys.readouterr().out
    assert "my-lessons" in out or str(tmp_path) in out
    assert "Single-language copies" in out and "Cópias das lições num só idioma" in out
