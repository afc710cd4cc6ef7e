"""Which statements could be related: indexes over claims and counters keyed by (feature, day),
and the two pair rules every dispute is built from.

Relations (dispute_graph and the linker compute the same ones):
- two claims are *near* when one side (camp) or one speaker made both, they lie within
  WINDOW_DAYS of each other (or in one article), and their texts are near-identical (`_near`);
- a counter can *answer* a claim dated at most a day after it and at most WINDOW_DAYS before it
  (or in its own article); `option` scores such a pair with `score_pair`.

Candidates come from the indexes: text bigrams for near claims (prefix-filtered, see
`near_claims`), topic terms / concepts for claim-counter pairs, so only statements that could
match are compared. `StatementIndex` holds statements and answers those look-ups, nothing more:
the in-memory graph (dispute_graph) and the stored one (the linker's day sweep) keep their
clusters and best claims on top of it. Hand-written: no library indexes such pairs by day.
"""

from __future__ import annotations

from datetime import date as Date
from functools import lru_cache
from sys import intern
from typing import Container, Iterable

from storyline.link.dates import day_of
from storyline.link.day_index import DayIndex, ordinal
from storyline.link.disputes.pairing import score_pair
from storyline.link.disputes.rules import DisputeLexicon, Statement, _norm

WINDOW_DAYS = 14
NEAR_SHARE = 0.7  # near texts share at least this part of the smaller bigram set (near_claims)
Rank = tuple[int, bool, int, str]
Option = tuple[Rank, str, int, str]  # (rank, claim key, score, topic): the smallest rank is best


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


def order(s: Statement) -> tuple:
    """The order that picks a cluster's label: first in the article, paragraph, position."""
    return (s.article_id, s.paragraph, s.start, s.key)


def is_claim(s: Statement) -> bool:
    return s.claim and not s.counter


def near_pair(lex: DisputeLexicon, s: Statement, o: Statement) -> bool:
    """Near claims, given that they are close enough in time (module docstring)."""
    if not (o.by_name == s.by_name or (s.side and lex.same_camp(s.side, o.side))):
        return False
    grams, other = _text_features(s.text)[1], _text_features(o.text)[1]
    count, size = len(grams & other), len(other)
    return (count == min(len(grams), size) or 2 * count / (len(grams) + size or 1) >= 0.7) and _near(s.text, o.text)


def answerable(claim: Statement, counter: Statement) -> bool:
    dc, dk = day_of(claim.date), day_of(counter.date)
    if dc and dk:
        return -1 <= (dk - dc).days <= WINDOW_DAYS
    return claim.article_id == counter.article_id


def option(lex: DisputeLexicon, counter: Statement, claim: Statement) -> Option | None:
    """How well `claim` would serve as `counter`'s best claim (None: it cannot)."""
    if not answerable(claim, counter):
        return None
    result = score_pair(claim, counter, lex)
    if not result:
        return None
    rank = (-result[0], claim.article_id != counter.article_id, abs(claim.paragraph - counter.paragraph), claim.key)
    return rank, claim.key, result[0], result[1]


def _claim_features(s: Statement) -> set[tuple[str, str]]:
    out = {("t", t) for t in s.terms} | {("c", c) for c in s.concepts} | {("g", g) for g in s.generic}
    return out | ({("e", s.id)} if s.kind == "event" else set())  # mentions of one merged event


def _counter_features(s: Statement) -> set[tuple[str, str]]:
    out = {("t", t) for t in s.terms} | {("c", c) for c in s.concepts}
    out |= {("e", s.id)} if s.kind == "event" else set()
    return out | ({("g", g) for g in s.generic} if s.citing else set())


