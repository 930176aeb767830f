#!/usr/bin/env python3
"""The course's commands. Standard library only, any operating system.

    python3 course.py lab [--pt | --en] [--backend B] [JUPYTERLAB ARGS]  # set up .venv, open JupyterLab at Start here
    python3 course.py fresh NN [NN ...]                     # a clean copy of lesson NN in my-lessons/
    python3 course.py editions                              # English-only and Portuguese-only lesson copies
    python3 course.py test [--backend B] [PYTEST ARGS]      # set up .venv and run every test (nbval included)
    python3 course.py test --quick [PYTEST ARGS]            # only the fast tests: no nbval, browser or Colab
    python3 course.py wheelhouse DIR [--platform P] [--python X.Y] [--backend B]  # gather a class's wheels
    python3 course.py COMMAND --help                        # what a command takes

Set-up: creates the virtual environment .venv/ beside this file and installs
requirements.txt into it (`test` adds the authors' tools, requirements-dev.txt);
it reinstalls only when those files or pyproject.toml changed. With
COURSE_WHEELS set to a wheelhouse (a folder, or the address where a teacher
serves one), it installs from there alone, never from the internet.

Backend: Keras runs on TensorFlow (the default, the course's reference) or, with
`--backend jax`, on JAX: .venv then holds requirements-jax.txt (no TensorFlow,
about half the size) and the lab's kernels get KERAS_BACKEND=jax. The choice is
kept in .venv/course-backend.txt, so later commands without --backend use it;
asking for the other backend rebuilds .venv (your lessons are not touched).

`lab` works in my-lessons/, a git-ignored folder holding your own copies of
the lessons (made once; your changes and outputs stay there), so the
committed notebooks/ never change and `git pull` always works. The copies
that are still exactly the course's lessons are marked trusted in Jupyter's
trust database (as `jupyter trust` does), so a Jupyter that never ran on the
machine does not warn about them. It prints one address that opens Start
here. JupyterLab's menus are in Brazilian Portuguese with --pt or when the
system language is Portuguese, in English otherwise (--en forces English). A
notebook's kernel shuts down when you close its tab; kernels left idle with no
tab open are stopped after 30 minutes, busy ones never. The address's token
(the lab's password) reaches JupyterLab through its environment, never its
command line, which every account on the machine can read; the files where
Jupyter keeps it are in a folder only your account can open. `lab` never
overwrites your files: my-lessons/GLOSSARY.md follows the course's while you
have not changed it, and `fresh` keeps your old copy under a name of its own.

`editions` writes English-only and Portuguese-only copies of the lessons, with
the glossary, to my-lessons/editions/en and my-lessons/editions/pt, where the
lab's file browser shows them. Run it again after `git pull` for the new
versions: a copy you changed there is first kept under another name.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import locale
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import venv
from pathlib import Path

from helpers import texts  # standard library only, like this launcher
from tools.platforms import (  # standard library only: what tools/wheelhouse.py shares with this launcher
    AUTHORS,
    BACKENDS,
    DEFAULT_BACKEND,
    PLATFORMS,
    SUPPORTED,
    python_version,
    requirement_files,
)

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
LESSONS = ROOT / "notebooks"  # as tools.lessons.NOTEBOOK_DIR
MINE = Path(os.environ.get("COURSE_WORKDIR", ROOT / "my-lessons"))  # the learner's copies (git-ignored)
COPIES = ".course-copies.json"  # which version of each lesson a copy was made from
START = "00_start_here.ipynb"
IDLE_KERNEL_S = 30 * 60
BACKEND_FILE = VENV / "course-backend.txt"  # the backend this .venv was made for (none: TensorFlow)
LISTING_DEADLINE_S = 60  # the whole COURSE_WHEELS listing, however slowly it comes
LISTING_MAX_BYTES = 4 * 2**20  # a wheelhouse's listing is tens of kilobytes


def wheel_source() -> list[str]:
    """pip's options for COURSE_WHEELS (a folder or an address): its wheels alone; [] without it."""
    source = os.environ.get("COURSE_WHEELS", "").strip()
    if not source:
        return []
    if "://" in source:
        has_wheels = ".whl" in read_listing(source)
    else:
        folder = Path(source).expanduser().resolve()
        if not folder.is_dir():
            sys.exit(texts.message("wheels_unreachable", source=source, error="no such folder"))
        source, has_wheels = str(folder), any(folder.glob("*.whl"))
    if not has_wheels:
        sys.exit(texts.message("wheels_empty", source=source))
    print(texts.message("wheels_using", source=source), flush=True)
    return ["--no-index", "--find-links", source]


