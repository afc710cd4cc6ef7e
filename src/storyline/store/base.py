"""Connection wrapper shared by both backends: placeholders, transactions, migrations.

Migrations are numbered SQL files in `migrations/`, written in SQL both backends accept. The
version lives in table `meta`; a database whose version is newer than this code knows is
refused untouched (SchemaTooNew) rather than half-understood.
"""

from __future__ import annotations

import os
import re
import time
from contextlib import contextmanager
from importlib import resources
from typing import Any, Callable, Iterator

from storyline.store import storable
from storyline.store.redact import redact


class StoreError(Exception):
    """A store problem with a user-facing message."""


class SchemaTooNew(StoreError):
    pass


def refuses_record(exc: BaseException) -> bool:
    """True when the driver refused one record's values (bad data, a constraint, a value too
    big for an index), not the store as a whole (full disk, lock, lost connection): such an
    error costs that record only (ingest._store_doc)."""
    if isinstance(exc, UnicodeError):
        return True
    kind = type(exc)
    names = {k.__name__ for k in kind.__mro__}
    module = kind.__module__.split(".")[0]
    if module == "sqlite3":
        return bool(names & {"DataError", "IntegrityError"})
    if module == "psycopg":
        return bool(names & {"DataError", "IntegrityError", "ProgramLimitExceeded"})
    return False


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("storyline.store") / "migrations"
    found = []
    for item in folder.iterdir():
        match = re.match(r"(\d+)_.*\.sql$", item.name)
        if match:
            found.append((int(match.group(1)), item.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(v for v, _ in _migrations())


class Store:
    def __init__(self, conn: Any, dialect: str, target: str, readonly: bool = False) -> None:
        self.conn = conn
        self.dialect = dialect
        self.target = target
        self.readonly = readonly
        self._in_tx = False
        self._migrate()

    @property
    def label(self) -> str:
        """The target for messages: a PostgreSQL URL without its password (store/redact.py)."""
        return redact(self.target)

    # -- SQL helpers -------------------------------------------------------------------------
    def sql(self, query: str) -> str:
        return query.replace("?", "%s") if self.dialect == "postgres" else query

    def execute(self, query: str, params: tuple | list = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self.sql(query), storable.params(params))  # no NUL / lone surrogate reaches a driver
        return cur

    def executemany(self, query: str, rows: list[tuple]) -> None:
        if rows:
            self.conn.cursor().executemany(self.sql(query), storable.rows(rows))

    def rows(self, query: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        cur = self.execute(query, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def rows_in(self, query: str, ids, size: int = 500) -> list[dict[str, Any]]:
        """`rows` of a query whose one `IN ({in})` takes `ids`, asked `size` at a time (SQLite caps the
        parameters of one statement); rows come chunk by chunk in the order of `ids`."""
        ids = list(ids)
        out: list[dict[str, Any]] = []
        for n in range(0, len(ids), size):
            chunk = ids[n:n + size]
            out += self.rows(query.replace("{in}", ",".join("?" * len(chunk))), tuple(chunk))
        return out

    def iter_rows(self, query: str, params: tuple | list = (), size: int = 5000) -> Iterator[dict[str, Any]]:
        """`rows`, a few thousand at a time: for reading a whole table without holding it (2.3M
        mention rows as dicts are ~1 GB). Do not write through this store while iterating."""
        cur = self.execute(query, params)
        names = [d[0] for d in cur.description]
        while True:
            batch = cur.fetchmany(size)
            if not batch:
                return
            for row in batch:
                yield dict(zip(names, row))

    def scalar(self, query: str, params: tuple | list = ()) -> Any:
        row = self.execute(query, params).fetchone()
        return row[0] if row else None

    @property
    def in_transaction(self) -> bool:
        return self._in_tx

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit: a killed ingest leaves either all of a batch or none of it."""
        if self._in_tx:
            yield
            return
        self.execute("BEGIN")
        self._in_tx = True
        try:
            yield
        except BaseException:
            try:
                self.execute("ROLLBACK")
            except Exception:  # SQLite already rolled back (e.g. "database or disk is full"): keep that error
                pass
            raise
        else:
            self.execute("COMMIT")
        finally:
            self._in_tx = False

    @contextmanager
    def savepoint(self, name: str = "record") -> Iterator[None]:
        """A part of the open transaction that can fail alone: on an error it is rolled back to
        where it began (the transaction stays usable) and the error propagates. If the driver
        already ended the whole transaction (SQLite on a full disk), the original error goes on."""
        self.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            try:
                self.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.execute(f"RELEASE SAVEPOINT {name}")
            except Exception:  # the transaction is gone; the caller's handler sees the first error
                pass
            raise
        else:
            self.execute(f"RELEASE SAVEPOINT {name}")

    @contextmanager
    def writer_lock(self, on_wait: Callable[[str], None] | None = None, poll: float = 0.25) -> Iterator[None]:
        """Held by an ingest from start to end, so two ingests into one store run one after the
        other: interleaved, the loser's batch failed with "database is locked" half-way and left
        queued link items behind. A waiting ingest calls `on_wait(message)` once, then waits.
        The lock dies with its holder, even under SIGKILL: an OS file lock beside a SQLite file
        (`<file>.ingest-lock`), a session advisory lock on PostgreSQL (per schema)."""
        acquire, release = self._pg_lock() if self.dialect == "postgres" else self._file_lock()
        told = False
        while not acquire():
            if not told and on_wait is not None:
                on_wait(f"{self.label}: another ingest is writing to this store; waiting for it to finish")
                told = True
            time.sleep(poll)
        try:
            yield
        finally:
            release()

    def _pg_lock(self):
        key = "SELECT hashtext('storyline-ingest:' || current_schema())"
        lock_id = self.scalar(key)
        return (lambda: bool(self.scalar("SELECT pg_try_advisory_lock(?)", (lock_id,))),
                lambda: self.scalar("SELECT pg_advisory_unlock(?)", (lock_id,)))

    def _file_lock(self):
        import fcntl

        fd = os.open(f"{self.target}.ingest-lock", os.O_RDWR | os.O_CREAT, 0o644)

        def acquire() -> bool:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                return False

        def release() -> None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        return acquire, release

    def close(self) -> None:
        self.conn.close()

    # -- schema ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        try:
            value = self.scalar("SELECT value FROM meta WHERE key = 'schema_version'")
        except Exception:  # no meta table yet: a fresh database
            if self.dialect == "postgres":
                self.conn.rollback()
            return 0
        return int(value) if value is not None else 0

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"{self.label}: database schema v{current} is newer than this storyline "
                f"(knows up to v{SCHEMA_VERSION}); upgrade storyline. The database was not changed."
            )
        if current == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError(f"{self.label}: database needs migration; open it once read-write")
        with self.transaction():
            self.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            for version, script in _migrations():
                if version <= current:
                    continue
                for statement in _statements(script):
                    self.execute(statement)
            self.execute("DELETE FROM meta WHERE key = 'schema_version'")
            self.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


def _statements(script: str) -> list[str]:
    body = "\n".join(line for line in script.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]
