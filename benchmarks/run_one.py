"""One lesson in a fresh kernel, for benchmarks/run.py: prints its time, the kernel's peak memory, its text.

    python benchmarks/run_one.py NOTEBOOK FOLDER [ENV_JSON]

Runs in a child process of run.py, so that RUSAGE_CHILDREN is the kernel's alone.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tools/ is not installed: found from here

import nbformat  # noqa: E402

from tools.lessons import execute, printed  # noqa: E402


def main(argv: list[str]) -> None:
    nb = nbformat.read(argv[0], as_version=4)
    start = time.perf_counter()
    execute(nb, Path(argv[1]), env=json.loads(argv[2]) if len(argv) > 2 else None)
    seconds = time.perf_counter() - start
    text = printed(nb)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024, "stdout": text}))


if __name__ == "__main__":
    main(sys.argv[1:])
