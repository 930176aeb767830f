"""Colab, simulated: every lesson run the way an upload to Colab runs it (slow: 3 to 4 minutes per version pair).

For each supported TensorFlow + Keras pair (the pinned one of requirements.txt and the oldest one, declared in
[tool.course] of pyproject.toml) a fresh virtual environment holds only what a Colab runtime preinstalls that
the course relies on: TensorFlow, Keras, NumPy, Matplotlib, scikit-learn, ipywidgets, ipykernel. Not the
course's helpers: each lesson is its .ipynb file alone, whose set-up cell carries the helpers (tools/carry.py).
As on Colab, ``google.colab`` is imported when the kernel starts (a stand-in module). The kernel starts in an
empty folder outside the repository, with an empty Keras cache and the system's data folder hidden (a private
mount). Two ways the data comes:

- pinned: the lesson as a file handed out on a classroom machine with no network at all: the kernel runs in
  a network namespace of its own with no network (it talks to this test over Unix sockets), and the data
  comes from COURSE_DATA, as a teacher prepares it;
- oldest: the lesson opened on Colab, online: COURSE_MIRROR points at a local HTTP server that stands in
  for the original sources, so every data set is downloaded, verified, unpacked and cached, progress bar
  included.

Outputs are not compared (the versions differ); the course's checks are strict (COURSE_STRICT_CHECKS), every
checkpoint must pass, no cell may raise (the ``raises-exception`` tag is ignored, as Colab is not known to
honour it), stderr may hold only the download progress bars and the warnings a lesson shows on purpose, and
``pip freeze`` after all lessons must equal ``pip freeze`` before: a lesson installs nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from helpers import checks, data
from tests.conftest import COURSE_DATA, IN_CI, unexpected_stderr
from tools import colab, lessons, localnet, platforms

pytestmark = [pytest.mark.slow, pytest.mark.colab]

ROOT = lessons.NOTEBOOK_DIR.parent
CONFIG = colab.course_config()
FASHION_MNIST = data.FASHION_MNIST_SYSTEM_DIR
ARTIFACTS = ROOT / "artifacts"
PROGRESS_BAR = (r"^Downloading \S+ ", "the download progress bar: Colab has no copy of the data")
COLAB_PACKAGES = ["numpy", "matplotlib", "scikit-learn", "ipywidgets", "ipykernel"]
# TensorFlow 2.19 logs XLA's start-up to stderr at the first jit-compiled step (lessons 01-03); 2.21 does not.
# Lesson 01, section 8 tells learners so.
OLDEST_STDERR = [
    (
        r"^WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR$",
        "absl's first log line (TensorFlow 2.19)",
    ),
    (r"^I0000 \S+ +\d+ (service\.cc|device_compiler\.h):\d+\] ", "XLA's start-up information (TensorFlow 2.19)"),
]


def pinned(name: str) -> str:
    """The requirement line of requirements.txt for `name` on this platform (e.g. 'keras==3.15.*')."""
    for line in platforms.requirement_lines("requirements.txt"):  # its -r includes (Keras) too
        requirement, _, marker = line.partition(";")
        if re.match(rf"{name}\b", requirement) and "!=" not in marker:
            return requirement.strip()
    raise LookupError(f"requirements.txt pins no {name}")


PAIRS = {  # name: what pip installs for TensorFlow and Keras
    "pinned": [pinned("tensorflow-cpu"), pinned("keras")],
    "oldest": [f"tensorflow-cpu=={CONFIG['oldest-tensorflow']}", f"keras=={CONFIG['oldest-keras']}"],
}

if not (sys.platform == "linux" and shutil.which("unshare") and shutil.which("git")):
    if IN_CI:
        raise RuntimeError("the Colab simulation needs Linux with unshare and git (CI has both)")
    pytest.skip("the Colab simulation needs Linux, unshare and git", allow_module_level=True)


def need_the_data() -> None:
    """The data every pair's source is made from: COURSE_DATA and Debian's Fashion-MNIST (CI has both)."""
    if not (COURSE_DATA / "aclImdb").is_dir() or not FASHION_MNIST.is_dir():
        if IN_CI:
            raise RuntimeError("CI must have COURSE_DATA and Debian's dataset-fashion-mnist")
        pytest.skip("the simulation needs COURSE_DATA and Debian's dataset-fashion-mnist")


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    """A folder laid out like the Keras cache, as a teacher's COURSE_MIRROR serves it (see helpers.datasets)."""
    need_the_data()
    folder = tmp_path_factory.mktemp("mirror")
    shutil.copytree(FASHION_MNIST, folder / "fashion-mnist")
    (folder / "colors").mkdir()
    shutil.copy(COURSE_DATA / "colors" / "colorData.json", folder / "colors")
    # The review archive re-packed from the extracted copy: a mirror may (only the labelled reviews).
    localnet.repack_imdb(COURSE_DATA / "aclImdb", folder / "aclImdb_v1.tar.gz")
    return folder


