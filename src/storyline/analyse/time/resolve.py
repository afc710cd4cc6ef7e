"""Resolution half of the time tagger: a RawMatch plus context -> a TIMEX3-style value.

Calendar dates are anchored on the article's dateline (`Context.anchor`); 同日/当天 and
friends on the last full date seen before them (`Context.last_date`). Missing years and
months are chosen near the anchor with a past lean (news reports what happened), which a
future cue (将/计划/预计 ... from the lexicon) next to the expression turns into a future lean.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from storyline.analyse.time.dates import (
    add_months,
    fmt,
    in_dst,
    iso_week,
    month_length,
    monday_of,
    safe_date,
    shift_offset,
)
from storyline.analyse.time.calendar_cn import HolidayCalendar
from storyline.analyse.time.choose import Chooser
from storyline.analyse.time.grammar import Grammar, RawMatch
from storyline.analyse.time.durations import DurationReader
from storyline.analyse.time.numerals import to_int
from storyline.analyse.time.resolve_more import STORY_BACK, MoreResolvers, mention_year, ref_parts  # noqa: F401 (STORY_BACK re-exported)


@dataclass
class Context:
    """What resolution of one article needs; `last_*` move forward as the text is read."""

    anchor: date | None
    anchor_str: str | None
    last_date: date | None = None
    last_year: int | None = None
    last_month: tuple[int, int] | None = None
    para_last_date: date | None = None
    anchor_dt: datetime | None = None  # the dateline's clock time, when it has one (for 3小时前)
    anchor_zone: str = ""  # its UTC offset as written (+08:00), appended to clock values computed from it
    last_ref: str | None = None  # the last calendar value mentioned (2015, 2015-07, 2015-07-03): 此时, 两个月后
    last_ref_kind: str = ""  # the grammar kind of the mention that set last_ref ("date" when written out)
    para_year: int | None = None  # an explicit historical year earlier in this paragraph (1989年……4月底)
    story_date: date | None = None  # the last day written out with its year, long before the anchor
    para_hour: int | None = None  # the last clock hour in this paragraph (晚上7時……8時 is 20:00)
    event_day: date | None = None  # the day of the incident the text reports (案发当天), when it gives one
    para_last_end: int = -1  # where para_last_date was written in the paragraph (当前 in that sentence)


@dataclass
class Resolved:
    type: str
    value: str | None
    mod: str | None = None
    anchor: str | None = None
    range_end: str | None = None
    minutes: float | None = None
    full_date: date | None = None  # the day this expression pins down, if it does
    warning: str | None = None


class Resolver(MoreResolvers, Chooser):
    def __init__(self, grammar: Grammar) -> None:
        lex = grammar.lex
        self.lex = lex
        self.calendar = HolidayCalendar(grammar.holidays)
        self.durations = DurationReader(lex)
        self.weekdays: dict[str, int] = lex["weekdays"]
        self.future = sorted(lex["future_cues"], key=len, reverse=True)
        self.future_exceptions = lex["future_cue_exceptions"]
        self.past = lex["past_cues"]
        self.past_after = tuple(lex["past_after_cues"])
        self.present = self.lex["present_cues"]
        self.report_verbs = tuple(lex["report_verbs"])
        self.event_words = tuple(lex["event_day_words"])

    def after_event_word(self, norm: str, start: int) -> bool:
        """Does an incident word (案发, 事发, 开战) come just before position `start`?"""
        return norm[max(0, start - 4) : start].endswith(self.event_words)

    # ---- clock times ----
    def clock(self, g: dict[str, str], day: date | None, base: str) -> tuple[str, bool]:
        """Append a clock or part of day to a date value; returns (value, is_time)."""
        tod = self.lex["times_of_day"].get(g.get("tod", ""))
        hour = to_int(g.get("hh"))
        if hour is None:
            return (f"{base}T{tod['part']}", True) if tod else (base, False)
        ampm = g.get("ampm", "").lower()[:1]
        if ((tod and tod.get("pm")) or ampm == "p") and hour < 12:
            hour += 12
        elif (ampm == "a" or g.get("tod") == "凌晨") and hour == 12:
            hour = 0  # 凌晨12点 is midnight, as 12 a.m.
        elif tod and tod["part"] == "NI" and hour == 12:
            hour = 24  # 晚上12点: the end of the day
        minute = to_int(g.get("mi") or g.get("mi2") or g.get("mi3"))
        if minute is None:
            minute = 30 if g.get("half") else 15 * (to_int(g.get("qtr")) or 0)
        # 23日24时: the end of that day, TIMEX3's T24:00 (not the day's first minute)
        value = f"{base}T{24 if hour == 24 and minute == 0 else hour % 24:02d}:{minute:02d}"
        second = to_int(g.get("se") or g.get("se2"))
        if second is not None:
            value += f":{second:02d}"
        zone = self.lex["zones"].get(g.get("zone", ""))
        if zone:
            offset, rule = (zone, None) if isinstance(zone, str) else (zone["offset"], zone.get("dst"))
            if day is not None and in_dst(rule, day):
                offset = shift_offset(offset, 1)
            value += offset
        return value, True

    # ---- the dispatcher ----
    def resolve(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        handler = getattr(self, f"_r_{raw.kind}")
        return handler(raw, norm, ctx)

    def _ymd(self, g: dict[str, str], ctx: Context, lean: str | None, suffix: str = "") -> tuple:
        """(year, month, day, anchored?) from the groups y/m/d (+suffix) of a date."""
        y, m, d = self.full_year(g.get("y" + suffix), ctx), to_int(g.get("m" + suffix)), to_int(g.get("d" + suffix))
        if y is not None:
            return y, m, d, False
        if m is not None:
            return self.year_for(ctx, m, d, lean), m, d, True
        if d is not None:
            last = ctx.para_last_date
            if last is not None and last.day < d <= month_length(last.year, last.month) and lean != "present":
                # 将于2月4日举行开幕式，将于20日结束: a later day after a date of this paragraph goes on
                # in that date's month
                return last.year, last.month, d, True
            ym = self.month_for_day(ctx, d, lean)
            return (ym[0], ym[1], d, True) if ym else (None, None, d, True)
        return None, None, None, True

    def _r_date(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        g = raw.groups
        lean = self.lean(norm, raw.start, raw.end)
        if "m" not in g and "y" not in g and ctx.last_date is not None and raw.start >= 2 and \
                norm[raw.start - 1] in self.lex["day_list_joiners"] and norm[raw.start - 2] in "日号":
            # 10月2日、9日 / 5月2日及3日: a bare day listed after a date is in that date's month
            g = {**g, "y": str(ctx.last_date.year), "m": str(ctx.last_date.month)}
        y, m, d, anchored = self._ymd(g, ctx, lean)
        warning = None
        if "w" in g and d is not None:
            weekday = self.weekdays[g["w"][-1]]
            if "m" not in g and "y" not in g:
                fixed = self.day_with_weekday(ctx, d, weekday, lean)
                if fixed:
                    y, m = fixed.year, fixed.month
            day = safe_date(y, m, d)
            if day and day.isoweekday() != weekday:
                warning = f"{raw.groups['w']} does not match {day.isoformat()}"
        if m is None and d is not None:
            return Resolved("DATE", None, anchor=ctx.anchor_str)
        day = safe_date(y, m, d)
        value, is_time = self.clock(g, day, fmt(y, m, d))
        mod = self.lex["date_mods"].get(g.get("dmod", ""))
        return Resolved("TIME" if is_time else "DATE", value, mod, ctx.anchor_str if anchored else None,
                        full_date=day, warning=warning)

    def _r_range(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        g = dict(raw.groups)
        lean = self.lean(norm, raw.start, raw.end)
        if "ry" in g and ctx.anchor is not None:  # 前年1月至6月: the year of 前年
            g["y"] = str(mention_year(self.lex["year_offsets"].get(g["ry"], 0), ctx))
        y, m, d, anchored = self._ymd(g, ctx, lean)
        if "rmo" in g and ctx.anchor is not None:
            y, m = add_months(ctx.anchor.year, ctx.anchor.month, self.lex["month_offsets"][g["rmo"]])
        y2, m2, d2 = self.full_year(g.get("y2"), ctx), to_int(g.get("m2")), to_int(g.get("d2"))
        if m2 is None:
            m2 = m
        if y2 is None:
            y2 = y if (y is None or m is None or m2 is None or m2 >= m) else y + 1
        start = fmt(y, m, d) if m is not None else fmt(y)
        end = fmt(y2, m2, d2) if m2 is not None else fmt(y2)
        return Resolved("DATE", start, anchor=ctx.anchor_str if anchored else None, range_end=end,
                        full_date=safe_date(y, m, d))

    def _r_period(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        g = raw.groups
        m = to_int(g.get("m"))
        y = self.full_year(g.get("y"), ctx)
        anchored = y is None
        if y is None and m is not None:
            y = self.year_for(ctx, m, None, self.lean(norm, raw.start, raw.end))
        mod = self.lex["period_mods"].get(g.get("pmod", "")) or self.lex["date_mods"].get(g.get("dmod", ""))
        value = self.year_suffix(y, g) or fmt(y, m) + (f"-{self.lex['seasons'][g['season']]}" if "season" in g else "")
        part = self.year_part(y, g)
        return Resolved("DATE", value, mod, ctx.anchor_str if anchored else None, range_end=part and part[1])

    def _r_weekday(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        g = raw.groups
        weekday = self.weekdays[g["w"][-1]]
        lean = self.lean(norm, raw.start, raw.end)
        day, warning = None, None
        if "bd" in g:
            bracket = {"y": g.get("by"), "m": g.get("bm"), "d": g.get("bd")}
            bracket = {k: v for k, v in bracket.items() if v}
            if "bm" not in g:
                day = self.day_with_weekday(ctx, to_int(g["bd"]), weekday, lean)
            if day is None:
                y, m, d, _ = self._ymd(bracket, ctx, lean)
                day = safe_date(y, m, d)
            if day and day.isoweekday() != weekday:
                warning = f"{g['w']} does not match {day.isoformat()}"
        elif ctx.anchor is not None:
            a = ctx.anchor
            if "wk" in g:
                offset = self.lex["week_offsets"][g["wk"]]
                day = monday_of(a) + timedelta(days=7 * offset + weekday - 1)
            elif ctx.last_date is not None and raw.start >= 2 and \
                    norm[raw.start - 1] in self.lex["day_list_joiners"] and norm[raw.start - 2] in self.weekdays:
                # 下周二及周三, 周一、周四: a weekday listed after another is in that one's week
                day = monday_of(ctx.last_date) + timedelta(days=weekday - 1)
            elif lean == "future":
                day = a + timedelta(days=(weekday - a.isoweekday()) % 7)
            else:
                day = a - timedelta(days=(a.isoweekday() - weekday) % 7)
        if day is None:
            return Resolved("DATE", f"XXXX-WXX-{weekday}", anchor=ctx.anchor_str, warning=warning)
        value, is_time = self.clock(g, day, day.isoformat())
        return Resolved("TIME" if is_time else "DATE", value, None, ctx.anchor_str, full_date=day, warning=warning)

    def _r_relweek(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        g = raw.groups
        if ctx.anchor is None:
            return Resolved("DATE", None)
        a = ctx.anchor
        if "wk" in g:
            day = a + timedelta(days=7 * self.lex["week_offsets"][g["wk"]])
        elif self.lean(norm, raw.start, raw.end) == "future" or a.isoweekday() >= 6:
            day = a
        else:
            day = a - timedelta(days=7)
        return Resolved("DATE", iso_week(day) + ("-WE" if "we" in g else ""), anchor=ctx.anchor_str)

    def _r_relyear(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        g = raw.groups
        if ctx.anchor is None:
            return Resolved("DATE", None)
        offset = self.lex["year_offsets"].get(g.get("ry"), 0)
        anchor_str = ctx.anchor_str
        year = mention_year(offset, ctx)
        if isinstance(offset, str):  # 同年, 次年: against the year in discussion
            anchor_str = str(ctx.last_year or ctx.anchor.year)
        m, d = to_int(g.get("m")), to_int(g.get("d"))
        mod = self.lex["period_mods"].get(g.get("pmod", "")) or self.lex["date_mods"].get(g.get("dmod", ""))
        value = self.year_suffix(year, g) or fmt(year, m, d if m is not None else None)
        if "season" in g:
            value += f"-{self.lex['seasons'][g['season']]}"
        part = self.year_part(year, g)
        full = safe_date(year, m, d)
        if full is not None:  # 前年6月20日凌晨: the clock or part of day of that day
            value, is_time = self.clock(g, full, value)
            if is_time:
                return Resolved("TIME", value, mod, anchor_str, full_date=full)
        return Resolved("DATE", value, mod, anchor_str, range_end=part and part[1], full_date=full)

    def _r_relmonth(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        g = raw.groups
        if ctx.anchor is None:
            return Resolved("DATE", None)
        offset = self.lex["month_offsets"].get(g.get("rmo"), 0)
        if offset == "mention":
            year, month = ctx.last_month or (ctx.anchor.year, ctx.anchor.month)
        else:
            year, month = add_months(ctx.anchor.year, ctx.anchor.month, offset)
        d = to_int(g.get("d"))
        mod = self.lex["period_mods"].get(g.get("pmod", ""))
        return Resolved("DATE", fmt(year, month, d), mod, ctx.anchor_str, full_date=safe_date(year, month, d))

    def _shifted(self, g: dict[str, str], base: date | None, entry: list, anchor_str: str | None) -> Resolved:
        if base is None:
            return Resolved("DATE", None)
        day = base + timedelta(days=entry[0])
        if entry[1] and "tod" not in g:
            if "hh" not in g:
                return Resolved("TIME", f"{day.isoformat()}T{entry[1]}", None, anchor_str, full_date=day)
            g = {**g, "tod": next(w for w, t in self.lex["times_of_day"].items() if t["part"] == entry[1])}
        value, is_time = self.clock(g, day, day.isoformat())
        return Resolved("TIME" if is_time else "DATE", value, None, anchor_str, full_date=day)

    def _r_relday(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        entry = self.lex["relative_days"][raw.groups["rd"]]
        return self._shifted(raw.groups, ctx.anchor, entry, ctx.anchor_str)

    def _r_singleday(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        g = raw.groups
        entry = self.lex["relative_days"][self.lex["single_days"][g["sd"]]]
        if "bd" in g and ctx.anchor is not None:  # 昨（23）日, 今（30）早: the day in brackets
            ym = self.month_for_day(ctx, to_int(g["bd"]) or 0, "present")
            day = safe_date(ym[0], ym[1], to_int(g["bd"])) if ym else None
            if day is not None:
                value, is_time = self.clock(g, day, day.isoformat())
                return Resolved("TIME" if is_time else "DATE", value, None, ctx.anchor_str, full_date=day)
        return self._shifted(g, ctx.anchor, entry, ctx.anchor_str)

    def _r_mentionday(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        base = ctx.last_date or ctx.anchor
        if ctx.event_day is not None and self.after_event_word(norm, raw.start):
            base = ctx.event_day  # 案发当天: the incident's day, wherever the text gives it
        entry = self.lex["mention_days"][raw.groups["md"]]
        return self._shifted(raw.groups, base, entry, base.isoformat() if base else None)

    def _r_clock(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        base = ctx.para_last_date or ctx.anchor
        if ctx.anchor is not None and base > ctx.anchor and raw.groups.get("hh") is None and \
                self.lean(norm, raw.start, raw.end) != "future":
            # 押后至明年2月25日再讯。……4人傍晚获准交保: a part of day with no cue of its own is not on
            # the paragraph's future day (a clock hour, as in a range's end, still is)
            base = ctx.anchor
        if base is None:
            return Resolved("TIME", None)
        value, _ = self.clock(raw.groups, base, base.isoformat())
        g = raw.groups
        hour = to_int(g.get("hh"))
        if hour is not None and hour < 12 and ctx.para_hour is not None and ctx.para_hour >= 12 and \
                not g.get("tod") and not g.get("ampm") and hour + 12 >= ctx.para_hour and \
                (hour + 12) - ctx.para_hour <= 6:
            # a bare hour told after an afternoon or evening one of the same day goes on from it
            value = value.replace(f"T{hour:02d}:", f"T{hour + 12:02d}:", 1)
        return Resolved("TIME", value, None, base.isoformat())

    def _r_duration(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        g = raw.groups
        if g.get("scope", "").startswith("接下来") and g.get("unit") in ("周", "个星期", "星期") and \
                g.get("n") == "一" and ctx.anchor is not None and not g.get("more"):
            # 接下来的一周: the calendar week from tomorrow on (annotated train/dev: 3 in 3), not a length
            return Resolved("DATE", iso_week(ctx.anchor + timedelta(days=1)), None, ctx.anchor_str)
        n = g.get("n", "")
        if g.get("unit") == "年" and len(n) == 4 and n.isdigit() and "more" not in g and ctx.anchor is not None \
                and 1900 <= int(n) <= ctx.anchor.year + 30 and norm[raw.end:raw.end + 1] not in self.lex["length_tails"]:
            # 超过2014年俄罗斯索契冬奥会, 至2017年多项大事: a calendar year, not 2014 years (超过2000年的历史 is one)
            return Resolved("DATE", n)
        value, mod, minutes, end = self.durations.read(raw.groups)
        return Resolved("DURATION", value, mod, range_end=end, minutes=minutes)

    def _r_set(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        g = raw.groups
        if "w" in g:
            return Resolved("SET", f"XXXX-WXX-{self.weekdays[g['w'][-1]]}")
        if "m" in g:
            return Resolved("SET", fmt(None, to_int(g["m"]), to_int(g.get("d"))))
        value, _, _, _ = self.durations.read({"n": g.get("n", "一"), "unit": g["unit"]})
        return Resolved("SET", value)

    def _r_vague(self, raw: RawMatch, norm: str, ctx: Context) -> Resolved:
        value = self.lex["vague"][raw.groups["vague"]]
        if value.startswith("MENTION"):  # 当时, 此时: the time the text is talking about
            today_word = ctx.last_ref == ctx.anchor_str and ctx.last_ref_kind in ("vague", "mentionday")
            if ctx.last_ref is None or (today_word and not value.partition("|")[2]):
                # 当时 after a word for the publication day (现在, 目前, 那天) tells of an earlier
                # time the text does not date; after 29日, 周五 or 上午十点半 it is that day
                return Resolved("DATE", value.partition("|")[2] or "PAST_REF")
            parts = ref_parts(ctx.last_ref)
            full = safe_date(*parts) if parts else None
            return Resolved("DATE", ctx.last_ref, anchor=ctx.last_ref, full_date=full)
        if value.startswith("SENTENCE"):  # 25日……补充称，当前的谈判: the day of its own sentence
            day = ctx.para_last_date
            if day is not None and 0 <= ctx.para_last_end <= raw.start and \
                    not any(stop in norm[ctx.para_last_end:raw.start] for stop in "。！？!?"):
                return Resolved("DATE", day.isoformat(), anchor=day.isoformat(), full_date=day)
            value = value.partition("|")[2]
        if value == "ANCHOR":
            return Resolved("DATE", ctx.anchor_str[:10] if ctx.anchor_str else "PAST_REF", "APPROX")
        if value == "ANCHOR_YEAR":  # 新的一年: the dateline's year
            return Resolved("DATE", ctx.anchor_str[:4] if ctx.anchor_str else None, anchor=ctx.anchor_str)
        return Resolved("DURATION" if value.startswith("P") else "DATE", value)