def read_listing(source: str) -> str:
    """The page at `source`, read whole within LISTING_DEADLINE_S and LISTING_MAX_BYTES; else stop, saying which."""
    got: dict[str, object] = {}

    def read() -> None:
        try:
            with urllib.request.urlopen(source, timeout=15) as response:
                body = bytearray()
                while chunk := response.read1(65536):
                    body += chunk
                    if len(body) > LISTING_MAX_BYTES:
                        got["big"] = True
                        return
            got["text"] = body.decode("utf-8", "replace")
        except (OSError, ValueError, http.client.HTTPException) as error:
            got["error"] = error

    reader = threading.Thread(target=read, daemon=True)  # a daemon: one still waiting never delays the exit
    reader.start()
    reader.join(LISTING_DEADLINE_S)
    if reader.is_alive():
        sys.exit(texts.message("wheels_listing_slow", source=source, seconds=LISTING_DEADLINE_S))
    if "big" in got:
        sys.exit(texts.message("wheels_listing_big", source=source, mb=LISTING_MAX_BYTES // 2**20))
    if "error" in got:
        sys.exit(texts.message("wheels_unreachable", source=source, error=got["error"]))
    return str(got["text"])


def pip_install(options: list[str], *args: str) -> None:
    """pip install into .venv; on failure, say why (a wheel missing from COURSE_WHEELS by name) and stop."""
    done = subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "-q", *options, *args], cwd=ROOT, stderr=subprocess.PIPE, text=True
    )
    if done.returncode == 0:
        return
    print(done.stderr, file=sys.stderr, end="")
    missing = re.findall(r"No matching distribution found for (\S+)", done.stderr)
    if options and missing:
        here = (sys.platform, platform.machine())
        machine = next(
            (name for name, (_, m) in PLATFORMS.items() if (m["sys_platform"], m["platform_machine"]) == here), None
        )
        backend = installed_backend()
        chosen = f" --backend {backend}" if backend and backend != DEFAULT_BACKEND else ""
        command = f"`python3 course.py wheelhouse DIR --platform {machine} --python {python_version()}{chosen}`"
        sys.exit(
            texts.message(
                "wheels_missing",
                source=options[-1],
                missing=", ".join(missing),
                machine=f"{platform.system()} {platform.machine()}, Python {python_version()}",
                command=command if machine else f"`python3 course.py wheelhouse DIR{chosen}`",
            )
        )
    sys.exit(texts.message("setup_failed"))


def installed_backend() -> str | None:
    """The backend .venv was made for: its record, TensorFlow for a .venv made before there was a choice."""
    if BACKEND_FILE.is_file():
        return BACKEND_FILE.read_text().strip()
    return DEFAULT_BACKEND if PYTHON.exists() else None


