"""The in-memory dispute graph: claim clusters and each counter's best claim, kept up to date as
statements are added and removed, for a pool of statements held at once (`select_disputes`, the
evaluation, tests). The linker keeps the same state in the store instead (link.disputes).

Definitions (independent of the order and batching in which statements arrive; the relations
are dispute_index's):
- a claim's *label* is the first, in (article, paragraph, position, key) order, of itself and
  its near claims; claims with one label form one cluster;
- a counter's *best claim* is, among the claims it can answer that `score_pair` accepts, the one
  with the highest score (ties: same article, nearest paragraph, key);
- one dispute per (label of the best claim, camp of the counter): every claim of the cluster and
  every such counter as mentions.

Hand-written: no library maintains such a graph incrementally.
"""

from __future__ import annotations

from storyline.link.disputes.index import (  # noqa: F401  (re-exported: the graph's vocabulary)
    NEAR_SHARE, WINDOW_DAYS, Option, Rank, StatementIndex, _near, _text_features, camp, is_claim, option, order,
)
from storyline.link.disputes.rules import DisputeLexicon, Statement

_order = order


class DisputeGraph(StatementIndex):
    """Claims, counters, clusters and best claims; `touched` collects the labels whose dispute
    records must be rebuilt and the statement keys whose stored records are stale."""

    def __init__(self, lex: DisputeLexicon) -> None:
        super().__init__(lex)
        self.label: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}  # label -> claim keys
        self.adj: dict[str, set[str]] = {}  # claim key -> near claim keys
        self.best: dict[str, Option] = {}  # counter -> (rank, claim, score, topic)
        self.backers: dict[str, set[str]] = {}  # claim key -> counters whose best it is
        self.touched_labels: set[str] = set()
        self.touched_keys: set[str] = set()

    # -- adding and removing ---------------------------------------------------------------
    def add_article(self, article_id: str, statements: list[Statement]) -> None:
        keys = self.index(statements)
        self.by_article.setdefault(article_id, [])
        claims = [k for k in keys if is_claim(self.stmts[k])]
        counters = [k for k in keys if self.stmts[k].counter]
        for k in claims:
            self._add_claim(k)
        for k in counters:
            self._choose(k)
        for k in claims:  # counters elsewhere for which a new claim may be better
            for q in self.counters_for(k):
                self._offer(q, k)

    def remove_article(self, article_id: str) -> None:
        keys = list(self.by_article.get(article_id, ()))
        if not keys:
            self.by_article.pop(article_id, None)
            return
        gone = set(keys)
        for k in keys:
            self.touched_keys.add(k)
            if k in self.best:
                self._unback(k)
        redo: set[str] = set()
        for k in keys:
            if k in self.label:
                old = self.label.pop(k)
                self.members[old].discard(k)
                self.touched_labels.add(old)
                for n in self.adj.pop(k, set()):
                    if n not in gone:
                        self.adj[n].discard(k)
                        redo.add(n)
                redo |= self.backers.pop(k, set())
        self.unindex(keys)  # the article's list goes with its last key
        for n in sorted(redo - gone):
            if n in self.label:
                self._relabel(n)
            else:
                self._choose(n)

    # -- clusters --------------------------------------------------------------------------
    def _add_claim(self, k: str) -> None:
        near = self.near_claims(k, self.label)  # claims of this article not yet added find k later
        self.adj[k] = near
        for n in near:
            self.adj[n].add(k)
        self.label[k] = k
        self.members.setdefault(k, set()).add(k)
        self._relabel(k)
        mine = order(self.stmts[k])
        for n in near:
            if mine < order(self.stmts[self.label[n]]):
                self._set_label(n, k)

    def _relabel(self, k: str) -> None:
        self._set_label(k, min([k, *self.adj[k]], key=lambda x: order(self.stmts[x])))

    def _set_label(self, k: str, new: str) -> None:
        old = self.label[k]
        self.touched_labels |= {old, new}
        self.touched_keys.add(k)
        self.members[old].discard(k)
        self.members.setdefault(new, set()).add(k)
        self.label[k] = new

    # -- counters --------------------------------------------------------------------------
    def _choose(self, q: str) -> None:
        """A counter's best claim among all its candidates."""
        if q in self.best:
            self._unback(q)
        options = self.options(q, [c for c in self.claims_for(q) if c in self.label])
        if options:
            self._back(q, min(options))

    def _offer(self, q: str, c: str) -> None:
        found = option(self.lex, self.stmts[q], self.stmts[c])
        if found and (q not in self.best or found < self.best[q]):
            if q in self.best:
                self._unback(q)
            self._back(q, found)

    def _back(self, q: str, found: Option) -> None:
        self.best[q] = found
        self.backers.setdefault(found[1], set()).add(q)
        self.touched_labels.add(self.label[found[1]])
        self.touched_keys.add(q)

    def _unback(self, q: str) -> None:
        _, c, _, _ = self.best.pop(q)
        self.backers.get(c, set()).discard(q)
        if c in self.label:
            self.touched_labels.add(self.label[c])
        self.touched_keys.add(q)

    # -- groups ----------------------------------------------------------------------------
    def groups(self, label: str) -> list[tuple[list[Statement], str, list[tuple[int, str, Statement, Statement]]]]:
        """The disputes of one cluster: (claims, camp, (score, topic, claim, counter) pairs)."""
        keys = sorted(self.members.get(label, ()))
        by_camp: dict[str, list] = {}
        for c in keys:
            for q in sorted(self.backers.get(c, ())):
                _, _, score, topic = self.best[q]
                by_camp.setdefault(camp(self.stmts[q]), []).append((score, topic, self.stmts[c], self.stmts[q]))
        claims = [self.stmts[c] for c in keys]
        return [(claims, cp, pairs) for cp, pairs in sorted(by_camp.items())]
