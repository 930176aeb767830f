#!/usr/bin/env python3
"""The course's commands. Standard library only, any operating system.

    python3 course.py lab [--pt | --en] [JUPYTERLAB ARGS]   # set up .venv, open JupyterLab at Start here
    python3 course.py fresh NN [NN ...]                     # a clean copy of lesson NN in my-lessons/
    python3 course.py test [PYTEST ARGS]                    # set up .venv and run every test (nbval included)
    python3 course.py test --quick [PYTEST ARGS]            # only the fast tests: no nbval, browser or Colab

Set-up: creates the virtual environment .venv/ beside this file and installs
requirements.txt into it; it reinstalls only when requirements.txt or
pyproject.toml changed.

`lab` works in my-lessons/, a git-ignored folder holding your own copies of
the lessons (made once; your changes and outputs stay there), so the
committed notebooks/ never change and `git pull` always works. The copies
that are still exactly the course's lessons are marked trusted in Jupyter's
trust database (as `jupyter trust` does), so a Jupyter that never ran on the
machine does not warn about them. It prints one address that opens Start
here. JupyterLab's menus are in Brazilian Portuguese with --pt or when the
system language is Portuguese, in English otherwise (--en forces English). A
notebook's kernel shuts down when you close its tab; kernels left idle with no
tab open are stopped after 30 minutes, busy ones never.
"""

from __future__ import annotations

import hashlib
import json
import locale
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import time
import venv
from pathlib import Path

from helpers import texts  # standard library only, like this launcher

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
LESSONS = ROOT / "notebooks"  # as tools.lessons.NOTEBOOK_DIR
MINE = Path(os.environ.get("COURSE_WORKDIR", ROOT / "my-lessons"))  # the learner's copies (git-ignored)
COPIES = ".course-copies.json"  # which version of each lesson a copy was made from
START = "00_start_here.ipynb"
SUPPORTED = ((3, 11), (3, 13))  # TensorFlow 2.21 ships wheels for 3.10-3.13, Keras 3.15 needs 3.11+
IDLE_KERNEL_S = 30 * 60


def setup() -> None:
    """Create .venv and install requirements.txt, unless already done for these files."""
    if not SUPPORTED[0] <= sys.version_info[:2] <= SUPPORTED[1]:
        sys.exit(f"Python {sys.version.split()[0]}: the course needs Python 3.11 to 3.13 "
                 f"(TensorFlow 2.21 and Keras 3.15). Run this with one of those (e.g. python3.11 course.py ...).\n"
                 f"O curso precisa de Python 3.11 a 3.13. Rode com uma dessas versões.")
    if not PYTHON.exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    stamp = VENV / "course-requirements.sha256"
    wanted = hashlib.sha256(b"".join((ROOT / f).read_bytes()
                                     for f in ("requirements.txt", "pyproject.toml"))).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("Installing requirements.txt into .venv (the first time takes a few minutes) ...", flush=True)
    pip = [str(PYTHON), "-m", "pip"]
    subprocess.run([*pip, "install", "-q", "--upgrade", "pip"], cwd=ROOT, check=True)
    # Linux x86-64 gets the CPU build, tensorflow-cpu (see requirements.txt). Both builds install the
    # same `tensorflow` folder, so one made before that change is removed first, not overwritten.
    if sys.platform == "linux" and platform.machine() == "x86_64":
        shown = subprocess.run([*pip, "show", "tensorflow"], capture_output=True, text=True).stdout
        if shown.startswith("Name: tensorflow\n"):
            subprocess.run([*pip, "uninstall", "-q", "-y", "tensorflow", "tensorflow-cpu"], cwd=ROOT, check=True)
    subprocess.run([*pip, "install", "-q", "-r", "requirements.txt"], cwd=ROOT, check=True)
    stamp.write_text(wanted)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lessons() -> list[Path]:
    from tools.lessons import notebook_paths  # the course's one list of lessons (standard library only)

    return notebook_paths()


def _copies() -> dict[str, str]:
    """lesson name -> digest of the lesson the learner's copy was made from."""
    record_file = MINE / COPIES
    return json.loads(record_file.read_text()) if record_file.exists() else {}


def _copy(lesson: Path, record: dict[str, str]) -> None:
    shutil.copyfile(lesson, MINE / lesson.name)
    record[lesson.name] = _digest(lesson)
    (MINE / COPIES).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")


def learner_copies() -> list[str]:
    """Copy every lesson the learner has no copy of into MINE; name the copies whose lesson changed since."""
    MINE.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(LESSONS / "GLOSSARY.md", MINE / "GLOSSARY.md")
    record = _copies()
    changed = []
    for lesson in lessons():
        if not (MINE / lesson.name).exists():
            _copy(lesson, record)
        elif record.get(lesson.name) != _digest(lesson):
            changed.append(lesson.name)
    return changed


