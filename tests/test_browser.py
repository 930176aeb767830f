"""Every lesson in real JupyterLab, driven in headless Chromium like a learner's "Run All Cells".

What a learner sees is checked, not only what nbval compares: no cell may show
an error or any stderr output the lesson does not mean to show
(each such warning is in its cell's metadata, course.intended_stderr, with its reason), every plot cell must show
its figure, and lesson 04's colour picker must render as a widget with its
first picture. The kernel runs as in a learner's JupyterLab: without
PYTEST_CURRENT_TEST (under it ipykernel stops capturing TensorFlow's C++ log
lines) and without TF_CPP_MIN_LOG_LEVEL set from outside.

Also: `python3 course.py lab` prints one address that opens Start here, in
English or (--pt) with JupyterLab's menus in Portuguese, and running a lesson
there leaves the repository unchanged.

Needs Debian's chromium (`.ci/run` installs it; Playwright never downloads a
browser here). Screenshots and per-lesson times are kept in artifacts/.
"""

from __future__ import annotations

import json
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

from tests.conftest import IN_CI, learner_env, unexpected_stderr
from tools import lessons, manifest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PATHS = lessons.notebook_paths()
START = manifest.by_number("00").name

if not Path(CHROMIUM).exists():
    if IN_CI:
        raise RuntimeError(".ci/run must install Debian's chromium for the browser test")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(base: str, token: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("JupyterLab did not start:\n" + log.read_text()) from None
            time.sleep(0.5)


def wait_for_kernels(url: str, settled) -> None:
    """Poll the server's kernels until `settled(kernel)` holds for each (or 60 s pass, or the server is gone)."""
    base, token = url.split("/lab/")[0], url.split("token=")[1]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=5) as response:
                if all(settled(kernel) for kernel in json.load(response)):
                    return
        except OSError:  # no server left to ask: the test's own failure says why
            return
        time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    process.terminate()  # the server shuts its kernels down on SIGTERM
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token and a free port, stopped (with its kernels) at the end."""
    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    settings = root / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # Render every cell (no windowing), so the test sees the whole notebook in the page.
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    (settings.parent / "apputils-extension").mkdir()  # no "Jupyter news?" pop-up in the screenshots
    (settings.parent / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    port, token = free_port(), secrets.token_hex(16)
    env = learner_env(
        JUPYTER_TOKEN=token,  # as course.py passes it: never on a command line other users can read
        JUPYTER_CONFIG_DIR=str(root / "config"),
        JUPYTER_RUNTIME_DIR=str(root / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(root / "ws"),
    )
    log_path = root / "jupyterlab.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                "--allow-root",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={port}",
                "--ServerApp.port_retries=0",
                f"--ServerApp.root_dir={root / 'notebooks'}",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for_server(base, token, server, log_path)
            yield base, token, root / "notebooks"
        finally:
            stop(server)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def wait_for_notebook(page) -> None:
    # :visible: with a second lesson open, the first tab's cells and indicator are still in the page, hidden
    page.wait_for_selector(".jp-Notebook .jp-CodeCell:visible", timeout=60_000)
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]:visible', timeout=90_000)
    # the status bar says "| Idle" only once the kernel is started and connected
    page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"\| Idle")).first.wait_for(timeout=90_000)


def run_all(page) -> None:
    """Run ▸ Run All Cells, then wait until no cell is queued and the kernel is idle."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
    prompts = ".jp-Notebook .jp-CodeCell .jp-InputArea-prompt"
    page.wait_for_function(  # started: some cell queued or done
        f"() => [...document.querySelectorAll('{prompts}')].some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent))",
        timeout=60_000,
    )
    page.wait_for_function(  # finished: nothing queued and the kernel idle
        f"""() => ![...document.querySelectorAll('{prompts}')].some(e => e.textContent.includes('*'))
            && document.querySelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]') !== null""",
        timeout=400_000,
        polling=500,
    )


