"""Fixtures for the scale tests: a fresh PostgreSQL schema per test, and the two backends side by side.

Each PostgreSQL test gets its own schema (selected through the URL's `options=-c search_path=`),
so tests never see each other's rows and nothing needs CREATE DATABASE rights.
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

PG_ENV = "STORYLINE_TEST_PG"


def _with_search_path(url: str, schema: str) -> str:
    option = quote(f"-c search_path={schema}", safe="")
    return f"{url}{'&' if '?' in url else '?'}options={option}"


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose default schema is new and empty; dropped afterwards."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set (CI sets it; see .ci/run)")
    psycopg = pytest.importorskip("psycopg")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield _with_search_path(base, schema)
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def store_target(request, tmp_path):
    """A store target for each backend: the same test runs against SQLite and PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "s.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def pipeline_ready():
    """The ingest path imports every stage; a missing one must fail the test, not skip it."""
    import storyline.ingest  # noqa: F401