def colab_runtime(folder: Path, tensorflow_and_keras: list[str], offline: bool) -> Path:
    """A virtual environment with what Colab preinstalls that the course uses, and a kernel spec for it.

    With `offline`, the kernel runs in a network namespace of its own: no network at all.
    """
    venv.create(folder / "venv", with_pip=True)
    python = folder / "venv" / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", *tensorflow_and_keras, *COLAB_PACKAGES], check=True)
    empty = folder / "empty"
    empty.mkdir()
    # Hide the system's data folder from the kernel (and the pip it starts): Colab has no Debian package.
    argv = [
        "unshare",
        *(["--net"] if offline else []),
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        f'mount --bind "{empty}" "{FASHION_MNIST.parent}" && exec "$0" "$@"',
        str(python),
        "-m",
        "ipykernel_launcher",
        "-f",
        "{connection_file}",
    ]
    if os.geteuid() != 0:
        argv[1:1] = ["--user", "--map-root-user"]
    spec = folder / "jupyter" / "kernels" / "colab-sim"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Colab (simulated)", "language": "python"})
    )
    # Colab imports google.colab before the first cell runs.
    fake = folder / "fake" / "google" / "colab"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('"""Stands in for Colab\'s module (tests/test_colab_sim.py)."""\n')
    (fake / "output.py").write_text(
        "def enable_custom_widget_manager():  # lesson 04: Colab then shows ipywidgets\n    pass\n"
    )
    startup = folder / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-colab.py").write_text("import google.colab  # noqa: F401\n")
    return python


def freeze(python: Path) -> set[str]:
    out = subprocess.run([python, "-m", "pip", "freeze", "--all"], capture_output=True, text=True, check=True)
    return set(out.stdout.splitlines())


@pytest.fixture(scope="module")
def classroom_data(tmp_path_factory):
    """A COURSE_DATA folder as a teacher prepares one: Fashion-MNIST copied (the system's copy is hidden)."""
    need_the_data()
    folder = tmp_path_factory.mktemp("course-data")
    shutil.copytree(FASHION_MNIST, folder / "fashion-mnist")
    for name in ("aclImdb", "colors"):
        (folder / name).symlink_to(COURSE_DATA / name, target_is_directory=True)
    return folder


