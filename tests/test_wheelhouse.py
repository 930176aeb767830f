"""The classroom set-up: a learner's install apart from the authors', and a wheelhouse that works offline.

The offline test is real: as root, `unshare -n` gives a network namespace with loopback
only (no package registry, no DNS), where tests/offline_class.py sets up a fresh copy of
the course from a wheelhouse that `course.py wheelhouse` gathered for this machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import course
from tools import platforms, wheelhouse

ROOT = Path(__file__).resolve().parent.parent
AUTHORS_TOOLS = {"pytest", "nbval", "pyflakes", "ruff", "mypy", "playwright", "nbclient"}


def names(requirements: str) -> set[str]:
    lines = [line.split("#")[0].strip() for line in (ROOT / requirements).read_text().splitlines()]
    return {line.split(";")[0].split("=")[0].split(">")[0].split("<")[0].strip() for line in lines if line}


def test_learners_install_no_authors_tools_and_the_tests_install_both():
    for learner in platforms.BACKENDS.values():
        assert not names(learner) & AUTHORS_TOOLS
        assert platforms.COMMON in [f.name for f in platforms.requirement_files(learner)]
    assert AUTHORS_TOOLS <= names("requirements-dev.txt")
    authors = platforms.requirement_lines(platforms.AUTHORS)
    assert not any(line.startswith("-r") for line in authors), "installed beside either backend's set"
    assert course.AUTHORS == "requirements-dev.txt"


def test_each_platform_selects_its_tensorflow_build():
    assert "tensorflow-cpu==2.21.*" in wheelhouse.lines_for("linux_x86_64", "3.12")
    for platform in ("win_amd64", "macos_arm64"):
        lines = wheelhouse.lines_for(platform, "3.11")
        assert "tensorflow==2.21.*" in lines and not any(r.startswith("tensorflow-cpu") for r in lines)
    assert "-e ." not in wheelhouse.lines_for(None)


def test_the_jax_set_has_keras_and_jax_and_no_tensorflow():
    """`--backend jax`: the common lines, once, with JAX in place of TensorFlow, on every platform."""
    common = platforms.requirement_lines(platforms.COMMON)
    for platform in platforms.PLATFORMS:
        lines = wheelhouse.lines_for(platform, "3.11", "jax")
        assert "jax[cpu]==0.10.*" in lines and "keras==3.15.*" in lines
        assert not any(line.startswith("tensorflow") for line in lines)
        assert len(lines) == len(set(lines)) == len(common)  # jax in, `-e .` out
        tensorflow = wheelhouse.lines_for(platform, "3.11")
        assert [line for line in tensorflow if not line.startswith("tensorflow")] == lines[1:]


def test_no_tool_imports_the_launcher():
    """Issue 31: the arrows run from course.py down to tools/, never back up."""
    for module in (ROOT / "tools").glob("*.py"):
        assert not re.search(r"^\s*(import course|from course import)", module.read_text(), re.M), module.name


def test_the_wheelhouse_carries_pip_and_the_helpers_build_backend():
    assert wheelhouse.extras()[0] == "pip" and wheelhouse.extras()[1].startswith("flit_core")


def fake_wheel(folder: Path, name: str, version: str, *requires: str) -> str:
    wheel = f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(folder / wheel, "w") as archive:
        metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        archive.writestr(
            f"{name}-{version}.dist-info/METADATA", metadata + "".join(f"Requires-Dist: {r}\n" for r in requires)
        )
    return wheel


def test_unmet_reads_each_wheels_requirements_for_the_target_platform(tmp_path):
    """What pip download --platform leaves out: a dependency only the target's markers select."""
    names = [
        fake_wheel(
            tmp_path,
            "ipython",
            "9.0",
            'colorama; sys_platform == "win32"',
            'pexpect; sys_platform != "win32"',
            'pytest; extra == "test"',
            "decorator>=5",
        ),
        fake_wheel(tmp_path, "decorator", "4.0"),
        fake_wheel(tmp_path, "pexpect", "4.9"),
    ]
    windows = [str(r) for r in wheelhouse.unmet(tmp_path, names, ["ipython"], wheelhouse.environment_of("win_amd64"))]
    assert windows == ['colorama; sys_platform == "win32"', "decorator>=5"]
    linux = [
        str(r) for r in wheelhouse.unmet(tmp_path, names, ["ipython[test]"], wheelhouse.environment_of("linux_x86_64"))
    ]
    assert linux == ['pytest; extra == "test"', "decorator>=5"]


