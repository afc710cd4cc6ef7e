"""Rebuilding stored dispute records from the stored graph state (link.disputes.state).

Given the statement keys whose label or best claim changed (or that were removed), every stored
record that mentions one of them is deleted, and every cluster they belong to, or that such a
record belonged to, is rebuilt from the rows naming it: its claims by label, their counters by
best claim (one record per camp, see dispute_graph). Split from the linker to keep each file
readable.
"""

from __future__ import annotations

import json
from typing import Callable

from storyline.link.disputes.index import StatementIndex, camp
from storyline.link.disputes.records import _record
from storyline.link.disputes.rules import Statement
from storyline.link.disputes.state import DisputeState, Node
from storyline.store import Store
from storyline.store.writer import dumps


class DisputeWriter:
    def __init__(self, store: Store, state: DisputeState, statements_of: Callable[[list[str]], list[Statement]],
                 index: StatementIndex | None = None, enabled: bool = True) -> None:
        """`statements_of(article ids)` builds statements; `index`, if given, holds some already;
        `enabled` False: persist nothing (the caller keeps the records it has)."""
        self.store = store
        self.state = state
        self._statements_of = statements_of
        self._index = index
        self.enabled = enabled

    def persist(self, keys: set[str], articles: set[str]) -> None:
        """Replace the stored disputes of every cluster `keys` touch (`articles`: where keys that
        have no node any more were, so their records are found too)."""
        if not self.enabled:
            return
        keys, labels = set(keys), set()
        done_keys: set[str] = set()
        done_labels: set[str] = set()
        while keys - done_keys or labels - done_labels:
            todo = keys - done_keys
            done_keys |= todo
            nodes = self.state.nodes(todo)
            labels |= self._labels_of(nodes.values())
            for rec in self._stale(todo, articles | {n.article_id for n in nodes.values()}):
                keys |= {m["key"] for m in rec["mentions"]}
            articles = set()  # searched once; later rounds search the articles of new keys
            fresh = labels - done_labels
            done_labels |= fresh
            members = self.state.members(fresh)
            claims = {n.key for ns in members.values() for n in ns}
            keys |= claims | {n.key for ns in self.state.backers(claims).values() for n in ns}
        self._rebuild(sorted(labels))

    def _labels_of(self, nodes) -> set[str]:
        nodes = list(nodes)
        out = {n.label for n in nodes if n.role == "claim" and n.label}
        bests = {n.best for n in nodes if n.best}
        return out | {n.label for n in self.state.nodes(bests).values() if n.label}

    def _stale(self, keys: set[str], articles: set[str]) -> list[dict]:
        """Delete and return the stored records of these articles that mention one of `keys`."""
        found = []
        arts = sorted(articles)
        for i in range(0, len(arts), 500):
            chunk = arts[i:i + 500]
            for row in self.store.rows(
                    "SELECT DISTINCT d.id, d.record FROM disputes d JOIN dispute_articles x ON x.dispute_id = d.id "
                    f"WHERE x.article_id IN ({','.join('?' * len(chunk))})", tuple(chunk)):
                rec = json.loads(row["record"])
                if any(m["key"] in keys for m in rec["mentions"]):
                    self._delete(row["id"])
                    found.append(rec)
        return found

    def _rebuild(self, labels: list[str]) -> None:
        members = self.state.members(labels)
        claims = {n.key for ns in members.values() for n in ns}
        backers = self.state.backers(claims)
        nodes = [n for ns in members.values() for n in ns] + [n for ns in backers.values() for n in ns]
        stmts = self._statements(nodes)
        for lb in labels:
            by_camp: dict[str, list] = {}
            cluster = sorted(members.get(lb, ()), key=lambda n: n.key)
            for c in cluster:
                for q in sorted(backers.get(c.key, ()), key=lambda n: n.key):
                    if c.key in stmts and q.key in stmts:
                        by_camp.setdefault(camp(stmts[q.key]), []).append((q.score, q.topic, stmts[c.key], stmts[q.key]))
            claim_stmts = [stmts[c.key] for c in cluster if c.key in stmts]
            for cp, pairs in sorted(by_camp.items()):
                self._save(_record(claim_stmts, cp, pairs))

    def _statements(self, nodes: list[Node]) -> dict[str, Statement]:
        held = self._index.stmts if self._index is not None else {}
        out = {n.key: held[n.key] for n in nodes if n.key in held}
        missing = sorted({n.article_id for n in nodes if n.key not in out})
        wanted = {n.key for n in nodes}
        for i in range(0, len(missing), 200):
            for s in self._statements_of(missing[i:i + 200]):
                if s.key in wanted:
                    out[s.key] = s
        return out

    def _delete(self, did: str) -> None:
        self.store.execute("DELETE FROM disputes WHERE id = ?", (did,))
        self.store.execute("DELETE FROM dispute_articles WHERE dispute_id = ?", (did,))

    def _save(self, rec: dict) -> None:
        self._delete(rec["id"])
        self.store.execute("INSERT INTO disputes (id, record) VALUES (?,?)", (rec["id"], dumps(rec)))
        self.store.executemany("INSERT INTO dispute_articles (dispute_id, article_id) VALUES (?,?)",
                               [(rec["id"], a) for a in sorted({m["article_id"] for m in rec["mentions"]})])