@pytest.fixture(scope="module", params=list(PAIRS))
def runtime(request, tmp_path_factory, http_server_module):
    folder = tmp_path_factory.mktemp(f"colab-{request.param}")
    start = time.perf_counter()
    offline = request.param == "pinned"
    python = colab_runtime(folder, PAIRS[request.param], offline)
    print(f"{request.param}: Colab runtime built in {time.perf_counter() - start:.0f} s")
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "PYTEST_CURRENT_TEST",
            "TF_CPP_MIN_LOG_LEVEL",
            "COURSE_DATA",
            "PYTHONPATH",
            "VIRTUAL_ENV",
            "JUPYTER_PATH",
            "JUPYTER_CONFIG_PATH",
            "KERAS_HOME",
            "COURSE_MIRROR",
        )
    }
    env.update(
        PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}",
        KERAS_HOME=str(folder / "keras"),
        PYTHONPATH=str(folder / "fake"),
        IPYTHONDIR=str(folder / "ipython"),
        COURSE_STRICT_CHECKS="1",
        # Only the data source this pair uses is built (the mirror re-packs the review archive).
        **(
            {"COURSE_DATA": str(request.getfixturevalue("classroom_data"))}
            if offline
            else {"COURSE_MIRROR": http_server_module(request.getfixturevalue("mirror"))}
        ),
    )
    return {
        "name": request.param,
        "python": python,
        "env": env,
        "folder": folder,
        "offline": offline,
        "before": freeze(python),
    }


def run_lesson(runtime, nb, monkeypatch) -> None:
    """Run `nb` top to bottom in the simulated runtime, in an empty working folder.

    Every ``raises-exception`` tag is removed first: nbclient honours it, Colab is not known to, so on
    Colab a cell that raises stops Run All whatever its tags say.
    """
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "raises-exception" in tags:
            cell.metadata["tags"] = [t for t in tags if t != "raises-exception"]
    work = Path(tempfile.mkdtemp(prefix="content-", dir=runtime["folder"]))  # Colab's working folder, empty
    nbformat.write(nb, work / "lesson.ipynb")  # the uploaded file, alone
    monkeypatch.setenv("JUPYTER_PATH", str(runtime["folder"] / "jupyter"))  # where the kernel spec is found
    # Unix sockets to the kernel: a kernel with no network has no loopback either.
    sockets = runtime["folder"] / "kernel-ipc" if runtime["offline"] else None
    lessons.execute(nb, work, timeout=900, kernel_name="colab-sim", env=runtime["env"], ipc=sockets)


def stderr_problems(nb, intended) -> list[str]:
    found = []
    for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stderr":
                lines = "\n".join(re.split(r"[\r\n]+", output.text))
                found += [f"code cell {i}: {line!r}" for line in unexpected_stderr(lines, intended)]
    return found


PATHS = lessons.notebook_paths()


def test_every_lesson_runs_as_on_colab(runtime, monkeypatch):
    ARTIFACTS.mkdir(exist_ok=True)
    problems = []
    for path in PATHS:
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        try:
            run_lesson(runtime, nb, monkeypatch)
        except CellExecutionError as err:
            problems.append(f"{path.name}: {str(err)[-2000:]}")
            continue
        seconds = time.perf_counter() - start
        with open(ARTIFACTS / "colab-times.md", "a") as times:
            times.write(f"| {runtime['name']} | {path.name} | {seconds:.1f} |\n")
        print(f"{runtime['name']}: {path.name} ran in {seconds:.1f} s")
        stdout = lessons.printed(nb, "stdout")
        promised = len(checks.read_checkpoints(lessons.printed(nbformat.read(path, as_version=4))))
        if len(checks.read_checkpoints(stdout)) != promised:
            problems.append(f"{path.name}: {len(checks.read_checkpoints(stdout))} checkpoints passed of {promised}")
        problems += [
            f"{path.name}: {p}"
            for p in stderr_problems(
                nb,
                [PROGRESS_BAR, *lessons.intended_stderr(nb), *(OLDEST_STDERR if runtime["name"] == "oldest" else [])],
            )
        ]
    added = freeze(runtime["python"]) - runtime["before"]
    removed = runtime["before"] - freeze(runtime["python"])
    assert problems == []
    assert added == removed == set(), f"a lesson changed what Colab ships: {sorted(removed)} -> {sorted(added)}"
    cache = Path(runtime["env"]["KERAS_HOME"]) / "datasets"
    downloaded = [] if runtime["offline"] else ["aclImdb", "aclImdb_v1.tar.gz", "colors", "fashion-mnist"]
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [*downloaded, *(p.name for p in cache.glob("imdb_encoded_*.npz"))]
    )
