"""Lesson 01 in real JupyterLab, driven in headless Chromium like a learner's "Run All Cells".

Needs Debian's chromium (`.ci/run` installs it; Playwright never downloads a
browser here). A screenshot is kept in artifacts/. The second test shows the
check fails when a cell errors.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from helpers import notebooks
from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not Path(CHROMIUM).exists():
    if IN_CI:
        raise RuntimeError(".ci/run must install Debian's chromium for the browser test")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token and a free port, stopped (with its kernels) at the end."""
    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    settings = root / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # Render every cell (no windowing), so the test sees the whole notebook in the page.
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(root / "config"), "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(root / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(root / "ws")}
    log = open(root / "jupyterlab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root / 'notebooks'}"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n" + (root / "jupyterlab.log").read_text())
                time.sleep(0.5)
        yield base, token, root / "notebooks"
    finally:
        server.terminate()  # the server shuts its kernels down on SIGTERM
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def run_all_in_lab(lab, browser, nb, name: str, screenshot_of: str | None = None) -> dict:
    """Open `nb` (outputs cleared) in JupyterLab, Run All Cells from the menu, save; report what happened."""
    base, token, folder = lab
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, folder / name)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"browser-{Path(name).stem}.png"
    try:
        page.goto(f"{base}/lab/tree/{name}?reset&token={token}")  # reset: no other tab restored
        page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
        page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=60_000)
        # the status bar says "| Idle" only once the kernel is started and connected
        page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"\| Idle")).first.wait_for(timeout=90_000)
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
        prompts = ".jp-Notebook .jp-CodeCell .jp-InputArea-prompt"
        page.wait_for_function(  # started: some cell queued or done
            f"() => [...document.querySelectorAll('{prompts}')].some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent))",
            timeout=60_000)
        page.wait_for_function(  # finished: nothing queued and the kernel idle
            f"""() => ![...document.querySelectorAll('{prompts}')].some(e => e.textContent.includes('*'))
                && document.querySelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]') !== null""",
            timeout=300_000, polling=500)
        shown = [p.strip() for p in page.locator(prompts).all_text_contents()]
        grid_width = None
        if screenshot_of:
            cell = page.locator(".jp-CodeCell", has_text=screenshot_of).first
            image = cell.locator(".jp-OutputArea-output img").first
            image.scroll_into_view_if_needed()
            grid_width = image.evaluate("img => img.complete ? img.naturalWidth : 0")
        page.keyboard.press("Control+s")
        page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
    finally:
        page.screenshot(path=str(shot))  # kept as a test artifact, also when the test fails
        print(f"screenshot: {shot}")
        page.close()
    saved = nbformat.read(folder / name, as_version=4)
    code = [c for c in saved.cells if c.cell_type == "code"]
    errors = [(i, "raises-exception" in c.metadata.get("tags", []))
              for i, c in enumerate(code) if any(o.output_type == "error" for o in c.outputs)]
    return {"prompts": shown, "code_cells": len(code), "errors": errors, "grid_width": grid_width,
            "unfinished": [i for i, p in enumerate(shown) if not re.fullmatch(r"\[\d+\]:", p)]}


def problems_in(report: dict) -> list[str]:
    found = [f"code cell {i} did not finish" for i in report["unfinished"]]
    if len(report["prompts"]) != report["code_cells"]:
        found.append(f"the page shows {len(report['prompts'])} code cells, the notebook has {report['code_cells']}")
    found += [f"code cell {i} raised an unexpected error" for i, expected in report["errors"] if not expected]
    return found


def test_lesson_01_runs_in_jupyterlab(lab, browser):
    nb = nbformat.read(notebooks.NOTEBOOK_DIR / "01_compile_and_fit.ipynb", as_version=4)
    report = run_all_in_lab(lab, browser, nb, "01_compile_and_fit.ipynb", screenshot_of="plots.image_grid(")
    assert problems_in(report) == []
    assert report["errors"] == [(report["errors"][0][0], True)], "exactly the one fit-before-compile error"
    assert report["grid_width"] and report["grid_width"] > 400, "the image grid rendered"


def test_the_browser_check_fails_when_a_cell_errors(lab, browser):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
                                         nbformat.v4.new_code_cell("1 / 0"),
                                         nbformat.v4.new_code_cell("print('after')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    report = run_all_in_lab(lab, browser, nb, "broken.ipynb")
    found = problems_in(report)
    assert "code cell 1 raised an unexpected error" in found
    assert "code cell 2 did not finish" in found  # Run All stops at the first error
