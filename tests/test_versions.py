"""One version floor, and installs that resolve where learners are.

The oldest TensorFlow + Keras pair the course supports is declared once, in
[tool.course] of pyproject.toml; the newest is pinned in requirements.txt.
Lesson 00's check and every lesson's imports cell state those numbers (a lesson
cannot read pyproject.toml on Colab), so these tests hold them to it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from packaging.utils import canonicalize_name, parse_wheel_filename

import course
from tools import colab, lessons, manifest, platforms, wheelhouse
from tools.wheelhouse import lines_for

ROOT = Path(__file__).resolve().parent.parent
CONFIG = colab.course_config()
PATHS = lessons.notebook_paths()


def major_minor(version: str) -> tuple[int, int]:
    major, minor = version.split(".")[:2]
    return int(major), int(minor)


def pinned(name: str, requirements: str = "requirements.txt") -> tuple[int, int]:
    """The major.minor that `requirements` (its includes too) pins `name` to (e.g. 'keras==3.15.*' -> (3, 15))."""
    text = "\n".join(platforms.requirement_lines(requirements))
    match = re.search(rf"^{re.escape(name)}==(\d+)\.(\d+)\.\*", text, re.M)
    assert match, f"{requirements} pins {name} as NAME==X.Y.*"
    return int(match.group(1)), int(match.group(2))


def code_cells(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def version_cell() -> str:
    return next(s for s in code_cells(manifest.by_number("00")) if "needed = {" in s)


def needs_in(cell: str) -> dict[str, tuple]:
    """name -> (oldest, newest) as lesson 00's version check states them."""
    found = {}
    for name, oldest, newest in re.findall(r'"(\w+)": \([^,]+, \((\d+, \d+)\), (\(\d+, \d+\)|None)\)', cell):
        found[name] = (
            tuple(map(int, oldest.split(", "))),
            None if newest == "None" else tuple(map(int, newest.strip("()").split(", "))),
        )
    return found


def test_lesson_00_checks_the_declared_floor_and_the_pinned_versions():
    needs = needs_in(version_cell())
    assert needs["TensorFlow"] == (major_minor(CONFIG["oldest-tensorflow"]), pinned("tensorflow-cpu"))
    assert needs["Keras"] == (major_minor(CONFIG["oldest-keras"]), pinned("keras"))
    jax = pinned("jax[cpu]", "requirements-jax.txt")  # the one JAX the course is tested with: floor and newest
    assert needs["JAX"] == needs["jaxlib"] == (jax, jax)
    assert needs["Python"] == course.SUPPORTED
    pyproject = (ROOT / "pyproject.toml").read_text()
    for name in ("NumPy", "Matplotlib"):
        floor = re.search(rf'"{name.lower()}>=(\d+)\.(\d+)"', pyproject)
        assert floor and needs[name] == ((int(floor.group(1)), int(floor.group(2))), None), name


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_every_set_up_cell_warns_below_the_declared_floors(path):
    keras, python = major_minor(CONFIG["oldest-keras"]), course.SUPPORTED[0]
    setup = code_cells(path)[0]
    assert f'version("keras").split(".")[:2]) < {keras}:' in setup
    assert f"sys.version_info < {python}:" in setup


def test_the_version_check_can_fail():
    """The floor lesson 00 printed before this test existed (2.16 / 3.0) is read as such, and differs."""
    old = version_cell().replace("(2, 19)", "(2, 16)").replace("(3, 10)", "(3, 0)")
    assert needs_in(old)["TensorFlow"][0] == (2, 16) != major_minor(CONFIG["oldest-tensorflow"])
    assert needs_in(old)["Keras"][0] == (3, 0) != major_minor(CONFIG["oldest-keras"])


# --- installs resolve where learners are ------------------------------------------

PYTHONS = ["{}.{}".format(*course.SUPPORTED[0]), "{}.{}".format(*course.SUPPORTED[1])]  # the oldest, the newest


@pytest.mark.slow  # about 15 s each: pip downloads some 500 MB (from its cache after the first run)
@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("platform, own", [("win_amd64", {"pywinpty", "colorama"}), ("macos_arm64", {"appnope"})])
def test_a_wheelhouse_for_each_learners_platform_is_complete(platform, own, python, tmp_path):
    """`course.py wheelhouse --platform` gathers every wheel that platform installs, its own included."""
    names = wheelhouse.gather(tmp_path, platform, python)
    projects = {canonicalize_name(parse_wheel_filename(name)[0]) for name in names}
    assert {"tensorflow", "keras", "jupyterlab", "numpy", "pip", "flit-core"} | own <= projects, sorted(projects)
    assert "tensorflow-cpu" not in projects
    environment = wheelhouse.environment_of(platform, python)
    assert wheelhouse.unmet(tmp_path, names, lines_for(platform, python), environment) == []


def test_python_3_10_is_refused_because_keras_needs_3_11():
    """Why the floor is 3.11: pip finds no Keras 3.15 for Python 3.10 (Keras 3.13 and later require 3.11)."""
    requirements_line = next(line for line in lines_for("win_amd64", "3.11") if line.startswith("keras"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--quiet",
            "--only-binary=:all:",
            "--no-deps",
            "--platform",
            "win_amd64",
            "--python-version",
            "3.10",
            "--implementation",
            "cp",
            "--target",
            "/nonexistent-target",
            requirements_line,
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "Requires-Python >=3.11" in done.stderr
