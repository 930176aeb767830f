"""Course timing and accuracy report (not a test).

    python benchmarks/run.py [NOTEBOOK ...]

Executes every lesson notebook from scratch, the way a learner's "Run All"
does: a fresh kernel each, outputs not written back. Writes
benchmarks/RESULTS.md with, per notebook, wall time, the kernel's peak memory
and every checkpoint the lesson reached, next to the classic texts' figures,
plus the whole course's time, the machine, and whether the budget holds
(every lesson under 90 s, the whole course under 5 minutes).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tools/ is not installed: it is found from here

from helpers import checks  # noqa: E402
from tools import notebooks  # noqa: E402

LESSON_BUDGET_S, COURSE_BUDGET_S = 90, 300
CLASSIC = {  # checkpoint name -> what the classic text reported for it
    "test accuracy": "0.884 (the bilingual copy of TensorFlow's classification tutorial)",
    "early stopping, test accuracy": "0.872 (the Portuguese IMDB blog post, 40 epochs, no mask)",
    "cross-entropy validation accuracy": "none: the colour video reports no accuracy",
}

# Runs in a child process, so that its RUSAGE_CHILDREN is the kernel's alone.
RUN_ONE = """
import json, resource, sys, time
import nbformat
sys.path.insert(0, sys.argv[3])
from tools.notebooks import execute
nb = nbformat.read(sys.argv[1], as_version=4)
start = time.perf_counter()
execute(nb, sys.argv[2])
seconds = time.perf_counter() - start
text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024, "stdout": text}))
"""


def run(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", RUN_ONE, str(path), str(path.parent), str(ROOT)],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["checkpoints"] = checks.read_checkpoints(result.pop("stdout"))
    return result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    versions = subprocess.run([sys.executable, "-c", "import tensorflow as t, keras as k;"
                               "print(t.__version__, k.__version__)"],
                              capture_output=True, text=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    tf, keras = (versions.stdout.split() + ["?", "?"])[:2]
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"TensorFlow {tf}, Keras {keras}, {platform.system()} {platform.release()}")


def main(argv: list[str]) -> int:
    paths = notebooks.notebook_paths(argv)
    rows, total = [], 0.0
    for path in paths:
        print(f"running {path.name} ...", flush=True)
        result = run(path)
        total += result["seconds"]
        rows.append((path.name, result))
        print(f"  {result['seconds']:.1f} s, {result['peak_mib']:.0f} MiB", flush=True)
    lines = [
        "# Course timing and accuracy",
        "",
        f"Measured by `python benchmarks/run.py` on {time.strftime('%Y-%m-%d')}: each notebook executed "
        "from scratch in a fresh kernel, one after the other.",
        "",
        f"Machine: {machine()}.",
        "",
        "| notebook | wall time (s) | kernel peak memory (MiB) | within 90 s |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, r in rows:
        lines.append(f"| {name} | {r['seconds']:.1f} | {r['peak_mib']:.0f} | "
                     f"{'yes' if r['seconds'] < LESSON_BUDGET_S else '**no**'} |")
    course_ok = total < COURSE_BUDGET_S and all(r["seconds"] < LESSON_BUDGET_S for _, r in rows)
    lines += ["", f"Whole course: {total:.1f} s ({total / 60:.1f} min). Budget (every lesson < "
              f"{LESSON_BUDGET_S} s, course < {COURSE_BUDGET_S // 60} min): "
              f"{'met' if course_ok else '**not met**'}.", "",
              "| notebook | checkpoint | reached | promised (bound) | classic text |",
              "| --- | --- | ---: | ---: | --- |"]
    for name, r in rows:
        for c in r["checkpoints"]:
            promised = f"≥ {c['bound']}" if c["bound"] else f"{c['low']} to {c['high']}"
            lines.append(f"| {name} | {c['name']} | {c['value']} | {promised} | {CLASSIC.get(c['name'], '')} |")
    (ROOT / "benchmarks" / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if course_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
