"""Date tokens: the date filter that SQLite FTS5 applies inside the match.

A date filter on a common term used to test every match against the filtered articles
(普京 in February 2022 on the 100k store: 53k matches, 185-420 ms). Each indexed span now also
carries its article's publication date as tokens in the FTS table's `dates` column, and a date
range becomes an OR of tokens that the engine intersects with the term's postings. The tokens
are chosen so that a span has one of the range's tokens exactly when its article passes the
filter's rule (store/search/query.py `_article_filter`: `substr(published, 1, len(B))` compared
with each bound B, an ISO prefix of any precision), so no per-match test is left:

- a day-precise date (a timestamp too) gives `d20220212 m202202`: whole months of the range
  match by `m`, the days of its partial first and last months by `d`;
- a month-only date `2022-02` gives `p202202`; by the prefix rule it passes a day-precise lower
  bound only in a later month (`2022-02` sorts before `2022-02-01`);
- a year-only date `2022` gives `y2022`, with the same rule a year apart;
- no date gives nothing: it never passes a date filter.
"""

from __future__ import annotations

from datetime import date as Date, timedelta

MAX_MONTHS = 120  # longer ranges keep the per-match test (a long OR list gains little)

# The same tokens in SQL, for rebuilding an index made before the column existed.
DATES_SQL = (
    "CASE WHEN length(a.published) >= 10 THEN 'd' || substr(a.published, 1, 4) || substr(a.published, 6, 2) || "
    "substr(a.published, 9, 2) || ' m' || substr(a.published, 1, 4) || substr(a.published, 6, 2) "
    "WHEN length(a.published) = 7 THEN 'p' || substr(a.published, 1, 4) || substr(a.published, 6, 2) "
    "WHEN length(a.published) = 4 THEN 'y' || a.published ELSE '' END")


def date_tokens(published: str | None) -> str:
    if not published:
        return ""
    if len(published) >= 10:
        return f"d{published[:4]}{published[5:7]}{published[8:10]} m{published[:4]}{published[5:7]}"
    if len(published) == 7:
        return f"p{published[:4]}{published[5:7]}"
    if len(published) == 4:
        return f"y{published}"
    return ""


def _parse(bound: str) -> tuple[int, int, int] | None:
    """(year, month, day) of an ISO bound of precision 4, 7 or 10; None otherwise."""
    try:
        if len(bound) == 10:
            d = Date.fromisoformat(bound)
            return d.year, d.month, d.day
        if len(bound) == 7 and bound[4] == "-":
            return int(bound[:4]), int(bound[5:7]), 0
        if len(bound) == 4:
            return int(bound), 0, 0
    except ValueError:
        return None
    return None


def _months(first: int, last: int, prefix: str) -> list[str]:
    return [f"{prefix}{n // 12:04d}{n % 12 + 1:02d}" for n in range(first, last + 1)]


def range_tokens(date_from: str | None, date_to: str | None) -> list[str] | None:
    """The tokens of exactly the articles whose publication date passes [date_from, date_to];
    None when the range is open, malformed or longer than MAX_MONTHS."""
    lo, hi = _parse(date_from or ""), _parse(date_to or "")
    if lo is None or hi is None or not (1 <= lo[0] <= 9998 and 1 <= hi[0] <= 9998):
        return None
    try:
        return _tokens(lo, hi)
    except ValueError:  # a month 13 and the like
        return None


def _tokens(lo: tuple[int, int, int], hi: tuple[int, int, int]) -> list[str] | None:
    first_day = Date(lo[0], lo[1] or 1, lo[2] or 1)  # the earliest day a day-precise date may have
    end = Date(hi[0], hi[1] or 12, 1)
    last_day = Date(hi[0], hi[1] or 12, hi[2]) if hi[2] else (Date(end.year + end.month // 12, end.month % 12 + 1, 1)
                                                               - timedelta(days=1))
    if last_day < first_day:
        return []
    m_first, m_last = first_day.year * 12 + first_day.month - 1, last_day.year * 12 + last_day.month - 1
    if m_last - m_first >= MAX_MONTHS:
        return None
    tokens: list[str] = []
    whole_first = m_first + (first_day.day != 1)
    month_end = Date(last_day.year + last_day.month // 12, last_day.month % 12 + 1, 1) - timedelta(days=1)
    whole_last = m_last - (last_day != month_end)
    tokens += _months(whole_first, whole_last, "m")
    partial = {m_first, m_last} - set(range(whole_first, whole_last + 1))
    for month in sorted(partial):
        start = max(first_day, Date(month // 12, month % 12 + 1, 1))
        stop = min(last_day, Date((month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1))
        tokens += [f"d{(start + timedelta(days=k)).strftime('%Y%m%d')}" for k in range((stop - start).days + 1)]
    # month-only dates: a day- or month-precise lower bound's own month passes only if the bound is
    # a month (`2022-02` >= `2022-02`, but `2022-02` < `2022-02-01`); a year bound starts in January
    p_first = lo[0] * 12 + (lo[1] or 1) - 1 + (1 if lo[2] else 0)
    p_last = hi[0] * 12 + (hi[1] or 12) - 1
    tokens += _months(p_first, p_last, "p")
    # year-only dates: a year passes a finer lower bound only after the bound's year
    tokens += [f"y{y:04d}" for y in range(lo[0] + (1 if lo[1] else 0), hi[0] + 1)]
    return tokens
