"""bench/finish.py works through a store's link queue and leaves the same stories as a full ingest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storyline.ingest import ingest
from storyline.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def _stories(db: str) -> list[tuple[str, str]]:
    store = open_store(db, readonly=True)
    try:
        return [(r["story_id"], r["event_id"]) for r in store.rows(
            "SELECT story_id, event_id FROM story_events ORDER BY story_id, event_id")]
    finally:
        store.close()


def test_finish_works_through_a_queue(tmp_path):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    ingest(store, [str(ROOT / "examples")])
    store.close()
    linked = _stories(db)
    store = open_store(db)
    with store.transaction():  # as a killed ingest leaves it: stories gone, their events queued
        n = store.scalar("SELECT COUNT(*) FROM events")
        store.execute("INSERT INTO link_queue (kind, item_id) SELECT 'story', id FROM events")
        store.execute("DELETE FROM story_events")
        store.execute("DELETE FROM stories")
    store.close()
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "finish.py"), "--db", db],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == f"queued {n}" and "done in" in result.stdout
    store = open_store(db, readonly=True)
    try:
        assert store.scalar("SELECT COUNT(*) FROM link_queue") == 0
        assert store.scalar("SELECT COUNT(DISTINCT event_id) FROM story_events") == n  # every event has its story
    finally:
        store.close()
    assert _stories(db) == linked  # the same stories as the ingest made
