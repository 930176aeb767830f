"""Course timing and accuracy report (not a test).

    python benchmarks/run.py [--rounds N] [NOTEBOOK ...]  # the course, N times (default 3)
    python benchmarks/run.py --peers DIR [--rounds N]     # also TensorFlow's two tutorials, side by side
    python benchmarks/run.py --backend tensorflow --backend jax=JAX_PYTHON [--wheelhouse DIR]  # both backends

With --backend (repeat it), each lesson runs on each backend in turn, side by side in every round:
`tensorflow` is this Python's environment, `jax=PYTHON` (or `torch=PYTHON`) the Python of an environment with
Keras on that backend (e.g. the .venv of a clone set up with `python3 course.py lab --backend jax`); its
kernels get KERAS_BACKEND. The report then adds, per lesson, each backend's time, peak memory and course
checks side by side, each environment's size on disk, and with --wheelhouse DIR each backend's wheelhouse
for this machine (gathered into DIR/BACKEND by tools/wheelhouse.py; pip's cache makes it quick).

After `python -m helpers.prepare` (what a teacher runs once before class: it
builds the IMDB encoding that lesson 03 would otherwise build on its first run;
`--check` only looks), executes every lesson notebook from scratch, the way a learner's
"Run All" does: a fresh kernel each, outputs not written back; the whole course N
times, and each notebook's median time counts. Writes
benchmarks/RESULTS.md with, per notebook, wall time, the kernel's peak memory
and every course check the lesson reached, next to the classic texts' figures,
plus the whole course's time, the machine, whether the budget holds (every
lesson within the budget_s of its manifest, 45 s, the whole course in 180 s or less), and the lesson-01
MLP's seconds per epoch as a multiple of this CPU's compute limit (measured
float32 matmul GFLOP/s).

With --peers DIR (``../shared/peers``: TensorFlow's classification.ipynb and
text_classification.ipynb, never copied into this repository), lessons 02 and
03 and the two tutorials run interleaved for N rounds (default 3), each in a
fresh kernel, the tutorials unchanged and offline (benchmarks/peers.py stages
their data), and a table of medians is added: time, peak memory, test
accuracy, epochs trained.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent  # run_one.py and compute.py run in child processes from here
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # tools/ is not installed: it is found from here

from helpers import checks  # noqa: E402
from tools import lessons, manifest  # noqa: E402

COURSE_BUDGET_S = 180  # issue 29: pedagogy first, plain recipes; each lesson's own budget is in its manifest


def classic(name: str) -> dict[str, str]:
    """Course-check label -> the classic text's figure, as the lesson's check cells keep it (course.classic)."""
    import nbformat

    return lessons.classic_figures(nbformat.read(lessons.NOTEBOOK_DIR / name, as_version=4))


def run(path: Path, folder: Path | None = None, env: dict[str, str] | None = None, python: str = "") -> dict:
    """Execute `path` in a fresh kernel of `python` (default: this one) started in `folder` (default: beside it)."""
    extra = [json.dumps(env)] if env is not None else []
    done = subprocess.run(
        [python or sys.executable, str(HERE / "run_one.py"), str(path), str(folder or path.parent), *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["text"] = result.pop("stdout")
    result["checkpoints"] = checks.read_checkpoints(result["text"])
    return result


def compute_limit() -> list[str]:
    done = subprocess.run([sys.executable, str(HERE / "compute.py")], capture_output=True, text=True, check=True)
    m = json.loads(done.stdout.strip().splitlines()[-1])
    limit, n = m["epoch_gflop"] / m["gflops"], m["epochs"]
    return [
        "## The lesson-01 MLP against this CPU's compute limit",
        "",
        f"float32 matmul: {m['gflops']:.0f} GFLOP/s (best of 1024², 2048², 4096²). One epoch of the "
        f"784-128-10 MLP on 60,000 images is {m['epoch_gflop']:.1f} GFLOP (forward and backward), so the "
        f"compute limit is {limit:.2f} s per epoch.",
        "",
        f"Epochs are timed like the matmul: the best of {n} (after one epoch of compiling), so that a slow spell "
        f"of the machine does not count against one side only; the median of the {n} is shown beside it.",
        "",
        f"| batch 32, after compiling | s per epoch, best of {n} | × compute limit | median of {n} (s) |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {label} | {m[key]['best']:.2f} | {m[key]['best'] / limit:.1f} | {m[key]['median']:.2f} |"
            for key, label in (
                ("default", "default compile"),
                ("lessons", "lesson 01, section 8 (`steps_per_execution=100, jit_compile=True`)"),
            )
        ),
        "",
    ]


def speed() -> float:
    """This CPU's float32 matmul speed right now, in GFLOP/s (numpy, 2048², best of 5): shows a slow spell."""
    import numpy as np

    a = np.random.default_rng(0).random((2048, 2048), dtype=np.float32)
    a @ a
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        a @ a
        best = min(best, time.perf_counter() - start)
    return 2 * 2048**3 / best / 1e9


