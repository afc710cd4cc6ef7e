"""Joining neighbouring matches that are one expression: compound durations and ranges.

The grammar's patterns each see one expression; what they cannot see without nested repeats
(which would break linear time) is a chain: 一年多三个月又20天8小时 (durations in a row, joined by
nothing, 又, 零 or 余) or 2016年12月15日晚上7:00到8:00 / 10/1/2017-11/2/2017 (two points joined by
a range separator). This pass walks the matches once, in text order, and joins such neighbours
into one RawMatch whose `parts` keep the pieces for the resolver.
"""

from __future__ import annotations

from storyline.analyse.time.grammar import RawMatch
from storyline.analyse.time.numerals import to_number

_DURATION_GLUE = ("", "又", "零", "余", " ")
_RANGE_GLUE = ("到", "至", "-", "—", "–", "－", "~", "～", " - ", " 到 ", " 至 ")
_POINT_KINDS = ("date", "numdate", "weekday", "relday", "mentionday")
_CLOCK_TAILS = ("clock", "relday", "date", "weekday")


def _is_hours(raw: RawMatch, norm: str) -> bool:
    """8天20时: a bare N时 right after a duration is N hours, not a clock time."""
    return raw.pattern == "clock_arabic" and set(raw.groups) <= {"hh"} and norm[raw.end - 1] == "时"


def _joinable_duration(a: RawMatch, b: RawMatch, glue: str, norm: str) -> bool:
    if glue not in _DURATION_GLUE:
        return False
    last = a.parts[-1] if a.kind == "compound" else a
    if last.kind != "duration" or {"nr", "scope"} & b.groups.keys() or last.groups.get("post", "多") not in "多余":
        return False
    if _is_hours(b, norm):
        return True
    return b.kind == "duration" and (glue == "又" or _smaller(last, b))  # 又: "and another", any order


# a chain runs from larger units to smaller ones, each below one of the next larger (一年12个月 is no sum)
_RANK = {"年": (0, None), "季度": (1, 4), "月": (2, 12), "周": (3, 5), "星期": (3, 5), "礼拜": (3, 5), "天": (4, 31),
         "日": (4, 31), "时": (5, 24), "钟头": (5, 24), "分": (6, 60), "秒": (7, 60)}


def _rank(unit: str) -> tuple[int, int | None] | None:
    return next((v for k, v in _RANK.items() if k in unit), None)


def _smaller(a: RawMatch, b: RawMatch) -> bool:
    ra, rb = _rank(a.groups.get("unit", "")), _rank(b.groups.get("unit", ""))
    if ra is None or rb is None or rb[0] <= ra[0]:
        return False
    amount = to_number(b.groups.get("n", "").lstrip("零") or None)
    return amount is None or rb[1] is None or amount < rb[1]


def _joinable_range(a: RawMatch, b: RawMatch, glue: str) -> bool:
    if glue not in _RANGE_GLUE and glue not in ("和", "与"):
        return False
    if a.kind in _POINT_KINDS and "hh" in a.groups and b.kind in _CLOCK_TAILS and "hh" in b.groups:
        return True  # 2016年12月15日晚上7:00到8:00, 从昨天下午两点到明天四点
    full = ("y" in a.groups and "d" in a.groups) or a.kind == "numdate"
    return full and glue in _RANGE_GLUE and (b.kind == "numdate" or ("y" in b.groups and "d" in b.groups))


def merge(taken: list[RawMatch], norm: str) -> list[RawMatch]:
    """The matches of one paragraph (text order, no overlaps) with chains joined."""
    out: list[RawMatch] = []
    for raw in taken:
        prev = out[-1] if out else None
        if prev is not None:
            glue = norm[prev.end : raw.start]
            if _joinable_duration(prev, raw, glue, norm):
                parts = prev.parts if prev.kind == "compound" else [prev]
                out[-1] = RawMatch("compound", "compound", prev.start, raw.end, {}, prev.priority,
                                   raw.end - prev.start, parts + [raw])
                continue
            between = glue in ("和", "与") and norm.startswith(("之间", "间"), raw.end)
            if prev.kind != "compound" and (glue in _RANGE_GLUE or between) and _joinable_range(prev, raw, glue):
                end = raw.end + (2 if norm.startswith("之间", raw.end) else 1 if between else 0)
                out[-1] = RawMatch("span", "span", prev.start, end, {}, prev.priority, end - prev.start,
                                   [prev, raw])
                continue
        out.append(raw)
    return out
