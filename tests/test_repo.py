"""The repository's promises: the README's two commands, requirements in step, CI."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def requirement_lines(text: str) -> list[str]:
    return [line.split("#")[0].strip() for line in text.splitlines()
            if line.split("#")[0].strip()]


def test_environment_yml_is_the_twin_of_requirements_txt():
    requirements = requirement_lines((ROOT / "requirements.txt").read_text())
    yml = (ROOT / "environment.yml").read_text()
    pip_section = yml.split("- pip:", 1)[1]
    quoted = re.findall(r"""^\s+- (?:"([^"]+)"|'([^']+)')""", pip_section, flags=re.MULTILINE)
    pinned = [double or single for double, single in quoted]
    assert pinned == requirements
    assert "-e ." in requirements, "requirements.txt installs the helpers"


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "python3 course.py lab" in readme and "python3 course.py test" in readme
    assert "python3 course.py test" in (ROOT / ".ci" / "run").read_text()


def test_readme_lists_every_lesson_in_both_languages():
    readme = (ROOT / "README.md").read_text()
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        assert readme.count(f"notebooks/{notebook.name}") >= 2, notebook.name


def test_helpers_import_without_side_effects():
    import subprocess
    import sys

    code = ("import sys, helpers.data, helpers.plots, helpers.checks, helpers.texts,"
            " helpers.prepare;"
            "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_the_learner_package_holds_only_what_lessons_use():
    """Authoring tools live in tools/, which Colab's install of the helpers does not get."""
    import pkgutil

    import helpers

    assert {m.name for m in pkgutil.iter_modules(helpers.__path__)} == {"checks", "data", "plots", "prepare", "texts"}
    assert '[tool.flit.module]\nname = "helpers"' in (ROOT / "pyproject.toml").read_text()


def test_ruff_and_mypy_are_clean():
    """Lint, import order and types, configured in pyproject.toml, over the course's code."""
    import subprocess
    import sys

    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    mypy = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
