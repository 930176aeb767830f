"""Every rule a lesson notebook follows, in one registry (like tensorflow/docs' nblint).

    python -m tools.notebooks check [NOTEBOOK ...]   # prints `file: cell N: [rule-id] message`, exit 1 on any

Each rule is a small function over a `Lesson` that yields the cells that break it (`None` for the
whole notebook), registered with `@rule(id, message, why)`: `why` is the anchor, in CONTRIBUTING.md,
of the reason for the rule. `tests/test_notebooks.py` runs every rule on every lesson and makes each
one fail once. To add a rule: write it here, give its reason one line in CONTRIBUTING.md's "Notebook
rules", and add its failing case to the tests. Facts a rule needs about a lesson (its number, its
file) are read from the lesson, never from its position in a list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.lessons import (
    COLLAPSED,
    COURSE_CHECK,
    LANG_TAGS,
    LINE_LENGTH,
    NOTEBOOK_DIR,
    SETUP_TITLE,
    VISIBLE_SETUP_LINES,
    cell_tags,
    collapsed,
    course,
    visible_setup_lines,
)

CONTRIBUTING = "CONTRIBUTING.md"
SPEED_SETTINGS = ("steps_per_execution", "jit_compile")
START_UP = ('os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"', 'os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"')
MAX_IGNORED = 2  # nbval-ignore-output cells a lesson may keep


@dataclass
class Lesson:
    """A lesson notebook (an nbformat node) with the facts the rules read: its file and its number."""

    path: Path
    nb: Any
    text: str | None = None  # the file as committed, when read from one (the layout rule compares it)

    @classmethod
    def read(cls, path: Path) -> Lesson:
        import nbformat

        text = path.read_text(encoding="utf-8")
        return cls(path, nbformat.reads(text, as_version=4), text)

    @property
    def number(self) -> int:
        """The lesson's number, from its file name `NN_name.ipynb` (00 is the start)."""
        match = re.match(r"(\d+)_", self.path.name)
        if not match:
            raise ValueError(f"{self.path.name}: a lesson's file name starts with its number, NN_")
        return int(match.group(1))

    @property
    def cells(self) -> list:
        return self.nb.cells

    def code(self) -> list[tuple[int, Any]]:
        """(index, cell) of every code cell."""
        return [(i, c) for i, c in enumerate(self.nb.cells) if c.cell_type == "code"]

    def markdown(self) -> list[tuple[int, Any]]:
        return [(i, c) for i, c in enumerate(self.nb.cells) if c.cell_type == "markdown"]


Found = Iterator["int | None | tuple[int | None, str]"]  # a cell index (None: the notebook), or one with a detail


@dataclass(frozen=True)
class Rule:
    id: str
    message: str  # one line: what breaks the rule, as the checker prints it
    why: str  # the anchor of its reason in CONTRIBUTING.md
    find: Callable[[Lesson], Found] = field(repr=False)
    stored: bool = False  # about the committed file (outputs, layout, carried helpers), not what the cells say

    def check(self, lesson: Lesson) -> list[Problem]:
        found = []
        for item in self.find(lesson):
            cell, detail = item if isinstance(item, tuple) else (item, "")
            found.append(Problem(self, cell, detail))
        return found


@dataclass(frozen=True)
class Problem:
    rule: Rule
    cell: int | None
    detail: str = ""

    def __str__(self) -> str:
        where = "" if self.cell is None else f"cell {self.cell}: "
        return f"{where}[{self.rule.id}] {self.rule.message}" + (f": {self.detail}" if self.detail else "")


RULES: dict[str, Rule] = {}


def rule(id: str, message: str, why: str, stored: bool = False) -> Callable[[Callable[[Lesson], Found]], Rule]:
    """Register the decorated function as the rule `id` (see the module docstring)."""

    def register(find: Callable[[Lesson], Found]) -> Rule:
        if id in RULES:
            raise ValueError(f"two rules named {id!r}")
        RULES[id] = Rule(id, message, why, find, stored)
        return RULES[id]

    return register


def problems(lesson: Lesson, stored: bool = True) -> list[Problem]:
    """Every rule `lesson` breaks, rule by rule; with `stored=False`, only the rules about its cells' content."""
    return [p for r in RULES.values() if stored or not r.stored for p in r.check(lesson)]


def check(paths: list[Path]) -> int:
    """Print every problem of each notebook in `paths` as `file: cell N: [rule-id] message`; 1 if any."""
    bad = 0
    for path in paths:
        for p in problems(Lesson.read(path)):
            print(f"{path.name}: {p}")
            bad += 1
    print(f"{len(paths)} notebook(s), {len(RULES)} rules, {bad} problem(s)")
    return 1 if bad else 0


