"""Offsets, mixed into `Resolver` through `MoreResolvers` (resolve_more.py): 3小时前 (a point three
hours before the dateline), 两个月后 (two months after the time the text is talking about),
被捕一周后 (a length counted from an event of the sentence), and offset windows (之后5分钟: the five
minutes after the dateline). Split out of resolve_more.py, which had grown past 400 lines.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from storyline.analyse.time.dates import add_months, fmt, iso_week
from storyline.analyse.time.numerals import to_number

if TYPE_CHECKING:
    from storyline.analyse.time.grammar import RawMatch
    from storyline.analyse.time.resolve import Context, Resolved

_REF = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def ref_parts(value: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a calendar value at its own precision; None for anything else."""
    m = _REF.match(value or "")
    if not m or (value and len(value) > 4 and value[4] not in "-T"):
        return None
    return int(m.group(1)), (int(m.group(2)) if m.group(2) else None), (int(m.group(3)) if m.group(3) else None)


def _stamp(dt: datetime, seconds: bool) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S" if seconds else "%Y-%m-%dT%H:%M")


class OffsetResolvers:
    """Handlers `_r_offset` / `_r_offsetwindow`; expects Resolver's lex and durations."""

    # ---- offsets ----
    def _r_offset(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        """三个月前 / 3小时前: back from the dateline; 两天后 / 两个月后: forward from the time the
        text is talking about (the last calendar time mentioned), else from the dateline."""
        from storyline.analyse.time.resolve import Resolved

        g = raw.groups
        back = g["dir"].endswith("前")
        more = bool(g.get("more")) or "多" in g["unit"]
        unit, per = self.durations.unit(g["unit"].replace("多", ""))
        if more and unit not in ("H", "MIN", "S"):
            # 十多年前, 三个多星期前: some time back, with no count to step by (annotated: PAST_REF)
            return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF")
        n = to_number(g["n"])
        if g["n"] == "半":  # 半年前 = six months back, 半个月前 = fifteen days back; 半年后 is read as a length
            if not back or unit not in ("Y", "M"):
                return Resolved("DURATION", self.durations.read({**g, "n": "一", "halfonly": "半"})[0],
                                "APPROX" if "pre" in g else None)
            n, unit = (6, "M") if unit == "Y" else (15, "D")
        mod = "APPROX" if "pre" in g or more else None  # 两个多小时前: about two hours back
        if n is None and not back and unit == "D" and g["n"] in ("几", "数") and ctx.anchor is not None \
                and not self._after_event(norm, raw.start):  # 进入南海几天后: after an event the text does not date
            return self._few_days_after(ctx, mod)
        if n is None or not float(n).is_integer() or ctx.anchor is None:
            return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF")
        step = -int(n) if back else int(n)
        if not back and unit not in ("H", "MIN", "S") and self._after_event(norm, raw.start):
            # 被捕一周后获释, 交战八年后: the time after an event, a duration (TimeML), not a date
            return Resolved("DURATION", self.durations.format(n, unit, None), mod)
        if unit in ("H", "MIN", "S"):
            if not back and ctx.last_ref is not None:
                # 溜走，54个小时后被捕 / 但3分钟后: hours after a time the text told of, at no clock
                # the text gives: their length, as the annotators read them (5 in 6), not that day
                return Resolved("DURATION", self.durations.format(n, unit, n * per), mod, minutes=n * per)
            return self._clock_offset(step, unit, ctx)
        base_value = ctx.anchor_str if back or ctx.last_ref is None else ctx.last_ref
        if base_value is ctx.last_ref and unit in ("W", "D") and len(ctx.last_ref) < 10:
            base_value = ctx.anchor_str  # 两周后 after a bare 2020: weeks are not counted from a year
        parts = ref_parts(base_value) or (ctx.anchor.year, ctx.anchor.month, ctx.anchor.day)
        y, m, d = parts
        full = None
        if unit == "Y" or m is None:
            value = fmt(y + (step if unit == "Y" else 0))
        elif unit == "M" or d is None:
            value = fmt(*add_months(y, m, step if unit == "M" else 0))
        elif unit == "W":
            value = iso_week(date(y, m, d) + timedelta(days=7 * step))
        else:
            full = date(y, m, d) + timedelta(days=step)
            value = full.isoformat()
        return Resolved("DATE", value, mod, base_value, full_date=full)

    @staticmethod
    def _few_days_after(ctx: Context, mod: str | None) -> Resolved:
        """几天后 / 数天后: two to nine days after the day the paragraph is talking about (the last day
        it wrote, else the dateline). No day, but the month when the whole window lies in one
        (合约将于几天后签署 said on 10 November is in 2020-11; annotated so 2 in 2), else FUTURE_REF."""
        from storyline.analyse.time.resolve import Resolved

        base = ctx.para_last_date or ctx.anchor  # a day of this paragraph, not one told of far earlier
        first, last = base + timedelta(days=2), base + timedelta(days=9)
        if (first.year, first.month) != (last.year, last.month):
            return Resolved("DATE", "FUTURE_REF")
        return Resolved("DATE", fmt(first.year, first.month), "APPROX" if mod is None else mod, base.isoformat())

    def _after_event(self, norm: str, start: int) -> bool:
        """Is the text just before an offset (past 约/近) a word of the sentence, i.e. an event it
        counts from, rather than a clause start, 的, 在/于 or a time?"""
        before = norm[max(0, start - 3) : start].rstrip(" ")
        for word in self.lex["offset_approx"]:
            if before.endswith(word):
                before = before[: -len(word)]
                break
        return bool(before) and "\u4e00" <= before[-1] <= "\u9fff" and before[-1] not in self.lex["offset_not_event"]

    def _clock_offset(self, step: int, unit: str, ctx: Context) -> Resolved:
        """3小时前: a point, to the minute when the dateline has a clock time, else its day."""
        from storyline.analyse.time.resolve import Resolved

        seconds = {"H": 3600, "MIN": 60, "S": 1}[unit] * step
        if ctx.anchor_dt is None:
            return Resolved("TIME", ctx.anchor_str, None, ctx.anchor_str)
        point = ctx.anchor_dt + timedelta(seconds=seconds)
        return Resolved("TIME", _stamp(point, unit == "S") + ctx.anchor_zone, None, _stamp(ctx.anchor_dt, True),
                        full_date=point.date())

    def _r_offsetwindow(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        """之后5分钟 / 之前3小时: the window between the dateline and that offset; after an event
        word (两针之后一个月) the length of the offset."""
        from storyline.analyse.time.resolve import Resolved

        g = raw.groups
        n = to_number(g["n"])
        unit, per_minutes = self.durations.unit(g["unit"])
        back = g["dir"].endswith("前")
        before = norm[raw.start - 1 : raw.start] if raw.start else ""
        if n is not None and "\u4e00" <= before <= "\u9fff" and before not in self.lex["window_not_event"]:
            # 打完两针之后一个月: a length counted from the event before 之后 (the TimeML reading of
            # 被捕一周后, see _r_offset), not the month after the dateline
            return Resolved("DURATION", self.durations.format(n, unit, n * per_minutes), minutes=n * per_minutes)
        if n is None or ctx.anchor is None:
            return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF")
        start = ctx.anchor_dt or datetime.combine(ctx.anchor, datetime.min.time())
        other = start + timedelta(minutes=(-1 if back else 1) * n * per_minutes)
        lo, hi = (other, start) if back else (start, other)
        if unit in ("H", "MIN", "S") and ctx.anchor_dt is not None:
            z = ctx.anchor_zone
            return Resolved("TIME", _stamp(lo, False) + z, None, ctx.anchor_str, range_end=_stamp(hi, False) + z)
        return Resolved("DATE", lo.date().isoformat(), None, ctx.anchor_str, range_end=hi.date().isoformat())
