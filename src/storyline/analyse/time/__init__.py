"""Time expressions: find every Chinese time expression and resolve it to a calendar value.

`TimeTagger()(doc)` sets `doc.anchor` (the dateline, inferred from the content when the
article has none: anchor.py, never later than the newest date the text treats as past nor than
the ingest day, `published_inferred` set and the clue in `doc.extras["published_clue"]` and, as
one line for the store, in `article.published_clue`; or no date at all when the clues disagree) and `doc.times` (TimeExpr, sorted by paragraph and
offset). Values are TIMEX3-style at the precision the text gives: 2022-02-08, 2021-12, 2022,
2022-H1, 2022-Q3, 199 (the 1990s), 2021-12-07T18:07+03:00, 2022-W07, PT100M, P3Y; holidays and
lunar dates are Gregorian days (calendar_cn.py); `TimeExpr.anchor` is the date a relative
expression was resolved against (None for explicit dates, durations and sets). 此时/当时/同年 and
两个月后 are resolved against the last time mentioned, not the dateline.

Why a hand-written grammar and not jionlp's time parser: measured on our own sentences it
resolves 周日（2月20） to 02-27 (the bracketed date is lost and the weekday is pushed to the
future), raises on plain `4月` and on `未来几天`, unzips ~50 MB of dictionaries into its own
install folder on first use and prints banners on import. The grammar here is small, lives in
data files (data/time_lexicon.yaml, data/time_patterns.yaml), runs on `Paragraph.norm` with
linear-time regexes, and reports offsets/text from `Paragraph.text`. cn2an is used only on the
number spans the grammar found (see numerals.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from storyline.analyse.time.anchor import AnchorInferrer, clue_line, upload_month
from storyline.analyse.time.brackets import bracketed_next, weekday_pieces
from storyline.analyse.time.dates import parse_iso_date
from storyline.analyse.time.grammar import Grammar
from storyline.analyse.time.merge import merge
from storyline.analyse.time.resolve import STORY_BACK, Context, Resolved, Resolver
from storyline.analyse.time.resolve_more import ref_parts
from storyline.model import Doc, TimeExpr

_HOUR = re.compile(r"T([0-2][0-9]):")
# a year, a month, or a part of a year (2017-SU, 2021-Q1, 2020-H2): 同年 after 2017年夏天 is 2017
_YEAR = re.compile(r"^(\d{4})(?:-(\d{2})|-(?:SP|SU|FA|WI|Q[1-4]|H[12]))?$")
_CLOCK = re.compile(r"T(\d\d):(\d\d)(?::(\d\d))?(Z|[+-]\d\d:?\d\d)?")

__all__ = ["TimeTagger"]


class TimeTagger:
    """Loads the grammar once; each call tags one Doc in place."""

    def __init__(self, today: date | None = None) -> None:
        self.grammar = Grammar()
        self.resolver = Resolver(self.grammar)
        self.inferrer = AnchorInferrer(self.resolver, self.grammar)
        self.today = today  # the ingest day when a Doc does not carry one in extras["ingested"]

    def __call__(self, doc: Doc) -> None:
        scans = [merge(self.grammar.scan(p.norm), p.norm) for p in doc.paragraphs]
        anchor, anchor_str = parse_iso_date(doc.article.published)
        if anchor is None:
            guessed, clue = self.inferrer.infer([p.norm for p in doc.paragraphs], scans, doc.article.title,
                                                self._ingest(doc), upload_month(doc.article.links))
            doc.extras["published_clue"] = clue  # what the inferred date rests on, or why there is none
            if guessed:
                doc.article.published = guessed
                doc.article.published_inferred = True
                doc.article.published_clue = clue_line(clue)  # persisted with the article (SPEC)
                anchor, anchor_str = parse_iso_date(guessed)
        doc.anchor = anchor_str
        ctx = Context(anchor, anchor_str)
        ctx.anchor_dt, ctx.anchor_zone = _clock_of(doc.article.published, anchor)
        times, warnings = self._resolve_all(doc, scans, ctx)
        event_day = self._event_day(doc, scans, times, anchor)
        if event_day is not None:  # again, with the incident's day known from the start
            ctx = Context(anchor, anchor_str, event_day=event_day)
            ctx.anchor_dt, ctx.anchor_zone = _clock_of(doc.article.published, anchor)
            times, warnings = self._resolve_all(doc, scans, ctx)
        times.sort(key=lambda t: (t.paragraph, t.start))
        doc.times = _outside_names(times, doc.mentions)
        if warnings:
            doc.extras["time_warnings"] = warnings

    def _resolve_all(self, doc: Doc, scans: list, ctx: Context) -> tuple[list[TimeExpr], list[str]]:
        times: list[TimeExpr] = []
        warnings: list[str] = []
        for para, matches in zip(doc.paragraphs, scans):
            ctx.para_last_date = None
            ctx.para_year = None  # a year told of in an earlier paragraph does not leak into this one's dates
            ctx.para_hour = None
            ctx.para_last_end = -1
            for i, raw in enumerate(matches):
                res = self.resolver.resolve(raw, para.norm, ctx)
                if (raw.kind == "mentionday" or raw.kind == "relday" and set(raw.groups) == {"rd"}) and \
                        i + 1 < len(matches) and bracketed_next(para.norm, raw.end, matches[i + 1]):
                    inner = self.resolver.resolve(matches[i + 1], para.norm, ctx)
                    if inner.full_date is not None:  # 当天（2020年4月8日）, 昨日（即2月26日）: the bracket names the day
                        day = _bracket_day(res.full_date, inner.full_date, para.norm[matches[i + 1].start:
                                                                                     matches[i + 1].end])
                        part = (res.value or "")[10:] if res.type == "TIME" else ""  # 昨晚（25日）: its evening
                        res = Resolved(res.type if part else "DATE", day.isoformat() + part,
                                       anchor=inner.anchor, full_date=day)
                if ctx.anchor_str is not None and len(ctx.anchor_str) == 7 and raw.kind in _DAY_RELATIVE:
                    res = _month_anchored(res, ctx.anchor)
                pieces = weekday_pieces(para.norm, raw.start, raw.end, res.value, res.type) \
                    if raw.kind == "weekday" and "bd" in raw.groups else None
                for start, end, type_, value in ((p.start, p.end, p.type, p.value) for p in pieces) if pieces \
                        else [(raw.start, raw.end, res.type, res.value)]:
                    times.append(
                        TimeExpr(
                            paragraph=para.index,
                            start=start,
                            end=end,
                            text=para.text[start:end],
                            type=type_,
                            value=value,
                            mod=res.mod,
                            anchor=res.anchor,
                            range_end=res.range_end,
                            minutes=res.minutes,
                        )
                    )
                if res.warning:
                    warnings.append(f"paragraph {para.index}: {res.warning}")
                self._advance(ctx, res, raw.kind)
                if res.full_date is not None and res.type in ("DATE", "TIME"):
                    ctx.para_last_end = raw.end
        return times, warnings

    def _event_day(self, doc: Doc, scans: list, times: list[TimeExpr], anchor: date | None) -> date | None:
        """The incident's day for 案发当天 / 事发当晚: when the text has such a mention day and names
        exactly one day long (60+ days) before the dateline, anywhere (a court report about an
        arrest two years earlier gives 前年9月5日 last), that day; else None."""
        if anchor is None or not any(raw.kind == "mentionday" and self.resolver.after_event_word(p.norm, raw.start)
                                     for p, matches in zip(doc.paragraphs, scans) for raw in matches):
            return None
        days = {d for t in times if t.type == "DATE" and t.value and len(t.value) == 10
                and (d := parse_iso_date(t.value)[0]) is not None and (anchor - d).days >= 60}
        return days.pop() if len(days) == 1 else None

    def _ingest(self, doc: Doc) -> date:
        """The day the article was taken in: no dateline can be later (extras["ingested"], else today)."""
        given, _ = parse_iso_date(doc.extras.get("ingested"))
        return given or self.today or date.today()

    @staticmethod
    def _advance(ctx: Context, res: Resolved, kind: str = "") -> None:
        """Remember the last date/year/month mentioned, for 同日, 当年, 当月 and bare clocks."""
        if res.type not in ("DATE", "TIME") or not res.value:
            return
        clock = _HOUR.search(res.value)
        if clock:
            ctx.para_hour = int(clock.group(1))
        parts = ref_parts(res.value)
        if parts is not None:
            ctx.last_ref, ctx.last_ref_kind = res.value.split("T")[0], kind
            if kind in ("relday", "relyear") and ctx.anchor is not None and \
                    ctx.last_ref in (ctx.anchor.isoformat(), str(ctx.anchor.year)):
                # 今天 / 今年: the text is back at the present. A 当时 after it tells of some earlier
                # time the text does not date (annotated train/dev: PAST_REF), not of today
                ctx.last_ref = None
            if ctx.anchor is not None and parts[0] != ctx.para_year:
                # the year the text is telling of: an explicit earlier year (1989年……4月底5月初), until
                # the paragraph comes back to the dateline's years
                if res.anchor is None and parts[0] <= ctx.anchor.year - 2:
                    ctx.para_year = parts[0]
                elif parts[0] >= ctx.anchor.year - 1:
                    ctx.para_year = None
        if res.full_date is not None:
            starts = ctx.anchor is not None and (res.anchor is None or ctx.story_date is None and (
                kind == "date" or kind == "relyear" and res.full_date.year < ctx.anchor.year))
            if starts and (ctx.anchor - res.full_date).days >= 60:
                # 2019年11月17日 written out, a year-less 2月26日 the text places long before the dateline
                # (今年2月……2月26日……28日晚), or 去年2月28日: the text tells of that day
                ctx.story_date = res.full_date
            elif ctx.story_date is None or not -STORY_BACK <= (res.full_date - ctx.story_date).days <= 14:
                ctx.story_date = None  # back to days near the publication
            ctx.last_date = ctx.para_last_date = res.full_date
            ctx.last_year = res.full_date.year
            ctx.last_month = (res.full_date.year, res.full_date.month)
            return
        m = _YEAR.match(res.value)
        if m:
            ctx.last_year = int(m.group(1))
            if m.group(2):
                ctx.last_month = (int(m.group(1)), int(m.group(2)))


_DAY_RELATIVE = ("relday", "relweek", "weekday")
_NAME_TYPES = ("PERSON", "ORG")


def _outside_names(times: list[TimeExpr], mentions: list) -> list[TimeExpr]:
    """Drop a time found inside a longer person or organisation name the entity stage found before
    (周天行 is a prosecutor, not 周天 = Sunday; 每日野兽 is The Daily Beast). A bare TimeTagger call
    (no mentions) keeps everything."""
    names: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        if m.type in _NAME_TYPES:
            names.setdefault(m.paragraph, []).append((m.start, m.end))
    if not names:
        return times
    return [t for t in times if not any(s <= t.start and t.end <= e and e - s > t.end - t.start
                                        for s, e in names.get(t.paragraph, ()))]


def _bracket_day(own: date | None, bracket: date, bracket_text: str) -> date:
    """The day of 明天（27日）: the bracket's, but a bare day that agrees with the relative day's
    own date is that date. A bracket with no month resolved alone can fall in a later month of the
    paragraph (……下周四（5月4日）……明天（27日）: 27日 read after 5月4日 is 5月27日)."""
    if own is not None and own.day == bracket.day and own != bracket and "月" not in bracket_text:
        return own
    return bracket


def _month_anchored(res: Resolved, anchor: date) -> Resolved:
    """A text dated to a month only (2021年11月, an image upload month): 昨天 / 上周 / 周三 name no
    day or week of it, only a direction: PAST_REF, PRESENT_REF or FUTURE_REF."""
    value = res.value or ""
    try:
        if "-W" in value:
            day, ref = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1), anchor - timedelta(anchor.weekday())
        else:
            day, ref = date.fromisoformat(value[:10]), anchor
    except ValueError:
        return res
    ref_value = "PAST_REF" if day < ref else "FUTURE_REF" if day > ref else "PRESENT_REF"
    return Resolved("DATE", ref_value, res.mod, res.anchor)


def _clock_of(published: str | None, anchor: date | None) -> tuple[datetime | None, str]:
    """The dateline's clock time and zone, if it has one. A stamp at exactly midnight with no zone
    (2018-08-30T00:00:00) is taken as a date written as a timestamp, not a clock time."""
    if not published or anchor is None:
        return None, ""
    m = _CLOCK.search(published[10:])
    if not m or (m.group(1) == m.group(2) == "00" and not m.group(3) and not m.group(4)) or \
            (m.group(1) == m.group(2) == (m.group(3) or "00") == "00" and not m.group(4)):
        return None, ""
    zone = m.group(4) or ""
    if zone and zone != "Z" and ":" not in zone:
        zone = zone[:3] + ":" + zone[3:]
    dt = datetime(anchor.year, anchor.month, anchor.day, int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    return dt, ("+00:00" if zone == "Z" else zone)
