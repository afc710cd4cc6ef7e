"""Month tokens: an outlet-free date filter that SQLite FTS5 applies inside the match.

A date filter on a common term used to test every match against the filtered articles
(普京 in February 2022 on the 100k store: 53k matches, 185-420 ms). Each indexed span now also
carries its article's publication month as a token in the FTS table's `months` column
(`m202202`; `y2022` for a year-only date; nothing when unknown), so the engine intersects the
term's postings with the months of the range, and the exact day test (search_query's article
filter) runs on those matches only. The token set is a superset of what the exact test keeps:
it is derived from the same string prefix of `published`.
"""

from __future__ import annotations

MAX_MONTHS = 120  # longer ranges keep the per-match test alone (a long OR list gains little)

# The same tokens in SQL, for rebuilding an index made before the column existed.
MONTHS_SQL = ("CASE WHEN length(a.published) >= 7 THEN 'm' || substr(a.published, 1, 4) || substr(a.published, 6, 2) "
              "WHEN length(a.published) = 4 THEN 'y' || a.published ELSE '' END")


def month_tokens(published: str | None) -> str:
    if published and len(published) >= 7:
        return f"m{published[:4]}{published[5:7]}"
    if published and len(published) == 4:
        return f"y{published}"
    return ""


def range_tokens(date_from: str | None, date_to: str | None) -> list[str] | None:
    """The tokens an article published within [date_from, date_to] (ISO prefixes of any
    precision) can carry; None when the range is open or longer than MAX_MONTHS."""
    if not date_from or not date_to:
        return None
    try:
        y0, m0 = int(date_from[:4]), int(date_from[5:7]) if len(date_from) >= 7 else 1
        y1, m1 = int(date_to[:4]), int(date_to[5:7]) if len(date_to) >= 7 else 12
    except ValueError:
        return None
    first, last = y0 * 12 + m0 - 1, y1 * 12 + m1 - 1
    if last < first or last - first >= MAX_MONTHS:
        return None
    months = [f"m{n // 12:04d}{n % 12 + 1:02d}" for n in range(first, last + 1)]
    return months + [f"y{y:04d}" for y in range(y0, y1 + 1)]
