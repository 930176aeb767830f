"""The classroom wheelhouse: every wheel a learner's `python3 course.py lab` installs, gathered once.

    python3 course.py wheelhouse DIR [--platform NAME ...] [--python X.Y ...] [--backend jax]

A teacher runs it where the internet is good; learners then set COURSE_WHEELS to
the folder (a USB stick) or to its address (`python3 -m http.server` in DIR) and
`course.py` installs from it alone. With no --platform the wheels are for this
machine and its Python; each --platform (linux_x86_64, win_amd64, macos_arm64) gathers that
platform's wheels for each --python (this machine's Python when none is given).
The wheels are for the backend .venv was made for (--backend: requirements.txt for
TensorFlow, requirements-jax.txt for JAX). Beside them it gathers pip (the launcher upgrades it first) and the
build backend that installs the course's own helpers from the checkout
(editable, so that `git pull` updates them). WHEELHOUSE.md says what is there.

Runs in .venv: reading requirements.txt's platform markers for another
platform needs `packaging`.
"""

from __future__ import annotations

import argparse
import email.parser
import json
import re
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

from helpers import texts
from tools.platforms import BACKENDS, DEFAULT_BACKEND, PLATFORMS, SUPPORTED, python_version, requirement_lines

ROOT = Path(__file__).resolve().parent.parent
INDEX = "WHEELHOUSE.md"
RECORD = "wheelhouse.json"  # which wheels each platform and Python needs, for INDEX
THIS_PYTHON = python_version()
PYTHONS = [f"3.{minor}" for minor in range(SUPPORTED[0][1], SUPPORTED[1][1] + 1)]


def environment_of(platform: str, python: str | None = None) -> dict[str, str]:
    """The environment markers that `platform`'s CPython `python` reports."""
    version = python or THIS_PYTHON
    return {
        "python_version": version,
        "python_full_version": f"{version}.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        **PLATFORMS[platform][1],
    }


def lines_for(platform: str | None, python: str | None = None, backend: str = DEFAULT_BACKEND) -> list[str]:
    """The backend's requirement lines less `-e .`, with those `platform` selects (None: this machine)."""
    selected = []
    for line in requirement_lines(BACKENDS[backend]):
        if line == "-e .":
            continue
        requirement, _, marker = line.partition(";")
        if platform is None:
            selected.append(line)
        elif not marker or Marker(marker.strip()).evaluate(environment_of(platform, python)):
            selected.append(requirement.strip())
    return selected


