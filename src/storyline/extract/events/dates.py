"""Dates and durations of extracted statements and events.

Dates come from the time stage (`storyline.analyse.time.attach.DocTimes`). Durations come from DURATION TimeExprs inside the
span; when the time stage has none there, a bounded pattern reads the few forms news uses
(通话超过1小时, 将近5个小时, 1小时40分钟, 两个小时).
"""

from __future__ import annotations

import re

from storyline.analyse.time.attach import DocTimes

__all__ = ["DocTimes", "duration_minutes"]


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
