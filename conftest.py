"""pytest set-up shared by the unit tests and nbval (see pyproject.toml).

Every test run starts as on a machine's first day, so that nothing a developer's
machine holds (a Jupyter trust database, a Jupyter or IPython setting, a cached
data set, a Matplotlib font cache) can make a test pass: HOME is a new empty
temporary folder, and every variable that would point Jupyter, IPython, Keras or
Matplotlib elsewhere is removed, so their folders are the empty ones under it.
Only pip's download cache is kept (the Colab simulation installs TensorFlow twice;
a cached wheel is the same file a download gives).

TF_ENABLE_ONEDNN_OPTS=1 forces what TensorFlow does by default on x86 CPUs with
AVX512_VNNI, AVX512_BF16 or AMX (recent Intel Xeons, AMD Zen 4 and 5), for the
unit tests that import TensorFlow in this process. It does not reach the lessons'
TensorFlow: each lesson's set-up cell sets it back to 0 before TensorFlow starts,
so the lessons run, and are tested, with oneDNN off on every CPU.
"""

import atexit
import os
import shutil
import tempfile
import time
from collections import defaultdict

import pytest

ELSEWHERE = (
    "JUPYTER_PATH",
    "JUPYTER_CONFIG_PATH",
    "JUPYTER_CONFIG_DIR",
    "JUPYTER_DATA_DIR",
    "JUPYTER_RUNTIME_DIR",
    "JUPYTER_PLATFORM_DIRS",
    "JUPYTERLAB_SETTINGS_DIR",
    "JUPYTERLAB_WORKSPACES_DIR",
    "IPYTHONDIR",
    "KERAS_HOME",
    "MPLCONFIGDIR",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
    "XDG_RUNTIME_DIR",
    "XDG_STATE_HOME",
)


def fresh_machine() -> str:
    """Point HOME at a new empty folder (removed at exit); return it."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    os.environ.setdefault("PIP_CACHE_DIR", os.path.join(cache, "pip"))
    home = tempfile.mkdtemp(prefix="course-test-home-")
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    for name in ELSEWHERE:
        os.environ.pop(name, None)
    os.environ["HOME"] = home
    return home


fresh_machine()
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "1"
os.environ["COURSE_STRICT_CHECKS"] = "1"  # a failing course check raises (helpers.checks), in nbval's kernels too
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def pytest_report_header(config):
    return [f"HOME: {os.environ['HOME']} (new and empty), TF_ENABLE_ONEDNN_OPTS=1 (see conftest.py)"]


PART_SECONDS: dict[str, float] = defaultdict(float)
STARTED = time.monotonic()


def part(nodeid: str) -> str:
    """Which part of the suite a test belongs to, for the times printed at the end."""
    if ".ipynb::" in nodeid:
        return "nbval (every notebook)"
    if nodeid.startswith("tests/test_browser.py"):
        return "browser (JupyterLab in Chromium)"
    if nodeid.startswith("tests/test_colab_sim.py"):
        return "Colab simulation"
    if nodeid.startswith("tests/test_jax.py"):
        return "JAX (every lesson on Keras's JAX backend)"
    if nodeid.startswith("tests/test_answer_key.py"):
        return "answer key (every exercise solved)"
    if nodeid.startswith("tests/test_wheelhouse.py::test_a_fresh") or "test_a_wheelhouse_for" in nodeid:
        return "installs (wheelhouses, the offline set-up)"
    return "unit and notebook-rule tests"


def pytest_collection_modifyitems(items):
    """nbval's cells are slow tests: `course.py test --quick` leaves them out."""
    for item in items:
        if ".ipynb::" in item.nodeid:
            item.add_marker(pytest.mark.slow)


def pytest_runtest_logreport(report):
    PART_SECONDS[part(report.nodeid)] += report.duration


def pytest_terminal_summary(terminalreporter):
    if PART_SECONDS:
        terminalreporter.section("time per part")
        for name, seconds in sorted(PART_SECONDS.items(), key=lambda item: -item[1]):
            terminalreporter.write_line(f"{seconds:7.0f} s  {name}")
        terminalreporter.write_line(f"{time.monotonic() - STARTED:7.0f} s  in all, collection included")


def pytest_collectstart(collector):
    """nbval: do not compare stderr (TensorFlow and Python warnings vary by machine)."""
    if hasattr(collector, "skip_compare"):
        collector.skip_compare = collector.skip_compare + ("stderr",)