def setup(authors: bool = False, backend: str | None = None) -> str:
    """Create .venv and install the backend's learner set (with authors, requirements-dev.txt too); its backend.

    `backend` None keeps the one .venv was made for (TensorFlow for a new one); another one rebuilds .venv.
    A stamp per file set records what was installed; it is removed before an install and written only
    after a whole one, so a failed set-up never leaves a .venv that looks ready.
    """
    if not SUPPORTED[0] <= sys.version_info[:2] <= SUPPORTED[1]:
        sys.exit(
            f"Python {sys.version.split()[0]}: the course needs Python 3.11 to 3.13 "
            f"(TensorFlow 2.21 and Keras 3.15). Run this with one of those (e.g. python3.11 course.py ...).\n"
            f"O curso precisa de Python 3.11 a 3.13. Rode com uma dessas versões."
        )
    had = installed_backend()
    backend = backend or had or DEFAULT_BACKEND
    if had not in (None, backend):
        print(
            f".venv holds Keras on {had}; you asked for {backend}: rebuilding .venv for {backend} "
            f"(your lessons in {_shown(MINE)} are not touched; `--backend {had}` switches back).\n"
            f"O .venv tem o Keras com {had}; você pediu {backend}: o .venv será refeito para {backend} "
            f"(suas lições em {_shown(MINE)} não são tocadas; `--backend {had}` volta atrás).",
            flush=True,
        )
        shutil.rmtree(VENV)
    sets = (BACKENDS[backend], AUTHORS) if authors else (BACKENDS[backend],)
    stamps = {name: VENV / f"course-{Path(name).stem}.sha256" for name in sets}
    files = [ROOT / "pyproject.toml"]
    wanted = {}
    for name in sets:  # each stamp covers its file, what it includes, and the sets before it
        files += [f for f in requirement_files(name) if f not in files]
        wanted[name] = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    if all(stamps[n].exists() and stamps[n].read_text() == wanted[n] for n in sets):
        return backend
    options = wheel_source()
    if not PYTHON.exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    BACKEND_FILE.write_text(backend + "\n")
    for stamp in VENV.glob("course-*.sha256"):
        stamp.unlink()
    print(f"Installing {' and '.join(sets)} into .venv (the first time takes a few minutes) ...", flush=True)
    pip_install(options, "--upgrade", "pip")
    # Linux x86-64 gets the CPU build, tensorflow-cpu (see requirements.txt). Both builds install the
    # same `tensorflow` folder, so one made before that change is removed first, not overwritten.
    if backend == "tensorflow" and sys.platform == "linux" and platform.machine() == "x86_64":
        shown = subprocess.run([str(PYTHON), "-m", "pip", "show", "tensorflow"], capture_output=True, text=True).stdout
        if shown.startswith("Name: tensorflow\n"):
            subprocess.run(
                [str(PYTHON), "-m", "pip", "uninstall", "-q", "-y", "tensorflow", "tensorflow-cpu"],
                cwd=ROOT,
                check=True,
            )
    pip_install(options, *(option for name in sets for option in ("-r", name)))
    for name in sets:
        stamps[name].write_text(wanted[name])
    return backend


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lessons() -> list[Path]:
    from tools.lessons import notebook_paths  # the course's one list of lessons (standard library only)

    return notebook_paths()


def _replace(target: Path, data: bytes) -> None:
    """Write `target` whole or not at all (a part file, then one rename)."""
    part = target.with_name(f".{target.name}.part")
    part.write_bytes(data)
    os.replace(part, target)


def _keep(path: Path, tag: str = "mine") -> Path:
    """A copy of `path` under a name no other file has (NAME.mine-YYYYMMDD-HHMMSS[-N].ipynb); never replaces one."""
    data, stamp = path.read_bytes(), time.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 10_000):
        kept = path.with_name(f"{path.stem}.{tag}-{stamp}{f'-{n}' if n > 1 else ''}{path.suffix}")
        try:
            with open(kept, "xb") as file:  # "x": fails if the name is taken, even by a file made this instant
                file.write(data)
        except FileExistsError:
            continue
        return kept
    raise FileExistsError(f"no free name for a copy of {path}")


def _save(record: dict[str, str]) -> None:
    _replace(MINE / COPIES, (json.dumps(record, indent=1, sort_keys=True) + "\n").encode())


