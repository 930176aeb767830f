"""The command line of the course's notebook tools (for authors and CI, not used in lessons).

    python -m tools.notebooks check    [NOTEBOOK ...]  # every lesson rule (tools.rules): file: cell N: [rule] message
    python -m tools.notebooks refresh  [NOTEBOOK ...]  # re-execute and store outputs in place
    python -m tools.notebooks editions [NOTEBOOK ...]  # English-only and Portuguese-only copies
    python -m tools.notebooks answer-key [NOTEBOOK ...]  # the teacher's edition, executed (tools.answer_key)
    python -m tools.notebooks badges   [NOTEBOOK ...]  # Colab badges from pyproject
    python -m tools.notebooks format [--check] [NOTEBOOK ...]  # stable ids, no timing metadata
    python -m tools.notebooks carry  [--check] [NOTEBOOK ...]  # helpers/ into each set-up cell (tools.carry)
    python -m tools.notebooks tables [--check]  # title cells and tables of lessons from the manifests
    python -m tools.notebooks new NN NAME "English title" "Título em português"  # a lesson from the template
    python -m tools.notebooks COMMAND --help

With no NOTEBOOK, every ``notebooks/*.ipynb`` is used. ``refresh`` sets
PYTEST_CURRENT_TEST so the stored outputs match what nbval sees, points
COURSE_DATA at ../shared/datasets when that folder exists and COURSE_DATA is
unset (as .ci/run does, so lesson 00's data-locations output matches CI), and
runs the kernel in this Python environment, like ``pytest --nbval-current-env``.
``editions`` writes editions/en/ and editions/pt/ (set EDITIONS_DIR to change
where) with the glossary, for teachers who want a single language.

The notebooks' model (the lesson list, conventions, the executor) is tools.lessons, their rules
tools.rules; each command's code lives in its own module (tools.rules, tools.nbfmt, tools.editions,
tools.colab, tools.carry, tools.answer_key, tools.manifest), none of which imports this one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.answer_key import answer_key
from tools.carry import carry
from tools.colab import badges
from tools.editions import editions
from tools.lessons import course_environment, execute, notebook_paths
from tools.manifest import new_lesson, tables
from tools.nbfmt import format_notebooks


def check(paths: list[Path]) -> int:
    from tools import rules

    return rules.check(paths)


def refresh(paths: list[Path], timeout: int = 900) -> int:
    import time

    import nbformat

    from tools.nbfmt import formatted, notebook_text, portable

    course_environment()
    for path in paths:
        start = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        execute(nb, path.parent, timeout)
        path.write_text(notebook_text(formatted(portable(nb))), encoding="utf-8")
        print(f"{path.name}: executed in {time.perf_counter() - start:.1f} s")
    return 0


NEW = "start a lesson from tools/template.ipynb: notebooks/NN_NAME.ipynb, then what is left to write"
COMMANDS = {  # name: what it does (its --help), whether it takes --check
    "check": ("every lesson rule (tools/rules.py); prints `file: cell N: [rule-id] message`, exit 1 on any", False),
    "refresh": ("re-execute on this Python's kernel and store the outputs in place", False),
    "editions": ("English-only and Portuguese-only copies in editions/ (EDITIONS_DIR)", False),
    "answer-key": ("the teacher's edition, every exercise solved and executed, in editions/answer-key/", False),
    "badges": ("Colab badges from [tool.course] in pyproject.toml", False),
    "format": ("write the notebooks in the course's one layout (ids kept, no timing metadata)", True),
    "carry": ("write helpers/ into every lesson's set-up cell (tools/carry.py)", True),
    "tables": (
        "write the title cells and every table of lessons from the lessons' manifests (tools/manifest.py)",
        True,
    ),
}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m tools.notebooks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (what, checks) in COMMANDS.items():
        command = commands.add_parser(name, help=what, description=what)
        if checks:
            command.add_argument("--check", action="store_true", help="only list the notebooks that differ; exit 1")
        if name != "tables":  # the tables list every lesson
            command.add_argument("notebooks", nargs="*", type=Path, metavar="NOTEBOOK", help="default: every lesson")
    new = commands.add_parser("new", help=NEW, description=NEW)
    new.add_argument("number", help='two digits, the next free lesson number: "06"')
    new.add_argument("name", help="the file name's words, lower case with underscores: early_stopping")
    new.add_argument("title_en", metavar="TITLE_EN", help='the English title: "Early stopping"')
    new.add_argument("title_pt", metavar="TITLE_PT", help='the Portuguese title: "Parada antecipada"')
    return top


def main(argv: list[str]) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as stop:  # --help (0) or a bad argument (2, the usage on stderr)
        return int(stop.code or 0)
    if args.command == "tables":
        return tables(args.check)
    if args.command == "new":
        return new_lesson(args.number, args.name, args.title_en, args.title_pt)
    paths = notebook_paths([str(p) for p in args.notebooks])
    if args.command in ("format", "carry"):
        return (format_notebooks if args.command == "format" else carry)(paths, args.check)
    run = {"check": check, "refresh": refresh, "editions": editions, "badges": badges, "answer-key": answer_key}
    return run[args.command](paths)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
