"""/api/compare: framing computed once per state of the store, trimmed per feature."""

from __future__ import annotations

from fastapi.testclient import TestClient

from storyline.link.framing import framing_records
from storyline.serve import framing_cache
from storyline.serve.api import create_app
from storyline.store import open_store


def test_compare_matches_framing_and_trims_per_feature(fixture_db):
    client = TestClient(create_app(str(fixture_db)))
    store = open_store(str(fixture_db), readonly=True)
    try:
        every = framing_records(store)
    finally:
        store.close()
    full = client.get("/api/compare", params={"per_feature": 200}).json()
    assert full["total"] == len(every) == len(full["records"]) and full["note"] is None
    one = client.get("/api/compare", params={"per_feature": 1}).json()
    features = {r["feature"] for r in every}
    for f in features:  # exactly the first key of each feature, with all its outlets' records
        first = str(next(r["key"] for r in every if r["feature"] == f))
        assert {str(r["key"]) for r in one["records"] if r["feature"] == f} == {first}
        assert len([r for r in one["records"] if r["feature"] == f]) == \
            len([r for r in every if r["feature"] == f and str(r["key"]) == first])
    assert one["total"] == len(every) and one["note"]


def test_per_feature_is_capped(fixture_db):
    """Issue #29, defect 14: an expensive parameter is refused, not served (5 s CPU before)."""
    client = TestClient(create_app(str(fixture_db)))
    assert client.get("/api/compare", params={"per_feature": 100_000}).status_code == 422
    assert client.get("/api/compare", params={"per_feature": 201}).status_code == 422
    assert client.get("/api/compare", params={"per_feature": 200}).status_code == 200


def test_framing_recomputed_only_when_the_store_changes(fixture_db, monkeypatch):
    calls = []

    def counting(store):
        calls.append(1)
        return framing_records(store)

    monkeypatch.setattr(framing_cache, "framing_records", counting)
    cache = framing_cache.FramingCache()
    store = open_store(str(fixture_db), readonly=True)
    try:
        first = cache.records(store)
        assert cache.records(store) is first and len(calls) == 1
    finally:
        store.close()
    writer = open_store(str(fixture_db))
    with writer.transaction():  # any committed write changes the fingerprint
        writer.execute("UPDATE articles SET title = title || '（更新）' WHERE id = (SELECT MIN(id) FROM articles)")
    writer.close()
    store = open_store(str(fixture_db), readonly=True)
    try:
        cache.records(store)
    finally:
        store.close()
    assert len(calls) == 2