# Run in .venv: record each course-made copy in Jupyter's trust database, as `jupyter trust` does.
TRUST = """
import sys
import nbformat
from nbformat.sign import NotebookNotary
notary = NotebookNotary()
for path in sys.argv[1:]:
    notary.sign(nbformat.read(path, as_version=4))
"""


def trust_copies() -> None:
    """Trust the learner's copies that are still exactly the course's lessons.

    A Jupyter that never ran on this machine has no trust database, and then logs
    "Notebook ... is not trusted" for every lesson opened. These copies are the
    course's own notebooks, so they are signed; a copy the learner changed was
    signed by JupyterLab itself when it was saved.
    """
    record = _copies()
    same = [str(MINE / name) for name, digest in sorted(record.items())
            if (MINE / name).exists() and _digest(MINE / name) == digest]
    if same:
        subprocess.run([str(PYTHON), "-c", TRUST, *same], check=True)


def fresh(numbers: list[str]) -> int:
    """Replace the learner's copy of each lesson with a clean one; the old copy is kept, renamed."""
    if not numbers:
        print(texts.message("course_which_lesson"))
        return 2
    MINE.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        found = [p for p in lessons() if p.name.startswith(f"{int(number):02d}_")] if number.isdigit() else []
        if not found:
            print(texts.message("course_no_lesson", number=number, known=", ".join(p.name[:2] for p in lessons())))
            return 2
        lesson, mine = found[0], MINE / found[0].name
        if mine.exists():
            kept = mine.with_name(f"{mine.stem}.mine-{time.strftime('%Y%m%d-%H%M%S')}.ipynb")
            mine.rename(kept)
            print(texts.message("course_copy_kept", path=kept.relative_to(MINE.parent)))
        _copy(lesson, _copies())
        print(texts.message("course_fresh_copy", path=mine.relative_to(MINE.parent)))
    return 0


def wants_portuguese(flags: list[str]) -> bool:
    if "--en" in flags:
        return False
    if "--pt" in flags:
        return True
    language = next((os.environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(v)), "")
    if not language:
        try:
            language = locale.getlocale()[0] or ""
        except ValueError:
            language = ""
    return language.lower().startswith("pt")


def lab_settings(portuguese: bool) -> Path:
    """A Jupyter config folder with the course's JupyterLab defaults (they never touch your own settings)."""
    folder = VENV / "course-lab-config"
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    overrides = {
        "@jupyterlab/translation-extension:plugin": {"locale": "pt_BR" if portuguese else "en"},
        "@jupyterlab/notebook-extension:tracker": {"kernelShutdown": True},  # closing a tab ends its kernel
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    }
    (folder / "labconfig" / "default_setting_overrides.json").write_text(json.dumps(overrides, indent=1) + "\n")
    return folder


def free_port(preferred: int = 8888) -> int:
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


def lab(argv: list[str]) -> int:
    flags = [a for a in argv if a in ("--pt", "--en")]
    extra = [a for a in argv if a not in flags]
    for name in learner_copies():
        print(texts.message("course_lesson_changed", name=name, number=name[:2]))
    trust_copies()
    port, token = free_port(), secrets.token_hex(24)
    url = f"http://localhost:{port}/lab/tree/{START}?token={token}"
    command = [str(PYTHON), "-m", "jupyterlab", f"--ServerApp.root_dir={MINE}",
               f"--ServerApp.default_url=/lab/tree/{START}", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", "--ServerApp.log_level=WARN",
               f"--MappingKernelManager.cull_idle_timeout={IDLE_KERNEL_S}",
               "--MappingKernelManager.cull_interval=300", "--MappingKernelManager.cull_connected=False",
               "--MappingKernelManager.cull_busy=False",
               # Encrypted kernel sockets (CurveZMQ, where the kernel supports them): without them ipykernel 7.4
               # prints "Kernel is running over TCP without encryption" in this terminal for every lesson opened.
               "--MappingKernelManager.transport_encryption=auto", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and classroom VMs often run as root
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(lab_settings(wants_portuguese(flags)))}
    print(f"\n{texts.message('course_open')}\n\n    {url}\n\n{texts.message('course_running', folder=MINE)}\n",
          flush=True)
    if os.name == "posix":  # JupyterLab takes this process's place: Ctrl+C or a kill stops it and its kernels
        os.chdir(MINE)
        os.execve(command[0], command, env)
    return subprocess.call(command, cwd=MINE, env=env)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("lab", "test", "fresh"):
        print(__doc__)
        return 2
    if argv[0] == "fresh":
        return fresh(argv[1:])
    setup()
    if argv[0] == "lab":
        return lab(argv[1:])
    args = argv[1:]
    if "--quick" in args:  # unit tests, notebook rules, format and lint: what is not marked slow
        args = ["-m", "not slow", *[a for a in args if a != "--quick"]]
    return subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
