"""Single-language copies of the lessons for teachers (``python -m tools.notebooks editions``)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tools import lessons


def monolingual(nb, lang: str):
    """A copy of `nb` with only `lang`'s text ("en" or "pt"); code cells and outputs unchanged."""
    import copy

    if lang not in ("en", "pt"):
        raise ValueError(f"lang must be 'en' or 'pt', got {lang!r}")
    other = "lang-pt" if lang == "en" else "lang-en"
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        tags = lessons.cell_tags(cell)
        if cell.cell_type == "markdown" and set(lessons.LANG_TAGS) <= tags:  # '## 1. English · Português'
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

    root = Path(os.environ.get("EDITIONS_DIR", lessons.ROOT / "editions"))
    for lang in ("en", "pt"):
        (root / lang).mkdir(parents=True, exist_ok=True)
        shutil.copy(lessons.NOTEBOOK_DIR / "GLOSSARY.md", root / lang / "GLOSSARY.md")
        for path in paths:
            nbformat.write(monolingual(nbformat.read(path, as_version=4), lang), root / lang / path.name)
    print(f"{len(paths)} notebook(s) written to {root / 'en'} and {root / 'pt'}")
    return 0
