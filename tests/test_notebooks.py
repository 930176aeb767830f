"""The lesson notebooks themselves: every rule of tools/rules.py holds on every lesson, and each can fail.

nbval re-executes every notebook (see pyproject.toml); these tests check what
nbval cannot: the conventions of CONTRIBUTING.md. tools.nbfmt is tested in test_nbfmt.py.
"""

from __future__ import annotations

import copy

import nbformat
import pytest

from tools import carry, lessons, nbfmt, rules

PATHS = lessons.notebook_paths()
IDS = [p.name for p in PATHS]


def read(path):
    return nbformat.read(path, as_version=4)


def test_the_course_has_its_notebooks():
    names = {p.name for p in PATHS}
    assert {"00_start_here.ipynb", "01_compile_and_fit.ipynb"} <= names


# --- every rule of tools/rules.py: it holds on every lesson, and it can fail --------------


@pytest.mark.parametrize("path", PATHS, ids=IDS)
@pytest.mark.parametrize("rule_id", list(rules.RULES))
def test_the_rule_holds_on_the_lesson(rule_id, path):
    lesson_at(path)  # read once
    found = rules.RULES[rule_id].check(_LESSONS[path])  # no rule changes the lesson it reads
    assert found == [], "\n".join(map(str, found))


def lesson_at(path) -> rules.Lesson:
    if path not in _LESSONS:
        _LESSONS[path] = rules.Lesson.read(path)
    return copy.deepcopy(_LESSONS[path])


_LESSONS: dict = {}


def cell_with(lesson, text: str) -> int:
    """The index of the first cell of `lesson` whose source holds `text`."""
    return next(i for i, c in enumerate(lesson.cells) if text in c.source)


def first(nb, tag):
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("tags") == [tag])


def add_code(lesson, source: str, **metadata):
    cell = nbformat.v4.new_code_cell(source, metadata=metadata, execution_count=10**6)
    lesson.cells.append(cell)
    return cell


def _speed_settings(lesson):
    lesson.path = lesson.path.with_name("02_x.ipynb")  # lesson 01 teaches them; a later lesson compiles plainly
    add_code(lesson, "model.compile(steps_per_execution=8, jit_compile=True)")


def _error_output(lesson):
    cell = add_code(lesson, "model.fit(x, y)")
    cell.outputs = [nbformat.v4.new_output("error", ename="ValueError", evalue="x", traceback=[])]


