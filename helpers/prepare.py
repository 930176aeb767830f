"""Classroom prep: get every dataset of the course onto this computer, once.

    python -m helpers.prepare          # find, verify, download what is missing
    python -m helpers.prepare --check  # only look: download nothing

Run it before a class on bad Wi-Fi: afterwards every lesson works offline.
For each dataset it prints where the verified files are (COURSE_DATA, the
system package, the Keras cache) and whether the course can run offline.
Exit status 0 when every dataset is here, 1 otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from helpers import data, texts


def source_of(path: Path) -> str:
    """Which of the searched places `path` is in, named in both languages."""
    course = os.environ.get("COURSE_DATA")
    if course and Path(path).is_relative_to(Path(course)):
        key = "COURSE_DATA"
    else:
        key = "cache" if Path(path).is_relative_to(data.keras_cache_dir()) else "system"
    en, pt = texts.LABELS[key]
    return en if en == pt else f"{en} · {pt}"


def prepare(download: bool = True, out=None) -> bool:
    """Locate (and if allowed download) every dataset; report; True when all are here."""
    out = out or sys.stdout
    ready = True
    for name, dataset in data.DATASETS.items():
        try:
            try:
                paths, fetched = dataset.locate(download=False), False
            except data.DatasetNotFoundError:
                if not download:
                    raise
                paths, fetched = dataset.locate(download=True), True
        except (data.DatasetNotFoundError, data.CorruptDataError) as err:
            ready = False
            print(f"✗ {name}: {texts.both(texts.LABELS['missing'])}\n{err}\n", file=out)
            continue
        by_source: dict[str, list[Path]] = {}
        for path in paths.values():
            by_source.setdefault(source_of(path), []).append(path)
        where = [
            f"{source}: {os.path.commonpath(found) if len(found) > 1 else found[0].parent}"
            for source, found in sorted(by_source.items())
        ]
        how = texts.both(texts.LABELS["downloaded"]) + ", " if fetched else ""
        print(f"✓ {name}: {how}{'; '.join(where)}", file=out)
        if dataset.warm and download:  # --check only looks: it writes nothing
            dataset.warm()  # e.g. the IMDB encoding, so that lesson 03 starts fast
    print(texts.message("prepare_ready" if ready else "prepare_not_ready"), file=out)
    return ready


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m helpers.prepare", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only look: download nothing")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help (0) or a bad argument (2, the usage on stderr)
        return int(stop.code or 0)
    return 0 if prepare(download=not args.check) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