@pytest.mark.parametrize(
    "source, message",
    [
        ("/nonexistent/wheels", "cannot read it (no such folder)"),
        ("http://127.0.0.1:9/", "cannot read it"),
        ("{empty}", "holds no wheels"),
    ],
)
def test_course_wheels_that_cannot_serve_say_so(source, message, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_WHEELS", source.format(empty=tmp_path))
    with pytest.raises(SystemExit) as stopped:
        course.wheel_source()
    assert message in str(stopped.value) and "COURSE_WHEELS" in str(stopped.value)


def test_course_wheels_means_that_folder_alone(tmp_path, monkeypatch, capsys):
    (tmp_path / "keras-3.15.1-py3-none-any.whl").write_bytes(b"")
    monkeypatch.setenv("COURSE_WHEELS", str(tmp_path))
    assert course.wheel_source() == ["--no-index", "--find-links", str(tmp_path)]
    assert "nothing comes from the internet" in capsys.readouterr().out
    monkeypatch.delenv("COURSE_WHEELS")
    assert course.wheel_source() == []


def course_copy(destination: Path) -> Path:
    """The course as a fresh clone has it: the files git tracks or would track, nothing ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    return destination


def can_unshare() -> bool:
    return (
        shutil.which("unshare") is not None
        and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    )


@pytest.mark.slow  # about 2 minutes: gathers the wheelhouse (pip's cache makes it seconds), installs, runs lesson 00
@pytest.mark.skipif(not can_unshare() and not os.environ.get("CI"), reason="needs root's `unshare -n`")
def test_a_fresh_copy_sets_up_offline_from_the_wheelhouse_and_runs_lesson_00(tmp_path):
    assert can_unshare(), "CI runs as root, where `unshare -n` makes the network namespace this test needs"
    wheels = tmp_path / "wheelhouse"
    subprocess.run([sys.executable, "-m", "tools.wheelhouse", str(wheels)], cwd=ROOT, check=True)
    index = (wheels / wheelhouse.INDEX).read_text()
    assert "this machine" in index and "MB" in index
    incomplete = tmp_path / "incomplete"
    incomplete.mkdir()
    for wheel in wheels.glob("*.whl"):
        if not wheel.name.startswith("keras-"):
            (incomplete / wheel.name).symlink_to(wheel)
    copy = course_copy(tmp_path / "course")
    report_file = tmp_path / "report.json"
    python3 = getattr(sys, "_base_executable", sys.executable)  # the learner's Python, not this .venv's
    inner = f"ip link set lo up && exec {python3} tests/offline_class.py {copy} {wheels} {incomplete} {report_file}"
    subprocess.run(["unshare", "-n", "sh", "-c", inner], cwd=copy, check=True, timeout=1800)
    report = json.loads(report_file.read_text())
    print(json.dumps({k: report[k] for k in ("network", "seconds_to_address", "seconds_to_lab", "venv_mb")}))
    assert report["network"].startswith("none"), report["network"]

    missing = report["missing"]
    assert missing["returncode"] != 0 and "keras==3.15.*" in missing["output"], missing["output"][-3000:]
    assert "has no wheel of keras==3.15.* for this machine" in missing["output"], missing["output"][-3000:]
    assert "não tem wheel de keras==3.15.*" in missing["output"]
    assert missing["stamps"] == [], "a failed set-up must not leave a .venv marked ready"

    assert "nothing comes from the internet" in report["lab_output"], report["lab_output"][-3000:]
    assert report.get("start_here_status") == 200, report["lab_output"][-3000:]
    assert report["start_here_in_lab"] == course.START
    lesson = report["lesson_00"]
    assert lesson["returncode"] == 0, lesson["stderr"]
    for dataset in ("fashion-mnist", "aclImdb", "colors"):
        assert f"✓ {dataset}" in lesson["output"], lesson["output"]
    assert "TensorFlow  2.21" in lesson["output"] and "✗" not in lesson["output"], lesson["output"]
    assert not set(report["packages"]) & (AUTHORS_TOOLS - {"nbclient"}), report["packages"]
