"""Stories are bounded to a calendar month; a thread that goes on is found again month by month."""

from __future__ import annotations

import sqlite3

from storyline.link.stories import StoryLinker
from storyline.link.stories.reads import story_for_event
from storyline.store import open_store
from storyline.store.base import SCHEMA_VERSION

from .test_stories import _event, _save


def _article(store, aid, published):
    with store.transaction():
        store.execute("INSERT INTO articles (id, source_key, path, format, published, paragraphs, content_hash) "
                      "VALUES (?,?,?,?,?,?,?)", (aid, aid, f"{aid}.txt", "text", published, "[]", aid))


def _stories(store):
    return sorted(sorted(r["event_id"] for r in store.rows(
        "SELECT event_id FROM story_events WHERE story_id = ?", (sid,)))
        for sid in [r["id"] for r in store.rows("SELECT id FROM stories")])


def test_a_thread_is_cut_at_the_month_and_found_again(store):
    jan = _event("ev1", "2022-01-28", ["pu", "bi"], ["a1"])
    feb = _event("ev2", "2022-02-03", ["pu", "bi"], ["a2"])  # related to ev1 (6 days, same pair)
    feb2 = _event("ev3", "2022-02-09", ["pu", "bi", "ma"], ["a3"])
    mar = _event("ev4", "2022-03-02", ["ma", "ze"], ["a4"])  # shares one actor only: not a continuation
    _save(store, jan, feb, feb2, mar)
    with store.transaction():
        written = StoryLinker(store).update({"ev1", "ev2", "ev3", "ev4"})
    assert sorted(s["period"] for s in written) == ["2022-01", "2022-02", "2022-03"]
    assert _stories(store) == [["ev1"], ["ev2", "ev3"], ["ev4"]]
    assert store.scalar("SELECT period FROM stories WHERE id = ?", (written[0]["id"],)) == written[0]["period"]
    thread = story_for_event(store, "ev2")
    assert [p["period"] for p in thread["previous"]] == ["2022-01"]
    assert thread["previous"][0]["id"] == story_for_event(store, "ev1")["id"]
    assert thread["next"] == []  # March's story is 马克龙 and 泽连斯基: not the same lead actors
    assert [p["period"] for p in story_for_event(store, "ev1")["next"]] == ["2022-02"]


def test_a_thread_is_found_again_across_a_quiet_month(store):
    dec = _event("ev1", "2021-12-20", ["pu", "bi"], ["a1"])
    feb = _event("ev2", "2022-02-03", ["pu", "bi", "ma"], ["a2"])
    far = _event("ev3", "2022-07-01", ["pu", "bi"], ["a3"])  # five months on: too far to call it the same thread
    _save(store, dec, feb, far)
    with store.transaction():
        StoryLinker(store).update({"ev1", "ev2", "ev3"})
    thread = story_for_event(store, "ev2")
    assert [p["period"] for p in thread["previous"]] == ["2021-12"] and thread["next"] == []
    from typer.testing import CliRunner

    from storyline.serve.cli import app

    out = CliRunner().invoke(app, ["story", "ev2", "--db", store.target])
    assert out.exit_code == 0, out.output
    assert "continued from 2021-12:" in out.stdout and "storyline story ev1" in out.stdout


def test_undated_event_takes_its_reports_publication_month(store):
    _article(store, "a1", "2022-03-01T08:00:00+08:00")
    dated = _event("ev1", "2022-02-27", ["pu"], ["a1"])  # the report, published in March, of February talks
    undated = _event("ev2", None, ["pu"], ["a1"])
    _save(store, dated, undated)
    with store.transaction():
        StoryLinker(store).update({"ev1", "ev2"})
    assert _stories(store) == [["ev1"], ["ev2"]]
    assert store.scalar("SELECT period FROM stories WHERE id = (SELECT story_id FROM story_events "
                        "WHERE event_id = 'ev2')") == "2022-03"


def test_undated_event_without_publication_date_moves_to_an_earlier_month(store):
    later = _event("ev3", "2022-03-05", ["pu"], ["a1"])
    undated = _event("ev2", None, ["pu"], ["a1"])
    _save(store, later, undated)
    linker = StoryLinker(store)
    with store.transaction():
        linker.update({"ev2", "ev3"})
    assert _stories(store) == [["ev2", "ev3"]]
    earlier = _event("ev1", "2022-02-26", ["pu"], ["a1"])  # the same report also tells of February
    _save(store, earlier)
    with store.transaction():
        linker.update({"ev1"})
    # the undated event goes with the earliest month it is related to; March keeps its own event
    assert _stories(store) == [["ev1", "ev2"], ["ev3"]]
    assert store.scalar("SELECT COUNT(*) FROM story_events") == 3
    with store.transaction():  # a fresh linker on the same store agrees
        StoryLinker(store).update({"ev1", "ev2", "ev3"})
    assert _stories(store) == [["ev1", "ev2"], ["ev3"]]


def test_v4_store_gets_periods_and_queues_its_stories(tmp_path):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    with store.transaction():
        store.execute("INSERT INTO stories (id, record) VALUES ('st1', '{}')")
        store.execute("INSERT INTO story_events (story_id, event_id) VALUES ('st1', 'ev1')")
    store.close()
    conn = sqlite3.connect(db)  # as a v4 store was: no period column, nothing queued
    conn.execute("DROP INDEX stories_period")
    conn.execute("ALTER TABLE stories DROP COLUMN period")
    conn.execute("ALTER TABLE stories DROP COLUMN start")
    conn.execute("ALTER TABLE story_events DROP COLUMN basis")  # added by v7
    conn.execute("ALTER TABLE story_events DROP COLUMN links")  # added by v8
    conn.execute("DROP INDEX events_sources")  # added by v10
    conn.execute("ALTER TABLE events DROP COLUMN sources")
    conn.execute("ALTER TABLE events DROP COLUMN unconfirmed")
    conn.execute("ALTER TABLE articles DROP COLUMN published_clue")  # added by v11
    conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    store = open_store(db)
    assert store.schema_version() == SCHEMA_VERSION
    assert [r["item_id"] for r in store.rows("SELECT item_id FROM link_queue WHERE kind = 'story'")] == ["ev1"]
    assert store.scalar("SELECT period FROM stories") is None
    store.close()


def test_story_list_pages_by_first_date(store):
    events = [_event(f"ev{n}", date, ["pu", "bi"], [f"a{n}"]) for n, date in
              enumerate(["2022-03-02", "2022-01-10", None, "2022-02-03"])]
    _save(store, *events)
    with store.transaction():
        StoryLinker(store).update({e["id"] for e in events})
    from fastapi.testclient import TestClient

    from storyline.serve.api import create_app

    client = TestClient(create_app(store.target))
    whole = client.get("/api/stories").json()
    assert whole["total"] == 4 and [s["start"] for s in whole["items"]] == ["2022-01-10", "2022-02-03", "2022-03-02", None]
    page = client.get("/api/stories", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 4 and [s["id"] for s in page["items"]] == [s["id"] for s in whole["items"][1:3]]
