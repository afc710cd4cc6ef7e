"""A read-only store cannot be changed, on either backend (issue #29, defect 10).

Before the fix `open_store(url, readonly=True)` never passed `readonly` to the PostgreSQL
connection, so `serve`'s per-request stores and `export` could write on PostgreSQL.
"""

from __future__ import annotations

import pytest

from storyline.store import open_store


def test_readonly_store_refuses_writes(store_target):
    open_store(store_target).close()  # create and migrate
    store = open_store(store_target, readonly=True)
    try:
        assert store.scalar("SELECT COUNT(*) FROM articles") == 0  # reads work
        for statement in ("INSERT INTO meta (key, value) VALUES ('x', 'y')", "DELETE FROM meta",
                          "CREATE TABLE intruder (x TEXT)"):
            with pytest.raises(Exception):
                with store.transaction():
                    store.execute(statement)
    finally:
        store.close()
    store = open_store(store_target)
    try:
        assert store.scalar("SELECT COUNT(*) FROM meta WHERE key = 'schema_version'") == 1
        assert store.scalar("SELECT COUNT(*) FROM meta WHERE key = 'x'") == 0
    finally:
        store.close()