def _machine_path(lesson):
    cell = add_code(lesson, "print(data.__file__)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="/home/ana/course/helpers/data.py\n")]


def _check_cells(lesson):
    add_code(lesson, "history = model.fit(x, y)\nchecks.at_least('a', 1, 0)")
    add_code(lesson, lessons.COURSE_CHECK + "\nplt.plot([1])\nchecks.at_least('a', 1, 0)")


def _ignored_few(lesson):
    for _ in range(3):
        add_code(lesson, "print(model.predict(x))", tags=["nbval-ignore-output"], course={"ignore_output": "y" * 30})


def _drifted_twins(lesson):
    i = cell_with(lesson, "- `Flatten`")
    lesson.cells[i + 1].source = lesson.cells[i + 1].source.replace("- `Flatten`", "`Flatten`")


def _unformatted(lesson):
    """Written by a tool that keeps nbclient's timing metadata (the file as saved, not the course's layout)."""
    _imports(lesson).metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    lesson.text = nbformat.writes(lesson.nb)


def _setup(lesson):
    return lesson.cells[carry.setup_cell_index(lesson.nb)]


def _imports(lesson):
    return [c for c in lesson.cells if c.cell_type == "code"][1]


# Each rule broken once in a copy of lesson 01 (or a small change of it), with a piece of what the checker
# then prints: the proof that the rule can fail.
BREAKS = {
    "valid-notebook": (lambda ls: ls.nb.metadata.kernelspec.update(name="ir"), ""),
    "title-first": (lambda ls: ls.cells[0].metadata.update(tags=["lang-en"]), "cell 0:"),
    "manifest": (lambda ls: ls.nb.metadata.course.pop("budget_s"), "budget_s should be"),
    "template-text": (lambda ls: add_code(ls, "x = 1  # ✎ to write"), "marked ✎"),
    "set-up-cell": (lambda ls: ls.cells.remove(_setup(ls)), "found 0 set-up cell(s)"),
    "imports-cell": (lambda ls: setattr(_imports(ls), "source", "import keras"), ""),
    "visible-set-up": (
        lambda ls: setattr(_imports(ls), "source", _imports(ls).source + "\nx = 1" * 13),
        "non-blank code lines shown before the first section",
    ),
    "collapsed": (lambda ls: _setup(ls).metadata.pop("cellView"), "not collapsed"),
    "no-shell": (lambda ls: add_code(ls, "!pip install tensorflow"), "'!pip install tensorflow'"),
    "no-install": (lambda ls: add_code(ls, "subprocess.run(['pip', 'install', 'x'])"), "installs packages"),
    "carried-helpers": (
        lambda ls: setattr(_setup(ls), "source", _setup(ls).source.replace("__version__ = ", "__version__ = '9' or ")),
        "__init__.py",
    ),
    "lang-tag": (lambda ls: ls.cells.append(nbformat.v4.new_markdown_cell("Some text")), "without a lang-en/lang-pt"),
    "both-languages-heading": (lambda ls: setattr(ls.cells[0], "source", ls.cells[0].source + "\nMore."), "cell 0:"),
    "portuguese-twin": (lambda ls: ls.cells.pop(first(ls.nb, "lang-pt")), "not followed by its Portuguese twin"),
    "english-first": (lambda ls: ls.cells.pop(first(ls.nb, "lang-en")), "without an English cell before it"),
    "twin-structure": (_drifted_twins, "differ in structure"),
    "twin-translated": (
        lambda ls: setattr(ls.cells[first(ls.nb, "lang-en") + 1], "source", ls.cells[first(ls.nb, "lang-en")].source),
        "copy of the English",
    ),
    "links": (
        lambda ls: setattr(ls.cells[0], "source", ls.cells[0].source + " [next](07_missing.ipynb)"),
        "07_missing.ipynb",
    ),
    "no-raises-exception": (lambda ls: add_code(ls, "model.fit(x, y)", tags=["raises-exception"]), "Colab"),
    "no-error-output": (_error_output, "stored output is an error"),
    "ignore-output-reason": (
        lambda ls: add_code(ls, "print(model.predict(x))", tags=["nbval-ignore-output"]),
        "come together",
    ),
    "ignored-few": (_ignored_few, "more than 2 ignored outputs"),
    "classic-check": (
        lambda ls: add_code(
            ls,
            lessons.COURSE_CHECK + "\nchecks.at_least('a', 1, 0)",
            course={"classic": {"check": "renamed", "figure": "0.9"}},
        ),
        "'renamed'",
    ),
    "intended-stderr": (
        lambda ls: add_code(ls, "x", course={"intended_stderr": [["(", "a warning shown on purpose"], ["x", ""]]}),
        "'(' is not a regular expression",
    ),
    "portable-outputs": (_machine_path, "/home/"),
    "executed": (lambda ls: setattr(_imports(ls), "execution_count", None), "execution counts"),
    "formatted": (_unformatted, ""),
    "line-length": (lambda ls: add_code(ls, "x = 1  # " + "a" * 100), "longer than 100 characters"),
    "pyflakes": (lambda ls: add_code(ls, "print(sys.version, subprocess)"), "undefined name 'subprocess'"),
    "ruff": (lambda ls: add_code(ls, "import json\nx = 1"), "F401 `json` imported but unused"),
    "speed-settings": (_speed_settings, "steps_per_execution, jit_compile"),
    "check-cell": (_check_cells, "a course-check cell that trains, plots or prints"),
    "exercises": (
        lambda ls: setattr(ls.cells[cell_with(ls, "Try it · Experimente")], "source", "## Exercises · Exercícios"),
        "",
    ),
    "exercise-solution": (lambda ls: ls.cells[cell_with(ls, "checks.waiting(")].metadata.pop("course"), "starter"),
    "quiz-questions": (
        lambda ls: setattr(
            ls.cells[cell_with(ls, 'checks.answer("epoch"')],
            "source",
            ls.cells[cell_with(ls, 'checks.answer("epoch"')].source.replace('answer("epoch"', 'answer("epochs"'),
        ),
        "epoch, epochs",
    ),
}


@pytest.mark.parametrize("rule_id", list(rules.RULES))
def test_the_rule_can_fail(rule_id):
    assert rule_id in BREAKS, f"add a case that breaks {rule_id!r} to BREAKS"
    lesson = lesson_at(lessons.NOTEBOOK_DIR / "01_compile_and_fit.ipynb")
    before = {str(p) for p in rules.RULES[rule_id].check(lesson)}  # none, unless the lesson is being edited
    breaks, shown = BREAKS[rule_id]
    breaks(lesson)
    found = [str(p) for p in rules.problems(lesson) if p.rule.id == rule_id and str(p) not in before]
    assert found and any(shown in p for p in found), found


def test_every_rule_is_one_line_with_its_reason_in_contributing():
    import re

    text = (lessons.ROOT / rules.CONTRIBUTING).read_text(encoding="utf-8")
    anchors = {
        re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", text, re.M)
    }
    for rule in rules.RULES.values():
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.id) and "\n" not in rule.message
        assert rule.why in anchors, f"{rule.id}: no heading #{rule.why} in {rules.CONTRIBUTING}"


