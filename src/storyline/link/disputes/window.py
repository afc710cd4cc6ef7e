"""The new claims and counters (those of the articles being linked) dated within WINDOW_DAYS
of the day the dispute linker is working on: all a new or stored statement of that day can be
related to, apart from its own article's (stored statements are streamed past it, see
link.disputes.stream; they are never indexed).

The linker visits the days in order; `cover(day)` loads what enters the window (a few days
ahead at a time, so an article seen on consecutive days is built once per load) and, once it
holds more than KEEP, drops what left it. Memory is a month of new statements (or KEEP),
however many are stored or new.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Callable, Iterator

from storyline.link.dates import day_of
from storyline.link.day_index import ordinal
from storyline.link.disputes.index import WINDOW_DAYS, StatementIndex
from storyline.link.disputes.rules import DisputeLexicon, Statement

AHEAD = 7  # days loaded past the window's end at a time
KEEP = 30_000  # statements held before the days behind the window are dropped (dropping costs)
PAGE = 200  # articles built per query


class Window:
    def __init__(self, lex: DisputeLexicon, articles_dated: Callable[[Date, Date], set[str]],
                 statements_of: Callable[[list[str]], list[Statement]], keep: int = KEEP) -> None:
        """`articles_dated(first, last)`: the new articles with a statement dated in that span;
        `statements_of(ids)`: those articles' claims and counters; `keep`: statements held before the
        days behind the window are dropped."""
        self.index = StatementIndex(lex)
        self._articles_dated = articles_dated
        self._statements_of = statements_of
        self._lo: int | None = None  # ordinals loaded: [lo, hi]
        self._hi: int | None = None
        self._by_day: dict[int, list[str]] = {}
        self.loaded = 0  # statements indexed in all (what the sweep cost)
        self.keep = keep

    def __len__(self) -> int:
        return len(self.index.stmts)

    def cover(self, day: int) -> None:
        lo, hi = day - WINDOW_DAYS, day + WINDOW_DAYS
        if self._hi is None or lo > self._hi:
            self.clear()
            self._load(lo, hi + AHEAD)
        else:
            if hi > self._hi:
                self._load(self._hi + 1, hi + AHEAD)
            if len(self.index.stmts) > self.keep:  # look-ups are by day: what is behind does no harm
                self._evict(lo)

    def clear(self) -> None:
        self.index = StatementIndex(self.index.lex)
        self._by_day.clear()
        self._lo = self._hi = None

    def _load(self, first: int, last: int) -> None:
        ids = sorted(self._articles_dated(Date.fromordinal(first), Date.fromordinal(last)))
        for i in range(0, len(ids), PAGE):
            keep = [s for _, s in in_span(self._statements_of(ids[i:i + PAGE]), first, last)]
            for k in self.index.index(keep):
                self._by_day.setdefault(self.index.ord[k], []).append(k)
            self.loaded += len(keep)
        self._lo = first if self._lo is None else self._lo
        self._hi = last

    def _evict(self, lo: int) -> None:
        if self._lo is None or self._lo >= lo:
            return
        for d in [d for d in self._by_day if d < lo]:
            self.index.unindex(self._by_day.pop(d))
        self._lo = lo


def in_span(statements: list[Statement], first: int, last: int) -> Iterator[tuple[int, Statement]]:
    """The statements dated first..last (ordinals), with their day."""
    for s in statements:
        day = ordinal(day_of(s.date))
        if day is not None and first <= day <= last:
            yield day, s
