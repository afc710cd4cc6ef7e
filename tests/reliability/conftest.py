"""Fixtures live in helpers.py (importable by the tests too); the two store backends come from
tests/scale (PostgreSQL tests skip when STORYLINE_TEST_PG is unset)."""

from tests.reliability.helpers import copy_sample, corpus, seeds  # noqa: F401
from tests.scale.conftest import pg_url, store_target  # noqa: F401
