"""Paging in SQL for the timeline, events and entity profiles: the pages, counts and date ranges
must be exactly what filtering the whole table in Python gives, and the queries must run on the
read indexes (migration 0003) rather than reading and sorting whole tables."""

from __future__ import annotations

import itertools
import warnings

import pytest

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from storyline.serve.api import create_app  # noqa: E402
from storyline.store import linked, open_store, profiles  # noqa: E402

DATES = ["2021", "2021-12", "2021-12-31", "2022", "2022-01", "2022-01-31", "2022-02", "2022-02-01", "2022-02-12",
         "2022-02-28", "2022-03", "2022-03-01", "2022-10-05", "2023", "2023-01-01", None, None]


def _prefix_ok(date: str | None, date_from: str | None, date_to: str | None) -> bool:
    """The rule of the CLI and API, written the obvious way: compare over the common prefix."""
    if date is None:
        return not (date_from or date_to)
    n_from = min(len(date), len(date_from or ""))
    n_to = min(len(date), len(date_to or ""))
    return (not date_from or date[:n_from] >= date_from[:n_from]) and (not date_to or date[:n_to] <= date_to[:n_to])


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "paging.db"
    store = open_store(str(path))
    with store.transaction():
        store.executemany("INSERT INTO mentions (article_id, paragraph, start_pos, end_pos, text, type, entity_id) "
                          "VALUES (?,?,?,?,?,?,?)", [("a", i, 0, 1, "甲", "PERSON", "e_a") for i in range(9)]
                          + [("a", 0, 2, 3, "乙", "PERSON", "e_b")])
        linked.save_entities(store, [{"id": "e_a", "name": "甲", "type": "PERSON", "aliases": ["甲", "甲先生"],
                                      "english": None, "roles": [], "mentions": 9, "articles": 3},
                                     {"id": "e_b", "name": "乙", "type": "PERSON", "aliases": ["乙"],
                                      "english": None, "roles": [], "mentions": 1, "articles": 1}])
        for i, date in enumerate(DATES):
            actors = [{"entity_id": "e_a" if i % 2 == 0 else "e_b", "name": "甲" if i % 2 == 0 else "乙",
                       "role": "source"}]
            linked.save_event(store, {"id": f"ev{i:02d}", "type": "CONSULT" if i % 3 else "ACCUSE", "date": date,
                                      "actors": actors, "mentions": [{"article_id": "a", "paragraph": i, "start": 0,
                                                                          "end": 4, "text": f"会谈{i}"}]})
            store.execute(
                "INSERT INTO quotes (id, article_id, paragraph, start_pos, end_pos, text, cue, direct, stance, "
                "speaker_name, speaker_entity_id, via, date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (f"q{i:02d}", "a", i, 0, 4, f"说法{i}", "表示", 0, "assert", "甲", "e_a", None, date))
    store.close()
    return path


def test_date_ranges_in_sql_match_the_prefix_rule(db):
    store = open_store(str(db), readonly=True)
    bounds = [None, "2021", "2022", "2022-01", "2022-02", "2022-02-01", "2022-02-12", "2022-02-28", "2022-09",
              "2022-09-30", "2022-12", "2023-01-01", "2029"]
    try:
        for date_from, date_to in itertools.product(bounds, bounds):
            got = [e["id"] for e in profiles.filter_events(store, date_from=date_from, date_to=date_to)]
            want = [f"ev{i:02d}" for i, d in sorted(enumerate(DATES), key=lambda x: (x[1] is None, x[1] or "", x[0]))
                    if _prefix_ok(d, date_from, date_to)]
            assert got == want, (date_from, date_to)
            dated, undated = profiles.count_events(store, date_from=date_from, date_to=date_to)
            assert dated + undated == len(want) and undated == (2 if not (date_from or date_to) else 0)
    finally:
        store.close()


def test_timeline_pages_are_slices_of_the_whole(db):
    client = TestClient(create_app(str(db)))
    whole = client.get("/api/timeline").json()
    assert whole["total"] == 15 and whole["undated"] == 2 and whole["offset"] == 0
    dates = [e["date"] for e in whole["items"]]
    assert dates == sorted(dates) and None not in dates
    pages = [client.get("/api/timeline", params={"limit": 4, "offset": o}).json() for o in range(0, 16, 4)]
    assert all(p["total"] == 15 and p["limit"] == 4 for p in pages)
    assert [e["id"] for p in pages for e in p["items"]] == [e["id"] for e in whole["items"]]
    feb = client.get("/api/timeline", params={"entity": "甲先生", "from": "2022-02", "to": "2022-02"}).json()
    assert [e["date"] for e in feb["items"]] == ["2022-02", "2022-02-12"] and feb["total"] == 2
    assert client.get("/api/timeline", params={"entity": "无名"}).status_code == 422  # unknown entity: a bad filter


def test_events_page_total_counts_every_match(db):
    client = TestClient(create_app(str(db)))
    page = client.get("/api/events", params={"limit": 5, "offset": 10}).json()
    assert page["total"] == 17 and [e["id"] for e in page["items"]] == [f"ev{i}" for i in range(10, 15)]
    accuse = client.get("/api/events", params={"type": "accuse"}).json()
    assert accuse["total"] == len(range(0, 17, 3)) and {e["type"] for e in accuse["items"]} == {"ACCUSE"}


def test_profile_shows_the_most_recent_items_with_totals(db):
    client = TestClient(create_app(str(db)))
    prof = client.get("/api/entities/甲先生", params={"limit": 3}).json()
    assert prof["id"] == "e_a" and prof["events_total"] == 9 and prof["quotes_total"] == 17
    assert [e["date"] for e in prof["events"]] == ["2023-01-01", "2022-10-05", "2022-03"]
    assert [q["date"] for q in prof["quotes"]] == ["2023-01-01", "2023", "2022-10-05"]
    assert all(q["speaker"]["name"] == "甲" for q in prof["quotes"])
    everything = client.get("/api/entities/甲", params={"limit": 500}).json()
    assert len(everything["events"]) == 9 and everything["events"][-1]["date"] is None  # undated after the dated
    assert len(everything["quotes"]) == 17 and [q["date"] for q in everything["quotes"][-2:]] == [None, None]
    store = open_store(str(db), readonly=True)
    try:  # the CLI's profile: everything, oldest first
        full = profiles.entity_profile(store, "e_a")
    finally:
        store.close()
    assert [e["id"] for e in full["events"]] == [e["id"] for e in profiles_sorted(everything["events"])]
    assert len(full["quotes"]) == 17 and full["quotes"][0]["date"] == "2021"


def profiles_sorted(events: list[dict]) -> list[dict]:
    return sorted(events, key=lambda e: (e["date"] is None, e["date"] or "", e["id"]))


def test_pages_are_chosen_on_indexes(db):
    store = open_store(str(db), readonly=True)

    def plan(sql: str, params: list) -> str:
        return " | ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, params))

    try:
        timeline = plan("SELECT id FROM events WHERE date IS NOT NULL AND date >= ? AND date < ? ORDER BY date, id "
                        "LIMIT 10", ["2022", "2022-03"])
        assert "COVERING INDEX events_date_id" in timeline and "TEMP B-TREE" not in timeline
        quotes = plan("SELECT * FROM quotes WHERE speaker_entity_id = ? AND date IS NOT NULL "
                      "ORDER BY date DESC, id DESC LIMIT 10", ["e_a"])
        assert "INDEX quotes_speaker_date" in quotes and "TEMP B-TREE" not in quotes
    finally:
        store.close()


def test_entities_page_sorted_filtered_and_counted_in_sql(db):
    client = TestClient(create_app(str(db)))
    page = client.get("/api/entities", params={"limit": 1}).json()
    assert page["total"] == 2 and [e["id"] for e in page["items"]] == ["e_a"]  # 9 mentions before 1
    assert [e["id"] for e in client.get("/api/entities", params={"limit": 1, "offset": 1}).json()["items"]] == ["e_b"]
    assert client.get("/api/entities", params={"limit": 1, "offset": 5}).json() == {
        "total": 2, "limit": 1, "offset": 5, "items": []}
    by_alias = client.get("/api/entities", params={"q": "先生"}).json()
    assert by_alias["total"] == 1 and by_alias["items"][0]["name"] == "甲"
    assert client.get("/api/entities", params={"type": "org"}).json()["total"] == 0