def _copies() -> dict[str, str]:
    """lesson name -> digest of the lesson the learner's copy was made from (and the same for GLOSSARY.md).

    A record that cannot be read is kept under another name, said so, and rebuilt from the copies that are
    still exactly their lesson; no lesson copy is touched.
    """
    record_file = MINE / COPIES
    if not record_file.exists():
        return {}
    try:
        record = json.loads(record_file.read_text(encoding="utf-8"))
        if isinstance(record, dict) and all(isinstance(v, str) for v in record.values()):
            return record
        error: object = "not a table of file names and digests"
    except ValueError as problem:  # not JSON, or not UTF-8
        error = problem
    kept = _keep(record_file, "broken")
    rebuilt = {
        p.name: _digest(p) for p in lessons() if (MINE / p.name).is_file() and _digest(MINE / p.name) == _digest(p)
    }
    _save(rebuilt)
    print(texts.message("course_copies_broken", path=_shown(record_file), error=error, kept=_shown(kept)))
    return rebuilt


def _shown(path: Path) -> Path:
    """`path` as the learner knows it: from the course's folder when it is in there."""
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def _copy(lesson: Path, record: dict[str, str]) -> None:
    _replace(MINE / lesson.name, lesson.read_bytes())
    record[lesson.name] = _digest(lesson)
    _save(record)


def _glossary(record: dict[str, str]) -> None:
    """Copy the course's glossary when the learner has none or theirs is the one last copied; else keep theirs."""
    course_copy, mine = LESSONS / "GLOSSARY.md", MINE / "GLOSSARY.md"
    new = _digest(course_copy)
    if mine.exists() and _digest(mine) not in (new, record.get(mine.name)):
        if record.get(mine.name) != new:
            print(texts.message("course_glossary_kept", path=_shown(mine)))
        return
    if not mine.exists() or _digest(mine) != new:
        _replace(mine, course_copy.read_bytes())
    if record.get(mine.name) != new:
        record[mine.name] = new
        _save(record)


def learner_copies() -> list[str]:
    """Copy every lesson the learner has no copy of into MINE; name the copies whose lesson changed since."""
    MINE.mkdir(parents=True, exist_ok=True)
    record = _copies()
    _glossary(record)
    changed = []
    for lesson in lessons():
        if not (MINE / lesson.name).exists():
            _copy(lesson, record)
        elif lesson.name in record and record[lesson.name] != _digest(lesson):
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
    same = [
        str(MINE / name)
        for name, digest in sorted(record.items())
        if name.endswith(".ipynb") and (MINE / name).exists() and _digest(MINE / name) == digest
    ]
    if same:
        subprocess.run([str(PYTHON), "-c", TRUST, *same], check=True)


def fresh(numbers: list[str]) -> int:
    """Replace the learner's copy of each lesson with a clean one; the old copy is kept under a name of its own."""
    if not numbers:
        print(texts.message("course_which_lesson"))
        return 2
    chosen: list[Path] = []
    for number in numbers:  # every number is checked before anything is changed
        ascii_digits = number.isascii() and number.isdigit()  # "²".isdigit() is true, int("²") fails
        found = [p for p in lessons() if ascii_digits and p.name.startswith(f"{int(number):02d}_")]
        if not found:
            print(texts.message("course_no_lesson", number=number, known=", ".join(p.name[:2] for p in lessons())))
            return 2
        chosen += [found[0]] if found[0] not in chosen else []
    MINE.mkdir(parents=True, exist_ok=True)
    record = _copies()
    for lesson in chosen:
        mine = MINE / lesson.name
        if mine.exists() and mine.read_bytes() != lesson.read_bytes():
            print(texts.message("course_copy_kept", path=_keep(mine).relative_to(MINE.parent)))
        _copy(lesson, record)
        print(texts.message("course_fresh_copy", path=mine.relative_to(MINE.parent)))
    return 0