class StatementIndex:
    """Statements by key, with their days and articles, and the candidate indexes."""

    def __init__(self, lex: DisputeLexicon) -> None:
        self.lex = lex
        self.stmts: dict[str, Statement] = {}
        self.day: dict[str, Date | None] = {}
        self.ord: dict[str, int | None] = {}  # the same days as ordinals, for the indexes
        self.by_article: dict[str, list[str]] = {}
        self._grams = DayIndex()  # (bigram, day) -> claim keys
        self._prefix_grams = DayIndex()  # (bigram of a claim's prefix, day) -> claim keys (see _prefix)
        self._prefix: dict[str, tuple[str, ...] | frozenset[str]] = {}  # claim key -> its prefix bigrams
        self._df: dict[str, int] = {}  # bigram -> claims holding it (rarest bigrams make the prefix)
        self._claims_by = DayIndex()  # (feature, day) -> claim keys
        self._counters_by = DayIndex()  # (feature, day) -> counter keys

    def index(self, statements: Iterable[Statement]) -> list[str]:
        """Add the statements not held yet; returns their keys."""
        keys = []
        for s in statements:
            if s.key in self.stmts:
                continue
            k = s.key
            self.stmts[k] = s
            self.day[k] = day_of(s.date)
            self.ord[k] = day = ordinal(self.day[k])
            self.by_article.setdefault(s.article_id, []).append(k)
            keys.append(k)
            if is_claim(s):
                grams = _text_features(s.text)[1]
                for g in grams:
                    self._df[g] = self._df.get(g, 0) + 1
                self._grams.add(grams, day, k)
                self._prefix[k] = self._choose_prefix(grams)
                self._prefix_grams.add(self._prefix[k], day, k)
                self._claims_by.add(_claim_features(s), day, k)
            if s.counter:
                self._counters_by.add(_counter_features(s), day, k)
        return keys

    def unindex(self, keys: Iterable[str]) -> None:
        for k in keys:
            s = self.stmts.pop(k, None)
            if s is None:
                continue
            day = self.ord.pop(k)
            del self.day[k]
            mine = self.by_article.get(s.article_id)
            if mine is not None:
                mine.remove(k)
                if not mine:
                    del self.by_article[s.article_id]
            if is_claim(s):
                grams = _text_features(s.text)[1]
                self._grams.remove(grams, day, k)
                self._prefix_grams.remove(self._prefix.pop(k), day, k)
                for g in grams:
                    self._df[g] -= 1
                    if not self._df[g]:
                        del self._df[g]
                self._claims_by.remove(_claim_features(s), day, k)
            if s.counter:
                self._counters_by.remove(_counter_features(s), day, k)

    @staticmethod
    def _prefix_size(m: int) -> int:
        """Bigrams of a set of m that must include one of any near text's (see near_claims)."""
        return m - int(NEAR_SHARE * m) + 1

    def _choose_prefix(self, grams: frozenset[str]) -> tuple[str, ...] | frozenset[str]:
        """A claim's prefix: its `_prefix_size` rarest bigrams (any choice would be correct; rare
        ones keep the index lists short). Only iterated: a tuple, a quarter of a frozenset's size."""
        p = self._prefix_size(len(grams))
        if p >= len(grams):
            return grams
        return tuple(sorted(grams, key=lambda g: (self._df.get(g, 0), g))[:p])

    # -- look-ups (k is an indexed key) ----------------------------------------------------
    def near_claims(self, k: str, eligible: Container[str] | None = None, own_article: bool = True) -> set[str]:
        """Near claims of `k` (set of bigrams A) among the indexed claims (those in `eligible`
        if given), found by prefix filtering. Near texts share at least NEAR_SHARE of the
        smaller bigram set X (all of it when one text contains the other, else Dice >= 0.7
        gives |A & B| >= 0.35 (|A| + |B|) >= 0.7 |X|), so every prefix of X of
        `_prefix_size(|X|)` bigrams holds a bigram of the other set. Hence a near claim B is
        found either through its own prefix (probed with all of A, covers |B| <= |A|) or
        through A's prefix (probed in the full index, covers |B| >= |A|); the rest are never
        compared. Candidates are then tested exactly (`near_pair`). `own_article` False: only
        claims of other articles (the caller has its own article's)."""
        s = self.stmts[k]
        found = self._near_candidates(s, self.ord[k], self._prefix[k])
        if own_article:
            for other in self.by_article.get(s.article_id, ()):  # one article: whatever the dates
                if other != k and other in self._prefix:
                    found.add(other)
        else:
            found = {n for n in found if self.stmts[n].article_id != s.article_id}
        found.discard(k)
        if eligible is not None:
            found = {n for n in found if n in eligible}
        return {n for n in found if near_pair(self.lex, s, self.stmts[n])}

    def _near_candidates(self, s: Statement, day: int | None, prefix) -> set[str]:
        grams = _text_features(s.text)[1]
        found: set[str] = set()
        if day is not None:
            self._prefix_grams.collect(grams, day, -WINDOW_DAYS, WINDOW_DAYS, found)
            self._grams.collect(prefix, day, -WINDOW_DAYS, WINDOW_DAYS, found)
        return found

    def claims_for(self, q: str, own_article: bool = True) -> set[str]:
        """Indexed claims counter `q` could answer: dated [day - WINDOW_DAYS, day + 1] and
        sharing a feature, or in its article (unless `own_article` is False: then none of it)."""
        return self._partners(q, self._claims_by, _counter_features, -WINDOW_DAYS, 1, own_article,
                              lambda k: k in self._prefix)

    def counters_for(self, c: str, own_article: bool = True) -> set[str]:
        """Indexed counters that could answer claim `c`: dated [day - 1, day + WINDOW_DAYS] and
        sharing a feature, or in its article (unless `own_article` is False: then none of it)."""
        return self._partners(c, self._counters_by, _claim_features, -1, WINDOW_DAYS, own_article,
                              lambda k: self.stmts[k].counter)

    def _partners(self, key: str, index: DayIndex, features, lo: int, hi: int, own_article: bool,
                  in_role) -> set[str]:
        s = self.stmts[key]
        found = _dated(index, features(s), self.ord[key], lo, hi)
        if not own_article:
            return {k for k in found if self.stmts[k].article_id != s.article_id}
        found.update(k for k in self.by_article.get(s.article_id, ()) if in_role(k))
        return found

    # -- probes: a statement that is not indexed, of an article none of whose are ----------
    # (the linker's sweep streams stored statements past an index of the new ones: the same
    # relations as if the stored one were indexed and looked up, without indexing it)
    def probe_near(self, s: Statement, day: int) -> set[str]:
        """`near_claims` of claim `s`, dated `day`: its prefix is any `_prefix_size` of its
        bigrams (the rarest here), which is all the argument there needs."""
        prefix = self._probing_prefix(_text_features(s.text)[1])
        return {n for n in self._near_candidates(s, day, prefix) if near_pair(self.lex, s, self.stmts[n])}

    def _probing_prefix(self, grams: frozenset[str]) -> list[str]:
        """`_choose_prefix` less the bigrams no indexed claim holds: those come first in its
        order and find nothing, so the look-ups are the same. Most of a streamed claim's bigrams
        are such, and a claim with `_prefix_size` of them needs no sort and no look-up at all."""
        df = self._df
        held = [g for g in grams if g in df]
        p = self._prefix_size(len(grams))
        absent = len(grams) - len(held)
        if absent >= p:
            return []
        if p >= len(grams):
            return held
        return sorted(held, key=lambda g: (df[g], g))[:p - absent]

    def probe_counters(self, s: Statement, day: int) -> set[str]:
        """`counters_for` of claim `s`, dated `day`."""
        return _dated(self._counters_by, _claim_features(s), day, -1, WINDOW_DAYS)

    def probe_claims(self, s: Statement, day: int) -> set[str]:
        """`claims_for` of counter `s`, dated `day`."""
        return _dated(self._claims_by, _counter_features(s), day, -WINDOW_DAYS, 1)

    def options(self, q: str, claims: Iterable[str]) -> list[Option]:
        counter = self.stmts[q]
        return [o for o in (option(self.lex, counter, self.stmts[c]) for c in claims) if o]


def _dated(index: DayIndex, features: Iterable, day: int | None, lo: int, hi: int) -> set[str]:
    """Keys sharing one of `features`, dated day+lo .. day+hi."""
    found: set[str] = set()
    if day is not None:
        index.collect(features, day, lo, hi, found)
    return found
