"""The OpenAPI schema says what the API does (issue #29, defect 15).

Before the fix, date parameters had no format or pattern, event and entity types no enum, and
the routes that look one record up did not document their 404 (schemathesis reported each).
The schema is checked here directly; test_schemathesis.py lets schemathesis generate requests
from it and check every response against it (CI installs it with the test extra).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.serve.api import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
import fixture_store  # noqa: E402


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(str(fixture_store.build(tmp_path_factory.mktemp("oa") / "fixture.db")))


def _params(schema: dict) -> dict[tuple[str, str], dict]:
    out = {}
    for path, ops in schema["paths"].items():
        for op in ops.values():
            for p in op.get("parameters", []):
                s = p["schema"]
                out[(path, p["name"])] = next((a for a in s.get("anyOf", []) if a.get("type") == "string"), s)
    return out


def test_dates_types_and_404s_are_in_the_schema(app):
    schema = TestClient(app).get("/openapi.json").json()
    params = _params(schema)
    dates = [v for (_, name), v in params.items() if name in ("from", "to")]
    assert dates and all(re.fullmatch(v["pattern"], "2022-02") and not re.fullmatch(v["pattern"], "2022-2")
                         for v in dates)
    types = {path: v["enum"] for (path, name), v in params.items() if name == "type"}
    assert types["/api/events"][:2] == ["AGREE", "CONSULT"] and len(types["/api/events"]) == 16
    assert types["/api/entities"] == ["PERSON", "ORG", "GPE", "LOC"]
    for path in ("/api/articles/{article_id}", "/api/entities/{name}", "/api/events/{event_id}"):
        assert "404" in schema["paths"][path]["get"]["responses"], path
    client = TestClient(app)
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/events", params={"from": "2022-2"}).status_code == 422

