#!/usr/bin/env python3
"""The course's two commands. Standard library only, any operating system.

    python3 course.py lab    # set up .venv and open JupyterLab on the lessons
    python3 course.py test   # set up .venv and run every test (nbval included)

Set-up: creates the virtual environment .venv/ beside this file and installs
requirements.txt into it; it reinstalls only when requirements.txt or
pyproject.toml changed. Extra arguments go to JupyterLab or pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
SUPPORTED = ((3, 10), (3, 13))  # the Python versions TensorFlow 2.21 ships wheels for


def setup() -> None:
    """Create .venv and install requirements.txt, unless already done for these files."""
    if not SUPPORTED[0] <= sys.version_info[:2] <= SUPPORTED[1]:
        sys.exit(f"Python {sys.version.split()[0]}: TensorFlow needs Python 3.10 to 3.13. "
                 f"Run this with one of those (e.g. python3.11 course.py ...).\n"
                 f"O TensorFlow precisa de Python 3.10 a 3.13. Rode com uma dessas versões.")
    if not PYTHON.exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    stamp = VENV / "course-requirements.sha256"
    wanted = hashlib.sha256(b"".join((ROOT / f).read_bytes()
                                     for f in ("requirements.txt", "pyproject.toml"))).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("Installing requirements.txt into .venv (the first time takes a few minutes) ...", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", "--upgrade", "pip"], cwd=ROOT, check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", "-r", "requirements.txt"], cwd=ROOT, check=True)
    stamp.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("lab", "test"):
        print(__doc__)
        return 2
    setup()
    if argv[0] == "lab":
        command = [str(PYTHON), "-m", "jupyterlab", "notebooks/00_start_here.ipynb", *argv[1:]]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")  # containers and classroom VMs often run as root
    else:
        command = [str(PYTHON), "-m", "pytest", *argv[1:]]
    return subprocess.call(command, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