def unmet(folder: Path, names: list[str], top: list[str], environment: dict[str, str]) -> list[Requirement]:
    """What these wheels (and the `top` requirements) need on `environment` that no wheel among them provides.

    pip download --platform reads dependencies' markers for the machine it runs on, not the target: on
    Linux it leaves out what Windows needs (colorama for IPython, pywinpty for Jupyter's terminals) and
    macOS needs (appnope). This reads each wheel's own requirements for the target instead.
    """
    versions: dict[str, list] = {}
    needs: dict[str, list[Requirement]] = {"": [Requirement(line) for line in top]}  # package -> its requirements
    for name in names:
        project, version = parse_wheel_filename(name)[:2]
        versions.setdefault(project, []).append(version)
        with zipfile.ZipFile(folder / name) as wheel:
            metadata = next(n for n in wheel.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
            text = wheel.read(metadata).decode()
        needs[project] = [
            Requirement(line) for line in email.parser.Parser().parsestr(text).get_all("Requires-Dist") or []
        ]
    asked: dict[str, set[str]] = {"": {""}}  # package -> the extras that a selected requirement asks of it
    selected: list[Requirement] = []
    while True:  # until what is selected asks no new extra (an extra can ask for another, e.g. "all")
        selected = [
            r
            for package, requirements in needs.items()
            for r in requirements
            if not r.marker
            or any(r.marker.evaluate({**environment, "extra": extra}) for extra in asked.get(package, ()))
        ]
        more = {canonicalize_name(r.name): {"", *r.extras} for r in selected}
        if all(extras <= asked.get(name, set()) for name, extras in more.items()):
            break
        for name, extras in more.items():
            asked.setdefault(name, set()).update(extras)
    return [
        r
        for r in selected
        if not any(r.specifier.contains(v, prereleases=True) for v in versions.get(canonicalize_name(r.name), []))
    ]


def extras() -> list[str]:
    """What installs beside requirements.txt: pip itself, and the build backend of pyproject.toml."""
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    return ["pip", *build]


def download(folder: Path, target: list[str], requirements: list[str], what: str) -> list[str]:
    """pip download into `folder` (wheels already there are kept); the names of the wheels it gave."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--dest", str(folder), *target, *requirements],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"{done.stderr.strip()}\n\npip could not gather the wheels for {what}: see above.")
    return sorted({Path(n).name for n in re.findall(r"(?:Saved|File was already downloaded) (\S+\.whl)", done.stdout)})


def gather(folder: Path, platform: str | None, python: str | None, backend: str = DEFAULT_BACKEND) -> list[str]:
    """Download one platform's wheels for `backend` into `folder`; return their names."""
    if platform is None:
        return download(folder, [], [*lines_for(None, backend=backend), *extras()], "this machine")
    target = [option for tag in PLATFORMS[platform][0] for option in ("--platform", tag)]
    target += ["--python-version", python or THIS_PYTHON, "--implementation", "cp"]
    top = [*lines_for(platform, python, backend), *extras()]
    what = f"{platform}, Python {python or THIS_PYTHON}"
    names = download(folder, target, top, what)
    while missing := unmet(folder, names, top, environment_of(platform, python)):
        wanted: dict[str, Requirement] = {}
        for requirement in missing:  # one line per package, every requirer's versions at once
            key = canonicalize_name(requirement.name)
            if key in wanted:
                wanted[key].specifier &= requirement.specifier
            else:
                wanted[key] = Requirement(f"{requirement.name}{requirement.specifier}")
        names = sorted({*names, *download(folder, [*target, "--no-deps"], [str(r) for r in wanted.values()], what)})
    return names


def megabytes(folder: Path, names: list[str]) -> int:
    return round(sum((folder / name).stat().st_size for name in names) / 1e6)


def write_index(folder: Path, sets: dict[str, list[str]]) -> None:
    rows = "\n".join(
        f"| {name} | {len(names)} | {megabytes(folder, names)} MB |" for name, names in sorted(sets.items())
    )
    every = sorted({name for names in sets.values() for name in names})
    listing = "\n".join(f"- {name}" for name in every)
    (folder / INDEX).write_text(
        "# Wheelhouse of the Keras course\n\n"
        "Made by `python3 course.py wheelhouse` from the course's requirements: every wheel that\n"
        "`python3 course.py lab` installs, for these machines (a set named JAX: `--backend jax`).\n\n"
        "| platform, Python | wheels | size |\n| --- | --- | --- |\n"
        f"{rows}\n\n"
        f"In all: {len(every)} files, {megabytes(folder, every)} MB.\n\n"
        "Serve it: `python3 -m http.server 8000` in this folder. On each learner's machine:\n"
        "`COURSE_WHEELS=http://<this computer's address>:8000/ python3 course.py lab`\n"
        "(or COURSE_WHEELS=<this folder>, copied to a USB stick); add `--backend jax` for the JAX sets.\n\n"
        f"## Files\n\n{listing}\n"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 course.py wheelhouse",
        description=__doc__.split("\n\n")[2],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("folder", type=Path, help="where the wheels go (those already there are kept)")
    parser.add_argument(
        "--platform",
        action="append",
        choices=sorted(PLATFORMS),
        default=[],
        help="a platform of the learners' machines; repeat for several (default: this machine)",
    )
    parser.add_argument(
        "--python",
        action="append",
        choices=PYTHONS,
        default=[],
        help="the Python of the learners' machines; repeat for several (default: this one's)",
    )
    parser.add_argument(
        "--backend",
        choices=sorted(BACKENDS),
        default=DEFAULT_BACKEND,
        help="the wheels of Keras on this backend (default: tensorflow; course.py passes the one of .venv)",
    )
    args = parser.parse_args(argv)
    if args.python and not args.platform:
        parser.error("--python goes with --platform (with neither, the wheels are for this machine)")
    folder = args.folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / RECORD
    sets: dict[str, list[str]] = json.loads(record.read_text()) if record.exists() else {}
    wanted = [(p, v) for p in args.platform for v in (args.python or [None])] or [(None, None)]
    for platform, python in wanted:
        name = (
            f"this machine ({sysconfig.get_platform()}), Python {THIS_PYTHON}"
            if platform is None
            else f"{platform}, Python {python or THIS_PYTHON}"
        ) + (" (JAX)" if args.backend == "jax" else "")
        print(f"Gathering the wheels for {name} ...", flush=True)
        sets[name] = gather(folder, platform, python, args.backend)
        print(f"  {len(sets[name])} wheels, {megabytes(folder, sets[name])} MB")
    record.write_text(json.dumps(sets, indent=1, sort_keys=True) + "\n")
    write_index(folder, sets)
    every = sorted({name for names in sets.values() for name in names})
    print(
        "\n"
        + texts.message(
            "wheels_gathered", folder=folder, files=len(every), mb=megabytes(folder, every), index=folder / INDEX
        )
    )
    if args.backend != DEFAULT_BACKEND:
        print(
            f"These are the {args.backend} wheels: learners add `--backend {args.backend}` to "
            "`python3 course.py lab`.\n"
            f"Estas são as wheels do {args.backend}: a turma acrescenta `--backend {args.backend}` ao "
            "`python3 course.py lab`."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
