"""Dates and durations of extracted statements and events.

Dates come from the time stage (`storyline.analyse.time.attach.DocTimes`). Durations come from DURATION TimeExprs inside the
span; when the time stage has none there, a bounded pattern reads the few forms news uses
(通话超过1小时, 将近5个小时, 1小时40分钟, 两个小时).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from storyline.analyse.time.attach import DocTimes

__all__ = ["ClauseDates", "DocTimes", "duration_minutes"]


MAX_MINUTES = 24 * 60
_NUM = "0-9０-９一二两三四五六七八九十半"
_DURATION = re.compile(rf"([{_NUM}]{{1,3}})个?(?:多)?(小时|钟头|分钟)(?:([{_NUM}]{{1,3}})分钟?)?")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "半": 0.5}


def _number(s: str) -> float | None:
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if s.isdigit():
        return float(s)
    if s == "十":
        return 10.0
    if len(s) == 2 and s[0] == "十":
        return 10.0 + _CN.get(s[1], 0)
    if len(s) == 2 and s[1] == "十":
        return _CN.get(s[0], 0) * 10.0
    if len(s) == 3 and s[1] == "十":
        return _CN.get(s[0], 0) * 10.0 + _CN.get(s[2], 0)
    return float(_CN[s]) if s in _CN else None


def duration_minutes(times: DocTimes, paragraph: int, start: int, end: int, norm: str) -> float | None:
    for t in times.durations(paragraph, start, end):
        # a meeting or call lasts minutes or hours; 时隔一月 is a gap, not a duration
        if t.minutes and t.minutes <= MAX_MINUTES:
            return t.minutes
    m = _DURATION.search(norm, start, end)
    if not m:
        return None
    n = _number(m.group(1))
    if n is None:
        return None
    minutes = n * 60 if m.group(2) != "分钟" else n
    if m.group(3):
        minutes += _number(m.group(3)) or 0
    return minutes


_CALENDAR = re.compile(r"\d{4}")  # a value the date look-up can use (2022, 2022-02-24, 2022-W07)
_CLAUSE_END = re.compile("[，。；！？,;!?]")


class ClauseDates:
    """An event is dated only by a time expression of its own clause (the guidelines' "date=none when
    nothing dates it"): one written in the event's span up to its trigger, or after the trigger
    before the clause ends (会谈于12日举行). A date the look-up inherits from an earlier sentence of
    the paragraph, or the publication day it falls back to, is no date: on the train split annotators
    left 1,563 of 3,192 events undated, and where the rules dated an event from outside its clause
    the annotators had no date 2-3 times as often as that date (train events.full 0.105 -> 0.128,
    dev 0.088 -> 0.166)."""

    def __init__(self, doc, times: DocTimes) -> None:
        self.times = times
        self._starts: dict[int, list[int]] = {}
        self._ends: dict[int, list[int]] = {}
        for t in doc.times:  # the time stage's order: by paragraph, then start
            if t.type in ("DATE", "TIME") and t.value and _CALENDAR.match(t.value):
                self._starts.setdefault(t.paragraph, []).append(t.start)
                self._ends.setdefault(t.paragraph, []).append(t.end)

    def _any(self, p: int, lo: int, hi: int, end_max: int | None = None) -> bool:
        starts = self._starts.get(p)
        if not starts:
            return False
        i = bisect_left(starts, lo)
        return i < len(starts) and starts[i] < hi and (end_max is None or self._ends[p][i] <= end_max)

    def own(self, p: int, norm: str, start: int, trigger_end: int, date: tuple) -> tuple:
        """(date, date_end, from_context): `date` (the look-up's answer for the span) when the span states
        a time before the trigger ends; else the first time after the trigger in its clause; else `date`
        flagged as the context's (an earlier date of the paragraph, or the day of the report). The
        flagged date is no date of the event's own (the guidelines' date=none, as `storyline eval`
        scores it), but it is where a reader's timeline places the event, and linking weighs it as an
        inherited date (link/consensus.py)."""
        if self._any(p, start, trigger_end, trigger_end):
            return (*date, False)
        m = _CLAUSE_END.search(norm, trigger_end)
        ce = m.start() if m else len(norm)
        if self._any(p, trigger_end, ce):
            return (*self.times.date_for(p, trigger_end, ce), False)
        if date[0] and len(date[0]) < 7 and self.times.anchor:
            # a bare year the paragraph mentioned earlier (自2014年以来…，他说…) is background, not when
            # an undated clause happens: the day of the report is
            date = (self.times.anchor, None)
        return (*date, date[0] is not None)


    def sentence_opening(self, p: int, norm: str, start: int) -> tuple | None:
        """(date, date_end) of a time expression that opens the sentence of `start` as a clause of its
        own (周六，贝内特与普京会谈，随后与泽连斯基通了电话: Saturday dates both), when that clause ends
        before `start`; else None. Train events.full 497 -> 499 right, dev unchanged."""
        ss = max(norm.rfind(c, 0, start) for c in SENTENCE_ENDS) + 1
        if not self._any(p, ss, ss + OPENING_REACH):
            return None
        m = _CLAUSE_END.search(norm, ss, start)
        if m is None:
            return None
        return self.times.date_for(p, ss, m.start())


SENTENCE_ENDS = "。！？!?"
OPENING_REACH = 2  # the time starts at most this far into its sentence (“在”, a space)
DURING = ("结束", "中", "期间")  # 会谈结束后 / 在会谈中: the meeting already reported
ANAPHOR_REACH = 2  # 这场视频会谈: at most this many characters between the determiner and the trigger


def inherit_anaphoric_dates(events: list, norms: dict[int, str], determiners: list[str],
                            anchor: str | None) -> None:
    """此次会谈 / 这场会谈 with no date of its own is the meeting already reported: it takes the date of
    the first earlier mention of the same type that shares an actor and has a date of its own,
    instead of the publication day (the 12月7日 video summit reported the next morning)."""
    for i, ev in enumerate(events):
        if ev.date not in (None, anchor) and not ev.date_from_context:
            continue
        norm = norms.get(ev.paragraph, "")
        lo = max(0, ev.trigger_start - ANAPHOR_REACH - 2)
        window = norm[lo:ev.trigger_start]
        determined = any(w in window and len(window) - (window.rfind(w) + len(w)) <= ANAPHOR_REACH
                         for w in determiners)
        if not determined and not norm.startswith(DURING, ev.trigger_end):  # 在与普京会谈结束后
            continue
        names = {a.name for a in ev.actors}
        for prev in events[:i]:
            if (prev.type == ev.type and prev.date not in (None, anchor) and not prev.date_from_context
                    and names & {a.name for a in prev.actors}):
                ev.date, ev.date_end, ev.date_from_context = prev.date, prev.date_end, False
                break


UNREAL = ("planned", "conditional", "denied")
# an article with at most this many time expressions reports the day's news (see `date_day_news`)
DAY_NEWS_MAX_TIMES = 1


def undate_unreal(doc, events: list) -> None:
    """A planned, conditional or denied act that no time expression of its paragraph dates (如果俄罗斯
    入侵乌克兰, 尚未会面) has no date: the guidelines' `date=none` (on the train split annotators left
    61 of 79 such events undated), not the publication day the date look-up falls back to."""
    usable: dict[int, int] = {}  # paragraph -> start of its first DATE/TIME expression
    for t in doc.times:
        if t.type in ("DATE", "TIME") and t.value:
            usable[t.paragraph] = min(usable.get(t.paragraph, t.start), t.start)
    for ev in events:
        if ev.status in UNREAL and ev.date == doc.anchor and usable.get(ev.paragraph, ev.trigger_end) >= ev.trigger_end:
            ev.date, ev.date_end, ev.date_from_context = None, None, False


def date_day_news(doc, events: list) -> None:
    """An article that names at most `DAY_NEWS_MAX_TIMES` time expression is a report of the day's news:
    an act it reports as done (status occurred) that its clause does not date happened on the
    publication day, as the guidelines read such reports ("今日", present-tense news). In longer,
    dated articles annotators leave such events undated (date=none) more often than not, so there
    the publication day stays the context's placement only. Train split: of the found events right on
    type, actors and status that we leave undated, 14 are gold-dated on the publication day and 6 have
    none in such articles (events.full +8, dev +1); at <= 2 expressions +1, at <= 3 +0."""
    if not doc.anchor or len(doc.times) > DAY_NEWS_MAX_TIMES:
        return
    for ev in events:
        if ev.status == "occurred" and ev.date_from_context and ev.date == doc.anchor:
            ev.date_from_context = False