# --- the start of a lesson --------------------------------------------------------------


@rule("valid-notebook", "not a valid nbformat 4 notebook with the python3 kernel", "start")
def _valid(lesson: Lesson) -> Found:
    import nbformat

    try:
        nbformat.validate(lesson.nb)
    except nbformat.ValidationError as error:
        yield None, str(error).splitlines()[0]
    if lesson.nb.metadata.get("kernelspec", {}).get("name") != "python3":
        yield None


@rule("title-first", "a lesson opens with its title, one heading in both languages tagged lang-en and lang-pt", "start")
def _title(lesson: Lesson) -> Found:
    first = lesson.cells[0] if lesson.cells else None
    if first is None or first.cell_type != "markdown" or not first.source.startswith("# "):
        yield 0
    elif cell_tags(first) != set(LANG_TAGS):
        yield 0


@rule(
    "manifest",
    'the lesson\'s manifest (notebook metadata "course", tools/manifest.py) is missing, wrong, or not its title',
    "one-manifest-per-lesson",
)
def _manifest(lesson: Lesson) -> Found:
    from tools import manifest

    yield from ((None, problem) for problem in manifest.problems(lesson.nb, lesson.path))


@rule("template-text", "text still to write, marked ✎ by the lesson template (tools/template.ipynb)", "add-a-lesson")
def _template_text(lesson: Lesson) -> Found:
    from tools import manifest

    if manifest.TEMPLATE in str(manifest.manifest(lesson.nb)):
        yield None, "the manifest"
    yield from (i for i, c in enumerate(lesson.cells) if manifest.TEMPLATE in c.source)


@rule("set-up-cell", "the first code cell is the course's set-up cell (tools/carry.py), and only it", "start")
def _set_up(lesson: Lesson) -> Found:
    code = lesson.code()
    setups = [i for i, c in code if c.source.startswith(SETUP_TITLE)]
    if len(setups) != 1 or code[0][0] != setups[0]:
        yield None, f"found {len(setups)} set-up cell(s)"
    elif not all(setting in code[0][1].source for setting in START_UP):
        yield setups[0], "without the start-up settings " + " and ".join(START_UP)


@rule(
    "imports-cell",
    "the second code cell imports keras as a learner would (no os.environ; set_random_seed after lesson 00)",
    "start",
)
def _imports(lesson: Lesson) -> Found:
    code = lesson.code()
    if len(code) < 2:
        yield None
        return
    i, imports = code[1]
    if "import keras" not in imports.source or "os.environ" in imports.source:
        yield i
    elif lesson.number > 0 and "keras.utils.set_random_seed(" not in imports.source:
        yield i


@rule(
    "visible-set-up",
    f"more than {VISIBLE_SETUP_LINES} non-blank code lines shown before the first section: "
    "the learner sees Keras first",
    "start",
)
def _visible(lesson: Lesson) -> Found:
    shown = visible_setup_lines(lesson.nb)
    if shown > VISIBLE_SETUP_LINES:
        yield None, f"{shown} lines"


@rule("collapsed", f"the course's cell is not collapsed (metadata {COLLAPSED})", "start")
def _collapsed(lesson: Lesson) -> Found:
    yield from (i for i, c in lesson.code() if c.source.startswith((SETUP_TITLE, COURSE_CHECK)) and not collapsed(c))


@rule("no-shell", "shell or magic line (not allowed)", "start")
def _shell(lesson: Lesson) -> Found:
    for i, cell in lesson.code():
        yield from (
            (i, repr(line.strip())) for line in cell.source.splitlines() if line.lstrip().startswith(("!", "%"))
        )


@rule("no-install", "installs packages (a lesson carries what it needs: tools/carry.py)", "start")
def _install(lesson: Lesson) -> Found:
    yield from (
        i
        for i, c in lesson.code()
        if "pip" in c.source and "install" in c.source and not c.source.startswith(SETUP_TITLE)
    )


@rule(
    "carried-helpers",
    "the set-up cell carries other helpers than helpers/: run `python -m tools.notebooks carry`",
    "how-a-lesson-travels-colab-kaggle-a-file-handed-out",
    stored=True,
)
def _carried(lesson: Lesson) -> Found:
    from tools import carry

    code = lesson.code()
    if code and code[0][1].source.startswith(SETUP_TITLE):
        i, source = code[0][0], code[0][1].source
        wanted, carried = carry.helper_files(), carry.carried(source)
        differ = sorted(name for name in wanted.keys() | carried.keys() if wanted.get(name) != carried.get(name))
        if differ:
            yield i, ", ".join(differ)
        elif source != carry.setup_source(wanted):
            yield i, "the cell's own code"


