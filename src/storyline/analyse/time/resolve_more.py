"""Resolution of the less common expression kinds, mixed into `Resolver` (resolve.py).

Clock ranges (下午5:00到6:00), numeric day-first/month-first dates (13.5.2015, 1/2/2020),
holidays and lunar dates (春节, 农历十月初一 -> the Gregorian day, see calendar_cn.py), decades
(上世纪90年代 -> 199), and chains joined by merge.py. Offsets (3小时前, 两个月后, 之后5分钟) are in
offsets.py, mixed in here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyline.analyse.time.dates import fmt, safe_date
from storyline.analyse.time.numerals import to_int, to_number
from storyline.analyse.time.offsets import OffsetResolvers, ref_parts  # noqa: F401 (ref_parts re-exported)

if TYPE_CHECKING:
    from storyline.analyse.time.grammar import RawMatch
    from storyline.analyse.time.resolve import Context, Resolved

# a day up to this many days before the story's day (Context.story_date) still continues it
# (2015年3月6日和7日…… 3月6日晚), as one up to two weeks after it does
STORY_BACK = 7
_LUNAR_DAY = {"初": 0, "廿": 20}


def _lunar_day(word: str) -> int | None:
    if word[0] in _LUNAR_DAY:
        rest = to_int(word[1:])
        return None if rest is None else _LUNAR_DAY[word[0]] + rest
    return to_int(word)


class MoreResolvers(OffsetResolvers):
    """Handlers `_r_<kind>` for the kinds above; expects Resolver's lex, clock, lean, _cost, year_for."""

    def full_year(self, span: str | None, ctx: Context) -> int | None:
        """A year from its digits; two-digit years (08年, 九七年) go to the century that keeps them
        no more than 10 years after the dateline (or 2030 without one)."""
        value = to_int(span)
        if value is None or value >= 100 or span is None:
            return value
        limit = (ctx.anchor.year if ctx.anchor else 2020) + 10
        return 2000 + value if 2000 + value <= limit else 1900 + value

    def year_suffix(self, year: int | None, g: dict[str, str]) -> str | None:
        """上半年 -> 2017-H1, 第三季度 -> 2017-Q3, 的第一周 -> 2017-W01 (None when there is none)."""
        if year is None:
            return None
        if "hy" in g:
            return f"{year:04d}-H{1 if g['hy'][0] in '上前' else 2}"
        if "q" in g:
            q = to_int(g["q"])
            return f"{year:04d}-Q{q}" if q else None
        if "wn" in g:
            n = to_int(g["wn"])
            return f"{year:04d}-W{n:02d}" if n and 1 <= n <= 53 else None
        if "mn" in g:
            n = to_int(g["mn"])
            return fmt(year, n) if n and 1 <= n <= 12 else None
        span = self.year_part(year, g)
        return span[0] if span else None

    def year_part(self, year: int | None, g: dict[str, str]) -> tuple[str, str] | None:
        """2021年的前2周 -> (2021-01-04, 2021-01-17), 最后4个月 -> (2021-09, 2021-12): first and last."""
        n = to_int(g.get("fn"))
        if year is None or "fl" not in g or not n:
            return None
        unit, first = g["fu"], g["fl"] == "前"
        if unit == "个月":
            if n > 12:
                return None
            return (fmt(year, 1), fmt(year, n)) if first else (fmt(year, 13 - n), fmt(year, 12))
        days = n if unit == "天" else 7 * n
        if unit == "天":
            start = date(year, 1, 1) if first else date(year, 12, 31) - timedelta(days=days - 1)
        else:  # ISO weeks: the first starts on the Monday of week 1, the last ends on the Sunday of the last
            last_week = date(year, 12, 28).isocalendar()[1]
            start = date.fromisocalendar(year, 1, 1) if first else date.fromisocalendar(year, last_week - n + 1, 1)
        return start.isoformat(), (start + timedelta(days=days - 1)).isoformat()

    # ---- clock ranges: 下午5:00到6:00, 早上五到六点, 从昨天5:00-6:00 ----
    def _r_clockrange(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        from storyline.analyse.time.resolve import Resolved

        g = raw.groups
        base = ctx.anchor
        if "rd" in g and base is not None:
            shift, part = self.lex["relative_days"][g["rd"]]
            base = base + timedelta(days=shift)
            if part and "tod" not in g:  # 今晚八点到九点: the evening of 今晚
                g = {**g, "tod": next(w for w, t in self.lex["times_of_day"].items() if t["part"] == part)}
        elif "w" in g:  # 周一上午10点到12点: that Monday
            from storyline.analyse.time.grammar import RawMatch as Raw

            base = self._r_weekday(Raw("weekday", "weekday", raw.start, raw.end, {"w": g["w"]}), norm, ctx).full_date
        elif ctx.para_last_date is not None:
            base = ctx.para_last_date
        day = base.isoformat() if base else "XXXX-XX-XX"
        first, _ = self.clock(g, base, day)
        second_groups = {k[:-2]: v for k, v in g.items() if k.endswith("_2")}
        if "tod" not in second_groups and "tod" in g:
            second_groups["tod"] = g["tod"]  # 下午5:00到6:00: the part of day carries over
        second, _ = self.clock(second_groups, base, day)
        return Resolved("TIME", first, None, ctx.anchor_str, range_end=second, full_date=base)

    # ---- 13.5.2015, 1/2/2020: day first, as Hong Kong writes them, unless only month-first is a date ----
    def _r_numdate(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        from storyline.analyse.time.resolve import Resolved

        g = raw.groups
        a, b, y = int(g["a"]), int(g["b"]), self.full_year(g["y"], ctx) or 0  # 05/05/89: 1989
        day_first = b <= 12  # 13.5.2015, 10/1/2017: day first (the Hong Kong and European order) ...
        if a > 12 or b > 12:
            day_first = a > 12  # ... unless only the other reading is a date
        d, m = (a, b) if day_first else (b, a)
        full = safe_date(y, m, d)
        return Resolved("DATE", full.isoformat() if full else None, full_date=full)

    # ---- holidays and lunar dates ----
    def era_year(self, g: dict[str, str]) -> int | None:
        """康熙三年 -> 1664, 民国111年 -> 2022, 令和元年 -> 2019."""
        n = 1 if g.get("en") == "元" else to_int(g.get("en"))
        first = self.calendar.eras.get(g.get("era", ""))
        return None if n is None or first is None else first + n - 1

    def _r_era(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        from storyline.analyse.time.resolve import Resolved

        g = raw.groups
        if self.calendar.eras.get(g.get("era", ""), 0) < 0:  # 公元前44年: TIMEX3 writes BC0044
            n = to_int(g.get("en"))
            return Resolved("DATE", f"BC{n:04d}" if n and n < 10000 else None)
        year = self.era_year(g)
        month = to_int(g.get("m")) or self.calendar.lunar_months.get(g.get("lm", ""))
        day = to_int(g.get("d")) if "d" in g else (_lunar_day(g["ld"]) if "ld" in g else None)
        if year is None:
            return Resolved("DATE", None)
        if "ld" in g and month and day and 1900 <= year <= 2099:
            solar = self.calendar.lunar(year, month, day)  # 民国 years with a lunar day: convertible
            if solar:
                return Resolved("DATE", solar.isoformat(), full_date=solar)
        return Resolved("DATE", fmt(year, month, day if month else None), full_date=safe_date(year, month, day))

    def _holiday_year(self, g: dict[str, str], ctx: Context) -> tuple[int | None, bool]:
        """The explicit year (2015年, 去年, 同年) or None to choose; second: resolved against the anchor."""
        if "era" in g:
            return self.era_year(g), False
        if "y" in g:
            return self.full_year(g["y"], ctx), False
        if "ry" in g and ctx.anchor is not None:
            return mention_year(self.lex["year_offsets"][g["ry"]], ctx), True
        return None, True

    def _nearest(self, find, ctx: Context, lean: str | None) -> date | None:
        """The day `find(year)` nearest the anchor with the resolver's past lean."""
        if ctx.anchor is None:
            return None
        best = None
        for year in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1):
            cand = find(year)
            if cand is not None:
                cost = self._cost(cand, ctx.anchor, lean)
                if best is None or cost < best[0]:
                    best = (cost, cand)
        return best[1] if best else None

    def _story_holiday(self, name: str, ctx: Context) -> date | None:
        """The holiday of the story's year when it falls within the story's days (2015年3月7日……
        三八国际妇女节 is 2015-03-08), as a year-less date would."""
        last = ctx.story_date
        if ctx.anchor is None or last is None or (ctx.anchor - last).days < 60:
            return None
        day = self.calendar.day(name, last.year)
        return day if day is not None and -STORY_BACK <= (day - last).days <= 14 else None

    def _r_holiday(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        from storyline.analyse.time.resolve import Resolved

        g = raw.groups
        year, anchored = self._holiday_year(g, ctx)
        name = g["hol"]
        if year is None and ctx.para_year is not None:
            year = ctx.para_year  # 1989年……当年的国庆节: the paragraph's year
        if year is not None:
            day = self.calendar.day(name, year)
        else:
            day = self._story_holiday(name, ctx) or \
                self._nearest(lambda y: self.calendar.day(name, y), ctx, self.lean(norm, raw.start, raw.end))
        if day is None:  # no tables for that year (雍正四年大年三十): the year alone
            return Resolved("DATE", fmt(year) if year else None, anchor=None if year else ctx.anchor_str)
        mod = self.lex["date_mods"].get(g.get("dmod", ""))
        if g.get("same") == "当晚":
            return Resolved("TIME", f"{day.isoformat()}TNI", mod, ctx.anchor_str if anchored else None, full_date=day)
        return Resolved("DATE", day.isoformat(), mod, ctx.anchor_str if anchored else None, full_date=day)

    def _r_lunar(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        from storyline.analyse.time.resolve import Resolved

        g = raw.groups
        month = self.calendar.lunar_months.get(g["lm"]) or to_int(g["lm"])
        day_n = _lunar_day(g["ld"])
        leap = "leap" in g
        if month is None or day_n is None:
            return Resolved("DATE", None)
        year, anchored = self._holiday_year(g, ctx)
        if year is not None:
            day = self.calendar.lunar(year, month, day_n, leap)
        else:
            day = self._nearest(lambda y: self.calendar.lunar(y, month, day_n, leap), ctx,
                                self.lean(norm, raw.start, raw.end))
        if day is None:
            return Resolved("DATE", None, warning=f"no lunar day {raw.groups['lm']}月{raw.groups['ld']}")
        value, is_time = self.clock(g, day, day.isoformat())
        return Resolved("TIME" if is_time else "DATE", value, None, ctx.anchor_str if anchored else None,
                        full_date=day)

    # ---- decades: 90年代, 上世纪80年代, 19世纪70年代, 2010年代 ----
    def _r_decade(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        from storyline.analyse.time.resolve import Resolved

        g = raw.groups
        if "dec" not in g:  # 上世纪 / 本世纪 alone: the century, as TIMEX3 writes it (19, 20)
            now = (ctx.anchor.year if ctx.anchor else 2020) // 100
            return Resolved("DATE", f"{now - (g['cent'] != '本世纪'):02d}", anchor=ctx.anchor_str)
        dec = to_int(g["dec"])
        if dec is None:
            return Resolved("DATE", None)
        if dec >= 1000:
            start = dec
        else:
            now_century = (ctx.anchor.year if ctx.anchor else 2020) // 100 * 100
            cent = g.get("cent", "")
            if "cn" in g:
                n = to_int(g["cn"])
                century = (n - 1) * 100 if n else 1900
            elif cent == "本世纪":
                century = now_century
            else:  # 上世纪, or a bare 90年代: the last century (20年代 alone too: 1920s unless 本世纪)
                century = now_century - 100
            start = century + dec
        mod = self.lex["period_mods"].get(g.get("dpm", ""))
        return Resolved("DATE", f"{start // 10:03d}", mod)

    # ---- chains joined by merge.py ----
    def _r_compound(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        """一年多三个月又20天8小时: the sum, written P1Y3M20DT8H (months and seconds kept apart)."""
        from storyline.analyse.time.resolve import Resolved

        months, seconds, mod = 0.0, 0.0, None
        for part in raw.parts:
            g = part.groups
            if part.kind != "duration":  # 8天20时: hours
                seconds += 3600 * (to_number(g["hh"]) or 0)
                continue
            unit, per = self.durations.unit(g["unit"])
            n = g.get("n", "")
            n = n[1:] if n.startswith("零") and len(n) > 1 else n  # 一个月零十天: 零 joins, it is no digit
            amount = 0.5 if "halfonly" in g else to_number(n)
            if amount is None:
                return Resolved("DURATION", None)
            amount += 0.5 if ("half" in g or "half2" in g) else 0
            if unit in ("Y", "M", "Q"):
                months += amount * {"Y": 12, "M": 1, "Q": 3}[unit]
            else:
                seconds += amount * per * 60
            if g.get("n2"):
                seconds += 60 * (to_number(g["n2"]) or 0)
            mod = mod or self.durations.read(g)[1]
        return Resolved("DURATION", _iso_duration(months, seconds), mod, minutes=months * 43200 + seconds / 60)

    def _r_span(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        """Two points joined by 到/至/-: the first resolved as usual, the second on the first's day."""
        from storyline.analyse.time.grammar import RawMatch as Raw

        first_raw, second_raw = raw.parts
        first = self.resolve(first_raw, norm, ctx)
        if second_raw.kind == "clock":
            groups = dict(second_raw.groups)
            hour = to_int(groups.get("hh"))
            if "tod" not in groups and "tod" in first_raw.groups and hour is not None and hour < 12:
                groups["tod"] = first_raw.groups["tod"]  # 晚上7:00到8:00: the evening carries over
            second_raw = Raw(second_raw.kind, second_raw.pattern, second_raw.start, second_raw.end, groups)
        saved = ctx.para_last_date
        if first.full_date is not None:
            ctx.para_last_date = first.full_date
        second = self.resolve(second_raw, norm, ctx)
        ctx.para_last_date = saved
        first.range_end = second.value
        return first


def _iso_duration(months: float, seconds: float) -> str:
    y, mo = divmod(int(round(months)), 12)
    d, rest = divmod(int(round(seconds)), 86400)
    h, rest = divmod(rest, 3600)
    mi, s = divmod(rest, 60)
    date_part = "".join(f"{v}{u}" for v, u in ((y, "Y"), (mo, "M"), (d, "D")) if v)
    time_part = "".join(f"{v}{u}" for v, u in ((h, "H"), (mi, "M"), (s, "S")) if v)
    return "P" + date_part + ("T" + time_part if time_part else "") if (date_part or time_part) else "PT0S"


def mention_year(offset: int | str, ctx: Context) -> int:
    """The year of a relative year word: an offset from the dateline's year (去年 -1), or from the
    year the text is talking about (同年 `mention`, 次年 `mention+1`, 前一年 `mention-1`)."""
    assert ctx.anchor is not None
    if isinstance(offset, str) and offset.startswith("mention"):
        return (ctx.last_year or ctx.anchor.year) + int(offset[7:] or 0)
    return ctx.anchor.year + int(offset)

