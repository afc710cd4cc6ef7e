"""Each article's dispute statements as last built, kept in the store (migration 0007).

Building a stored statement means reading its article's quotes, event mentions and mentions and
the records of the entities they name, then classifying its text (`make_statement`): ~0.5 ms a
statement, and a sweep near a few new articles reads every stored statement of their month. Read
back from one JSON row per article it costs a tenth of that.

A row is exactly what a build would give now, or it is gone: it is dropped with its article's
annotations (store.writer.delete_annotations), it is ignored when built with another lexicon or
builder (`version`), and it is dropped when an entity its article mentions changes its name or
side, the two things a statement takes from entity records (dispute_speakers keeps the values
the rows were built with; `speakers_changed` compares). Hand-written: a cache of our own type.
"""

from __future__ import annotations

import dataclasses
import json

from storyline.link.disputes.rules import DisputeLexicon, Statement
from storyline.store import Store

BUILDER = "1"  # bump when what a statement holds, or how it is built from rows, changes
_FIELDS = [f.name for f in dataclasses.fields(Statement)]
_SETS = [i for i, f in enumerate(dataclasses.fields(Statement)) if str(f.type).startswith("frozenset")]
Speaker = tuple[str, str | None]  # an entity's name and side, as statements take them
CHUNK = 500  # ids per IN (...) list
_EMPTY: frozenset[str] = frozenset()


class StatementCache:
    def __init__(self, store: Store, lexicon: DisputeLexicon) -> None:
        self.store = store
        self.version = f"{BUILDER}:{lexicon.fingerprint}"

    def get(self, article_ids: list[str]) -> dict[str, list[Statement]]:
        """The cached statements of these articles (not duplicates), by article."""
        out: dict[str, list[Statement]] = {}
        for chunk in _chunks(sorted(set(article_ids))):
            for r in self.store.rows(
                    "SELECT c.article_id, c.data FROM dispute_statements c JOIN articles a ON a.id = c.article_id "
                    f"WHERE a.duplicate_of IS NULL AND c.version = ? AND c.article_id IN ({_marks(chunk)})",
                    (self.version, *chunk)):
                out[r["article_id"]] = [_decode(row) for row in json.loads(r["data"])]
        return out

    def uncached(self, article_ids: list[str]) -> list[str]:
        """Those of these articles that have no row of this version, sorted."""
        wanted = sorted(set(article_ids))
        have: set[str] = set()
        for chunk in _chunks(wanted):
            have |= {r["article_id"] for r in self.store.rows(
                f"SELECT article_id FROM dispute_statements WHERE version = ? AND article_id IN ({_marks(chunk)})",
                (self.version, *chunk))}
        return [a for a in wanted if a not in have]

    def put(self, built: dict[str, list[Statement]], speakers: dict[str, Speaker]) -> None:
        """Store these articles' statements, built with these entities' names and sides."""
        rows = [(aid, self.version, json.dumps([_encode(s) for s in found], ensure_ascii=False))
                for aid, found in sorted(built.items())]
        for chunk in _chunks([r[0] for r in rows]):
            self.store.execute(f"DELETE FROM dispute_statements WHERE article_id IN ({_marks(chunk)})", tuple(chunk))
        self.store.executemany("INSERT INTO dispute_statements (article_id, version, data) VALUES (?,?,?)", rows)
        ids = sorted(speakers)
        known: set[str] = set()
        for chunk in _chunks(ids):
            known |= {r["entity_id"] for r in self.store.rows(
                f"SELECT entity_id FROM dispute_speakers WHERE entity_id IN ({_marks(chunk)})", tuple(chunk))}
        # a known one holds the same values: a change would have dropped it (speakers_changed)
        self.store.executemany("INSERT INTO dispute_speakers (entity_id, name, side) VALUES (?,?,?)",
                               [(e, *speakers[e]) for e in ids if e not in known])

    def speakers_changed(self, speakers: dict[str, Speaker], dropped: set[str] | None = None) -> int:
        """Entity records are being saved with these names and sides: drop the rows of the
        articles that mention an entity whose values differ from those they were built with.
        Returns how many entities changed; the articles whose rows went are added to `dropped`
        if given (the linker builds them again while it waits, DisputeLinker.entities_saved)."""
        changed = []
        ids = sorted(speakers)
        for chunk in _chunks(ids):
            for r in self.store.rows(
                    f"SELECT entity_id, name, side FROM dispute_speakers WHERE entity_id IN ({_marks(chunk)})",
                    tuple(chunk)):
                if (r["name"], r["side"]) != speakers[r["entity_id"]]:
                    changed.append(r["entity_id"])
        for chunk in _chunks(changed):
            if dropped is not None:
                dropped |= {r["article_id"] for r in self.store.rows(
                    "SELECT article_id FROM dispute_statements WHERE article_id IN "
                    f"(SELECT article_id FROM mentions WHERE entity_id IN ({_marks(chunk)}))", tuple(chunk))}
            self.store.execute(
                "DELETE FROM dispute_statements WHERE article_id IN "
                f"(SELECT article_id FROM mentions WHERE entity_id IN ({_marks(chunk)}))", tuple(chunk))
            self.store.execute(f"DELETE FROM dispute_speakers WHERE entity_id IN ({_marks(chunk)})", tuple(chunk))
        return len(changed)

    def rename_events(self, renamed: dict[str, str]) -> int:
        """Event mentions (by id) now belong to other merged events (link/remerge.py): their
        cached event statements take the new event id, all a build from the rows would change
        (`_from_event`: the statement's id is its mention's event). Returns rows rewritten."""
        kind, key, ident = _FIELDS.index("kind"), _FIELDS.index("key"), _FIELDS.index("id")
        ids = sorted(renamed)
        articles = set()
        for chunk in _chunks(ids):
            articles |= {r["article_id"] for r in self.store.rows(
                f"SELECT article_id FROM event_mentions WHERE id IN ({_marks(chunk)})", tuple(chunk))}
        rows = []
        for chunk in _chunks(sorted(articles)):
            for r in self.store.rows(f"SELECT article_id, data FROM dispute_statements WHERE article_id IN "
                                     f"({_marks(chunk)})", tuple(chunk)):
                data = json.loads(r["data"])
                for row in data:
                    if row[kind] == "event" and row[key] in renamed:
                        row[ident] = renamed[row[key]]
                rows.append((json.dumps(data, ensure_ascii=False), r["article_id"]))
        self.store.executemany("UPDATE dispute_statements SET data = ? WHERE article_id = ?", rows)
        return len(rows)

    def clear(self) -> None:
        self.store.execute("DELETE FROM dispute_statements")
        self.store.execute("DELETE FROM dispute_speakers")


def _encode(s: Statement) -> list:
    row = [getattr(s, f) for f in _FIELDS]
    for i in _SETS:
        row[i] = sorted(row[i])
    return row


def _decode(row: list) -> Statement:
    for i in _SETS:
        row[i] = frozenset(row[i]) if row[i] else _EMPTY  # most sets are empty: one shared
    return Statement(*row)


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]


def _marks(chunk: list[str]) -> str:
    return ",".join("?" * len(chunk))
