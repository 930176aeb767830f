"""What `course.py` and `tools/wheelhouse.py` share: the Pythons, the backends' requirement files, the platforms.

Standard library only (course.py, the learner's launcher, imports it before any package is installed).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUPPORTED = ((3, 11), (3, 13))  # TensorFlow 2.21 ships wheels for 3.10-3.13, Keras 3.15 needs 3.11+
DEFAULT_BACKEND = "tensorflow"  # the course's reference: stored outputs and strict nbval are TensorFlow's
BACKENDS = {  # the backend Keras runs on -> the learner's requirements for it (each includes COMMON)
    "tensorflow": "requirements.txt",
    "jax": "requirements-jax.txt",
}
COMMON = "requirements-common.txt"  # every learner's libraries whatever the backend: Keras, JupyterLab, ...
AUTHORS = "requirements-dev.txt"  # the authors' tools, installed beside a learner's set by `course.py test`

# The platforms `course.py wheelhouse` gathers for, and how to name this machine's.
_LINUX_TAGS = [f"manylinux_2_{minor}_x86_64" for minor in range(28, 16, -1)] + [
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
]
PLATFORMS = {  # name -> (pip's --platform tags, the environment markers that platform's Python reports)
    "linux_x86_64": (
        _LINUX_TAGS,
        {"sys_platform": "linux", "platform_machine": "x86_64", "platform_system": "Linux", "os_name": "posix"},
    ),
    "win_amd64": (
        ["win_amd64"],
        {"sys_platform": "win32", "platform_machine": "AMD64", "platform_system": "Windows", "os_name": "nt"},
    ),
    "macos_arm64": (
        ["macosx_12_0_arm64"],
        {"sys_platform": "darwin", "platform_machine": "arm64", "platform_system": "Darwin", "os_name": "posix"},
    ),
}


def python_version() -> str:
    return "{}.{}".format(*sys.version_info[:2])


def requirement_files(name: str) -> list[Path]:
    """The requirements file `name` (in the repository's root) and every file it includes with `-r`, in order."""
    files = [ROOT / name]
    for line in files[0].read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            files += [f for f in requirement_files(line[3:].strip()) if f not in files]
    return files


def requirement_lines(name: str) -> list[str]:
    """The requirement lines of `name` with its `-r` includes expanded in place (comments and blanks dropped)."""
    lines = []
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            lines += requirement_lines(line[3:].strip())
        elif line:
            lines.append(line)
    return lines