def peers_rounds(folder: Path, rounds: int) -> list[str]:
    """Lessons 02 and 03 and TensorFlow's tutorials, interleaved, `rounds` times; the median table."""
    import tempfile

    from benchmarks import peers

    results: dict[str, list[dict]] = {}
    speeds = []
    with tempfile.TemporaryDirectory() as tmp:
        env = peers.stage(Path(tmp))
        for round_ in range(1, rounds + 1):
            speeds.append(speed())
            for peer, ours in peers.PEERS.items():
                for path, kind in ((lessons.NOTEBOOK_DIR / ours, "ours"), (folder / peer, "peer")):
                    work = Path(tmp) / f"work-{round_}-{path.stem}"
                    work.mkdir()
                    print(f"round {round_}: {path.name} ...", flush=True)
                    r = run(path, work, env) if kind == "peer" else run(path)
                    r["accuracy"] = peers.accuracy(path.name, r["text"], r["checkpoints"])
                    r["epochs"] = peers.epochs(r["text"])
                    print(f"  {r['seconds']:.1f} s, accuracy {r['accuracy']}", flush=True)
                    results.setdefault(path.name, []).append(r)
    return [
        "## Side by side with TensorFlow's tutorials",
        "",
        f"{rounds} interleaved rounds, each notebook in a fresh kernel; the tutorials run unchanged and offline "
        "(benchmarks/peers.py). Test accuracy: lesson 02's course check, lesson 03's best-epoch course check, "
        "the tutorials' printed `model.evaluate` accuracy. Epochs trained: every `fit` of the notebook. "
        f"Machine speed before each round (numpy matmul): {' / '.join(f'{g:.0f}' for g in speeds)} GFLOP/s.",
        "",
        *peers.table(results),
        "",
    ]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    versions = subprocess.run(
        [sys.executable, "-c", "import tensorflow as t, keras as k;print(t.__version__, k.__version__)"],
        capture_output=True,
        text=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    tf, keras = (versions.stdout.split() + ["?", "?"])[:2]
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"TensorFlow {tf}, Keras {keras}, {platform.system()} {platform.release()}"
    )


def backend_env(name: str) -> dict[str, str]:
    return {**os.environ, "KERAS_BACKEND": name}


def environment_mb(python: str) -> int:
    """The size on disk of the virtual environment (or installation) that `python` runs in, as `du -sm` counts."""
    prefix = subprocess.run([python, "-c", "import sys; print(sys.prefix)"], capture_output=True, text=True).stdout
    done = subprocess.run(["du", "-sm", prefix.strip()], capture_output=True, text=True)
    return int(done.stdout.split()[0]) if done.returncode == 0 else -1


def versions(name: str, python: str) -> str:
    """`name`'s library and Keras, as the environment of `python` has them."""
    module = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}[name]
    code = f"import {module} as b, keras as k; print(b.__version__, k.__version__)"
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, env=backend_env(name))
    library, keras = (done.stdout.split() + ["?", "?"])[:2]
    return f"{name} {library}, Keras {keras}"


