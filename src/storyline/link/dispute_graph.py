"""The run's dispute state: claim clusters and each counter's best claim, kept up to date as
statements are added and removed, so a new article costs in proportion to its own candidates.

Definitions (independent of the order and batching in which statements arrive):
- two claims are *near* when one side (camp) or one speaker made both, they lie within
  WINDOW_DAYS of each other (or in one article), and their texts are near-identical (`_near`);
- a claim's *label* is the first, in (article, paragraph, position, key) order, of itself and
  its near claims; claims with one label form one cluster;
- a counter's *best claim* is, among the claims it can answer (dated at most a day after it
  and at most WINDOW_DAYS before it, or in its own article) that `score_pair` accepts, the one
  with the highest score (ties: same article, nearest paragraph, key);
- one dispute per (label of the best claim, camp of the counter): every claim of the cluster and
  every such counter as mentions.

Candidates come from indexes keyed by (feature, day): text bigrams for near claims, topic
terms / concepts for claim-counter pairs, so only statements that could match are compared.
Hand-written: no library maintains such a graph incrementally.
"""

from __future__ import annotations

from datetime import date as Date
from functools import lru_cache
from sys import intern

from storyline.link.dates import day_of
from storyline.link.day_index import DayIndex, ordinal
from storyline.link.dispute_rules import DisputeLexicon, Statement, _norm, score_pair

WINDOW_DAYS = 14
NEAR_SHARE = 0.7  # near texts share at least this part of the smaller bigram set (_near_claims)
Rank = tuple[int, bool, int, str]


@lru_cache(maxsize=1 << 15)  # more than the claims of a graph at its cap (link.linker.MemoryCaps)
def _text_features(text: str) -> tuple[str, frozenset[str]]:
    norm = _norm(text)
    # interned: a slice is a new 2-character string each time (~76 bytes), and the same few
    # thousand bigrams fill every claim's set, the indexes' keys and the prefixes
    return norm, frozenset(intern(norm[i:i + 2]) for i in range(len(norm) - 1))


def _near(a: str, b: str) -> bool:
    """`near_duplicate` (dispute_rules) with each text's normal form and bigrams computed once.
    Same rule, same result (tests/perf checks the two agree)."""
    na, ga = _text_features(a)
    nb, gb = _text_features(b)
    if not na or not nb:
        return False
    if na in nb or nb in na:
        return min(len(na), len(nb)) >= 6
    return 2 * len(ga & gb) / (len(ga) + len(gb) or 1) >= 0.7



def camp(s: Statement) -> str:
    return s.side or f"?{s.by_name}"


def _order(s: Statement) -> tuple:
    return (s.article_id, s.paragraph, s.start, s.key)


def _claim_features(s: Statement) -> set[tuple[str, str]]:
    return {("t", t) for t in s.terms} | {("c", c) for c in s.concepts} | {("g", g) for g in s.generic}


def _counter_features(s: Statement) -> set[tuple[str, str]]:
    out = {("t", t) for t in s.terms} | {("c", c) for c in s.concepts}
    return out | ({("g", g) for g in s.generic} if s.citing else set())