# --- paired languages ----------------------------------------------------------------


def _langs(cell) -> set[str]:
    return cell_tags(cell) & set(LANG_TAGS)


def _twin(lesson: Lesson, i: int):
    """The Portuguese cell right after the English cell `i`, or None."""
    nxt = lesson.cells[i + 1] if i + 1 < len(lesson.cells) else None
    return nxt if nxt is not None and nxt.cell_type == "markdown" and _langs(nxt) == {"lang-pt"} else None


def _english(lesson: Lesson) -> Iterator[tuple[int, Any]]:
    return ((i, c) for i, c in lesson.markdown() if _langs(c) == {"lang-en"})


@rule("lang-tag", "markdown cell without a lang-en/lang-pt tag", "paired-languages")
def _lang_tag(lesson: Lesson) -> Found:
    yield from (i for i, c in lesson.markdown() if not _langs(c))


@rule(
    "both-languages-heading",
    "a cell tagged with both languages must be one heading '# English · Português'",
    "paired-languages",
)
def _both(lesson: Lesson) -> Found:
    for i, cell in lesson.markdown():
        heading = cell.source.strip()
        if _langs(cell) == set(LANG_TAGS) and ("\n" in heading or not heading.startswith("#") or " · " not in heading):
            yield i


@rule("portuguese-twin", "English cell not followed by its Portuguese twin", "paired-languages")
def _portuguese_twin(lesson: Lesson) -> Found:
    yield from (i for i, _ in _english(lesson) if _twin(lesson, i) is None)


@rule("english-first", "Portuguese cell without an English cell before it", "paired-languages")
def _english_first(lesson: Lesson) -> Found:
    for i, cell in lesson.markdown():
        if _langs(cell) == {"lang-pt"} and (i == 0 or _langs(lesson.cells[i - 1]) != {"lang-en"}):
            yield i


def _shape(text: str) -> tuple:
    """What a paired cell must share with its translation: structure, code, links, numbers of items."""
    lines = text.splitlines()
    return (
        tuple(len(m.group(1)) for line in lines if (m := re.match(r"(#+) ", line))),
        sum(bool(re.match(r"\s*([-*]|\d+\.) ", line)) for line in lines),
        sum(line.lstrip().startswith("|") for line in lines),
        sorted(re.findall(r"\]\(([^)]*)\)", text)),
        "```" in text,
    )


@rule(
    "twin-structure",
    "English and Portuguese cells differ in structure (headings, list items, table rows, links or code blocks)",
    "paired-languages",
)
def _twin_structure(lesson: Lesson) -> Found:
    for i, cell in _english(lesson):
        twin = _twin(lesson, i)
        if twin is not None and _shape(cell.source) != _shape(twin.source):
            yield i


@rule("twin-translated", "Portuguese twin is empty or a copy of the English", "paired-languages")
def _twin_translated(lesson: Lesson) -> Found:
    for i, cell in _english(lesson):
        twin = _twin(lesson, i)
        if twin is not None and (cell.source.strip() == twin.source.strip() or not twin.source.strip()):
            yield i


@rule("links", "a link to a notebook or page of the course that does not exist", "paired-languages")
def _links(lesson: Lesson) -> Found:
    for i, cell in lesson.markdown():
        for target in re.findall(r"\]\(([^)#]+\.(?:ipynb|md))\)", cell.source):
            if "://" not in target and not (lesson.path.parent / target).exists():
                yield i, target


# --- errors, outputs and what nbval compares ------------------------------------------------


@rule(
    "no-raises-exception",
    "tagged raises-exception, which Colab, VS Code and Kaggle are not known to honour "
    "(Run All would stop here): catch the error and print its message",
    "errors-on-purpose",
)
def _raises(lesson: Lesson) -> Found:
    yield from (i for i, c in lesson.code() if "raises-exception" in cell_tags(c))


@rule("no-error-output", "stored output is an error: Run All stops at it", "errors-on-purpose")
def _error_output(lesson: Lesson) -> Found:
    yield from (i for i, c in lesson.code() if any(o.get("output_type") == "error" for o in c.get("outputs", [])))


