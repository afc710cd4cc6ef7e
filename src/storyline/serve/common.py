"""Options and helpers shared by the CLI modules."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Annotated, Iterator, NoReturn, Optional

import typer
from rich.console import Console

from storyline.store import Store, StoreError, open_store
from storyline.store.redact import redact

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)  # a failure line is one line, whatever the width

DbOption = Annotated[
    Optional[str],
    typer.Option("--db", envvar="STORYLINE_DB", help="SQLite file or postgresql:// URL (default storyline.db)."),
]


def fail(message: str, code: int = 2) -> NoReturn:
    """Print `storyline: message` (passwords redacted: every CLI error passes here) and exit."""
    err_console.print(f"storyline: {redact(message)}", markup=False)
    raise typer.Exit(code)


@contextmanager
def opened(db: str | None, readonly: bool = False) -> Iterator[Store]:
    try:
        store = open_store(db, readonly=readonly)
    except StoreError as exc:
        fail(str(exc))
    except Exception as exc:  # driver errors: unreadable file, not a database, refused connection
        fail(f"{db or 'storyline.db'}: cannot open store: {exc}")
    try:
        yield store
    finally:
        store.close()