def run_all_in_lab(lab, browser, nb, name: str) -> dict:
    """Open `nb` (outputs cleared) in JupyterLab, Run All Cells from the menu, save; report what happened."""
    base, token, folder = lab
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, folder / name)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"browser-{Path(name).stem}.png"
    start = time.monotonic()
    try:
        page.goto(f"{base}/lab/tree/{name}?reset&token={token}")  # reset: no other tab restored
        wait_for_notebook(page)
        start = time.monotonic()
        run_all(page)
        seconds = time.monotonic() - start
        shown = [p.strip() for p in page.locator(".jp-Notebook .jp-CodeCell .jp-InputArea-prompt").all_text_contents()]
        widget = page.evaluate("""() => ({
            sliders: document.querySelectorAll('.jp-OutputArea-output .widget-slider').length,
            pictures: document.querySelectorAll('.jp-OutputArea-output .widget-output img').length})""")
        if widget["sliders"]:
            picture = page.locator(".widget-output img").first
            picture.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"browser-{Path(name).stem}-widget.png"))
            before = picture.get_attribute("src")
            page.locator(".widget-slider .noUi-handle").first.focus()
            page.keyboard.press("End")  # slider r to 255: the picture must follow
            page.wait_for_function(
                """src => {
                const img = document.querySelector('.widget-output img'); return img && img.src !== src; }""",
                arg=before,
                timeout=30_000,
            )
            widget["redrawn"] = True
        page.keyboard.press("Control+s")
        page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
    finally:
        page.screenshot(path=str(shot))  # kept as a test artifact, also when the test fails
        page.close()
    saved = nbformat.read(folder / name, as_version=4)
    code = [c for c in saved.cells if c.cell_type == "code"]
    return {
        "prompts": shown,
        "code_cells": sum(not lessons.collapsed(c) for c in code),  # a collapsed cell shows no prompt
        "not_run": [i for i, c in enumerate(code) if c.execution_count is None],
        "seconds": seconds,
        "widget": widget,
        "errors": [i for i, c in enumerate(code) if any(o.output_type == "error" for o in c.outputs)],
        "stderr": [
            (i, o.text)
            for i, c in enumerate(code)
            for o in c.outputs
            if o.output_type == "stream" and o.name == "stderr"
        ],
        "plots_missing": [
            i
            for i, c in enumerate(code)
            if re.search(r"^plt\.show\(\)", c.source, re.MULTILINE)
            and not any("image/png" in o.get("data", {}) for o in c.outputs)
        ],
        "unfinished": [i for i, p in enumerate(shown) if not re.fullmatch(r"\[\d+\]:", p)],
    }


def problems_in(report: dict, intended: list[tuple[str, str]] = ()) -> list[str]:
    found = [f"code cell {i} did not finish" for i in report["unfinished"]]
    found += [f"code cell {i} was saved without running" for i in report["not_run"]]
    if len(report["prompts"]) != report["code_cells"]:
        found.append(f"the page shows {len(report['prompts'])} code cells, the notebook has {report['code_cells']}")
    found += [f"code cell {i} raised an error" for i in report["errors"]]
    found += [
        f"code cell {i} shows unexpected stderr: {line!r}"
        for i, text in report["stderr"]
        for line in unexpected_stderr(text, intended)
    ]
    found += [f"code cell {i} ends with plt.show() but shows no figure" for i in report["plots_missing"]]
    return found


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_lesson_runs_in_jupyterlab_as_a_learner_sees_it(lab, browser, path):
    nb = nbformat.read(path, as_version=4)
    report = run_all_in_lab(lab, browser, nb, path.name)
    with open(ARTIFACTS / "browser-times.md", "a") as times:
        times.write(f"| {path.name} | {report['seconds']:.1f} |\n")
    print(f"{path.name}: Run All took {report['seconds']:.1f} s in JupyterLab")
    assert problems_in(report, lessons.intended_stderr(nb)) == []
    if "import ipywidgets" in "".join(c.source for c in nb.cells if not c.source.startswith(lessons.SETUP_TITLE)):
        assert report["widget"]["sliders"] >= 3, "the colour picker rendered as a widget"
        assert report["widget"]["pictures"] >= 1, "the colour picker drew its first picture at once"
        assert report["widget"].get("redrawn"), "moving a slider redraws the picture"


def test_intended_stderr_is_still_shown(lab, browser):
    """Each allowed warning really appears: a stale entry would hide nothing and say nothing."""
    intended_by_lesson = {p.name: lessons.intended_stderr(nbformat.read(p, as_version=4)) for p in PATHS}
    assert any(intended_by_lesson.values()), "lessons 04 and 05 show warnings on purpose"
    for name, intended in intended_by_lesson.items():
        if not intended:
            continue
        text = lessons.printed(nbformat.read(lab[2] / name, as_version=4), "stderr")
        for pattern, why in intended:
            assert re.search(pattern, text), f"{name}: {why} no longer shows"