@rule(
    "ignore-output-reason",
    "the nbval-ignore-output tag and the reason in its metadata (course.ignore_output, more than 20 "
    "characters) come together",
    "a-cells-facts-live-in-the-cell",
)
def _ignore_reason(lesson: Lesson) -> Found:
    for i, cell in lesson.code():
        why = course(cell).get("ignore_output")
        if ("nbval-ignore-output" in cell_tags(cell)) != bool(why) or (why and len(why) <= 20):
            yield i


@rule(
    "ignored-few",
    f"more than {MAX_IGNORED} ignored outputs: mask what a pattern of tests/sanitize.cfg can mask",
    "a-cells-facts-live-in-the-cell",
)
def _ignored_few(lesson: Lesson) -> Found:
    ignored = [i for i, c in lesson.code() if "nbval-ignore-output" in cell_tags(c)]
    if len(ignored) > MAX_IGNORED:
        yield None, f"cells {ignored}"


@rule("classic-check", "course.classic names a check this cell does not make", "a-cells-facts-live-in-the-cell")
def _classic(lesson: Lesson) -> Found:
    for i, cell in lesson.code():
        classic = course(cell).get("classic")
        if classic and f'"{classic["check"]}"' not in cell.source:
            yield i, repr(classic["check"])


@rule(
    "intended-stderr",
    "an intended_stderr entry needs a regular expression and its reason (more than 10 characters)",
    "a-cells-facts-live-in-the-cell",
)
def _intended(lesson: Lesson) -> Found:
    for i, cell in lesson.code():
        for pattern, why in course(cell).get("intended_stderr", []):
            try:
                re.compile(pattern)
            except re.error:
                yield i, f"{pattern!r} is not a regular expression"
            if len(why) <= 10:
                yield i, f"say why the lesson shows {pattern!r}"


@rule(
    "portable-outputs",
    "a stored output names a folder of the machine that refreshed it: run `python -m tools.notebooks refresh`",
    "what-a-learner-sees",
    stored=True,
)
def _portable(lesson: Lesson) -> Found:
    from tools.nbfmt import MACHINE_PATH

    for i, cell in lesson.code():
        found = sorted({m for text in output_texts(cell) for m in MACHINE_PATH.findall(text)})
        if found:
            yield i, ", ".join(found)


def output_texts(cell) -> Iterator[str]:
    """Every text a cell's outputs show, colour codes (tracebacks are coloured) taken out."""
    for output in cell.get("outputs", []):
        texts = [
            output.get("text", ""),
            *output.get("traceback", []),
            *(v for k, v in output.get("data", {}).items() if k.startswith("text/") and isinstance(v, str)),
        ]
        yield from (re.sub(r"\x1b\[[0-9;]*m", "", text) for text in texts)


@rule(
    "executed",
    "not executed top to bottom in one go (or a plot cell shows `<Figure size ...>`): run "
    "`python -m tools.notebooks refresh`",
    "committed-executed-in-one-layout",
    stored=True,
)
def _executed(lesson: Lesson) -> Found:
    code = lesson.code()
    counts = [c.execution_count for _, c in code]
    if None in counts or counts != sorted(counts):
        yield None, f"execution counts {counts}"
    for i, cell in code:
        results = (o for o in cell.outputs if o.output_type == "execute_result")
        if any("<Figure size" in o.get("data", {}).get("text/plain", "") for o in results):
            yield i, "<Figure size"


@rule(
    "formatted",
    "not in the course's layout: run `python -m tools.notebooks format`",
    "committed-executed-in-one-layout",
    stored=True,
)
def _formatted(lesson: Lesson) -> Found:
    import copy

    from tools.nbfmt import formatted, notebook_text

    if lesson.text is not None and notebook_text(formatted(copy.deepcopy(lesson.nb))) != lesson.text:
        yield None


# --- the learner's code --------------------------------------------------------------


@rule("line-length", f"a code line longer than {LINE_LENGTH} characters", "lint")
def _line_length(lesson: Lesson) -> Found:
    for i, cell in lesson.code():
        if not cell.source.startswith(SETUP_TITLE) and any(
            len(line) > LINE_LENGTH for line in cell.source.splitlines()
        ):
            yield i


@rule("pyflakes", "pyflakes finds a problem in the code cells run in order, the set-up cell left out", "lint")
def _pyflakes(lesson: Lesson) -> Found:
    cells = [(i, c.source) for i, c in lesson.code() if not c.source.startswith(SETUP_TITLE)]
    starts, line = [], 1  # the first line of each cell in the cells joined by blank lines
    for _, source in cells:
        starts.append(line)
        line += source.count("\n") + 2
    for report in lint("\n\n".join(source for _, source in cells)):
        match = re.match(r"notebook:(\d+):(\d+):? (.*)", report)
        if not match:
            yield None, report
            continue
        n = max(k for k, start in enumerate(starts) if start <= int(match.group(1)))
        yield cells[n][0], f"line {int(match.group(1)) - starts[n] + 1}: {match.group(3)}"


