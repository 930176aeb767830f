"""The lesson notebooks themselves: valid, bilingual, executed, no stray shell lines.

nbval re-executes every notebook (see pyproject.toml); these tests check what
nbval cannot: the conventions of CONTRIBUTING.md.
"""

from __future__ import annotations

import copy

import nbformat
import pytest

from tools import carry, lessons, nbfmt

PATHS = lessons.notebook_paths()
IDS = [p.name for p in PATHS]


def read(path):
    return nbformat.read(path, as_version=4)


def test_the_course_has_its_notebooks():
    names = {p.name for p in PATHS}
    assert {"00_start_here.ipynb", "01_compile_and_fit.ipynb"} <= names


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_valid_nbformat_and_python3_kernel(path):
    nb = read(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_follows_the_course_conventions(path):
    assert lessons.problems(read(path)) == []


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_starts_with_a_title_then_the_set_up_cell_then_imports(path):
    cells = read(path).cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    assert set(cells[0].metadata["tags"]) == {"lang-en", "lang-pt"}
    code = [c for c in cells if c.cell_type == "code"]
    assert code[0].source.startswith(lessons.SETUP_TITLE) and lessons.collapsed(code[0])
    assert "import keras" in code[1].source and "os.environ" not in code[1].source
    # The course's start-up settings come before TensorFlow is imported (lesson 00 explains them).
    settings = 'os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"'
    assert settings in code[0].source and 'os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"' in code[0].source
    if not path.name.startswith("00"):
        assert "keras.utils.set_random_seed(" in code[1].source


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_carries_the_helpers_as_they_are(path):
    """The set-up cell holds helpers/ file by file, exactly: the lesson runs with the helpers CI ran it with."""
    code = [c for c in read(path).cells if c.cell_type == "code"]
    assert carry.carried(code[0].source) == carry.helper_files(), "run `python -m tools.notebooks carry`"
    assert code[0].source == carry.setup_source(carry.helper_files())


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


def test_the_visible_set_up_rule_can_fail():
    nb = lesson01()
    imports = [c for c in nb.cells if c.cell_type == "code"][1]
    imports.source += "\n" + "\n".join(f"x{i} = {i}" for i in range(6))
    assert any("non-blank code lines shown before the first section" in p for p in lessons.problems(nb))


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_committed_executed(path):
    code = [c for c in read(path).cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert None not in counts, "run `python -m tools.notebooks refresh` and commit the outputs"
    assert counts == sorted(counts), "executed top to bottom in one go"
    assert not any(
        "<Figure size" in o.get("data", {}).get("text/plain", "")
        for c in code
        for o in c.outputs
        if o.output_type == "execute_result"
    )


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_ends_with_exercises(path):
    if path.name.startswith("00"):
        return
    cells = read(path).cells
    headings = [c.source for c in cells if c.cell_type == "markdown" and c.source.startswith("#")]
    assert any("Try it · Experimente" in h for h in headings)
    assert any("checks.answer(" in c.source for c in cells if c.cell_type == "code")


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_links_between_notebooks_point_at_files_that_exist(path):
    import re

    for cell in read(path).cells:
        if cell.cell_type == "markdown":
            for target in re.findall(r"\]\(([^)#]+\.(?:ipynb|md))\)", cell.source):
                if "://" not in target:
                    assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


# --- the checker itself can fail -------------------------------------------------


def lesson01():
    return read(lessons.NOTEBOOK_DIR / "01_compile_and_fit.ipynb")


def first(nb, tag):
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("tags") == [tag])


def test_checker_flags_a_missing_portuguese_twin():
    nb = lesson01()
    del nb.cells[first(nb, "lang-pt")]
    assert any("not followed by its Portuguese twin" in p for p in lessons.problems(nb))


def test_checker_flags_an_orphan_portuguese_cell():
    nb = lesson01()
    del nb.cells[first(nb, "lang-en")]
    assert any("without an English cell before it" in p for p in lessons.problems(nb))


def test_checker_flags_twins_that_drifted_apart():
    nb = lesson01()
    i = next(i for i, c in enumerate(nb.cells) if "- `Flatten`" in c.source)
    nb.cells[i + 1].source = nb.cells[i + 1].source.replace("- `Flatten`", "`Flatten`")
    assert any("differ in structure" in p for p in lessons.problems(nb))


def test_checker_flags_an_untranslated_copy_and_untagged_cells():
    nb = lesson01()
    i = first(nb, "lang-en")
    nb.cells[i + 1].source = nb.cells[i].source
    nb.cells.append(nbformat.v4.new_markdown_cell("Some text"))
    found = lessons.problems(nb)
    assert any("copy of the English" in p for p in found)
    assert any("without a lang-en/lang-pt tag" in p for p in found)


def test_checker_flags_shell_lines_unguarded_installs_and_errors_that_stop_run_all():
    nb = lesson01()
    nb.cells.append(nbformat.v4.new_code_cell("!pip install tensorflow"))
    nb.cells.append(nbformat.v4.new_code_cell("import subprocess\nsubprocess.run(['pip', 'install', 'x'])"))
    tagged = nbformat.v4.new_code_cell("model.fit(x, y)", metadata={"tags": ["raises-exception"]})
    tagged.outputs = [nbformat.v4.new_output("error", ename="ValueError", evalue="x", traceback=[])]
    nb.cells.append(tagged)
    found = lessons.problems(nb)
    assert any("shell or magic line" in p for p in found)
    assert any("installs packages (a lesson carries" in p for p in found)
    assert any("tagged raises-exception, which Colab" in p for p in found)
    assert any("stored output is an error" in p for p in found)


def test_checker_wants_exactly_one_set_up_cell_collapsed():
    nb = lesson01()
    setup = nb.cells[carry.setup_cell_index(nb)]
    setup.metadata.pop("cellView")
    assert any("the course's cell is not collapsed" in p for p in lessons.problems(nb))
    nb.cells = [c for c in nb.cells if not c.source.startswith(lessons.SETUP_TITLE)]
    assert "expected one course set-up cell, the first code cell, found 0" in lessons.problems(nb)


# --- lint: every lesson's code, run top to bottom, defines what it uses ---------------


def lint(nb) -> list[str]:
    """pyflakes over the notebook's code cells in order, the set-up cell left out.

    No name the lesson uses may come from the set-up cell: the lesson's own code
    imports what it uses, as a learner copying it would.
    """
    import io

    from pyflakes.api import check
    from pyflakes.reporter import Reporter

    code = "\n\n".join(
        c.source for c in nb.cells if c.cell_type == "code" and not c.source.startswith(lessons.SETUP_TITLE)
    )
    out = io.StringIO()
    check(code, "notebook", Reporter(out, out))
    return out.getvalue().splitlines()


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_code_cells_pass_pyflakes_without_the_set_up_cell(path):
    assert lint(read(path)) == []


def test_lint_catches_a_name_defined_only_in_the_set_up_cell():
    nb = lesson01()
    nb.cells.append(nbformat.v4.new_code_cell("print(sys.version, subprocess)"))
    found = lint(nb)
    assert any("undefined name 'subprocess'" in line for line in found)


# --- the course's machinery stays out of the learner's code ----------------------------

SPEED_SETTINGS = ("steps_per_execution", "jit_compile")
COURSE_CHECK = lessons.COURSE_CHECK


def course_check_problems(nb) -> list[str]:
    """The problems lessons.problems finds with course-check cells."""
    return [p for p in lessons.problems(nb) if "course check" in p or "course-check" in p]


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_course_checks_sit_in_their_own_marked_cells(path):
    assert course_check_problems(read(path)) == []


def test_the_course_check_rule_can_fail():
    nb = lesson01()
    nb.cells.append(nbformat.v4.new_code_cell("history = model.fit(x, y)\nchecks.at_least('a', 1, 0)"))
    nb.cells.append(nbformat.v4.new_code_cell(COURSE_CHECK + "\nplt.plot([1])\nchecks.at_least('a', 1, 0)"))
    found = course_check_problems(nb)
    assert len(found) == 2 and "outside" in found[0] and "trains, plots or prints" in found[1]


@pytest.mark.parametrize("path", PATHS[2:], ids=IDS[2:])
def test_lessons_after_01_compile_as_a_learner_would(path):
    """Lesson 01, section 8 teaches the speed settings; a later lesson keeps at most one, and says why."""
    nb = read(path)
    code = "".join(c.source for c in nb.cells if c.cell_type == "code")
    used = [s for s in SPEED_SETTINGS if f"{s}=" in code]
    assert len(used) <= 1, used
    prose = "".join(c.source for c in nb.cells if c.cell_type == "markdown" and "lang-en" in c.metadata["tags"])
    assert all(f"`{s}" in prose for s in used), f"{used}: named and explained in the lesson's own text"


# --- outputs nbval does not compare: each one carries its reason ------------------------


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_ignored_outputs_are_few_and_each_says_why(path):
    ignored = [c for c in read(path).cells if "nbval-ignore-output" in lessons.cell_tags(c)]
    assert len(ignored) <= 2, "keep ignored outputs few: mask what a pattern of tests/sanitize.cfg can mask"
    assert all(len(lessons.course(c)["ignore_output"]) > 20 for c in ignored)


def test_an_ignored_output_without_its_reason_and_a_stale_classic_label_are_flagged():
    nb = lesson01()
    nb.cells.append(nbformat.v4.new_code_cell("print(model.predict(x))", metadata={"tags": ["nbval-ignore-output"]}))
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "# Course check · Verificação do curso\nchecks.at_least('a', 1, 0)",
            metadata={"course": {"classic": {"check": "renamed", "figure": "0.9"}}},
        )
    )
    found = lessons.problems(nb)
    assert any("come together" in p for p in found)
    assert any("course.classic names the check 'renamed'" in p for p in found)


