"""API safety beyond tests/api: hostile values through EVERY parameter the OpenAPI schema declares.

tests/api already checks a hand-picked list of filters, the 403s of /api/ingest and the read-only
store. Here the parameters are enumerated from /openapi.json, so a filter added later is covered
without editing this file: SQL-injection strings never give a 5xx and leave every table's row count
unchanged; a 2 000-character value is refused (4xx) by every parameter; the upload stays refused
for tokens that are almost right.
"""

from __future__ import annotations

import sys
import warnings
from urllib.parse import quote
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from storyline.serve.api import create_app  # noqa: E402
from tests.reliability.helpers import table_counts  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
import fixture_store  # noqa: E402  (tests/api/fixture_store.py: a store of our own sentences)

INJECTIONS = ["' OR 1=1 --", "'; DELETE FROM articles; --", "1; DROP TABLE entities", "\" OR \"\"=\"",
              "x' UNION SELECT name, sql FROM sqlite_master --", "%' AND 1=(SELECT COUNT(*) FROM quotes) --",
              "普京'); DROP TABLE events; --", "\x00", "../../etc/passwd"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = fixture_store.build(tmp_path_factory.mktemp("safety") / "fixture.db")
    return db, TestClient(create_app(str(db)))


def _operations(client: TestClient) -> list[tuple[str, list[dict]]]:
    """(path template, parameters) of every GET under /api/."""
    paths = client.get("/openapi.json").json()["paths"]
    return [(path, ops["get"].get("parameters", [])) for path, ops in sorted(paths.items())
            if path.startswith("/api/") and "get" in ops]


def _url(path: str, params: list[dict], name: str | None, value: str) -> tuple[str, dict]:
    query = {}
    for p in params:
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", value if p["name"] == name else "x")
        elif p["name"] == name:
            query[name] = value
        elif p.get("required"):
            query[p["name"]] = "普京"
    return path, query


def test_every_parameter_resists_injection(served):
    db, client = served
    before = table_counts(db)
    checked = 0
    for path, params in _operations(client):
        for p in params:
            for evil in INJECTIONS:
                url, query = _url(path, params, p["name"], quote(evil, safe="") if p["in"] == "path" else evil)
                r = client.get(url, params=query)
                assert r.status_code < 500, (url, query, r.status_code, r.text[:200])
                checked += 1
    assert checked > 100  # the schema really listed the filters
    assert table_counts(db) == before


def test_every_parameter_refuses_oversize_values(served):
    _, client = served
    huge = "长" * 2_000  # every declared max_length is <= 400
    for path, params in _operations(client):
        for p in params:
            url, query = _url(path, params, p["name"], quote(huge, safe="") if p["in"] == "path" else huge)
            r = client.get(url, params=query)
            assert 400 <= r.status_code < 500, (path, p["name"], r.status_code)


@pytest.mark.parametrize("headers,query", [
    ({"Authorization": "s3cret"}, {}),                  # no scheme
    ({"Authorization": "Bearer S3CRET"}, {}),           # wrong case
    ({"Authorization": "Bearer s3cre"}, {}),            # prefix of the token
    ({"Authorization": "Bearer s3cretX"}, {}),          # token plus more
    ({"Authorization": "Basic czNjcmV0Og=="}, {}),      # another scheme
    ({}, {"token": "s3cret"}),                          # token in the query string
    ({"X-Token": "s3cret"}, {}),
])
def test_upload_refused_for_almost_right_tokens(tmp_path, headers, query):
    db = fixture_store.build(tmp_path / "fixture.db")
    before = table_counts(db)
    client = TestClient(create_app(str(db), token="s3cret"))
    files = {"files": ("a.md", "---\ntitle: 测试\n---\n\n外交部发言人表示欢迎。\n".encode(), "text/markdown")}
    r = client.post("/api/ingest", files=files, headers=headers, params=query)
    assert r.status_code in (401, 403), r.status_code
    assert table_counts(db) == before