def test_the_check_command_prints_file_cell_rule_and_message(tmp_path, capsys):
    from tools import notebooks

    lesson = lesson_at(lessons.NOTEBOOK_DIR / "01_compile_and_fit.ipynb")
    add_code(lesson, "print(sys.version, subprocess)")
    path = tmp_path / "01_compile_and_fit.ipynb"
    path.write_text(nbfmt.notebook_text(lesson.nb), encoding="utf-8")
    assert notebooks.main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    last = len(lesson.cells) - 1
    assert f"01_compile_and_fit.ipynb: cell {last}: [pyflakes] pyflakes finds a problem" in out
    assert "line 1: undefined name 'subprocess'" in out and "1 notebook(s)" in out
    for command in [*notebooks.COMMANDS, "new"]:  # --help is help, never a notebook path
        assert notebooks.main([command, "--help"]) == 0
        assert f"usage: python -m tools.notebooks {command} [-h]" in capsys.readouterr().out


def test_the_carried_helpers_check_can_fail(tmp_path):
    """A lesson whose carried helpers differ from helpers/ (one changed line) is listed by `carry --check`."""
    nb = lesson01()
    setup = nb.cells[carry.setup_cell_index(nb)]
    setup.source = setup.source.replace("__version__ = ", "__version__ = '9' or ", 1)
    assert carry.carried(setup.source) != carry.helper_files()
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nb, path)
    assert carry.carry([path], check_only=True) == 1
    assert carry.carry([path]) == 0 and carry.carry([path], check_only=True) == 0


def test_the_carried_helpers_run_without_the_course_installed(tmp_path):
    """The set-up cell run where no `helpers` is importable: it writes its copy and `from helpers import` works."""
    import subprocess
    import sys

    script = tmp_path / "setup.py"
    script.write_text(
        carry.setup_source(carry.helper_files()) + "\nfrom helpers import quiz, texts\nprint(texts.__file__)\n"
    )
    # -S: no site-packages, so neither the course's installed helpers nor Keras (the standard library alone)
    done = subprocess.run([sys.executable, "-I", "-S", str(script)], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("✓ Course set-up: the helpers this notebook carries · Preparação do curso: os ")
    assert "course-helpers-" in done.stdout.splitlines()[1] and done.stderr == ""


def lesson01():
    return read(lessons.NOTEBOOK_DIR / "01_compile_and_fit.ipynb")


def test_every_question_is_asked_in_the_lesson_it_names():
    import re

    from helpers import quiz

    asked = {
        qid: path.name[:2]
        for path in PATHS
        for cell in read(path).cells
        if cell.cell_type == "code"
        for qid in re.findall(r'checks\.answer\("(\w+)"', cell.source)
    }
    assert asked == {qid: q.lesson for qid, q in quiz.QUESTIONS.items()}


def test_printed_joins_the_code_cells_streams_and_nothing_else():
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("print(1)")
    code.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="one\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1),
        nbformat.v4.new_output("stream", name="stderr", text="warned\n"),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("print(0)"), code]
    assert lessons.printed(nb) == "one\nwarned\n"
    assert lessons.printed(nb, "stdout") == "one\n"
    assert lessons.printed(nb, "stderr") == "warned\n"
