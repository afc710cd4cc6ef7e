"""Guess the dateline of an undated article from the dates it mentions.

Evidence, strongest first: explicit full dates (2022年2月8日); weekday/day pairs such as
周二(1日) or 周一(31日), which hold only in a few (year, month) pairs; explicit years, where a
past-tense 2021年底 puts the article after that year's end; month-day mentions (2月1日, 1月26日)
and bare days (2日), which give the latest month and day reported. The article is assumed to
date from the latest non-future day it reports. Precision is a day when the year is backed by a
full date or a weekday pair, otherwise a month (or a year).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from storyline.analyse.time.dates import fmt, month_length, safe_date
from storyline.analyse.time.grammar import RawMatch
from storyline.analyse.time.numerals import to_int
from storyline.analyse.time.resolve import Resolver

_YEARS = range(2000, 2031)


@dataclass
class _Evidence:
    full: list[date] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    end_years: list[int] = field(default_factory=list)
    month_days: list[tuple[int, int]] = field(default_factory=list)
    bare_days: list[int] = field(default_factory=list)
    weekday_days: list[tuple[int, int | None, int]] = field(default_factory=list)  # (weekday, month, day)
    future_months: list[int] = field(default_factory=list)


class AnchorInferrer:
    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def collect(self, norms: list[str], scans: list[list[RawMatch]]) -> _Evidence:
        ev = _Evidence()
        weekdays = self.resolver.weekdays
        for norm, matches in zip(norms, scans):
            for raw in matches:
                g = raw.groups
                future = self.resolver.lean(norm, raw.start, raw.end) == "future"
                y, m, d = to_int(g.get("y") or g.get("by")), to_int(g.get("m") or g.get("bm")), to_int(g.get("d") or g.get("bd"))
                if y is not None and raw.kind in ("date", "period", "range", "weekday"):
                    ev.years.append(y)
                    if g.get("pmod") in ("底", "末") and not future:
                        ev.end_years.append(y)
                if future and m is not None:
                    ev.future_months.append(m)
                if raw.kind not in ("date", "range", "weekday") or future:
                    continue
                if y is not None and m is not None and d is not None:
                    if (full := safe_date(y, m, d)) is not None:
                        ev.full.append(full)
                elif m is not None and d is not None:
                    ev.month_days.append((m, d))
                elif d is not None and raw.kind == "date" and "w" not in g:
                    ev.bare_days.append(d)
                if "w" in g and d is not None:
                    ev.weekday_days.append((weekdays[g["w"][-1]], m, d))
        return ev

    @staticmethod
    def _latest_month(months: set[int]) -> int | None:
        """Latest month on a circular calendar: {12, 1, 2} -> 2 (the article straddles a new year)."""
        if not months:
            return None
        if max(months) - min(months) > 6:
            return max(m for m in months if m <= 6)
        return max(months)

    @staticmethod
    def _year_of(month: int, ref_month: int, ref_year: int) -> int:
        """Year of a month mentioned in an article dated ref_month/ref_year (12月 in January -> -1)."""
        return ref_year - 1 if month - ref_month > 6 else ref_year

    def _score(self, year: int, ev: _Evidence, ref_month: int | None) -> tuple[float, int]:
        score, pairs = 0.0, 0
        if ev.full and year == max(ev.full).year:
            score += 5
        for weekday, month, day in ev.weekday_days:
            months = [month] if month else ([ref_month, ref_month - 1 or 12] if ref_month else range(1, 13))
            for mm in months:
                yy = self._year_of(mm, ref_month, year) if ref_month else year
                cand = safe_date(yy, mm, day)
                if cand is not None and cand.isoweekday() == weekday:
                    score += 3
                    pairs += 1
                    break
        if ev.years:
            top = max(ev.years)
            score += -5 if year < top else (1 if year <= top + 1 else -1)
        score += sum(1 for y in ev.end_years if year == y + 1)
        return score, pairs

    def infer(self, norms: list[str], scans: list[list[RawMatch]]) -> str | None:
        ev = self.collect(norms, scans)
        if not (ev.full or ev.years or ev.weekday_days):
            return None  # nothing ties the text to a year
        months = {m for m, _ in ev.month_days} | {m for _, m, _ in ev.weekday_days if m}
        months = months or set(ev.future_months)  # only plans mentioned: the article precedes them
        ref_month = self._latest_month(months)
        candidates = range(min(ev.years) - 1, max(ev.years) + 2) if ev.years and not ev.weekday_days else _YEARS
        ranked = sorted(candidates, key=lambda y: (self._score(y, ev, ref_month)[0], -abs(y - max(ev.years or [y]))))
        year = ranked[-1]
        score, pairs = self._score(year, ev, ref_month)
        confident = pairs > 0 or bool(ev.full)
        if ref_month is None:
            if ev.full:
                return max(ev.full).isoformat()
            return fmt(year)
        ref_year = year
        days = [d for m, d in ev.month_days if m == ref_month]
        limit = (max(days) + 7) if days else 31
        days += [d for d in ev.bare_days if d <= limit]
        days += [d for w, m, d in ev.weekday_days if m == ref_month or (
            m is None and (c := safe_date(ref_year, ref_month, d)) is not None and c.isoweekday() == w)]
        days = [d for d in days if d <= month_length(ref_year, ref_month)]
        if ev.full and (not days or max(ev.full) >= date(ref_year, ref_month, max(days))):
            return max(ev.full).isoformat()
        if days and confident:
            return fmt(ref_year, ref_month, max(days))
        return fmt(ref_year, ref_month)
