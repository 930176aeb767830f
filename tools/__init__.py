"""Authoring tools for the course (not installed with the helpers, not used by lessons)."""