def lint(code: str) -> list[str]:
    """pyflakes over `code` (a lesson's code cells in order, the set-up cell left out).

    No name the lesson uses may come from the set-up cell: the lesson's own code imports what it
    uses, as a learner copying it would.
    """
    import io

    from pyflakes.api import check as pyflakes_check
    from pyflakes.reporter import Reporter

    out = io.StringIO()
    pyflakes_check(code, "notebook", Reporter(out, out))
    return out.getvalue().splitlines()


@rule("ruff", "ruff check finds a problem in a code cell (notebooks/ruff.toml, as `ruff check .` in CI)", "lint")
def _ruff(lesson: Lesson) -> Found:
    import json
    import subprocess
    import sys

    import nbformat

    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--quiet", "--output-format", "json", "--stdin-filename"]
        + [str(NOTEBOOK_DIR / lesson.path.name), "-"],  # linted as a lesson: notebooks/ruff.toml applies
        input=nbformat.writes(lesson.nb),
        capture_output=True,
        text=True,
        cwd=NOTEBOOK_DIR.parent,
    )
    if done.returncode and not done.stdout.strip():
        yield None, done.stderr.strip()
        return
    for found in json.loads(done.stdout or "[]"):
        cell = found.get("cell")
        yield (cell - 1 if cell else None), f"{found['code']} {found['message']}"


@rule(
    "speed-settings",
    "after lesson 01 a lesson keeps at most one speed setting (steps_per_execution, jit_compile), "
    "named and explained in its own text",
    "speed-settings-where-they-are-taught",
)
def _speed(lesson: Lesson) -> Found:
    if lesson.number <= 1:  # lesson 01 teaches them, in its optional last section
        return
    code = "".join(c.source for _, c in lesson.code())
    used = [s for s in SPEED_SETTINGS if f"{s}=" in code]
    prose = "".join(c.source for _, c in _english(lesson))
    if len(used) > 1 or not all(f"`{s}" in prose for s in used):
        yield None, ", ".join(used)


@rule(
    "check-cell",
    f"course checks sit in their own cells, which start with {COURSE_CHECK!r} and neither train, plot nor print",
    "course-checks-in-their-own-cells",
)
def _check_cells(lesson: Lesson) -> Found:
    for i, cell in lesson.code():
        source = cell.source
        if "checks.waiting(" in source:  # exercise starters check their own outcome
            continue
        calls = "checks.at_least(" in source or "checks.between(" in source
        marked = source.startswith(COURSE_CHECK + "\n")
        if calls and not marked:
            yield i, "a course check outside such a cell"
        if marked and any(word in source for word in (".fit(", "plt.", "plots.", "print(")):
            yield i, "a course-check cell that trains, plots or prints"
        if marked and not calls:
            yield i, "marked as a course check but checks nothing"


# --- exercises ----------------------------------------------------------------------


@rule(
    "exercises",
    "a lesson after 00 ends with exercises: a 'Try it · Experimente' section and checks.answer",
    "exercises",
)
def _exercises(lesson: Lesson) -> Found:
    if lesson.number == 0:
        return
    headings = [c.source for _, c in lesson.markdown() if c.source.startswith("#")]
    if not any("Try it · Experimente" in h for h in headings) or not any(
        "checks.answer(" in c.source for _, c in lesson.code()
    ):
        yield None


@rule(
    "exercise-solution",
    "exercise starter without its solution in the cell's metadata (course.solution, see tools/answer_key.py)",
    "exercises",
)
def _solution(lesson: Lesson) -> Found:
    yield from (i for i, c in lesson.code() if "checks.waiting(" in c.source and not course(c).get("solution"))


@rule(
    "quiz-questions",
    "the lesson asks other questions than helpers/quiz.json gives it (their `lesson`)",
    "exercises",
)
def _quiz(lesson: Lesson) -> Found:
    from helpers import quiz

    asked = {q for _, c in lesson.code() for q in re.findall(r'checks\.answer\("(\w+)"', c.source)}
    given = {q for q, question in quiz.QUESTIONS.items() if int(question.lesson) == lesson.number}
    if asked != given:
        yield None, ", ".join(sorted(asked ^ given))