def editions(args: list[str]) -> int:
    """English-only and Portuguese-only copies of the lessons in MINE/editions/en and /pt (tools/editions.py)."""
    folder = MINE / "editions"
    env = {**os.environ, "EDITIONS_DIR": str(folder)}
    done = subprocess.call([str(PYTHON), "-m", "tools.editions", *args], cwd=ROOT, env=env)
    if done == 0:
        made = [
            str(folder / lang / p.name) for lang in ("en", "pt") for p in lessons() if (folder / lang / p.name).exists()
        ]
        if made:  # the course's own text: trusted, as lab does for the lesson copies
            subprocess.run([str(PYTHON), "-c", TRUST, *made], check=True)
        print(texts.message("course_editions_written", folder=_shown(folder)))
    return done


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
        # A saved lesson keeps its widgets' state, so lesson 04 reopened after a restart shows its colour
        # picker, not "Error displaying widget: model not found" (until its cell runs again). Saved again
        # before that cell runs, the state is dropped and the error is back (jupyter-widgets/ipywidgets#3270).
        "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": True},
        # The pt-BR pack (every release up to 4.5.post3) lacks the menu bar's titles and the "%1 and %2"
        # that builds "Restart Kernel and Run All Cells…": the course names them, and uses the notebook's
        # own command for that item (the pack translates it).
        "@jupyterlab/mainmenu-extension:plugin": {
            "menus": [
                {
                    "id": f"jp-mainmenu-{menu}",
                    "label": label,
                    "items": [
                        {"command": "runmenu:restart-and-run-all", "disabled": True},
                        {"command": "notebook:restart-run-all", "rank": {"run": 1000, "kernel": 1.1}[menu]},
                    ]
                    if menu in ("run", "kernel")
                    else [],
                }
                for menu, label in zip(
                    ("file", "edit", "view", "run", "kernel", "tabs", "settings", "help"),
                    ("Arquivo", "Editar", "Exibir", "Executar", "Kernel", "Abas", "Configurações", "Ajuda"),
                )
            ]
        }
        if portuguese
        else {},
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