class DisputeGraph:
    """Claims, counters, clusters and best claims; `touched` collects the labels whose dispute
    records must be rebuilt and the statement keys whose stored records are stale."""

    def __init__(self, lex: DisputeLexicon) -> None:
        self.lex = lex
        self.stmts: dict[str, Statement] = {}
        self.day: dict[str, Date | None] = {}
        self.ord: dict[str, int | None] = {}  # the same days as ordinals, for the indexes
        self.by_article: dict[str, list[str]] = {}
        self.label: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}  # label -> claim keys
        self.adj: dict[str, set[str]] = {}  # claim key -> near claim keys
        self.best: dict[str, tuple[Rank, str, int, str]] = {}  # counter -> (rank, claim, score, topic)
        self.backers: dict[str, set[str]] = {}  # claim key -> counters whose best it is
        self._grams = DayIndex()  # (bigram, day) -> claim keys
        self._prefix_grams = DayIndex()  # (bigram of a claim's prefix, day) -> claim keys (see _prefix)
        self._prefix: dict[str, tuple[str, ...] | frozenset[str]] = {}  # claim key -> its prefix bigrams
        self._df: dict[str, int] = {}  # bigram -> claims holding it (rarest bigrams make the prefix)
        self._claims_by = DayIndex()  # (feature, day) -> claim keys
        self._counters_by = DayIndex()  # (feature, day) -> counter keys
        self.touched_labels: set[str] = set()
        self.touched_keys: set[str] = set()

    # -- adding and removing ---------------------------------------------------------------
    def add_article(self, article_id: str, statements: list[Statement]) -> None:
        keys = []
        for s in statements:
            if s.key in self.stmts:
                continue
            self.stmts[s.key] = s
            self.day[s.key] = day_of(s.date)
            self.ord[s.key] = ordinal(self.day[s.key])
            keys.append(s.key)
        self.by_article.setdefault(article_id, []).extend(keys)
        claims = [k for k in keys if self._is_claim(self.stmts[k])]
        counters = [k for k in keys if self.stmts[k].counter]
        for k in claims:
            grams = _text_features(self.stmts[k].text)[1]
            for g in grams:
                self._df[g] = self._df.get(g, 0) + 1
            self._grams.add(grams, self.ord[k], k)
            self._prefix[k] = self._choose_prefix(grams)
            self._prefix_grams.add(self._prefix[k], self.ord[k], k)
            self._claims_by.add(_claim_features(self.stmts[k]), self.ord[k], k)
        for k in counters:
            self._counters_by.add(_counter_features(self.stmts[k]), self.ord[k], k)
        for k in claims:
            self._add_claim(k)
        for k in counters:
            self._choose(k)
        for k in claims:  # counters elsewhere for which a new claim may be better
            for q in self._counters_for(k):
                self._offer(q, k)

    def remove_article(self, article_id: str) -> None:
        keys = self.by_article.pop(article_id, [])
        if not keys:
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
        for k in keys:
            s = self.stmts[k]
            if self._is_claim(s):
                grams = _text_features(s.text)[1]
                self._grams.remove(grams, self.ord[k], k)
                self._prefix_grams.remove(self._prefix.pop(k), self.ord[k], k)
                for g in grams:
                    self._df[g] -= 1
                    if not self._df[g]:
                        del self._df[g]
                self._claims_by.remove(_claim_features(s), self.ord[k], k)
            if s.counter:
                self._counters_by.remove(_counter_features(s), self.ord[k], k)
            del self.stmts[k], self.day[k], self.ord[k]
        for n in sorted(redo - gone):
            if n in self.label:
                self._relabel(n)
            else:
                self._choose(n)

    # -- clusters --------------------------------------------------------------------------
    def _is_claim(self, s: Statement) -> bool:
        return s.claim and not s.counter

    def _add_claim(self, k: str) -> None:
        near = self._near_claims(k)
        self.adj[k] = near
        for n in near:
            self.adj[n].add(k)
        self.label[k] = k
        self.members.setdefault(k, set()).add(k)
        self._relabel(k)
        mine = _order(self.stmts[k])
        for n in near:
            if mine < _order(self.stmts[self.label[n]]):
                self._set_label(n, k)

    def _relabel(self, k: str) -> None:
        self._set_label(k, min([k, *self.adj[k]], key=lambda x: _order(self.stmts[x])))

    def _set_label(self, k: str, new: str) -> None:
        old = self.label[k]
        self.touched_labels |= {old, new}
        self.touched_keys.add(k)
        self.members[old].discard(k)
        self.members.setdefault(new, set()).add(k)
        self.label[k] = new

    @staticmethod
    def _prefix_size(m: int) -> int:
        """Bigrams of a set of m that must include one of any near text's (see _near_claims)."""
        return m - int(NEAR_SHARE * m) + 1

    def _choose_prefix(self, grams: frozenset[str]) -> tuple[str, ...] | frozenset[str]:
        """A claim's prefix: its `_prefix_size` rarest bigrams (any choice would be correct; rare
        ones keep the index lists short). Only iterated: a tuple, a quarter of a frozenset's size."""
        p = self._prefix_size(len(grams))
        if p >= len(grams):
            return grams
        return tuple(sorted(grams, key=lambda g: (self._df.get(g, 0), g))[:p])

    def _near_claims(self, k: str) -> set[str]:
        """Near claims of `k` (set of bigrams A) found by prefix filtering. Near texts share at
        least NEAR_SHARE of the smaller bigram set X (all of it when one text contains the
        other, else Dice >= 0.7 gives |A & B| >= 0.35 (|A| + |B|) >= 0.7 |X|), so every prefix
        of X of `_prefix_size(|X|)` bigrams holds a bigram of the other set. Hence a near claim
        B is found either through its own prefix (probed with all of A, covers |B| <= |A|) or
        through A's prefix (probed in the full index, covers |B| >= |A|); the rest are never
        compared. Candidates are then tested exactly as before."""
        s, day = self.stmts[k], self.ord[k]
        grams = _text_features(s.text)[1]
        found: set[str] = set()
        if day is not None:
            for index, probe in ((self._prefix_grams, grams), (self._grams, self._prefix[k])):
                window = index.window
                for g in probe:
                    for keys in window(g, day, -WINDOW_DAYS, WINDOW_DAYS):
                        found.update(keys)
        for other in self.by_article.get(s.article_id, ()):  # one article: whatever the dates
            if other != k and other in self.label:
                found.add(other)
        out = set()
        for n in found:
            if n == k or n not in self.label:  # claims of this article not yet added find k later
                continue
            o = self.stmts[n]
            if not (o.by_name == s.by_name or (s.side and self.lex.same_camp(s.side, o.side))):
                continue
            other_grams = _text_features(o.text)[1]
            count, size = len(grams & other_grams), len(other_grams)
            if (count == min(len(grams), size) or 2 * count / (len(grams) + size or 1) >= 0.7) and _near(s.text, o.text):
                out.add(n)
        return out

    # -- counters --------------------------------------------------------------------------
    def _answerable(self, claim: str, counter: str) -> bool:
        dc, dk = self.day[claim], self.day[counter]
        if dc and dk:
            return -1 <= (dk - dc).days <= WINDOW_DAYS
        return self.stmts[claim].article_id == self.stmts[counter].article_id

    def _option(self, q: str, c: str) -> tuple[Rank, str, int, str] | None:
        if not self._answerable(c, q):
            return None
        claim, counter = self.stmts[c], self.stmts[q]
        result = score_pair(claim, counter, self.lex)
        if not result:
            return None
        rank = (-result[0], claim.article_id != counter.article_id, abs(claim.paragraph - counter.paragraph), c)
        return rank, c, result[0], result[1]

    def _choose(self, q: str) -> None:
        """A counter's best claim among all its candidates."""
        if q in self.best:
            self._unback(q)
        s, day = self.stmts[q], self.ord[q]
        found: set[str] = set()
        if day is not None:
            for f in _counter_features(s):  # claims dated [day - WINDOW_DAYS, day + 1]
                for keys in self._claims_by.window(f, day, -WINDOW_DAYS, 1):
                    found.update(keys)
        found.update(k for k in self.by_article.get(s.article_id, ()) if k in self.label)
        options = [o for o in (self._option(q, c) for c in found) if o]
        if options:
            self._back(q, min(options))

    def _offer(self, q: str, c: str) -> None:
        option = self._option(q, c)
        if option and (q not in self.best or option < self.best[q]):
            if q in self.best:
                self._unback(q)
            self._back(q, option)

    def _back(self, q: str, option: tuple[Rank, str, int, str]) -> None:
        self.best[q] = option
        self.backers.setdefault(option[1], set()).add(q)
        self.touched_labels.add(self.label[option[1]])
        self.touched_keys.add(q)

    def _unback(self, q: str) -> None:
        _, c, _, _ = self.best.pop(q)
        self.backers.get(c, set()).discard(q)
        if c in self.label:
            self.touched_labels.add(self.label[c])
        self.touched_keys.add(q)

    def _counters_for(self, c: str) -> set[str]:
        s, day = self.stmts[c], self.ord[c]
        found: set[str] = set()
        if day is not None:
            for f in _claim_features(s):  # counters dated [day - 1, day + WINDOW_DAYS]
                for keys in self._counters_by.window(f, day, -1, WINDOW_DAYS):
                    found.update(keys)
        found.update(k for k in self.by_article.get(s.article_id, ()) if self.stmts[k].counter)
        return found

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
