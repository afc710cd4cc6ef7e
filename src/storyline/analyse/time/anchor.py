"""The dateline of an undated article, from what the text itself says is past — never a guess.

Rule (issue #30): the inferred date is the newest date the text treats as past, at the precision
the text gives it, and never later than that:
  * evidence is an explicit dated mention (2022年1月31日, 2021年11月, 2021年底, 13.5.2015, 2015年春节)
    in a past or neutral clause: not leaning to the future (将/计划/预计 ...), not a target
    (到2060年, 2030年前), and not after the ingest day (nothing published can report the future);
  * weekday/day pairs (周一(31日) 周二(1日)) give the day: the first month after the newest dated
    mention (in its year or the next) in which every pair holds, the least the pairs claim, unless
    they hold in the days just before that mention (then they tell nothing newer);
  * null, not a guess, when the clues disagree: the weekday pairs hold in no month from the year
    before the newest dated mention to the ingest year;
  * a year-less day (01月22日) is evidence when the page stores its images under a dated upload
    folder (wp-content/uploads/2022/01/, kept by the reader as links of kind "image"): the images
    were uploaded for the page, so it was written in or after the newest upload month, and the
    day it reports as past takes the latest year that does not put it more than a month after
    that upload month (12月22日 with an upload of 2022/01 is 2021-12-22). With no dated mention
    at all, the page is dated to that upload month (a lower bound, at month precision).
`infer` returns the ISO value and the clue it used (the mention's text and paragraph, the rule),
which the tagger stores in `doc.extras["published_clue"]`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.analyse.time.dates import add_months, month_length, safe_date
from storyline.analyse.time.grammar import Grammar, RawMatch
from storyline.analyse.time.merge import merge
from storyline.analyse.time.numerals import to_int
from storyline.analyse.time.resolve import Context, Resolver
from storyline.analyse.time.resolve_more import ref_parts

_UPLOAD_MONTH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/")
_EXPLICIT_KINDS = ("date", "period", "range", "numdate", "holiday", "lunar", "span")


@dataclass
class _Mention:
    value: str
    start: date  # first day of the period the value names
    end: date  # last day
    text: str
    paragraph: int
    mod: str | None = None
    year_from: str | None = None  # where a year-less day's year comes from


@dataclass
class _Evidence:
    dated: list[_Mention] = field(default_factory=list)
    pairs: list[tuple[int, int | None, int, str, int]] = field(default_factory=list)  # weekday, month, day, text, para


def _period(value: str) -> tuple[date, date] | None:
    parts = ref_parts(value)
    if parts is None:
        return None
    y, m, d = parts
    if m is None:
        return date(y, 1, 1), date(y, 12, 31)
    if d is None:
        return date(y, m, 1), date(y, m, month_length(y, m))
    day = safe_date(y, m, d)
    return (day, day) if day else None


def upload_month(links: list[dict[str, str]]) -> tuple[int, int] | None:
    """The newest (year, month) of the page's images stored under a dated upload folder."""
    months = [(int(m.group(1)), int(m.group(2))) for link in links if link.get("kind") == "image"
              and (m := _UPLOAD_MONTH.search(link.get("href", "")))]
    return max(months) if months else None


def _year_for(month: int, day: int, upload: tuple[int, int]) -> date | None:
    """The latest day month/day no more than a month after the end of the upload month."""
    y, m = add_months(*upload, 1)
    limit = date(y, m, month_length(y, m))
    found = [d for year in (upload[0] - 1, upload[0], upload[0] + 1)
             if (d := safe_date(year, month, day)) and d <= limit]
    return max(found) if found else None


