"""Helpers for the bilingual Keras course: data loaders, plots and self-checks.

Import the module you need: ``from helpers import data, plots, checks``.
Importing has no side effects (no downloads, no seeding, no styling).
"""

__version__ = "0.1.0"
