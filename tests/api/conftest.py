"""Shared fixtures for the API and search tests: a store built from our own sentences."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # makes `import fixture_store` work in any import mode

import fixture_store  # noqa: E402


@pytest.fixture
def fixture_db(tmp_path) -> Path:
    return fixture_store.build(tmp_path / "fixture.db")
