"""Choosing what a date leaves out: the lean of the text around it (past, present, future), and the
year or month of a date that gives neither (2月24日, 24日, 周二（1日）).

A mixin of `Resolver` (it reads the lexicon cues the resolver loads). Hand-written: the choice
depends on the article's dateline and on the story the text is telling (`Context.story_date`,
`Context.para_year`), which no date library models.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyline.analyse.time.dates import add_months, month_length, safe_date
from storyline.analyse.time.resolve_more import STORY_BACK

if TYPE_CHECKING:
    from storyline.analyse.time.resolve import Context

_STOP = re.compile(r"[，。；！？,;!?：:\n]")


class Chooser:
    """Lean, missing year and missing month; `self.lex`, `self.future`, `self.past`, ... come from
    the resolver's __init__."""

    # ---- leaning: does the text around the expression speak of the future? ----
    def lean(self, norm: str, start: int, end: int) -> str | None:
        before = _STOP.split(norm[max(0, start - 6) : start])[-1]
        after = _STOP.split(norm[end : end + 8])[0]
        for exc in self.future_exceptions:
            before, after = before.replace(exc, "_"), after.replace(exc, "_")
        cut = min((i for i in (after.find(v) for v in self.report_verbs) if i >= 0), default=-1)
        if cut >= 0:  # 周四承诺将……: what was said leans ahead, the day it was said does not
            after = after[:cut]
        if any(before.rstrip("（(").endswith(cue) for cue in self.present):
            return "present"  # 今（20日）: the publication's own day, whatever the text told of before
        if any(cue in before for cue in self.past) or after.startswith(self.past_after):
            return "past"
        if any(cue in before or after.startswith(cue) or cue in after[:4] for cue in self.future):
            return "future"
        return None

    # ---- choosing the missing year / month ----
    @staticmethod
    def _cost(candidate: date, anchor: date, lean: str | None) -> float:
        delta = (candidate - anchor).days
        if delta <= 0:
            return -delta * (2.0 if lean == "future" else 1.0)
        if lean == "future":
            return delta * 0.5
        if lean == "past":  # 已于, 以来: not ahead of the dateline
            return delta * 100.0
        # the guidelines: a year-less date takes the publication year unless the text says otherwise;
        # next year's takes a future cue (自3月以来 in December is this March, not next)
        return delta * (1.0 if candidate.year == anchor.year else 4.0)

    def year_for(self, ctx: Context, month: int, day: int | None, lean: str | None) -> int | None:
        if ctx.anchor is None:
            return None
        if ctx.para_year is not None:
            return ctx.para_year  # the paragraph is telling of an earlier year: its months are that year's
        story = None if lean == "present" else self._story_day(ctx, month, day)
        if story is not None:
            return story.year
        best = None
        for year in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1):
            cand = date(year, month, min(day or 15, month_length(year, month)))
            cost = self._cost(cand, ctx.anchor, lean)
            if best is None or cost < best[0]:
                best = (cost, year)
        return best[1]

    @staticmethod
    def _story_day(ctx: Context, month: int | None, day: int) -> date | None:
        """The text is telling of a past day (2019年11月17日…… 17日晚上7時, 18日, 11月29日): a year-less date
        on it or within two weeks after it continues that story, not the publication month."""
        last = ctx.story_date
        if ctx.anchor is None or last is None or (ctx.anchor - last).days < 60:
            return None
        explicit_month = month is not None
        month = month or last.month
        if day is None:  # 去年2月28日…… 到了3月中: a month up to three after the story's goes on in it
            for year in (last.year, last.year + 1):
                if 0 <= (year - last.year) * 12 + month - last.month <= 3:
                    return date(year, month, 1)
            return None
        for year in (last.year, last.year + 1):
            cand = safe_date(year, month, day)
            if cand is not None and -STORY_BACK <= (cand - last).days <= 14:
                return cand
        if explicit_month and day is not None and (ctx.last_ref or "")[:4] == str(last.year):
            # 2015年3月7日…… 同年9月…… 4月13日深夜: the text is still in the story's year (its last
            # calendar mention is of that year), and a later month and day of it go on in that year
            cand = safe_date(last.year, month, day)
            if cand is not None and cand >= last - timedelta(days=STORY_BACK):
                return cand
        return None

    def month_for_day(self, ctx: Context, day: int, lean: str | None) -> tuple[int, int] | None:
        a = ctx.anchor
        if a is None:
            return None
        story = None if lean == "present" else self._story_day(ctx, None, day)
        if story is not None:
            return story.year, story.month
        year, month = a.year, a.month
        ny, nm = add_months(year, month, 1)
        if lean != "past" and day <= 3 and 0 < (date(ny, nm, day) - a).days <= 3:
            # dated 31 January, 1日 is 1 February: up to three days ahead, as within a month
            year, month = ny, nm
        elif lean != "future" and day > a.day + 3:
            year, month = add_months(year, month, -1)
        elif lean == "future" and day < a.day - 7:
            year, month = add_months(year, month, 1)
        for _ in range(2):
            if day <= month_length(year, month):
                break
            year, month = add_months(year, month, -1)
        return year, month

    def day_with_weekday(self, ctx: Context, day: int, weekday: int, lean: str | None) -> date | None:
        """周二(1日): the month near the anchor in which day D falls on that weekday."""
        if ctx.anchor is None:
            return None
        best = None
        for delta in (-2, -1, 0, 1):
            y, m = add_months(ctx.anchor.year, ctx.anchor.month, delta)
            cand = safe_date(y, m, day)
            if cand and cand.isoweekday() == weekday:
                cost = self._cost(cand, ctx.anchor, lean)
                if best is None or cost < best[0]:
                    best = (cost, cand)
        return best[1] if best else None