def lab(argv: list[str], backend: str = DEFAULT_BACKEND) -> int:
    """Open JupyterLab at Start here; its kernels run Keras on `backend` (KERAS_BACKEND in their environment)."""
    flags = [a for a in argv if a in ("--pt", "--en")]
    extra = [a for a in argv if a not in flags]
    for name in learner_copies():
        print(texts.message("course_lesson_changed", name=name, number=name[:2]))
    trust_copies()
    # The token reaches JupyterLab through its environment (JUPYTER_TOKEN), never its command line, which
    # every account on the machine can read (`ps`). The files where jupyter_server writes it (jpserver-*.json,
    # jpserver-*-open.html) and the kernels' connection files go to a folder only this account can open.
    port, token = free_port(), secrets.token_hex(24)
    runtime = VENV / "course-lab-runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    runtime.chmod(0o700)
    url = f"http://localhost:{port}/lab/tree/{START}?token={token}"
    command = [
        str(PYTHON),
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={MINE}",
        f"--ServerApp.default_url=/lab/tree/{START}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.log_level=WARN",
        f"--MappingKernelManager.cull_idle_timeout={IDLE_KERNEL_S}",
        "--MappingKernelManager.cull_interval=300",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=False",
        # Encrypted kernel sockets (CurveZMQ, where the kernel supports them): without them ipykernel 7.4
        # prints "Kernel is running over TCP without encryption" in this terminal for every lesson opened.
        "--MappingKernelManager.transport_encryption=auto",
        *extra,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and classroom VMs often run as root
    env = {
        **os.environ,
        "JUPYTER_CONFIG_PATH": str(lab_settings(wants_portuguese(flags))),
        "JUPYTER_TOKEN": token,
        "JUPYTER_RUNTIME_DIR": str(runtime),
        "KERAS_BACKEND": backend,  # every kernel the lab starts inherits it
    }
    env.pop("JUPYTER_TOKEN_FILE", None)
    print(
        f"\n{texts.message('course_open')}\n\n    {url}\n\n{texts.message('course_running', folder=MINE)}\n", flush=True
    )
    if os.name == "posix":  # JupyterLab takes this process's place: Ctrl+C or a kill stops it and its kernels
        os.chdir(MINE)
        os.execve(command[0], command, env)
    return subprocess.call(command, cwd=MINE, env=env)


BACKEND_HELP = (
    "the library Keras runs on: tensorflow (the default, the course's reference) or jax (a lighter .venv); "
    "remembered in .venv, so later commands without it keep the same one; the other one rebuilds .venv"
)


def parser() -> argparse.ArgumentParser:
    """The command line: one sub-command each, with --help; what a command does not know goes on to its tool."""
    top = argparse.ArgumentParser(
        prog="python3 course.py",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str, usage: str | None = None) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=summary, description=summary, usage=usage, allow_abbrev=False)

    lab_command = command(
        "lab",
        "Set up .venv, copy the lessons into my-lessons/ and open JupyterLab at Start here; "
        "any other argument goes on to JupyterLab (e.g. --no-browser).",
        "python3 course.py lab [--pt | --en] [--backend {tensorflow,jax}] [JUPYTERLAB ARGS]",
    )
    lab_command.add_argument("--pt", action="store_true", help="JupyterLab's menus in Brazilian Portuguese")
    lab_command.add_argument("--en", action="store_true", help="JupyterLab's menus in English (wins over --pt)")
    fresh_command = command("fresh", "Replace your copy of each lesson NN with a clean one (the old one is kept).")
    fresh_command.add_argument("numbers", nargs="*", metavar="NN", help="a lesson's number, e.g. 03")
    command(
        "editions",
        "English-only and Portuguese-only copies of the lessons in my-lessons/editions/ "
        "(other arguments go on to tools/editions.py).",
    )
    test_command = command(
        "test",
        "Set up .venv with the authors' tools and run every test; any other argument goes on to pytest.",
        "python3 course.py test [--quick] [--backend {tensorflow,jax}] [PYTEST ARGS]",
    )
    test_command.add_argument("--quick", action="store_true", help="only the fast tests: no nbval, browser or Colab")
    command(
        "wheelhouse",
        "Gather every wheel a learner's set-up installs, for a class with poor internet (tools/wheelhouse.py: "
        "DIR, --platform, --python; the wheels follow --backend).",
        "python3 course.py wheelhouse DIR [--platform P] [--python X.Y] [--backend {tensorflow,jax}]",
    )
    for name in ("lab", "test", "editions", "wheelhouse"):
        commands.choices[name].add_argument("--backend", choices=sorted(BACKENDS), help=BACKEND_HELP)
    return top


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("lab", "test", "fresh", "wheelhouse", "editions", "-h", "--help"):
        print(__doc__)
        return 2
    args, extra = parser().parse_known_args(argv)
    try:
        if args.command == "fresh":
            if extra:
                return fresh(extra + args.numbers)  # as before: every word is a lesson number, checked
            return fresh(args.numbers)
        backend = setup(authors=args.command == "test", backend=args.backend)
        if args.command == "lab":
            return lab(["--pt"] * args.pt + ["--en"] * args.en + extra, backend)
        if args.command == "editions":
            return editions(extra)
    except OSError as error:  # a file or folder of the learner's that cannot be read or written: say which
        print(texts.message("course_file_error", error=error), file=sys.stderr)
        return 1
    if args.command == "wheelhouse":
        return subprocess.call([str(PYTHON), "-m", "tools.wheelhouse", "--backend", backend, *extra], cwd=ROOT)
    if args.quick:  # unit tests, notebook rules, format and lint: what is not marked slow
        extra = ["-m", "not slow", *extra]
    env = {**os.environ, "KERAS_BACKEND": backend}
    return subprocess.call([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