def test_the_browser_check_fails_on_an_error_and_on_stray_stderr(lab, browser):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import sys\nprint('noise', file=sys.stderr)"),
            nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.show()"),
            nbformat.v4.new_code_cell("1 / 0"),
            nbformat.v4.new_code_cell("print('after')"),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    found = problems_in(run_all_in_lab(lab, browser, nb, "broken.ipynb"))
    assert "code cell 0 shows unexpected stderr: 'noise'" in found
    assert "code cell 1 ends with plt.show() but shows no figure" in found
    assert "code cell 2 raised an error" in found
    assert "code cell 3 did not finish" in found  # Run All stops at the first error


def test_the_checklist_table_fits_a_projector_screen(lab, browser):
    """Lesson 05's table at 1024 x 768 with the file browser open: no column cut off."""
    base, token, folder = lab
    shutil.copyfile(lessons.NOTEBOOK_DIR / "05_compile_checklist.ipynb", folder / "05_table.ipynb")
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    try:
        page.goto(f"{base}/lab/tree/05_table.ipynb?reset&token={token}")
        page.wait_for_selector(".jp-RenderedMarkdown table", timeout=60_000)
        if not page.locator(".jp-FileBrowser").is_visible():
            page.locator('.jp-SideBar [data-id="filebrowser"]').click()
        page.locator(".jp-FileBrowser").wait_for(state="visible")
        table = page.locator(".jp-RenderedMarkdown table").first
        table.scroll_into_view_if_needed()
        overflow = table.evaluate("""t => {
            const box = t.closest('.jp-RenderedMarkdown').getBoundingClientRect();
            return t.getBoundingClientRect().right - box.right; }""")
        page.screenshot(path=str(ARTIFACTS / "browser-05-table-1024.png"))
    finally:
        page.close()
    assert overflow <= 0, f"the table sticks out {overflow:.0f} px past its cell"


# --- the course's own command --------------------------------------------------------


def start_course_lab(tmp_path, *flags):
    """`python3 course.py lab` as a learner runs it, with a new empty HOME and its copies in tmp_path.

    Returns the process, the URL it printed and its log."""
    log_path = tmp_path / "lab.log"
    log = open(log_path, "w")
    (tmp_path / "home").mkdir(exist_ok=True)  # a restart keeps the same HOME
    process = subprocess.Popen(
        [sys.executable, "course.py", "lab", *flags, "--no-browser"],
        cwd=ROOT,
        env=learner_env(COURSE_WORKDIR=str(tmp_path / "my-lessons"), HOME=str(tmp_path / "home")),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while not (urls := re.findall(r"https?://\S+", log_path.read_text())):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError("course.py lab printed no address:\n" + log_path.read_text())
        time.sleep(0.2)
    url = urls[0]
    base, token = url.split("/lab/")[0], url.split("token=")[1]
    wait_for_server(base, token, process, log_path)
    return process, url, log_path


def git_status() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def test_course_lab_prints_one_address_that_opens_start_here(tmp_path, browser):
    """As on a machine where Jupyter never ran: HOME is a new empty folder (no trust database, no settings)."""
    before = git_status()
    process, url, log_path = start_course_lab(tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        printed = re.findall(r"https?://\S+", log_path.read_text())
        assert printed == [url], f"one address, not {printed}"
        page.goto(url)
        wait_for_notebook(page)
        tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")
        assert "00_start_here.ipynb" in tab.inner_text()
        assert page.locator(".jp-RenderedMarkdown h1", has_text="Start here · Comece aqui").first.is_visible()
        assert page.evaluate("document.documentElement.lang") == "en"  # the default, whatever the pack
        run_all(page)  # run the lesson and save it: only the learner's copy changes
        page.keyboard.press("Control+s")
        page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "browser-course-lab-start-here.png"))
        page.goto(
            url.replace(f"/lab/tree/{START}", f"/lab/tree/{manifest.by_number('01').name}")
        )  # a second lesson, its kernel
        wait_for_notebook(page)
        # A learner closes the tab, then presses Ctrl+C. Stopping the server while a kernel that has just
        # started still sends to a tab closing that instant makes tornado log a "Task exception was never
        # retrieved" traceback (tornadoweb/tornado#3565, voila-dashboards/voila#237): so, as the learner
        # does, wait for the kernels to be idle, close the page, and stop once no tab is connected.
        wait_for_kernels(url, lambda kernel: kernel["execution_state"] == "idle")
    finally:
        page.close()
        wait_for_kernels(url, lambda kernel: kernel["connections"] == 0)
        stop(process)
    with pytest.raises(OSError):  # stopping course.py stopped JupyterLab too (no server left behind)
        urllib.request.urlopen(url, timeout=5)
    saved = nbformat.read(tmp_path / "my-lessons" / "00_start_here.ipynb", as_version=4)
    assert any(c.get("execution_count") for c in saved.cells if c.cell_type == "code")
    assert git_status() == before, "running a lesson changed the repository"
    # What the learner's terminal shows: no error, and no warning but one JupyterLab prints once per start
    # (jupyter_server's websocket ping timeout is longer than tornado >= 6.5 accepts; harmless, not ours).
    problems = [
        line
        for line in log_path.read_text().splitlines()
        if re.search(r"WARNING|\[W |\[E |\[C (?!.*received signal 15)|Traceback", line)
        and "websocket_ping_timeout" not in line
    ]
    assert not problems, "\n".join(problems)
    assert sorted(p.name for p in (tmp_path / "my-lessons").glob("*.ipynb")) == [p.name for p in PATHS]