# --- stored outputs name no folder of the machine that refreshed them ---------------


def output_texts(nb):
    """Every text a notebook's outputs show, colour codes (tracebacks are coloured) taken out."""
    import re

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            texts = [
                output.get("text", ""),
                *output.get("traceback", []),
                *(v for k, v in output.get("data", {}).items() if k.startswith("text/") and isinstance(v, str)),
            ]
            yield from (re.sub(r"\x1b\[[0-9;]*m", "", text) for text in texts)


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_stored_outputs_show_no_path_of_the_authors_machine(path):
    found = sorted({m for text in output_texts(read(path)) for m in nbfmt.MACHINE_PATH.findall(text)})
    assert found == [], "run `python -m tools.notebooks refresh`, which makes outputs portable"


def test_portable_rewrites_site_packages_and_cell_files_only():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "x",
                execution_count=4,
                outputs=[
                    nbformat.v4.new_output(
                        "stream", name="stderr", text="/tmp/ipykernel_51/2316.py:2: RuntimeWarning: overflow\n"
                    ),
                    nbformat.v4.new_output(
                        "error",
                        ename="ValueError",
                        evalue="v",
                        traceback=["File \x1b[0;32m/home/ana/.venv/lib/python3.11/site-packages/keras/x.py:122\x1b[0m"],
                    ),
                    nbformat.v4.new_output(
                        "stream", name="stdout", text="✓ found in / encontrado em: /usr/share/datasets\n"
                    ),
                ],
            )
        ]
    )
    assert sum(len(nbfmt.MACHINE_PATH.findall(t)) for t in output_texts(nb)) == 3
    out = nbfmt.portable(nb).cells[0].outputs
    assert out[0].text == "Cell In[4]:2: RuntimeWarning: overflow\n"
    assert out[1].traceback == ["File \x1b[0;32m.../site-packages/keras/x.py:122\x1b[0m"]
    assert out[2].text.endswith("/usr/share/datasets\n")
    assert not any(nbfmt.MACHINE_PATH.findall(t) for t in output_texts(nb))


