"""PostgreSQL connection set-up (psycopg 3), the shared store of a multi-node deployment.

`Store` issues BEGIN/COMMIT/ROLLBACK itself, exactly as with SQLite, so the connection runs in
autocommit mode: psycopg's own implicit transactions would otherwise wrap every statement and
turn the explicit BEGIN into a nested-transaction warning. The migrations and queries are
written in the SQL common to both backends; this module only connects and reports errors in
the store's own terms.
"""

from __future__ import annotations

from storyline.store.base import StoreError
from storyline.store.redact import redact


def connect_postgres(url: str, readonly: bool = False):
    try:
        import psycopg
    except ImportError as exc:  # optional dependency: say how to get it rather than a traceback
        raise StoreError("PostgreSQL needs psycopg: pip install 'storyline[pg]'") from exc
    try:
        conn = psycopg.connect(url, autocommit=True)
    except psycopg.Error as exc:
        # libpq may quote the whole URI in its message: the message is redacted, not only the URL
        raise StoreError(redact(f"{url}: cannot connect to PostgreSQL: {' '.join(str(exc).split())}")) from exc
    if readonly:
        # Same guarantee as SQLite's mode=ro: a read-only command can never change the store.
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    return conn

