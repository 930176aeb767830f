"""course.py: the learner's own copies of the lessons, `fresh`, and the interface language."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

import course

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def mine(tmp_path, monkeypatch):
    folder = tmp_path / "my-lessons"
    monkeypatch.setattr(course, "MINE", folder)
    return folder


def test_lab_copies_every_lesson_once_and_never_overwrites_the_learners_work(mine):
    assert course.learner_copies() == []
    names = sorted(p.name for p in mine.glob("*.ipynb"))
    assert names == [p.name for p in course.lessons()] and (mine / "GLOSSARY.md").is_file()
    (mine / "01_compile_and_fit.ipynb").write_text("my own work")
    assert course.learner_copies() == []
    assert (mine / "01_compile_and_fit.ipynb").read_text() == "my own work"


def test_lab_names_the_copies_whose_lesson_changed(mine):
    course.learner_copies()
    record = mine / course.COPIES
    lesson = '"03_overfitting_with_text.ipynb": "'
    record.write_text(record.read_text().replace(lesson, lesson + "0"))  # as if the lesson had changed
    assert course.learner_copies() == ["03_overfitting_with_text.ipynb"]


def test_fresh_replaces_a_copy_and_keeps_the_old_one(mine, capsys):
    course.learner_copies()
    lesson = mine / "03_overfitting_with_text.ipynb"
    lesson.write_text("my own work")
    assert course.fresh(["3"]) == 0
    assert lesson.read_bytes() == (course.LESSONS / lesson.name).read_bytes()
    kept = list(mine.glob("03_overfitting_with_text.mine-*.ipynb"))
    assert len(kept) == 1 and kept[0].read_text() == "my own work"
    out = capsys.readouterr().out
    assert "Fresh copy: " in out and "Cópia nova: " in out
    assert course.fresh(["99"]) == 2 and course.fresh(["x"]) == 2 and course.fresh([]) == 2


def test_the_learners_folder_is_ignored_by_git():
    ignored = subprocess.run(["git", "check-ignore", "-q", "my-lessons/01_compile_and_fit.ipynb"], cwd=ROOT)
    assert ignored.returncode == 0


@pytest.mark.parametrize(
    ("flags", "lang", "portuguese"),
    [
        ([], "en_US.UTF-8", False),
        ([], "pt_BR.UTF-8", True),
        (["--en"], "pt_BR.UTF-8", False),
        (["--pt"], "en_US.UTF-8", True),
        ([], "C.UTF-8", False),
    ],
)
def test_interface_language_from_the_flag_or_the_system(monkeypatch, flags, lang, portuguese):
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    assert course.wants_portuguese(flags) is portuguese


def test_lab_settings_choose_the_language_and_shut_kernels_down_with_their_tab(tmp_path, monkeypatch):
    import json

    monkeypatch.setattr(course, "VENV", tmp_path)
    folder = course.lab_settings(portuguese=True)
    overrides = json.loads((folder / "labconfig" / "default_setting_overrides.json").read_text())
    assert overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "pt_BR"}
    assert overrides["@jupyterlab/notebook-extension:tracker"] == {"kernelShutdown": True}
    folder = course.lab_settings(portuguese=False)
    overrides = json.loads((folder / "labconfig" / "default_setting_overrides.json").read_text())
    assert overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "en"}


# --- hostile probes (reviews/probes-2026-12-05.md) ------------------------------------------------


def test_fresh_twice_in_one_second_keeps_both_of_the_learners_copies(mine, capsys):
    """Probe 5: `fresh 03` twice within a second renamed two copies to one name; the first was lost."""
    course.learner_copies()
    lesson = mine / "03_overfitting_with_text.ipynb"
    lesson.write_text("my first work")
    assert course.fresh(["03"]) == 0
    lesson.write_text("my second work")
    assert course.fresh(["3", "03"]) == 0
    kept = sorted(p.read_text() for p in mine.glob("03_overfitting_with_text.mine-*.ipynb"))
    assert kept == ["my first work", "my second work"]
    assert lesson.read_bytes() == (course.LESSONS / lesson.name).read_bytes()


def test_fresh_with_a_number_that_is_no_lesson_says_so(mine, capsys):
    """Probe: `fresh ²` ("²".isdigit() is true) ended in a ValueError traceback."""
    for number in ("²", "٣", "-1", "1e3", ""):
        assert course.fresh([number]) == 2
        out = capsys.readouterr().out
        assert "No lesson" in out and "Não existe a lição" in out


def test_lab_keeps_the_learners_glossary(mine, monkeypatch, tmp_path, capsys):
    """Probe 6: `lab` copied the course's GLOSSARY.md over the learner's edited one."""
    course.learner_copies()
    glossary = mine / "GLOSSARY.md"
    assert glossary.read_bytes() == (course.LESSONS / "GLOSSARY.md").read_bytes()
    glossary.write_text("my own notes")
    assert course.learner_copies() == []
    assert glossary.read_text() == "my own notes"
    # The course's glossary changes: an untouched copy follows it, an edited one is kept and the learner told.
    lessons = tmp_path / "notebooks"
    lessons.mkdir()
    (lessons / "GLOSSARY.md").write_text("the course's new glossary")
    monkeypatch.setattr(course, "LESSONS", lessons)
    monkeypatch.setattr(course, "lessons", lambda: [])
    capsys.readouterr()
    course.learner_copies()
    assert glossary.read_text() == "my own notes"
    out = capsys.readouterr().out
    assert "GLOSSARY.md" in out and "yours is kept" in out and "o seu foi mantido" in out
    glossary.unlink()
    course.learner_copies()
    assert glossary.read_text() == "the course's new glossary"
    (lessons / "GLOSSARY.md").write_text("the course's newer glossary")
    course.learner_copies()
    assert glossary.read_text() == "the course's newer glossary"  # unchanged since copied: updated


@pytest.mark.parametrize("broken", ["{not json", "[]", '{"01_compile_and_fit.ipynb": 3}', "\udcff"])
def test_a_broken_copies_record_is_reported_and_no_lesson_copy_is_lost(mine, capsys, broken):
    """Probe: a broken my-lessons/.course-copies.json stopped `lab`; `fresh` renamed the copy, then crashed."""
    course.learner_copies()
    lesson = mine / "03_overfitting_with_text.ipynb"
    lesson.write_text("my own work")
    record = mine / course.COPIES
    record.write_bytes(broken.encode("utf-8", "surrogateescape"))
    assert course.learner_copies() == []
    out = capsys.readouterr().out
    assert course.COPIES in out and "could not be read" in out and "não pôde ser lido" in out
    assert lesson.read_text() == "my own work"
    assert any(p.read_bytes() == broken.encode("utf-8", "surrogateescape") for p in mine.glob(".course-copies*"))
    record.write_text("{not json")
    assert course.fresh(["03"]) == 0
    assert lesson.read_bytes() == (course.LESSONS / lesson.name).read_bytes()
    assert [p.read_text() for p in mine.glob("03_overfitting_with_text.mine-*.ipynb")] == ["my own work"]
    assert course.learner_copies() == []  # the record is whole again


class SlowListing(threading.Thread):
    """A wheel index on 127.0.0.1 that sends its listing one byte at a time, or without end."""

    def __init__(self, endless: bool):
        super().__init__(daemon=True)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.endless, self.stopped = endless, threading.Event()
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/"

    def run(self):
        connection, _ = self.server.accept()
        with connection:
            connection.recv(65536)
            try:
                connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n")
                while not self.stopped.is_set():
                    if self.endless:
                        connection.sendall(b"<a href='x.whl'>x.whl</a>" * 4096)
                    else:
                        connection.sendall(b"<")
                        time.sleep(0.5)
            except OSError:
                return


@pytest.mark.parametrize(("endless", "words"), [(False, ("within", "em até")), (True, ("larger than", "maior que"))])
def test_a_wheel_listing_that_trickles_or_never_ends_is_cut_off(monkeypatch, endless, words):
    """Probe 4: a slow COURSE_WHEELS listing hung past 120 s; an endless one took 5 GB of memory in 13 s."""
    server = SlowListing(endless)
    server.start()
    monkeypatch.setenv("COURSE_WHEELS", server.url)
    monkeypatch.setattr(course, "LISTING_DEADLINE_S", 3, raising=False)
    start = time.monotonic()
    with pytest.raises(SystemExit) as stopped:
        course.wheel_source()
    assert time.monotonic() - start < 6
    message = str(stopped.value)
    assert "COURSE_WHEELS" in message and words[0] in message and words[1] in message
    server.stopped.set()
    server.server.close()


def private(path: Path, below: Path) -> bool:
    """Whether no other user can read `path`: it, or a folder between it and `below`, is its owner's alone."""
    folders = [path, *[p for p in path.parents if below in p.parents]]
    return any(p.stat().st_mode & 0o077 == 0 for p in folders)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads the process list from /proc")
