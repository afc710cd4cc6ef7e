"""Store stage: one interface over an embedded SQLite file or a PostgreSQL server.

`open_store(target)` picks the backend from the target: a `postgresql://` URL or a file path.
Stages never talk SQL; they hand `Doc`s to `Store.write_doc` and read records back through
`storyline.store.queries`.
"""

from __future__ import annotations

import os

from storyline.store.base import SchemaTooNew, Store, StoreError

DEFAULT_DB = "storyline.db"


def resolve_target(target: str | None) -> str:
    return target or os.environ.get("STORYLINE_DB") or DEFAULT_DB


def open_store(target: str | None = None, readonly: bool = False) -> Store:
    target = resolve_target(target)
    if target.startswith(("postgresql://", "postgres://")):
        from storyline.store.postgres import connect_postgres

        return Store(connect_postgres(target, readonly), "postgres", target, readonly)
    from storyline.store.sqlite import connect_sqlite

    return Store(connect_sqlite(target, readonly), "sqlite", target, readonly)


__all__ = ["open_store", "resolve_target", "Store", "StoreError", "SchemaTooNew", "DEFAULT_DB"]
