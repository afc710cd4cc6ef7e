"""The dispute graph's state in the store (schema v6): a row per claim (its label) and per counter
(its best claim), and the near-claim edges. The linker (link.disputes) reads and writes it a
step at a time; every query here is by key, article, label or best claim, each indexed.

Labels and best claims only ever move to a smaller order / rank as relations are found (a
label is the first of a claim and its near claims, a best claim the lowest-ranked option), so
`lower_label` and `offer` fold each new relation in whatever order relations are found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from storyline.link.disputes.index import Option, Rank, is_claim
from storyline.link.disputes.rules import Statement
from storyline.store import Store

_COLUMNS = "key, article_id, role, paragraph, start_pos, day, label, best, score, topic, other_article, distance"
_PAGE = 500  # keys per IN (...) list


@dataclass(slots=True)
class Node:
    key: str
    article_id: str
    role: str  # "claim" or "counter"
    paragraph: int
    start: int
    day: int | None  # proleptic ordinal of the statement's day
    label: str | None = None
    best: str | None = None
    score: int | None = None
    topic: str | None = None
    other_article: bool = False
    distance: int = 0

    def order(self) -> tuple:
        return (self.article_id, self.paragraph, self.start, self.key)

    def rank(self) -> Rank | None:
        if self.best is None:
            return None
        return (-(self.score or 0), bool(self.other_article), self.distance, self.best)


def node_of(s: Statement, day: int | None) -> Node | None:
    """A fresh node: a claim is its own label, a counter has no best claim yet."""
    if is_claim(s):
        return Node(s.key, s.article_id, "claim", s.paragraph, s.start, day, label=s.key)
    if s.counter:
        return Node(s.key, s.article_id, "counter", s.paragraph, s.start, day)
    return None


def _pages(items: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(items))
    for i in range(0, len(items), _PAGE):
        yield items[i:i + _PAGE]


def _marks(chunk: list) -> str:
    return ",".join("?" * len(chunk))


class DisputeState:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading ---------------------------------------------------------------------------
    def _node(self, r: dict) -> Node:
        return Node(r["key"], r["article_id"], r["role"], r["paragraph"], r["start_pos"], r["day"], r["label"],
                    r["best"], r["score"], r["topic"], bool(r["other_article"]), r["distance"] or 0)

    def _where(self, column: str, values: Iterable[str]) -> Iterable[Node]:
        """The nodes whose `column` (key, article_id, label, best: each indexed) is one of `values`."""
        for chunk in _pages(values):
            for r in self.store.rows(f"SELECT {_COLUMNS} FROM dispute_nodes WHERE {column} IN ({_marks(chunk)})",
                                     tuple(chunk)):
                yield self._node(r)

    def nodes(self, keys: Iterable[str]) -> dict[str, Node]:
        return {n.key: n for n in self._where("key", keys)}

    def articles_dated(self, first: int, last: int) -> set[str]:
        """Articles with a node dated first..last (ordinals)."""
        return {r["article_id"] for r in self.store.rows(
            "SELECT DISTINCT article_id FROM dispute_nodes WHERE day BETWEEN ? AND ?", (first, last))}

    def of_articles(self, article_ids: Iterable[str]) -> list[Node]:
        return list(self._where("article_id", article_ids))

    def members(self, labels: Iterable[str]) -> dict[str, list[Node]]:
        """label -> the claims it labels."""
        out: dict[str, list[Node]] = {}
        for n in self._where("label", labels):
            out.setdefault(n.label, []).append(n)
        return out

    def backers(self, claims: Iterable[str]) -> dict[str, list[Node]]:
        """claim key -> the counters whose best claim it is."""
        out: dict[str, list[Node]] = {}
        for n in self._where("best", claims):
            out.setdefault(n.best, []).append(n)
        return out

    # -- writing ---------------------------------------------------------------------------
    def replace(self, nodes: list[Node]) -> None:
        """Store these nodes as they are (fresh state for articles being linked)."""
        self._delete(n.key for n in nodes)
        self.store.executemany(
            f"INSERT INTO dispute_nodes ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(n.key, n.article_id, n.role, n.paragraph, n.start, n.day, n.label, n.best, n.score, n.topic,
              int(n.other_article), n.distance) for n in nodes])

    def delete_articles(self, article_ids: Iterable[str]) -> list[Node]:
        """Drop these articles' nodes and edges; returns the nodes dropped."""
        gone = self.of_articles(article_ids)
        self._delete(n.key for n in gone)
        return gone

    def _delete(self, keys: Iterable[str]) -> None:
        """These nodes and every near pair they are part of."""
        for chunk in _pages(keys):
            self.store.execute(f"DELETE FROM dispute_near WHERE key IN ({_marks(chunk)})", tuple(chunk))
            self.store.execute(f"DELETE FROM dispute_near WHERE other IN ({_marks(chunk)})", tuple(chunk))
            self.store.execute(f"DELETE FROM dispute_nodes WHERE key IN ({_marks(chunk)})", tuple(chunk))

    def add_edges(self, pairs: Iterable[tuple[str, str]]) -> None:
        both = sorted({p for a, b in pairs for p in ((a, b), (b, a))})
        if not both:
            return
        have: set[tuple[str, str]] = set()
        for chunk in _pages(a for a, _ in both):
            have |= {(r["key"], r["other"]) for r in self.store.rows(
                f"SELECT key, other FROM dispute_near WHERE key IN ({_marks(chunk)})", tuple(chunk))}
        self.store.executemany("INSERT INTO dispute_near (key, other) VALUES (?,?)", [p for p in both if p not in have])

    def set_labels(self, labels: dict[str, str]) -> None:
        self.store.executemany("UPDATE dispute_nodes SET label = ? WHERE key = ?",
                               [(lb, k) for k, lb in sorted(labels.items())])

    def set_bests(self, bests: dict[str, Option | None]) -> None:
        rows = []
        for k, found in sorted(bests.items()):
            if found is None:
                rows.append((None, None, None, 0, 0, k))
            else:
                rank, claim, score, topic = found
                rows.append((claim, score, topic, int(rank[1]), rank[2], k))
        self.store.executemany(
            "UPDATE dispute_nodes SET best = ?, score = ?, topic = ?, other_article = ?, distance = ? WHERE key = ?", rows)
