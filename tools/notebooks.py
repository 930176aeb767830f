"""The command line of the course's notebook tools (for authors and CI, not used in lessons).

    python -m tools.notebooks check    [NOTEBOOK ...]  # pairing, tags, set-up cell and carried helpers, ...
    python -m tools.notebooks refresh  [NOTEBOOK ...]  # re-execute and store outputs in place
    python -m tools.notebooks editions [NOTEBOOK ...]  # English-only and Portuguese-only copies
    python -m tools.notebooks answer-key [NOTEBOOK ...]  # the teacher's edition, executed (tools.answer_key)
    python -m tools.notebooks badges   [NOTEBOOK ...]  # Colab badges from pyproject
    python -m tools.notebooks format [--check] [NOTEBOOK ...]  # stable ids, no timing metadata
    python -m tools.notebooks carry  [--check] [NOTEBOOK ...]  # helpers/ into each set-up cell (tools.carry)

With no NOTEBOOK, every ``notebooks/*.ipynb`` is used. ``refresh`` sets
PYTEST_CURRENT_TEST so the stored outputs match what nbval sees, points
COURSE_DATA at ../shared/datasets when that folder exists and COURSE_DATA is
unset (as .ci/run does, so lesson 00's data-locations output matches CI), and
runs the kernel in this Python environment, like ``pytest --nbval-current-env``.
``editions`` writes editions/en/ and editions/pt/ (set EDITIONS_DIR to change
where) with the glossary, for teachers who want a single language.

The notebooks' model (the lesson list, conventions, the executor) is tools.lessons; each command's
code lives in its own module (tools.nbfmt, tools.editions, tools.colab, tools.carry, tools.answer_key), none of
which imports this one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tools.answer_key import answer_key
from tools.carry import carry
from tools.colab import badges
from tools.editions import editions
from tools.lessons import course_environment, execute, notebook_paths, problems
from tools.nbfmt import format_notebooks


def check(paths: list[Path]) -> int:
    import nbformat

    bad = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        for p in problems(nb):
            print(f"{path.name}: {p}")
            bad += 1
    print(f"{len(paths)} notebook(s), {bad} problem(s)")
    return 1 if carry(paths, check_only=True) or bad else 0


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


def main(argv: list[str]) -> int:
    commands = {"check": check, "refresh": refresh, "editions": editions, "badges": badges, "answer-key": answer_key}
    if argv and argv[0] in ("format", "carry"):
        check_only = "--check" in argv
        paths = notebook_paths([a for a in argv[1:] if a != "--check"])
        return (format_notebooks if argv[0] == "format" else carry)(paths, check_only)
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](notebook_paths(argv[1:]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
