"""Which date a clause refers to: the attachment API used by event and quote extraction.

    times = DocTimes(doc)          # once per doc: its times indexed by paragraph
    times.date_for(paragraph, start, end, trigger=None) -> (date, date_end)
    times.durations(paragraph, start, end) -> DURATION expressions starting in the span

Order of preference: a calendar DATE/TIME inside the clause span (the one governing the
clause: not inside quotes, not after a colon, not in a subordinate "...后，" phrase; with a
trigger offset, the nearest such one before the trigger), else the last calendar date in the
same paragraph before the span, else the article anchor. Earlier paragraphs are deliberately
not used: a new paragraph in news usually starts a new dated item or inherits the dateline.
Values are dates at their known precision (a TIME is trimmed to its date; an ISO week becomes
its Monday..Sunday range).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta

from storyline.model import Doc, TimeExpr

_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_SUBORDINATE_END = ("后", "之后", "以后", "前", "之前", "以前", "以来", "期间", "时")
_PUNCT = re.compile(r"[，。；！？,;!?]")


def _as_dates(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    week = _WEEK.match(value)
    if week:
        monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        first = monday + timedelta(days=5) if week.group(3) else monday
        return first.isoformat(), (monday + timedelta(days=6)).isoformat()
    m = _CALENDAR.match(value)
    return (m.group(0), None) if m else (None, None)


def _usable(t: TimeExpr) -> bool:
    return t.type in ("DATE", "TIME") and _as_dates(t.value)[0] is not None


def _result(t: TimeExpr) -> tuple[str | None, str | None]:
    first, last = _as_dates(t.value)
    if t.range_end:
        last = _as_dates(t.range_end)[0]
    return first, last


def _governing(t: TimeExpr, norm: str, start: int, end: int) -> bool:
    """False for dates that are content or background, not the clause's own time."""
    before = norm[start : t.start]
    if before.count("“") > before.count("”") or "：" in before or ":" in before:
        return False
    tail = _PUNCT.split(norm[t.end : end], maxsplit=1)[0]
    return not tail.endswith(_SUBORDINATE_END)


class DocTimes:
    """One doc's times indexed by paragraph once, so each clause's look-up is a bisect: a
    paragraph with thousands of dates (text with no full stops) must not make every clause scan
    them all. Relies on the time stage's order: `doc.times` sorted by (paragraph, start)."""

    def __init__(self, doc: Doc) -> None:
        self.anchor = doc.anchor
        self._norms = {p.index: p.norm for p in doc.paragraphs}
        self._dates: dict[int, list[TimeExpr]] = {}
        self._durations: dict[int, list[TimeExpr]] = {}
        for t in doc.times:
            if _usable(t):
                self._dates.setdefault(t.paragraph, []).append(t)
            elif t.type == "DURATION":
                self._durations.setdefault(t.paragraph, []).append(t)
        self._date_starts = {k: [t.start for t in v] for k, v in self._dates.items()}
        self._duration_starts = {k: [t.start for t in v] for k, v in self._durations.items()}

    def date_for(
        self, paragraph: int, start: int, end: int, trigger: int | None = None
    ) -> tuple[str | None, str | None]:
        """(date, date_end) for the clause at [start, end) of paragraph `paragraph` (Paragraph.index)."""
        here = self._dates.get(paragraph, [])
        starts = self._date_starts.get(paragraph, [])
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        inside = [t for t in here[lo:hi] if t.end <= end]
        if inside:
            norm = self._norms.get(paragraph, "")
            governing = [t for t in inside if _governing(t, norm, start, end)] or inside
            if trigger is not None:
                before = [t for t in governing if t.start < trigger]
                return _result(before[-1] if before else governing[0])
            return _result(governing[0])
        for t in reversed(here[:lo]):  # the last date ending before the span
            if t.end <= start:
                return _result(t)
        return self.anchor, None

    def durations(self, paragraph: int, start: int, end: int) -> list[TimeExpr]:
        """DURATION expressions of the paragraph that start inside [start, end), in text order."""
        starts = self._duration_starts.get(paragraph, [])
        here = self._durations.get(paragraph, [])
        return here[bisect_left(starts, start) : bisect_left(starts, end)]


def time_for(
    doc: Doc, paragraph: int, start: int, end: int, trigger: int | None = None
) -> tuple[str | None, str | None]:
    """`DocTimes(doc).date_for(...)` for a single look-up (many look-ups: build DocTimes once)."""
    return DocTimes(doc).date_for(paragraph, start, end, trigger)
