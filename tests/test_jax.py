"""Every lesson on JAX: Keras's other backend, as `python3 course.py lab --backend jax` sets it up (issue 30).

A fresh virtual environment holds the learner's JAX set, requirements-jax.txt with its includes (pip's cache
makes it seconds after the first run), less `-e .`: the helpers travel in each lesson's set-up cell, as on
Colab. Each lesson runs top to bottom in a fresh kernel of that environment with KERAS_BACKEND=jax, in an
empty folder, with every ``raises-exception`` tag removed (a cell that raises stops the run, as on Colab) and
COURSE_STRICT_CHECKS=1. It must pass every course check that its stored TensorFlow run passes (the same
number of "✓ Course check" lines) and write nothing to stderr but the warnings the lesson shows on purpose
(tools.lessons.intended_stderr) and those JAX_STDERR names, each with its reason. Outputs are not compared:
the stored ones, and strict nbval, are TensorFlow's, the course's reference.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from helpers import checks
from tests.conftest import COURSE_DATA, IN_CI, unexpected_stderr
from tools import lessons, manifest, platforms

ROOT = lessons.NOTEBOOK_DIR.parent
ARTIFACTS = ROOT / "artifacts"
PATHS = [p for p, m in manifest.manifests(lessons.notebook_paths()) if "jax" in m["backends"]]  # as each promises
# Warnings JAX writes that TensorFlow does not, each with why it is intended. None so far: add one only with
# its reason, and only where the lesson's text says what the learner sees.
JAX_STDERR: list[tuple[str, str]] = []


@pytest.fixture(scope="module")
def jax_kernel(tmp_path_factory):
    """A venv with the learner's JAX requirements and a kernel spec for it; the environment its kernels get."""
    if not (COURSE_DATA / "aclImdb").is_dir():
        if IN_CI:
            raise RuntimeError("CI must have COURSE_DATA")
        pytest.skip("the JAX run needs COURSE_DATA (the IMDB reviews and the colours)")
    folder = tmp_path_factory.mktemp("jax")
    start = time.perf_counter()
    venv.create(folder / "venv", with_pip=True)
    python = folder / "venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    wanted = [line for line in platforms.requirement_lines(platforms.BACKENDS["jax"]) if line != "-e ."]
    # --no-compile: no bytecode for the many modules a kernel never imports (JupyterLab's); imports write theirs.
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-compile", *wanted], check=True)
    print(f"JAX environment built in {time.perf_counter() - start:.0f} s")
    shown = subprocess.run([python, "-m", "pip", "list", "--format=json"], capture_output=True, text=True, check=True)
    installed = {p["name"].lower() for p in json.loads(shown.stdout)}
    assert "jax" in installed and not any(name.startswith("tensorflow") for name in installed)
    spec = folder / "jupyter" / "kernels" / "course-jax"
    spec.mkdir(parents=True)
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "JAX", "language": "python"}))
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTEST_CURRENT_TEST", "TF_CPP_MIN_LOG_LEVEL", "PYTHONPATH", "VIRTUAL_ENV", "KERAS_HOME")
        and not k.startswith("JUPYTER")
    }
    env.update(
        PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}",
        KERAS_BACKEND="jax",
        KERAS_HOME=str(folder / "keras"),
        COURSE_STRICT_CHECKS="1",
    )
    return {"folder": folder, "env": env}


def stderr_lines(nb) -> str:
    return "\n".join(re.split(r"[\r\n]+", lessons.printed(nb, "stderr")))


@pytest.mark.slow  # the environment in about 40 s from pip's cache, then each lesson as long as on TensorFlow
@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_every_lesson_passes_its_checks_on_jax(jax_kernel, path, monkeypatch):
    nb = nbformat.read(path, as_version=4)
    promised = len(checks.read_checkpoints(lessons.printed(nb)))
    for cell in nb.cells:
        cell.metadata["tags"] = [t for t in cell.metadata.get("tags", []) if t != "raises-exception"]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    work = Path(tempfile.mkdtemp(prefix="lesson-", dir=jax_kernel["folder"]))
    monkeypatch.setenv("JUPYTER_PATH", str(jax_kernel["folder"] / "jupyter"))
    start = time.perf_counter()
    try:
        lessons.execute(nb, work, timeout=900, kernel_name="course-jax", env=jax_kernel["env"])
    except CellExecutionError as err:
        pytest.fail(f"{path.name} stopped on JAX: {str(err)[-2000:]}")
    seconds = time.perf_counter() - start
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "jax-times.md", "a") as times:
        times.write(f"| jax | {path.name} | {seconds:.1f} |\n")
    print(f"jax: {path.name} ran in {seconds:.1f} s")
    passed = len(checks.read_checkpoints(lessons.printed(nb, "stdout")))
    assert passed == promised, f"{passed} course checks passed on JAX of the {promised} TensorFlow's run passes"
    assert unexpected_stderr(stderr_lines(nb), [*lessons.intended_stderr(nb), *JAX_STDERR]) == []


def test_the_jax_set_has_no_tensorflow_and_jax_warnings_have_reasons():
    """The fast half: what the slow test installs, and JAX_STDERR's shape."""
    lines = platforms.requirement_lines(platforms.BACKENDS["jax"])
    assert any(line.startswith("jax[cpu]==") for line in lines)
    assert not any(line.startswith("tensorflow") for line in lines)
    assert all(re.compile(pattern) and why for pattern, why in JAX_STDERR)
    assert sys.version_info[:2] >= platforms.SUPPORTED[0]
