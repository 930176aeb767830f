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
