"""TensorFlow's two beginner tutorials, run unchanged and offline beside lessons 02 and 03 (benchmarks/run.py --peers).

The tutorials live outside this repository (../shared/peers, see its README): nothing of them is copied here.
`stage` prepares, in a temporary folder, what they download: Fashion-MNIST's four files in a fresh Keras cache,
and the review archive, re-packed from COURSE_DATA's extracted copy, served on 127.0.0.1; a sitecustomize.py on
the kernel's PYTHONPATH only sends the tutorial's one archive URL there.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
from pathlib import Path

from helpers import data
from tools import lessons, localnet

IMDB_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
ROOT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"
PEERS = {
    "classification.ipynb": "02_evaluate_and_predict.ipynb",
    "text_classification.ipynb": "03_overfitting_with_text.ipynb",
}
SITECUSTOMIZE = """import urllib.request
_retrieve = urllib.request.urlretrieve
def _local(url, *args, **kwargs):  # benchmarks/peers.py: the tutorial's archive, served offline
    return _retrieve(url.replace({url!r}, {local!r}), *args, **kwargs)
urllib.request.urlretrieve = _local
"""


def stage(folder: Path) -> dict[str, str]:
    """Stage the tutorials' data under `folder`; returns the kernel environment they run in."""
    course_data = Path(os.environ.get("COURSE_DATA", ROOT_DATA))
    cache = folder / "keras" / "datasets" / "fashion-mnist"
    cache.mkdir(parents=True)
    for name in data.FASHION_MNIST_FILES:  # the original files, as Keras downloads them
        shutil.copy(data.FASHION_MNIST_SYSTEM_DIR / name, cache / name)
    served = folder / "served"
    served.mkdir()
    # the tutorial deletes train/unsup, which the extracted copy lacks
    localnet.repack_imdb(course_data / "aclImdb", served / "aclImdb_v1.tar.gz", ["aclImdb/train/unsup"])
    base, _ = localnet.serve(served)
    site = folder / "site"
    site.mkdir()
    local = base + "aclImdb_v1.tar.gz"
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE.format(url=IMDB_URL, local=local))
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_DATA", "PYTEST_CURRENT_TEST")}
    env.update(KERAS_HOME=str(folder / "keras"), PYTHONPATH=str(site))
    return env


def accuracy(name: str, text: str, checkpoints: list[dict]) -> float | None:
    """The test accuracy a notebook reports: a tutorial's printed line, a lesson's course check."""
    if name == "classification.ipynb":
        found = re.findall(r"Test accuracy: ([\d.]+)", text)
    elif name == "text_classification.ipynb":
        found = re.findall(r"Accuracy:\s+([\d.]+)", text)  # model.evaluate's; the export model's 0.5 is a dict
    else:  # the lesson's course check that its metadata compares with the classic text (course.classic)
        import nbformat

        wanted = lessons.classic_figures(nbformat.read(lessons.NOTEBOOK_DIR / name, as_version=4))
        found = [c["value"] for c in checkpoints if c["name"] in wanted]
    return float(found[0]) if found else None


def epochs(text: str) -> int:
    """Epochs trained in the notebook, over all its fit calls (every one logs its epochs)."""
    return len(re.findall(r"^Epoch \d+/\d+", text, re.MULTILINE))


def table(results: dict[str, list[dict]]) -> list[str]:
    """Median time, peak memory, accuracy and epochs per notebook, our lesson above its peer."""
    lines = [
        "| notebook | rounds | median time (s) | median peak memory (MiB) | median test accuracy | epochs trained |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for peer, ours in PEERS.items():
        for name in (ours, peer):
            runs = results[name]
            accs = [r["accuracy"] for r in runs if r["accuracy"] is not None]
            lines.append(
                f"| {name} | {len(runs)} | {statistics.median(r['seconds'] for r in runs):.1f} | "
                f"{statistics.median(r['peak_mib'] for r in runs):.0f} | "
                f"{statistics.median(accs):.4f} | {runs[0]['epochs']} |"
                if accs
                else f"| {name} | {len(runs)} | ? | ? | ? | ? |"
            )
    return lines
