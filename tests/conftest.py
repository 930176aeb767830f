"""Shared fixtures of the unit tests."""

from __future__ import annotations

import os
import re
from pathlib import Path

import matplotlib
import pytest

from tools import localnet

matplotlib.use("Agg")  # no windows; figures are inspected, not shown

IN_CI = os.environ.get("CI") == "true"
COURSE_DATA = Path(os.environ.get("COURSE_DATA", "/nonexistent"))


def learner_env(**extra: str) -> dict[str, str]:
    """The environment of a learner's shell: none of pytest's or the test set-up's variables."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTEST_CURRENT_TEST", "TF_CPP_MIN_LOG_LEVEL", "JUPYTER_CONFIG_PATH")
    }
    return {**env, **extra}


def unexpected_stderr(text: str, intended: list[tuple[str, str]]) -> list[str]:
    """The lines of `text` that are neither an intended warning nor the indented source line under one."""
    return [
        line
        for line in text.splitlines()
        if line.strip()
        and not line.startswith((" ", "\t"))
        and not any(re.search(pattern, line) for pattern, _ in intended)
    ]


def needs(copy: Path, what: str):
    """Skip where `copy` is missing on a developer's machine; in CI the data must be there, so it runs (and fails)."""
    return pytest.mark.skipif(
        not copy.exists() and not IN_CI, reason=f"{what} is not here (CI always has it: there this never skips)"
    )


@pytest.fixture
def isolated_data(tmp_path, monkeypatch):
    """No COURSE_DATA, an empty Keras cache: a machine with no copy of anything."""
    monkeypatch.delenv("COURSE_DATA", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    return tmp_path


def _servers():
    servers = []

    def start(folder: Path) -> str:
        url, server = localnet.serve(folder)
        servers.append(server)
        return url

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def http_server():
    """Serve files from a folder on 127.0.0.1: `http_server(folder)` returns its base URL."""
    yield from _servers()


@pytest.fixture(scope="module")
def http_server_module():
    """`http_server` for a whole test module."""
    yield from _servers()
