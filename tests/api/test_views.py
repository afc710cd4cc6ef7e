"""The overview endpoints under /api/views/: coverage over time, the co-occurrence network, stories with
their events, original-article links (store: tests/web/views_store.py, our own sentences)."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

import views_store  # noqa: E402

from storyline.serve.api import create_app  # noqa: E402
from storyline.serve.api_views import busy_month  # noqa: E402


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def client(request, tmp_path_factory):
    """The same store in SQLite and, when STORYLINE_TEST_PG is set (CI), in a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield TestClient(create_app(str(views_store.build(tmp_path_factory.mktemp("views") / "views.db"))))
        return
    base = os.environ.get("STORYLINE_TEST_PG")
    if not base:
        pytest.skip("STORYLINE_TEST_PG is not set (CI sets it; see .ci/run)")
    psycopg = pytest.importorskip("psycopg")
    schema = f"t_views_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    url = f"{base}{'&' if '?' in base else '?'}options={quote(f'-c search_path={schema}', safe='')}"
    try:
        yield TestClient(create_app(views_store.build(url)))
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_busy_month_is_the_newest_with_a_quarter_of_the_peak():
    assert busy_month({}) is None
    assert busy_month({"1812-06": 1, "2022-01": 100, "2022-02": 200, "2022-03": 60, "2031-05": 1}) == "2022-03"
    assert busy_month({"2022-01": 100, "2022-02": 200, "2022-03": 49}) == "2022-02"
    assert busy_month({"2022-05": 1}) == "2022-05"


def test_coverage_by_type_counts_events_per_month_and_finds_the_busy_month(client):
    data = client.get("/api/views/coverage", params={"by": "type"}).json()
    assert data["periods"][0] == "1812-06" and data["periods"][-1] == "2031-05"
    assert "1900-01" not in data["periods"]  # months with nothing are not padded in
    assert data["busy"] == "2022-03"
    at = data["periods"].index("2022-02")
    assert data["totals"][at] == 201 and sum(s["counts"][at] for s in data["series"]) == 201  # 200 + ev_call
    assert data["total"] == sum(data["totals"]) == 515  # 514 synthetic, ev_call
    assert {s["key"] for s in data["series"]} == {"CONSULT", "ACCUSE", "THREATEN", "SANCTION"}
    only = client.get("/api/views/coverage", params={"by": "type", "type": "accuse", "from": "2022-02", "to": "2022-02"}).json()
    assert [s["key"] for s in only["series"]] == ["ACCUSE"] and only["periods"] == ["2022-02"] and only["total"] == 50


def test_coverage_by_outlet_counts_articles_and_groups_the_rest(client):
    data = client.get("/api/views/coverage", params={"by": "outlet"}).json()
    assert data["periods"] == ["2022-02", "2022-03"]
    assert {s["key"]: s["counts"] for s in data["series"]} == {"测试日报": [1, 1], "环球观察": [1, 0], "表情周刊": [0, 1]}
    top = client.get("/api/views/coverage", params={"by": "outlet", "top": 1}).json()
    assert [s["key"] for s in top["series"]] == ["测试日报", ""] and top["series"][1]["counts"] == [1, 1]
    assert client.get("/api/views/coverage", params={"by": "outlet", "entity": "马克龙"}).json()["total"] == 2


def test_coverage_rejects_bad_filters(client):
    assert client.get("/api/views/coverage", params={"by": "words"}).status_code == 422
    assert client.get("/api/views/coverage", params={"from": "2022-13"}).status_code == 422
    r = client.get("/api/views/coverage", params={"by": "type", "entity": "不存在的人"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "entity"]  # as /api/events says it
    assert client.get("/api/views/coverage", params={"from": "2022-03", "to": "2022-01"}).status_code == 422


def test_network_weights_edges_by_shared_events(client):
    data = client.get("/api/views/network").json()
    names = {n["id"]: n["name"] for n in data["nodes"]}
    assert set(names.values()) == {"拜登", "普京", "马克龙", "佩斯科夫"}
    weights = {frozenset((names[e["source"]], names[e["target"]])): e["weight"] for e in data["edges"]}
    assert weights[frozenset(("拜登", "普京"))] == 66  # 65 synthetic + ev_call
    assert data["edges"][0]["weight"] == max(weights.values())
    putin = next(n for n in data["nodes"] if n["name"] == "普京")
    assert putin["english"] == "Vladimir Putin" and putin["events"] == 66 + 65 + 128
    small = client.get("/api/views/network", params={"limit": 2, "min_weight": 100}).json()
    assert len(small["nodes"]) == 2 and all(e["weight"] >= 100 for e in small["edges"]) and small["note"]


def test_network_of_one_entity_keeps_its_events_only(client):
    data = client.get("/api/views/network", params={"entity": "Vladimir Putin", "type": "CONSULT"}).json()
    names = {n["id"]: n["name"] for n in data["nodes"]}
    assert "普京" in names.values()
    assert all("e_putin" in (e["source"], e["target"]) or e["weight"] == 0 for e in data["edges"])
    assert client.get("/api/views/network", params={"entity": "不存在的人"}).status_code == 422


def test_stories_open_on_the_busy_month_with_their_events(client):
    data = client.get("/api/views/stories").json()
    assert [p["period"] for p in data["periods"]] == ["2022-02", "2022-03"]
    assert data["busy"] == data["period"] == "2022-03"
    (story,) = data["items"]
    assert story["id"] == "st_mar" and story["events_total"] == 3
    assert [e["date"] for e in story["events"]] == sorted(e["date"] for e in story["events"])
    assert "event_ids" not in story
    feb = client.get("/api/views/stories", params={"period": "2022-02", "events": 2}).json()
    assert feb["items"][0]["events_total"] == 4 and len(feb["items"][0]["events"]) == 2
    assert client.get("/api/views/stories", params={"period": "2022-2"}).status_code == 422


def test_links_give_the_web_urls_of_an_events_sources(client):
    (item,) = client.get("/api/views/links", params={"event": "ev_call"}).json()["items"]
    assert item["id"] == "a_call" and item["url"] == views_store.LONG_URL
    assert client.get("/api/views/links", params={"event": "ev_nope"}).status_code == 404


def test_merged_events_pass_corroboration_through(client):
    single, several = (client.get(f"/api/events/ev_syn{i:04d}").json() for i in (512, 511))
    assert single["unconfirmed"] is True and single["corroboration"]["outlets"] == 1
    assert several["unconfirmed"] is False and several["corroboration"]["outlets"] == 2
