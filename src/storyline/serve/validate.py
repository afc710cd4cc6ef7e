"""One validation layer for the filters the CLI and the HTTP API share: dates, event types,
entity types, entities and output formats.

Each check returns the cleaned value or raises FilterError with one line a person can act on.
The CLI prints that line and exits 2; the API answers 422 with the same line as the error's
`msg` (FastAPI's usual validation-error shape, so the documented schema still holds). One text
in both places means a user who tries a filter on the command line and then in the browser (or
a script) is told the same thing.

The accepted event and entity types are package data (data/filters.yaml; a test keeps the event
types equal to the trigger lexicon's). The store target checks look at the file's first bytes
before any driver does, so a text file is "not a storyline database" rather than "needs
migration".
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

from storyline.store.redact import redact

DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
# the shapes a person may type; linear: fixed-length digit runs, one separator class
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_OTHER_SEPARATORS = re.compile(r"(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?")
_SQLITE_MAGIC = b"SQLite format 3\x00"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class FilterError(ValueError):
    """A bad filter value. `field` names it (from, to, type, entity, format...); str() is the
    one-line message shown to the user."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@lru_cache(maxsize=1)  # constant package data: parsed once, not on every API request
def _filters() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(resources.files("storyline.serve").joinpath("data/filters.yaml").read_text(encoding="utf-8"))
    return {key: tuple(values) for key, values in data.items()}


def event_types() -> tuple[str, ...]:
    """The 16 PLOVER types, in PLOVER's order."""
    return _filters()["event_types"]


def lexicon_event_types() -> set[str]:
    """The types the trigger lexicon has blocks for (read by path from the top package:
    importing storyline.extract.events would load its models, ~1 s)."""
    lexicon = resources.files("storyline").joinpath("extract/events/data/triggers.yaml")
    return set(yaml.safe_load(lexicon.read_text(encoding="utf-8"))["types"])


ENTITY_TYPES = _filters()["entity_types"]


def iso_date(value: str | None, field: str = "from") -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar day; None passes through. Other
    spellings (2022/02/01, yesterday) are refused on both sides, with the ISO form suggested
    when the value was a date written differently."""
    if value is None:
        return None
    text = value.strip()
    if not _ISO.fullmatch(text):
        hint = ""
        other = _OTHER_SEPARATORS.fullmatch(text)
        if other:
            hint = f" (write {other.group(1)}-{int(other.group(2)):02d}-{int(other.group(3)):02d})"
        raise FilterError(field, f"bad {field} date {value!r}: use {DATE_FORMS}{hint}")
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        raise FilterError(field, f"bad {field} date {value!r}: no such day in the calendar") from None
    return text


def date_range(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Both ends checked, and `from` not after `to` (compared at the shorter precision, so
    --from 2022-02-20 --to 2022-02 is a valid range)."""
    lo, hi = iso_date(date_from, "from"), iso_date(date_to, "to")
    if lo and hi:
        n = min(len(lo), len(hi))
        if lo[:n] > hi[:n]:
            raise FilterError("from", f"bad date range: from {lo} is after to {hi}")
    return lo, hi


def choice(value: str | None, options: Iterable[str], what: str, field: str) -> str | None:
    """`value` upper-cased if it is one of `options` (matched case-insensitively)."""
    if value is None:
        return None
    options = tuple(options)
    up = value.strip().upper()
    if up not in options:
        raise FilterError(field, f"unknown {what} {value!r}; choose one of {', '.join(options)}")
    return up


def event_type(value: str | None, field: str = "type") -> str | None:
    return choice(value, event_types(), "event type", field)


def entity_type(value: str | None, field: str = "type") -> str | None:
    return choice(value, ENTITY_TYPES, "entity type", field)


def one_of(value: str | None, options: Iterable[str], what: str, field: str) -> str | None:
    """One of `options`, exactly (lower-case words: jsonl, csv; title, sentence, quote)."""
    if value is None:
        return None
    options = tuple(options)
    if value not in options:
        raise FilterError(field, f"unknown {what} {value!r}; choose one of {', '.join(options)}")
    return value


def output_format(value: str, options: Iterable[str], field: str = "format") -> str:
    return one_of(value, options, "format", field)


def search_kind(value: str | None, options: Iterable[str], field: str = "kind") -> str | None:
    """A search span kind (store.search.KINDS: passed in, that module is slow to import)."""
    return one_of(value, options, "kind", field)


def entity_ids(store, name: str | None, field: str = "entity") -> list[str] | None:
    """The stored entities `name` denotes (any alias, the English name, a gazetteer variant such
    as 普丁 for 普京); None for no filter; FilterError when nothing matches, because an empty
    list for a misspelt name looks like "no events" when it means "no such person"."""
    if name is None:
        return None
    from storyline.store import queries

    ids = queries.entity_ids_for(store, name)
    if not ids:
        raise FilterError(field, no_entity(name))
    return ids


def no_entity(name: str) -> str:
    return f"no entity named {name!r}"


def store_target(target: str, readonly: bool) -> None:
    """Refuse a target no backend can open, before a driver gives a misleading reason: a URL of
    another database (mysql://...) and a file that is not a SQLite database, or a SQLite
    database some other program wrote."""
    if "://" in target and not target.startswith(POSTGRES_SCHEMES):
        raise FilterError("db", f"unsupported store URL {redact(target)!r}: give a SQLite file path or a "
                                "postgresql:// URL")
    if target.startswith(POSTGRES_SCHEMES):
        return
    path = Path(target)
    if not path.is_file():
        return  # missing: the store says what to do (ingest first, or the folder is missing)
    with open(path, "rb") as fh:
        head = fh.read(len(_SQLITE_MAGIC))
    if not head:
        if readonly:
            raise FilterError("db", f"{target}: empty file, not a storyline database (run `storyline ingest` first)")
        return  # an empty file becomes a new store
    if head != _SQLITE_MAGIC:
        raise FilterError("db", f"{target}: not a storyline database (not a SQLite file)")
    if not _has_storyline_tables(path):
        raise FilterError("db", f"{target}: not a storyline database (a SQLite file without storyline's tables)")


def _has_storyline_tables(path: Path) -> bool:
    """A SQLite file with tables but no `meta` table was written by another program; an empty
    database (no tables yet) is fine: the store migrates it."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return not names or "meta" in names