def test_course_lab_pt_shows_jupyterlab_in_portuguese(tmp_path, browser):
    """The menu bar in Portuguese: the pack's own strings, and the menu titles course.py adds (the pack has none)."""
    process, url, _ = start_course_lab(tmp_path, "--pt")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(url)
        page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
        assert page.evaluate("document.documentElement.lang") == "pt-BR"
        titles = page.locator(".lm-MenuBar-item").all_inner_texts()
        assert titles == ["Arquivo", "Editar", "Exibir", "Executar", "Kernel", "Abas", "Configurações", "Ajuda"]
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Executar$")).click()
        page.locator(".lm-Menu-itemLabel", has_text="Executar todas as células").first.wait_for(timeout=30_000)
        items = [i for i in page.locator(".lm-Menu .lm-Menu-itemLabel").all_inner_texts() if i]
        page.screenshot(path=str(ARTIFACTS / "browser-course-lab-pt.png"))
    finally:
        page.close()
        stop(process)
    assert "Executar todas as células" in items
    assert "Reiniciar o kernel e executar tudo…" in items  # not "Reiniciar o kernel and Executar todas as células…"
    # The pack has no "Run Selected Cell" (its three items stay English): every item that runs all is Portuguese.
    assert not [i for i in items if re.search(r"todas|tudo", i) and re.search(r"\band\b|\bRun\b", i)], items


def test_a_saved_lesson_reopened_after_a_lab_restart_shows_its_widget(tmp_path, browser):
    """Lesson 04 run and saved, `course.py lab` stopped and started again: its colour picker, not an error."""
    name = "04_softmax_vs_cross_entropy.ipynb"
    shots = {}
    for start in ("first", "restarted"):
        process, url, _ = start_course_lab(tmp_path)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(url.replace(f"/lab/tree/{START}", f"/lab/tree/{name}"))
            wait_for_notebook(page)
            if start == "restarted":  # as saved: the widget's state comes back from the file, no kernel needed
                page.locator(".jp-OutputArea-output .widget-slider").first.wait_for(state="attached", timeout=30_000)
                page.wait_for_timeout(1000)  # a missing model shows its error once the widget manager has restored
                shots["reopened"] = page.evaluate("document.body.textContent")
                picture = page.locator(".widget-output img").first
                picture.scroll_into_view_if_needed()
                page.wait_for_timeout(500)  # painted: cells out of view are not (JupyterLab's windowing)
                page.screenshot(path=str(ARTIFACTS / "browser-04-reopened.png"))
            run_all(page)
            page.locator(".widget-output img").first.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            shots[start] = page.evaluate("""() => ({
                sliders: document.querySelectorAll('.jp-OutputArea-output .widget-slider').length,
                pictures: document.querySelectorAll('.jp-OutputArea-output .widget-output img').length,
                text: document.body.textContent})""")
            page.keyboard.press("Control+s")
            page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
            page.screenshot(path=str(ARTIFACTS / f"browser-04-{start}.png"))
            wait_for_kernels(url, lambda kernel: kernel["execution_state"] == "idle")
        finally:
            page.close()
            wait_for_kernels(url, lambda kernel: kernel["connections"] == 0)
            stop(process)
    assert "Error displaying widget" not in shots["reopened"], "the reopened lesson shows a widget error"
    for start in ("first", "restarted"):
        assert shots[start]["sliders"] >= 3 and shots[start]["pictures"] >= 1, f"{start}: the colour picker is there"
        assert "Error displaying widget" not in shots[start]["text"]