def wheelhouse_mb(folder: Path, backend: str) -> tuple[int, int]:
    """Gather `backend`'s wheels for this machine into folder/backend (tools/wheelhouse.py): (wheels, MB)."""
    target = folder / backend
    subprocess.run(
        [sys.executable, "-m", "tools.wheelhouse", str(target), "--backend", backend],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    sets = json.loads((target / "wheelhouse.json").read_text())
    names = sorted({name for names in sets.values() for name in names})
    return len(names), round(sum((target / n).stat().st_size for n in names) / 1e6)


def side_by_side(
    backends: dict[str, str], runs: dict[tuple[str, str], list[dict]], names: list[str], wheels: Path | None
) -> list[str]:
    """Each lesson's median time, peak memory and course checks on each backend; the installs' sizes."""
    first = next(iter(backends))
    median = {key: statistics.median(x["seconds"] for x in r) for key, r in runs.items()}
    header = " | ".join(f"{b} (s) | {b} peak (MiB)" for b in backends)
    ratio = " | ".join(f"{b} / {first}" for b in list(backends)[1:])
    lines = [
        "## Backends side by side",
        "",
        "Each lesson ran on each backend in turn within every round, a fresh kernel each (the backend's own "
        f"environment, KERAS_BACKEND set); medians over the rounds. Versions: "
        f"{'; '.join(versions(b, p) for b, p in backends.items())}.",
        "",
        f"| notebook | {header} | {ratio} |",
        f"| --- |{' ---: | ---: |' * len(backends)}{' ---: |' * (len(backends) - 1)}",
    ]
    for name in names:
        cells = " | ".join(
            f"{median[(b, name)]:.1f} | {max(x['peak_mib'] for x in runs[(b, name)]):.0f}" for b in backends
        )
        ratios = " | ".join(f"{median[(b, name)] / median[(first, name)]:.2f}" for b in list(backends)[1:])
        lines.append(f"| {name} | {cells} | {ratios} |")
    totals = {b: sum(median[(b, n)] for n in names) for b in backends}
    total_cells = [x for b in backends for x in (f"{totals[b]:.1f}", "")]
    total_cells += [f"{totals[b] / totals[first]:.2f}" for b in list(backends)[1:]]
    lines.append(f"| whole course | {' | '.join(total_cells)} |")
    lines += [
        "",
        "| notebook | course check | " + " | ".join(backends) + " |",
        "| --- | --- |" + " ---: |" * len(backends),
    ]
    for name in names:
        reached = {b: {c["name"]: c["value"] for c in runs[(b, name)][-1]["checkpoints"]} for b in backends}
        for check in dict.fromkeys(c for b in backends for c in reached[b]):
            lines.append(
                f"| {name} | {check} | "
                + " | ".join(str(reached[b].get(check, "**not reached**")) for b in backends)
                + " |"
            )
    lines += ["", "| install | " + " | ".join(backends) + " |", "| --- |" + " ---: |" * len(backends)]
    lines.append(
        "| environment on disk (`du -sm`) | " + " | ".join(f"{environment_mb(p)} MB" for p in backends.values()) + " |"
    )
    if wheels is not None:
        gathered = {b: wheelhouse_mb(wheels, b) for b in backends if b in ("tensorflow", "jax")}
        lines.append(
            "| wheelhouse for this machine | "
            + " | ".join(f"{gathered[b][1]} MB ({gathered[b][0]} wheels)" if b in gathered else "-" for b in backends)
            + " |"
        )
    return [*lines, ""]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="lesson notebooks to run (default: every lesson)")
    parser.add_argument("--rounds", type=int, default=3, help="times the whole course runs (default 3)")
    parser.add_argument("--peers", type=Path, metavar="DIR", help="folder with TensorFlow's two tutorials")
    parser.add_argument(
        "--backend",
        action="append",
        default=[],
        metavar="NAME[=PYTHON]",
        help="run every lesson on this backend too: tensorflow (this Python), jax=PYTHON or torch=PYTHON (repeat)",
    )
    parser.add_argument("--wheelhouse", type=Path, metavar="DIR", help="with --backend: gather and size wheelhouses")
    parser.add_argument(
        "--output",
        type=Path,
        default=ROOT / "benchmarks" / "RESULTS.md",
        help="where the report goes (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    backends: dict[str, str] = {}
    for given in args.backend or ["tensorflow"]:
        name, _, python = given.partition("=")
        if name not in ("tensorflow", "jax", "torch") or (name != "tensorflow" and not python):
            parser.error(f"--backend {given}: tensorflow, or jax=PYTHON / torch=PYTHON (that environment's Python)")
        backends[name] = python or sys.executable
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")
    rounds, peers_dir = args.rounds, args.peers.resolve() if args.peers else None
    if peers_dir is not None:  # before the course's rounds, not after them
        from benchmarks import peers

        missing = [name for name in peers.PEERS if not (peers_dir / name).is_file()]
        if missing:
            parser.error(f"--peers {args.peers}: no {', '.join(missing)} there")
    paths = lessons.notebook_paths(args.notebooks)
    # A teacher prepares once before class (README): the one-off IMDB encoding is not a lesson's time.
    if subprocess.run([sys.executable, "-m", "helpers.prepare"], cwd=ROOT).returncode:
        parser.error("a dataset is missing (helpers.prepare's report above says which and where to put it)")
    runs: dict[str, list[dict]] = {path.name: [] for path in paths}
    by_backend: dict[tuple[str, str], list[dict]] = {(b, path.name): [] for b in backends for path in paths}
    first = next(iter(backends))  # the main tables' backend (TensorFlow unless only others are asked for)
    totals, speeds = [], []
    for round_ in range(1, rounds + 1):  # whole course per round: a slow spell of the machine hits one round
        speeds.append(speed())
        print(f"round {round_}: machine speed {speeds[-1]:.0f} GFLOP/s", flush=True)
        for path in paths:
            for backend, python in backends.items():  # side by side: the same lesson on each, one after the other
                print(f"round {round_}: {path.name} on {backend} ...", flush=True)
                result = run(path, env=backend_env(backend), python=python)
                by_backend[(backend, path.name)].append(result)
                if backend == first:
                    runs[path.name].append(result)
                print(f"  {result['seconds']:.1f} s, {result['peak_mib']:.0f} MiB", flush=True)
        totals.append(sum(r[-1]["seconds"] for r in runs.values()))
    rows = [
        (
            name,
            {
                **r[-1],
                "seconds": statistics.median(x["seconds"] for x in r),
                "peak_mib": max(x["peak_mib"] for x in r),
                "all": [x["seconds"] for x in r],
            },
        )
        for name, r in runs.items()
    ]
    total = statistics.median(totals)
    lines = [
        "# Course timing and accuracy",
        "",
        f"Measured by `python benchmarks/run.py` on {time.strftime('%Y-%m-%d')}: each notebook executed "
        f"from scratch in a fresh kernel, the whole course one notebook after the other, {rounds} time(s); "
        "times are medians over the rounds (this machine's speed varies from minute to minute).",
        "",
        f"Machine: {machine()}.",
        "",
        "| notebook | median wall time (s) | every round (s) | kernel peak memory (MiB) | budget (s) | within |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    budget = manifest.budgets([lessons.NOTEBOOK_DIR / name for name, _ in rows])
    for name, r in rows:
        lines.append(
            f"| {name} | {r['seconds']:.1f} | {' / '.join(f'{x:.1f}' for x in r['all'])} | "
            f"{r['peak_mib']:.0f} | {budget[name]} | {'yes' if r['seconds'] <= budget[name] else '**no**'} |"
        )
    course_ok = total <= COURSE_BUDGET_S and all(r["seconds"] <= budget[name] for name, r in rows)
    lines += [
        "",
        f"Whole course: {total:.1f} s ({total / 60:.1f} min), the median of the rounds' totals "
        f"({' / '.join(f'{t:.1f}' for t in totals)} s; the machine's numpy matmul before each round: "
        f"{' / '.join(f'{g:.0f}' for g in speeds)} GFLOP/s, as its speed varies). Budget (every lesson within its "
        f"manifest's budget_s, course ≤ {COURSE_BUDGET_S} s): "
        f"{'met' if course_ok else '**not met**'}.",
        "",
        "| notebook | course check | reached | promised (bound) | classic text |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for name, r in rows:
        figures = classic(name)
        for c in r["checkpoints"]:
            promised = f"≥ {c['bound']}" if c["bound"] else f"{c['low']} to {c['high']}"
            lines.append(f"| {name} | {c['name']} | {c['value']} | {promised} | {figures.get(c['name'], '')} |")
    if len(backends) > 1 or first != "tensorflow":
        lines += ["", *side_by_side(backends, by_backend, [p.name for p in paths], args.wheelhouse)]
    lines += ["", *compute_limit()]
    if peers_dir is not None:
        lines += peers_rounds(peers_dir, rounds)
    args.output.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if course_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
