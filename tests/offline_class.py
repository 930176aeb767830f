"""A learner's first day with no network, run by tests/test_wheelhouse.py inside `unshare -n`.

    python3 tests/offline_class.py COURSE WHEELHOUSE INCOMPLETE_WHEELHOUSE REPORT.json

COURSE is a fresh copy of the course with no .venv. In this network namespace there is
nothing but loopback: no package registry, no DNS. This script:
1. runs `python3 course.py lab` with COURSE_WHEELS at a wheelhouse that lacks one wheel,
   which must fail, name the wheel and leave no .venv that looks ready;
2. serves the real wheelhouse with `python3 -m http.server` on loopback and runs
   `python3 course.py lab` with COURSE_WHEELS at its address, timing it up to the printed
   address and up to JupyterLab answering there (Start here included);
3. runs lesson 00 (the learner's copy) in the learner's .venv and lists that .venv.
It writes what it saw to REPORT.json; the test judges it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

course, wheelhouse, incomplete, report_file = (Path(a) for a in sys.argv[1:5])
report: dict[str, object] = {}
# A learner's machine: no pip configuration or cache of this one (here pip.conf names local indexes).
env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
env.update(
    PIP_CONFIG_FILE=os.devnull,
    PIP_CACHE_DIR=tempfile.mkdtemp(prefix="learner-pip-cache-"),
    PIP_DISABLE_PIP_VERSION_CHECK="1",
    PYTHONUNBUFFERED="1",
)

try:
    socket.create_connection(("pypi.org", 443), timeout=5).close()
    report["network"] = "pypi.org reachable"
except OSError as error:
    report["network"] = f"none ({error})"

# 1. One wheel missing.
done = subprocess.run(
    [sys.executable, "course.py", "lab"],
    cwd=course,
    env={**env, "COURSE_WHEELS": str(incomplete)},
    capture_output=True,
    text=True,
    timeout=600,
)
report["missing"] = {
    "returncode": done.returncode,
    "output": done.stdout + done.stderr,
    "stamps": sorted(p.name for p in (course / ".venv").glob("course-*.sha256")),
}

# 2. The real wheelhouse, served as a teacher serves it.
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
server = subprocess.Popen(
    [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(wheelhouse)],
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)
lab = None
try:
    for _ in range(60):  # until the server answers
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
            break
        except OSError:
            time.sleep(0.5)
    started = time.monotonic()
    lab = subprocess.Popen(
        [sys.executable, "course.py", "lab", "--ServerApp.open_browser=False"],
        cwd=course,
        env={**env, "COURSE_WHEELS": f"http://127.0.0.1:{port}/"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert lab.stdout is not None
    lines = []
    address = None
    for line in lab.stdout:
        lines.append(line)
        found = re.search(r"http://localhost:\d+/lab/tree/\S+", line)
        if found:
            address = found.group(0)
            report["seconds_to_address"] = round(time.monotonic() - started, 1)
            break
    report["lab_output"] = "".join(lines)
    if address:
        for _ in range(120):
            try:
                with urllib.request.urlopen(address, timeout=5) as response:
                    report["start_here_status"] = response.status
                    break
            except OSError:
                time.sleep(0.5)
        report["seconds_to_lab"] = round(time.monotonic() - started, 1)
        token = address.split("token=")[1]
        with urllib.request.urlopen(
            f"http://localhost:{address.split(':')[2].split('/')[0]}/api/contents/"
            f"00_start_here.ipynb?content=0&token={token}",
            timeout=10,
        ) as response:
            report["start_here_in_lab"] = json.loads(response.read())["name"]
finally:
    if lab is not None:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=60)
    server.terminate()

# 3. Lesson 00 in the learner's .venv, and what that .venv holds.
learner_python = course / ".venv" / "bin" / "python"
run_lesson = """
import sys, nbformat
from nbclient import NotebookClient
from tools.lessons import printed
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3").execute()
print(printed(nb))
"""
done = subprocess.run(
    [str(learner_python), "-c", run_lesson, "my-lessons/00_start_here.ipynb"],
    cwd=course,
    env=env,
    capture_output=True,
    text=True,
    timeout=900,
)
report["lesson_00"] = {"returncode": done.returncode, "output": done.stdout, "stderr": done.stderr[-4000:]}
listed = subprocess.run(
    [str(learner_python), "-m", "pip", "list", "--format=json"], env=env, capture_output=True, text=True, check=True
)
report["packages"] = sorted(p["name"].lower() for p in json.loads(listed.stdout))
report["venv_mb"] = round(
    sum(f.stat().st_size for f in (course / ".venv").rglob("*") if f.is_file() and not f.is_symlink()) / 1e6
)
report_file.write_text(json.dumps(report, indent=1))
