"""pytest set-up shared by the unit tests and nbval (see pyproject.toml)."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def pytest_collectstart(collector):
    """nbval: do not compare stderr (TensorFlow and Python warnings vary by machine)."""
    if hasattr(collector, "skip_compare"):
        collector.skip_compare = collector.skip_compare + ("stderr",)