def test_the_lab_token_is_on_no_command_line_and_in_no_file_others_can_read(tmp_path):
    """Probe 1: the token was on JupyterLab's command line, so `ps` showed it to every account."""
    home, log_path = tmp_path / "home", tmp_path / "lab.log"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(HOME=str(home), COURSE_WORKDIR=str(tmp_path / "my-lessons"), LANG="C.UTF-8")
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "course.py", "lab", "--no-browser"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    try:
        deadline = time.monotonic() + 120
        while not (urls := re.findall(r"http://\S+token=(\w+)", log_path.read_text())):
            assert process.poll() is None and time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.2)
        token, base = urls[0], re.findall(r"http://[^/]+", log_path.read_text())[0]
        while True:  # serving: every file it writes at start-up is written
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.2)
        listed = subprocess.run(["ps", "-ww", "-eo", "args"], capture_output=True, text=True).stdout
        assert "jupyterlab" in listed and token not in listed
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                assert token.encode() not in cmdline.read_bytes(), cmdline
            except (FileNotFoundError, ProcessLookupError, PermissionError):
                pass
        holding = [
            path
            for folder in (home, tmp_path / "my-lessons", course.VENV)
            for path in folder.rglob("*")
            if path.is_file()
            and not path.is_symlink()
            and path.stat().st_size < 10**6
            and token.encode() in path.read_bytes()
        ]
        assert holding, "jupyter_server writes its token to jpserver-*.json and *-open.html"
        for path in holding:
            assert private(path, tmp_path if tmp_path in path.parents else ROOT), f"{path} readable by others"
    finally:
        process.terminate()
        process.wait(timeout=30)