class AnchorInferrer:
    def __init__(self, resolver: Resolver, grammar: Grammar) -> None:
        self.resolver = resolver
        self.grammar = grammar
        self.targets = tuple(resolver.lex["target_cues"])
        self.after_targets = tuple(resolver.lex["target_after_cues"])
        self.past_cues = tuple(resolver.lex["past_cues"])
        self.speculation = tuple(resolver.lex["speculation_cues"])

    def _past(self, norm: str, raw: RawMatch) -> bool:
        if self.resolver.lean(norm, raw.start, raw.end) == "future":
            return False
        before = norm[max(0, raw.start - 4) : raw.start]
        if any(before.endswith(cue) for cue in self.targets):
            return False
        if any(cue in norm[max(0, raw.start - 10) : raw.start] for cue in self.speculation):
            return False  # 很有可能是在2022年2月20日: a forecast
        return not norm.startswith(self.after_targets, raw.end)  # 自2021年12月1日起施行: a start date

    def _said_past(self, norm: str, raw: RawMatch, mod: str | None) -> bool:
        """A bare year is evidence only when the text marks it as past: 2021年底/年初 (a part of it
        reported), or 已/曾 before it; 2022年 alone in a December article is usually the year ahead."""
        if mod in ("START", "END", "MID") or "pmod" in raw.groups and raw.groups["pmod"] != "内":
            return True
        before = norm[max(0, raw.start - 6) : raw.start]
        return any(cue in before for cue in self.past_cues)

    def collect(self, texts: list[tuple[int, str, list[RawMatch]]], ingest: date,
                upload: tuple[int, int] | None = None) -> _Evidence:
        """The past dated mentions and weekday/day pairs; with `upload` (the newest image upload
        month), the year-less days too, their year taken from it."""
        ev = _Evidence()
        weekdays = self.resolver.weekdays
        for para, norm, matches in texts:
            for raw in matches:
                g = raw.groups
                if not self._past(norm, raw):
                    continue
                if ("w" in g or raw.kind == "weekday") and (g.get("d") or g.get("bd")) and not (g.get("y") or g.get("by")):
                    ev.pairs.append((weekdays[g["w"][-1]], to_int(g.get("m") or g.get("bm")),
                                     to_int(g.get("d") or g.get("bd")), norm[raw.start : raw.end], para))
                    continue
                explicit = "y" in g or raw.kind == "numdate" or (raw.kind == "span" and "y" in raw.parts[0].groups)
                if upload and raw.kind == "date" and not explicit and g.get("m") and g.get("d"):
                    day = _year_for(to_int(g["m"]), to_int(g["d"]), upload)
                    if day is not None and day <= ingest:
                        ev.dated.append(_Mention(day.isoformat(), day, day, norm[raw.start : raw.end], para,
                                                 year_from=f"an image uploaded {upload[0]}/{upload[1]:02d}"))
                    continue
                if raw.kind not in _EXPLICIT_KINDS or not explicit:
                    continue
                res = self.resolver.resolve(raw, norm, Context(None, None))
                if res.mod == "BEFORE" or not res.value:
                    continue  # 2030年前: a deadline, not a report
                if raw.kind == "numdate" and int(g["a"]) <= 12 and int(g["b"]) <= 12 and g["a"] != g["b"]:
                    continue  # 11/12/2021: day-first and month-first both possible
                parts = ref_parts(res.value)
                if parts and parts[1] is None and not self._said_past(norm, raw, res.mod):
                    continue  # a bare year (or 2022年冬季, 2022-H1) not marked as past
                last = res.value  # a range's start: its end may still be ahead (冬奥期间指1月28日到3月20日)
                span, first = _period(last.split("T")[0]), _period(res.value.split("T")[0])
                if span is None or first is None or first[0] > ingest:
                    continue
                end = min(span[1], ingest)
                ev.dated.append(_Mention(last.split("T")[0], span[0], end, norm[raw.start : raw.end], para, res.mod))
        return ev

    @staticmethod
    def _pair_days(ev: _Evidence, year: int, month: int) -> list[date] | None:
        """The day of every weekday/day pair in `month` of `year` (or the month before, when the pair
        names no month), or None when one of them does not hold there."""
        days = []
        for weekday, pm, day, _, _ in ev.pairs:
            options = [(year, month)] if pm == month else [] if pm is not None else \
                [(year, month), add_months(year, month, -1)]
            found = [c for y, m in options if (c := safe_date(y, m, day)) and c.isoweekday() == weekday]
            if not found:
                return None
            days.append(max(found))
        return days

    def _weekday_month(self, ev: _Evidence, newest: _Mention, ingest: date) -> tuple[date | None, bool]:
        """(the latest paired day in the first month after `newest`, in its year or the next, in which
        every pair holds, or None) and whether the pairs disagree: they hold in no month at all from
        the year before `newest` to the ingest year."""
        floor = newest.end if newest.mod == "END" else newest.start
        fits, anywhere, near = [], False, False
        for year in range(newest.start.year - 1, ingest.year + 1):
            for month in range(1, 13):
                days = self._pair_days(ev, year, month)
                if days is None:
                    continue
                anywhere = True
                top = max(days)
                near = near or timedelta(0) <= floor - top <= timedelta(days=40)
                if year <= newest.start.year + 1 and floor <= top <= ingest:
                    fits.append(top)
        if near:  # 28/02/2022 …… 周日(27日): the pairs tell of the days just before it, nothing later
            return None, False
        return (min(fits) if fits else None), not anywhere

    def infer(self, norms: list[str], scans: list[list[RawMatch]], title: str | None = None,
              ingest: date | None = None, upload: tuple[int, int] | None = None) -> tuple[str | None, dict]:
        """(ISO value or None, the clue) for an article without a dateline; `upload` is the newest
        month of its images' upload folders (`upload_month`)."""
        ingest = ingest or date.today()
        texts = [(i, norm, scan) for i, (norm, scan) in enumerate(zip(norms, scans))]
        if title:
            folded = unicodedata.normalize("NFKC", title)
            texts.insert(0, (-1, folded, merge(self.grammar.scan(folded), folded)))
        ev = self.collect(texts, ingest, upload)
        if not ev.dated and upload and date(*upload, 1) <= ingest:
            month = f"{upload[0]}-{upload[1]:02d}"  # written in or after it: a lower bound, at its precision
            return month, {"rule": "newest image upload folder", "text": f"{upload[0]}/{upload[1]:02d}", "value": month}
        if not ev.dated:
            return None, {"rule": "no dated past mention"}
        ev.dated.sort(key=lambda m: (m.start, len(m.value)))
        newest = ev.dated[-1]
        clue = {"rule": "newest past date", "text": newest.text, "paragraph": newest.paragraph, "value": newest.value}
        if newest.year_from:
            clue["year_from"] = newest.year_from
        if ev.pairs:
            day, disagree = self._weekday_month(ev, newest, ingest)
            if disagree:
                return None, {"rule": "clues disagree: the weekday/day pairs hold in no month of those years",
                              "text": ev.pairs[-1][3], "paragraph": ev.pairs[-1][4]}
            if day is not None and day > newest.end:
                text, para = next((t, p) for w, m, d, t, p in ev.pairs if d == day.day)
                return day.isoformat(), {"rule": "weekday/day pairs after the newest dated mention", "text": text,
                                         "paragraph": para, "value": day.isoformat(), "year_from": newest.text}
        return newest.value, clue


def clue_line(clue: dict) -> str:
    """The clue as one line for the store, the CLI and the exports: the rule, the text it rests on
    and where (paragraph -1 is the title), e.g. `newest past date: 2021年11月 (paragraph 3)`."""
    where = "" if "paragraph" not in clue else " (title)" if clue["paragraph"] < 0 else f" (paragraph {clue['paragraph']})"
    text = f": {clue['text']}" if clue.get("text") else ""
    extra = f"; year from {clue['year_from']}" if clue.get("year_from") else ""
    return f"{clue['rule']}{text}{where}{extra}"
