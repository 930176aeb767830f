"""Every lesson carries the course's helpers in its set-up cell, so that its .ipynb alone is enough.

    python -m tools.notebooks carry [--check] [NOTEBOOK ...]

A teacher hands a lesson out as a file; a learner uploads it to Colab or opens it in Kaggle or VS Code.
There is no course repository there, and no release to install from. So the first code cell of every
lesson, the course set-up (collapsed in Colab and JupyterLab), holds the source of every file of
helpers/ as plain text. Run, it uses the course's installed helpers where there are some (the course's
own lab: `git pull` updates them), and otherwise writes its copy into a new private temporary folder
(removed when the kernel stops) and puts that folder first on `sys.path`. Nothing is downloaded or
installed. `carry` rewrites that cell from helpers/; `carry --check` (and the tests) fail when a lesson
carries anything but today's helpers/, so a lesson runs with exactly the helpers CI ran it with.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tools import lessons, platforms

HELPERS_DIR = lessons.ROOT / "helpers"
CARRIED = ("*.py", "*.json")  # the package's modules and its data (quiz.json)

SETUP = '''\
{title}
# Run this cell first; you can read past it. It makes the course's helpers importable (`from helpers
# import ...`) and keeps TensorFlow's start-up messages out of the lesson. The helpers (data loaders,
# plots, checks) travel inside this cell as plain Python, file by file, so the lesson runs anywhere:
# Colab, Kaggle, VS Code, any Jupyter. Nothing is downloaded or installed. Where the course is installed
# (python3 course.py lab), the installed helpers are used instead. This copy is the course's helpers/
# folder, checked in CI to be exactly the one this lesson was tested with.
#
# Rode esta célula primeiro; pode passar direto por ela. Ela torna importáveis os auxiliares do curso
# (`from helpers import ...`) e deixa as mensagens de início do TensorFlow fora da lição. Os auxiliares
# (carregadores de dados, gráficos, verificações) vêm dentro desta célula, como Python comum, arquivo
# por arquivo, então a lição roda em qualquer lugar: Colab, Kaggle, VS Code, qualquer Jupyter. Nada é
# baixado nem instalado. Onde o curso está instalado (python3 course.py lab), usa-se a instalação. Esta
# cópia é a pasta helpers/ do curso, conferida na integração contínua: a mesma com que a lição foi testada.
# ruff: noqa: E501, UP036
import os
import sys

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"  # no TensorFlow log lines (both named in lesson 00; TEACHERS.md says more)
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"  # no oneDNN line on recent x86 CPUs

if sys.version_info < {python}:
    print("Python {python_text} or newer is needed. / É preciso Python {python_text} ou mais novo.")
try:
    from importlib.metadata import version

    if tuple(int(n) for n in version("keras").split(".")[:2]) < {keras}:
        print("Keras {keras_text} or newer is needed. / É preciso Keras {keras_text} ou mais novo.")
except Exception:  # no Keras, or a version this cannot read: the imports cell says more
    pass
if "google.colab" in sys.modules:  # Colab shows ipywidgets (lesson 04's sliders) with this
    from google.colab import output

    output.enable_custom_widget_manager()


def use_course_helpers(files):
    """Use the installed course's helpers if there are, else write `files` to a new private folder; say which."""
    try:
        import helpers

        folder = os.path.dirname(getattr(helpers, "__file__", None) or "")
        if os.path.isfile(os.path.join(folder, "quiz.json")):  # the course's own installation
            return "the course's installed helpers", "os auxiliares instalados do curso"
    except ImportError:
        pass
    import atexit
    import shutil
    import tempfile

    root = tempfile.mkdtemp(prefix="course-helpers-")  # readable by this user alone
    atexit.register(shutil.rmtree, root, True)
    for name, text in files.items():
        path = os.path.join(root, "helpers", *name.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
    for module in [m for m in sys.modules if m == "helpers" or m.startswith("helpers.")]:
        del sys.modules[module]  # another package of that name, imported before
    sys.path.insert(0, root)
    return "the helpers this notebook carries", "os auxiliares que vêm neste notebook"


COURSE_HELPERS = {{  # the course's helpers/, one file a string
{files}}}
used = use_course_helpers(COURSE_HELPERS)
print(f"✓ Course set-up: {{used[0]}} · Preparação do curso: {{used[1]}}")
del COURSE_HELPERS, use_course_helpers, used
'''


def helper_files(folder: Path = HELPERS_DIR) -> dict[str, str]:
    """Every file of the helpers package that a lesson needs: relative POSIX path -> text."""
    found = sorted({p for pattern in CARRIED for p in folder.rglob(pattern) if "__pycache__" not in p.parts})
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in found}


def _literal(text: str) -> str:
    """`text` as a raw triple-quoted string that reads as the file itself."""
    if "'''" in text or text.endswith("\\"):
        raise ValueError("a carried file may not contain ''' or end with a backslash")
    return "r'''" + text + "'''"


def setup_source(files: dict[str, str]) -> str:
    """The set-up cell carrying `files` (see the module docstring)."""
    from tools.colab import course_config

    python = platforms.SUPPORTED[0]
    keras = tuple(int(n) for n in course_config()["oldest-keras"].split(".")[:2])
    body = "".join(f"    {name!r}: {_literal(text)},\n" for name, text in files.items())
    return SETUP.format(
        title=lessons.SETUP_TITLE,
        python=python,
        python_text="{}.{}".format(*python),
        keras=keras,
        keras_text="{}.{}".format(*keras),
        files=body,
    ).rstrip("\n")


def carried(source: str) -> dict[str, str]:
    """The files a set-up cell's source carries (its COURSE_HELPERS literal), read without running it."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "COURSE_HELPERS" for t in node.targets):
            value = ast.literal_eval(node.value)
            if isinstance(value, dict):
                return value
    raise ValueError("no COURSE_HELPERS in the set-up cell")


def setup_cell_index(nb) -> int:
    """The index of `nb`'s set-up cell (its first code cell, titled SETUP_TITLE)."""
    first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    if not nb.cells[first].source.startswith("# @title Course set-up"):  # an older title is rewritten too
        raise ValueError(f"the first code cell is not the course set-up cell ({lessons.SETUP_TITLE!r})")
    return first


def carry(paths: list[Path], check_only: bool = False) -> int:
    """Write today's helpers/ into each lesson's set-up cell; with `check_only`, list the lessons that differ."""
    import nbformat

    from tools.nbfmt import formatted, notebook_text

    wanted = setup_source(helper_files())
    stale = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        cell = nb.cells[setup_cell_index(nb)]
        if cell.source != wanted:
            stale.append(path.name)
            if not check_only:
                cell.source = wanted
                path.write_text(notebook_text(formatted(nb)), encoding="utf-8")
    verb = "carry other helpers than helpers/" if check_only else "updated"
    print(f"{len(paths)} notebook(s), {len(stale)} {verb}" + "".join(f"\n  {name}" for name in stale))
    if check_only and stale:
        print("run `python -m tools.notebooks carry`")
    return 1 if check_only and stale else 0