# --- the backend, chosen at set-up (issue 30), and the command line (issue 31) -------------------------------


@pytest.fixture
def fake_venv(tmp_path, monkeypatch):
    """course.py's .venv in tmp_path, with venv creation and pip recorded, not run."""
    folder = tmp_path / ".venv"
    python = folder / "bin" / "python"
    monkeypatch.setattr(course, "VENV", folder)
    monkeypatch.setattr(course, "PYTHON", python)
    monkeypatch.setattr(course, "BACKEND_FILE", folder / "course-backend.txt")
    monkeypatch.setattr(course, "wheel_source", lambda: [])
    installed: list[tuple[str, ...]] = []

    def create(path, with_pip):
        python.parent.mkdir(parents=True)
        python.write_text("")

    monkeypatch.setattr(course.venv, "create", create)
    monkeypatch.setattr(course, "pip_install", lambda options, *args: installed.append(args))
    monkeypatch.setattr(course.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=""))
    return installed


def test_the_backend_is_remembered_and_switching_rebuilds_the_venv(fake_venv, capsys):
    assert course.setup() == "tensorflow"  # a new .venv: TensorFlow, the default
    assert ("-r", "requirements.txt") in fake_venv
    (course.VENV / "mine.txt").write_text("left by the old .venv")
    fake_venv.clear()
    assert course.setup(backend="jax") == "jax"
    out = capsys.readouterr().out
    assert "rebuilding .venv for jax" in out and "será refeito" in out
    assert not (course.VENV / "mine.txt").exists(), "the TensorFlow .venv is gone, not mixed with JAX"
    assert ("-r", "requirements-jax.txt") in fake_venv
    assert course.BACKEND_FILE.read_text().strip() == "jax"
    fake_venv.clear()
    assert course.setup() == "jax" and fake_venv == []  # remembered, and nothing to install
    assert course.setup(authors=True) == "jax"
    assert ("-r", "requirements-jax.txt", "-r", "requirements-dev.txt") in fake_venv


def test_a_venv_made_before_the_choice_is_tensorflows(fake_venv):
    course.PYTHON.parent.mkdir(parents=True)
    course.PYTHON.write_text("")
    assert course.installed_backend() == "tensorflow"


def test_the_labs_kernels_get_the_backend(fake_venv, monkeypatch, mine):
    started = {}
    monkeypatch.setattr(course, "learner_copies", lambda: [])
    monkeypatch.setattr(course, "trust_copies", lambda: None)
    monkeypatch.setattr(course.os, "chdir", lambda folder: None)
    monkeypatch.setattr(course.os, "execve", lambda path, command, env: started.update(command=command, env=env))
    monkeypatch.setattr(course.subprocess, "call", lambda command, **kw: started.update(command=command, **kw) or 0)
    course.main(["lab", "--backend", "jax", "--no-browser", "--ServerApp.port_retries=0"])
    assert started["env"]["KERAS_BACKEND"] == "jax"
    command = started["command"]
    assert command.index("--no-browser") + 1 == command.index("--ServerApp.port_retries=0", -3)  # in order


def test_test_passes_pytests_arguments_and_the_backend(fake_venv, monkeypatch):
    called = {}
    monkeypatch.setattr(course.subprocess, "call", lambda command, **kw: called.update(command=command, **kw) or 0)
    assert course.main(["test", "--quick", "-k", "course", "tests/test_course.py"]) == 0
    assert called["command"][1:] == ["-m", "pytest", "-m", "not slow", "-k", "course", "tests/test_course.py"]
    assert called["env"]["KERAS_BACKEND"] == "tensorflow"


@pytest.mark.parametrize("command", ["lab", "fresh", "editions", "test", "wheelhouse"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        course.main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: python3 course.py {command}")
    assert ("--backend" in out) == (command != "fresh")


def test_no_command_prints_the_overview(capsys):
    assert course.main([]) == 2 and course.main(["nonsense"]) == 2
    assert "python3 course.py lab" in capsys.readouterr().out
