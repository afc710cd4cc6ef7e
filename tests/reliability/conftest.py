"""Fixtures live in helpers.py (importable by the tests too)."""

from tests.reliability.helpers import copy_sample, corpus, seeds  # noqa: F401
