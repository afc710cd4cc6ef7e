"""Which date a clause refers to: the attachment API used by event and quote extraction.

    time_for(doc, paragraph, start, end, trigger=None) -> (date, date_end)

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


def time_for(
    doc: Doc, paragraph: int, start: int, end: int, trigger: int | None = None
) -> tuple[str | None, str | None]:
    """(date, date_end) for the clause at [start, end) of paragraph `paragraph` (Paragraph.index)."""
    para = next((p for p in doc.paragraphs if p.index == paragraph), None)
    norm = para.norm if para is not None else ""
    here = [t for t in doc.times if t.paragraph == paragraph and _usable(t)]
    inside = [t for t in here if t.start >= start and t.end <= end]
    if inside:
        governing = [t for t in inside if _governing(t, norm, start, end)] or inside
        if trigger is not None:
            before = [t for t in governing if t.start < trigger]
            return _result(before[-1] if before else governing[0])
        return _result(governing[0])
    previous = [t for t in here if t.end <= start]
    if previous:
        return _result(previous[-1])
    return doc.anchor, None
