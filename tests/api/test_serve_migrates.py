"""`serve` on a store written by an older version: the app migrates it once at start-up
(requests open the store read-only and could not), instead of answering 503."""

from fastapi.testclient import TestClient

from storyline.serve.api import create_app
from storyline.store import open_store
from storyline.store.base import SCHEMA_VERSION


def _age_store(path) -> None:
    """Make a current store look like a schema-v2 one: v3 added only read-side indexes, v4 a
    table created if missing, v5 the stories' period and start columns."""
    store = open_store(str(path))
    with store.transaction():
        for index in ("events_date_id", "events_id_date", "event_actors_entity_event", "quotes_speaker_date"):
            store.execute(f"DROP INDEX IF EXISTS {index}")
        store.execute("DROP INDEX stories_period")
        store.execute("ALTER TABLE stories DROP COLUMN period")
        store.execute("ALTER TABLE stories DROP COLUMN start")
        store.execute("ALTER TABLE story_events DROP COLUMN basis")  # added by v7
        store.execute("ALTER TABLE story_events DROP COLUMN links")  # added by v8
        store.execute("DROP INDEX events_sources")  # added by v10
        store.execute("ALTER TABLE events DROP COLUMN sources")
        store.execute("ALTER TABLE events DROP COLUMN unconfirmed")
        store.execute("ALTER TABLE articles DROP COLUMN published_clue")  # added by v11
        store.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    store.close()


def test_old_store_is_migrated_when_served(tmp_path):
    db = tmp_path / "old.db"
    _age_store(db)
    client = TestClient(create_app(str(db)))
    assert client.get("/api/timeline").status_code == 200
    store = open_store(str(db), readonly=True)
    try:
        assert store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)
        names = {r["name"] for r in store.rows("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        store.close()
    assert "events_date_id" in names


def test_serving_a_missing_store_does_not_create_one(tmp_path):
    db = tmp_path / "absent.db"
    create_app(str(db))
    assert not db.exists()
