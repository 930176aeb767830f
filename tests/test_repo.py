"""The repository's promises: the README's two commands, requirements in step, CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools import lessons, platforms

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("yml", "requirements"), [("environment.yml", "requirements.txt"), ("environment-jax.yml", "requirements-jax.txt")]
)
def test_environment_yml_is_the_twin_of_requirements_txt(yml, requirements):
    """Each backend's conda file lists its requirements file's lines, `-r` includes expanded."""
    lines = platforms.requirement_lines(requirements)
    text = (ROOT / yml).read_text()
    pip_section = text.split("- pip:", 1)[1]
    quoted = re.findall(r"""^\s+- (?:"([^"]+)"|'([^']+)')""", pip_section, flags=re.MULTILINE)
    pinned = [double or single for double, single in quoted]
    assert pinned == lines
    assert "-e ." in lines, f"{requirements} installs the helpers"
    assert ("KERAS_BACKEND: jax" in text) == (yml == "environment-jax.yml")


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "python3 course.py lab" in readme and "python3 course.py test" in readme
    assert "python3 course.py test" in (ROOT / ".ci" / "run").read_text()


def test_readme_lists_every_lesson_in_both_languages():
    readme = (ROOT / "README.md").read_text()
    for notebook in lessons.notebook_paths():
        assert readme.count(f"notebooks/{notebook.name}") >= 2, notebook.name


def test_helpers_import_without_side_effects():
    import subprocess
    import sys

    code = (
        "import sys, helpers.data, helpers.plots, helpers.checks, helpers.texts,"
        " helpers.prepare;"
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_the_learner_package_holds_only_what_lessons_use():
    """Authoring tools live in tools/, which Colab's install of the helpers does not get."""
    import pkgutil

    import helpers

    modules = {m.name for m in pkgutil.iter_modules(helpers.__path__)}
    assert modules == {"checklist", "checks", "data", "datasets", "plots", "prepare", "quiz", "texts"}
    assert '[tool.flit.module]\nname = "helpers"' in (ROOT / "pyproject.toml").read_text()


def test_ruff_and_mypy_are_clean():
    """Layout (`ruff format`), lint, import order and types, configured in pyproject.toml, over the course's code."""
    import subprocess
    import sys

    for command in (["format", "--check", "."], ["check", "."]):
        ruff = subprocess.run([sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True)
        assert ruff.returncode == 0, f"ruff {' '.join(command)}:\n{ruff.stdout}{ruff.stderr}"
    mypy = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr


def lessons_calling_helpers() -> dict[str, set[str]]:
    """'module.function' -> the lessons whose code calls it."""
    import json

    calls: dict[str, set[str]] = {}
    for path in lessons.notebook_paths():
        cells = json.loads(path.read_text())["cells"]
        sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        code = "\n".join(s for s in sources if not s.startswith(lessons.SETUP_TITLE))  # not the carried helpers
        for module, name in re.findall(r"\b(data|plots|checks|texts)\.([A-Za-z_]\w*)\(", code):
            calls.setdefault(f"{module}.{name}", set()).add(path.name[:2])
    return calls


def lessons_named(doc: str) -> set[str]:
    """The lessons a docstring names: "(lesson 03)", "(lessons 01, 04)", "(lessons 01-05)"."""
    named: set[str] = set()
    for group in re.findall(r"\(lessons? ([\d, -]+)\)", doc):
        for part in group.split(","):
            first, _, last = part.strip().partition("-")
            named |= {f"{n:02d}" for n in range(int(first), int(last or first) + 1)}
    return named


def test_every_helper_a_lesson_calls_names_exactly_those_lessons():
    import importlib
    import inspect

    calls = lessons_calling_helpers()
    assert "checks.check_compile" in calls and "data.load_imdb" in calls
    for qualified, callers in sorted(calls.items()):
        module, name = qualified.split(".")
        obj = getattr(importlib.import_module(f"helpers.{module}"), name)
        if inspect.isfunction(obj):
            named = lessons_named(inspect.getdoc(obj) or "")
            assert named == callers, f"{qualified}'s docstring should name lessons {sorted(callers)}"


def tools_imports() -> dict[str, set[str]]:
    """tools module -> the tools modules it imports (at the top or inside a function)."""
    import ast

    graph: dict[str, set[str]] = {}
    for path in sorted((ROOT / "tools").glob("*.py")):
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "tools":
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tools."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("tools.")}
        graph[path.stem] = found - {path.stem}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, path = [], []

    def visit(module: str) -> None:
        if module in path:
            found.append(path[path.index(module) :] + [module])
            return
        path.append(module)
        for other in sorted(graph.get(module, ())):
            visit(other)
        path.pop()

    for module in graph:
        visit(module)
    return found


def test_tools_have_no_import_cycle_and_the_model_imports_no_command():
    graph = tools_imports()
    assert cycles(graph) == []
    assert graph["lessons"] == set(), "tools.lessons is the model every command builds on"
    assert "notebooks" not in set().union(*(v for k, v in graph.items() if k != "notebooks")), (
        "no module imports the command line"
    )


def test_the_cycle_check_can_fail():
    assert cycles({"notebooks": {"colab"}, "colab": {"notebooks"}}) == [
        ["notebooks", "colab", "notebooks"],
        ["colab", "notebooks", "colab"],
    ]