# --- one layout (like tensorflow/docs' nbfmt): small diffs -------------------------


def test_committed_notebooks_are_formatted():
    assert nbfmt.format_notebooks(PATHS, check_only=True) == 0, "run `python -m tools.notebooks format`"


def test_formatter_drops_timing_keeps_ids_and_mends_bad_ones():
    nb = lesson01()
    ids = [c.id for c in nb.cells]
    nb.cells[3].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    nb.cells[5]["id"] = nb.cells[4].id  # a duplicate
    del nb.cells[6]["id"]  # a missing one
    out = nbfmt.formatted(nb)
    assert "execution" not in out.cells[3].metadata
    assert [c.id for c in out.cells][:5] == ids[:5] and [c.id for c in out.cells][7:] == ids[7:]
    assert len({c.id for c in out.cells}) == len(out.cells)
    again = nbfmt.notebook_text(nbfmt.formatted(copy.deepcopy(out)))
    assert again == nbfmt.notebook_text(out), "formatting twice changes nothing"


def test_formatter_stores_no_widget_state_or_view_only_their_text():
    """A stored widget view names a model of a kernel long gone: reopened, JupyterLab would show an error."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("widgets.VBox([])")
    view = {"model_id": "5b5cf3aa", "version_major": 2, "version_minor": 0}
    cell.outputs = [
        nbformat.v4.new_output(
            "execute_result", data={nbfmt.WIDGET_VIEW: view, "text/plain": "VBox()"}, execution_count=1
        )
    ]
    nb.cells = [cell]
    nb.metadata["widgets"] = {nbfmt.WIDGET_STATE: {"state": {"5b5cf3aa": {}}, "version_major": 2}}
    out = nbfmt.formatted(nb)
    assert "widgets" not in out.metadata
    assert out.cells[0].outputs[0].data == {"text/plain": "VBox()"}
    assert not any(nbfmt.WIDGET_VIEW in nbfmt.notebook_text(nbformat.read(p, as_version=4)) for p in PATHS)


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
