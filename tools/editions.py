"""Single-language copies of the lessons.

    python -m tools.editions [NOTEBOOK ...]      # (also `python -m tools.notebooks editions`)
    python3 course.py editions                   # a learner's: into my-lessons/editions/, where the lab opens them

Writes editions/en/ and editions/pt/ (set EDITIONS_DIR to change where) with the glossary. A file there
that is not what this tool last wrote (a copy someone changed) is first kept under a name of its own,
NAME.mine-YYYYMMDD-HHMMSS.ipynb, as `course.py fresh` does. A notebook that cannot be read, or is not
valid, is named (file and cell, in both languages) and nothing is written for it; the tool then exits 1.
Also the notebook tools' shared reading and writing: `read_notebook`, `notebook_bytes`, `replace`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

from helpers import texts
from tools import lessons

RECORD = ".editions.json"  # in the editions folder: file -> sha256 of what this tool last wrote there


class NotebookError(Exception):
    """A notebook a tool cannot use; the message names the file (and the cell, counted from 1) in both languages."""

    def __init__(self, path: Path, error: object, cell: int | None = None):
        where = f" (cell {cell} · célula {cell})" if cell is not None else ""
        super().__init__(texts.message("notebook_unusable", path=path, where=where, error=error))


def read_notebook(path: Path):
    """The notebook at `path`, valid as nbformat 4; NotebookError naming the file and cell if not."""
    import nbformat

    captured: dict = {}
    try:
        nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4, capture_validation_error=captured)
    except Exception as error:  # what is no notebook raises many kinds: NotJSONError, ValidationError, TypeError...
        raise NotebookError(path, f"not a notebook that can be read ({type(error).__name__}: {error})") from None
    check(nb, path)
    return nb


def check(nb, path: Path) -> None:
    """NotebookError naming `path` and the cell where `nb` breaks the notebook format, if it does."""
    import nbformat

    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as error:
        where = list(error.absolute_path)
        cell = where[1] + 1 if len(where) > 1 and where[0] == "cells" and isinstance(where[1], int) else None
        raise NotebookError(path, f"not a valid notebook: {error.message}", cell) from None


def notebook_bytes(nb, path: Path, text: str | None = None) -> bytes:
    """`nb` as the bytes of a file (`text` if given), checked valid first: a tool never writes an invalid one."""
    import nbformat

    check(nb, path)
    return (nbformat.writes(nb) + "\n" if text is None else text).encode("utf-8")


def replace(target: Path, data: bytes) -> None:
    """Write `target` whole or not at all (a part file, then one rename)."""
    part = target.with_name(f".{target.name}.part")
    part.write_bytes(data)
    os.replace(part, target)


def keep(path: Path) -> Path:
    """A copy of `path` under a name no other file has; never replaces one."""
    data, stamp = path.read_bytes(), time.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 10_000):
        kept = path.with_name(f"{path.stem}.mine-{stamp}{f'-{n}' if n > 1 else ''}{path.suffix}")
        try:
            with open(kept, "xb") as file:  # "x": fails if the name is taken
                file.write(data)
        except FileExistsError:
            continue
        return kept
    raise FileExistsError(f"no free name for a copy of {path}")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _written(root: Path) -> dict[str, str]:
    try:
        record = json.loads((root / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or damaged: every file that differs is then kept, none lost
        return {}
    return record if isinstance(record, dict) else {}


def write_keeping(root: Path, name: str, data: bytes, record: dict[str, str]) -> None:
    """Write root/name; a file there that is not what this tool last wrote is first kept under a new name."""
    target = root / name
    if target.exists():
        old = target.read_bytes()
        if old != data and record.get(name) != _digest(old):
            print(texts.message("course_copy_kept", path=keep(target)))
    if not target.exists() or target.read_bytes() != data:
        replace(target, data)
    record[name] = _digest(data)
    replace(root / RECORD, (json.dumps(record, indent=1, sort_keys=True) + "\n").encode())


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
    """Write the English-only and Portuguese-only copy of each notebook; 1 if any could not be made."""
    root = Path(os.environ.get("EDITIONS_DIR", lessons.ROOT / "editions"))
    for lang in ("en", "pt"):
        (root / lang).mkdir(parents=True, exist_ok=True)
    record = _written(root)
    glossary = (lessons.NOTEBOOK_DIR / "GLOSSARY.md").read_bytes()
    failed = 0
    for path in paths:
        try:
            nb = read_notebook(path)
            copies = {lang: notebook_bytes(monolingual(nb, lang), path) for lang in ("en", "pt")}
        except NotebookError as error:
            print(error, file=sys.stderr)
            failed += 1
            continue
        for lang, data in copies.items():
            write_keeping(root, f"{lang}/{path.name}", data, record)
    for lang in ("en", "pt"):
        write_keeping(root, f"{lang}/GLOSSARY.md", glossary, record)
    print(f"{len(paths) - failed} notebook(s) written to {root / 'en'} and {root / 'pt'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(editions(lessons.notebook_paths(sys.argv[1:])))
