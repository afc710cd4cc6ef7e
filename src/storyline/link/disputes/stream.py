"""The stored side of the dispute sweep: stored claims and counters streamed, a few days at a time,
past the index of the new statements (link.disputes.window), never indexed themselves.

A relation between a stored statement and a new one is found from the stored side: the stored
statement is probed against the new statements dated within WINDOW_DAYS of it (the probes of
link.disputes.index give what the look-ups would give if it were indexed). Relations between
stored statements were found when they were new, so the cost of a sweep is its new statements
plus one probe per stored statement near them: adding a few articles to a large store no longer
indexes (and drops) every stored statement of their month.
"""

from __future__ import annotations

from typing import Callable, Container, Iterator

from storyline.link.disputes.index import WINDOW_DAYS, Option, StatementIndex, is_claim, option
from storyline.link.disputes.rules import DisputeLexicon, Statement
from storyline.link.disputes.window import in_span

CHUNK_DAYS = 7  # stored days read per query
PAGE = 200  # articles built per call


class StoredStream:
    def __init__(self, articles_dated: Callable[[int, int], set[str]],
                 statements_of: Callable[[list[str]], list[Statement]], new: Container[str]) -> None:
        """`articles_dated(first, last)`: stored articles with a claim or counter dated in that
        span (ordinals; link.disputes.state);
        `statements_of(ids)`: their claims and counters; `new`: the articles being linked (not streamed:
        they are in the index)."""
        self._articles_dated = articles_dated
        self._statements_of = statements_of
        self._new = new
        self.streamed = 0  # stored statements probed in all

    def days(self, first: int, last: int) -> dict[int, list[Statement]]:
        """The stored claims and counters dated first..last (ordinals), by day."""
        ids = sorted(a for a in self._articles_dated(first, last) if a not in self._new)
        out: dict[int, list[Statement]] = {}
        for i in range(0, len(ids), PAGE):
            for day, s in in_span(self._statements_of(ids[i:i + PAGE]), first, last):
                out.setdefault(day, []).append(s)
        self.streamed += sum(len(v) for v in out.values())
        return out


def chunks(days: list[int]) -> Iterator[tuple[int, int]]:
    """Day ranges (ordinals, ascending, at most CHUNK_DAYS each) covering every day within
    WINDOW_DAYS of one of `days` (sorted): the days whose stored statements can meet a new one."""
    spans: list[list[int]] = []
    for d in days:
        lo, hi = d - WINDOW_DAYS, d + WINDOW_DAYS
        if spans and lo <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    for lo, hi in spans:
        for first in range(lo, hi + 1, CHUNK_DAYS):
            yield first, min(hi, first + CHUNK_DAYS - 1)


def probe(lex: DisputeLexicon, index: StatementIndex, day: int, statements: list[Statement],
          edges: set[tuple[str, str]], offers: dict[str, Option]) -> None:
    """Add the relations of these stored statements (dated `day`) with the indexed new ones:
    near claims as edges, and each counter's best option among them to `offers`."""
    for s in statements:
        if is_claim(s):
            edges.update((s.key, n) for n in index.probe_near(s, day))
            for q in index.probe_counters(s, day):
                offer(offers, q, option(lex, index.stmts[q], s))
        if s.counter:
            options = [o for o in (option(lex, s, index.stmts[c]) for c in index.probe_claims(s, day)) if o]
            if options:
                offer(offers, s.key, min(options))


def offer(offers: dict[str, Option], key: str, found: Option | None) -> None:
    """Keep the better of `found` and what `key` was offered so far."""
    if found and (key not in offers or found < offers[key]):
        offers[key] = found
