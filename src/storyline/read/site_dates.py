"""The publication date of a mirrored post, from the best evidence its site profile lists.

The agora0 mirror's front-matter `date:` is the time it fetched the feed, not the publication
time, so for those sites it is only the last resort. Each evidence kind returns an ISO 8601
string at the precision it knows: a full timestamp with its offset (Reuters/DW `<i>` UTC
stamps, RFI's Paris wall-clock time, the waimei epoch milliseconds) or a bare date (a date in
the link, a ROC date code, a Kyodo dateline day, BBC's `<time dateTime>`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from storyline.read.meta import normalise_date

if TYPE_CHECKING:
    from storyline.read.site_body import Fixed
    from storyline.read.sites import PostContext, Site

_EPOCH = re.compile(r"<!--\s{0,3}(\d{13})\s{0,3}-->")
_I_ISO = re.compile(r"<i>(?:[^<>]{0,120}<br\s{0,2}/?>)?\s{0,10}(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z?)\s{0,10}</i>")
# VOA's body time, `<i>Mon, 31 Aug 2020 15:41:19 GMT</i>`: the publication time (the epoch is the fetch)
_I_RFC = re.compile(r"<i>\s{0,10}((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d(?::\d\d)?"
                    r" (?:GMT|UTC|[+-]\d{4}))\s{0,10}</i>")
_TIME = re.compile(r"<time\b[^>]{0,300}?\bdate[Tt]ime=\"(\d{4}-\d\d-\d\d)")
_PARIS = re.compile(r"^(\d\d)/(\d\d)/(\d{4})\s{0,3}-\s{0,3}(\d\d):(\d\d)$")
_FILENAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-")
_DATE_KEYS = ("date", "published", "pubDate", "publish_date")
_FIELD = re.compile(r'"(?:first_)?publish_date"\s{0,3}:\s{0,3}"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z?)"')
_ARCHIVE = re.compile(r"/(20\d\d)(\d\d)(\d\d)/")


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


class DateEvidence:
    def __init__(self) -> None:
        self._zones: dict[str, ZoneInfo] = {}

    def _zone(self, name: str) -> ZoneInfo | None:
        if name not in self._zones:
            try:
                self._zones[name] = ZoneInfo(name)
            except (KeyError, ValueError):
                return None
        return self._zones[name]

    def best(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        for kind in site.dates:
            value = getattr(self, "_" + kind)(site, ctx, url, fixed)
            if value:
                return value
        return None

    # -- evidence kinds (one method each, named as in sites.yaml) ------------------------------
    def _epoch(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        m = _EPOCH.search(ctx.body[:2000])
        return normalise_date(int(m.group(1))) if m else None

    def _body_i_iso(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        m = _I_ISO.search(ctx.body[:5000])
        if not m:
            return None
        tz = site.tz if site.tz and site.tz[0] in "+-" else None
        return normalise_date(m.group(1), tz)

    def _body_i_rfc(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        m = _I_RFC.search(ctx.body[:5000])
        return normalise_date(m.group(1)) if m else None

    def _time_datetime(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        m = _TIME.search(ctx.body)
        return normalise_date(m.group(1)) if m else None

    def _rfi_paris(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        zone = self._zone(site.tz or "")
        for stamp in fixed.stamps:
            m = _PARIS.match(stamp)
            if m and zone is not None:
                d, mo, y, hh, mi = (int(x) for x in m.groups())
                try:
                    stamp = dt.datetime(y, mo, d, hh, mi, tzinfo=zone).isoformat()
                except ValueError:
                    return None
                # the shown time is the last update when its day differs from the link's
                # creation day (13 of 372 files, all just after midnight): the link day wins then
                created = self._link(site, ctx, url, fixed)
                return stamp if created is None or created == stamp[:10] else None
        return None

    def _link(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        if not url or site.link_date is None:
            return None
        m = site.link_date.search(unquote(url))
        return _day(int(m.group("y")), int(m.group("m")), int(m.group("d"))) if m else None

    def _roc_code(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        code = fixed.roc_code
        return _day(int(code[:3]) + 1911, int(code[3:5]), int(code[5:7])) if code else None

    def _kyodo_dateline(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        """Month and day from the dateline; the year of the fetch, or the year before when the
        day would otherwise lie after the fetch (a 12月31日 story fetched on 1 January)."""
        m, d = fixed.dateline.get("m"), fixed.dateline.get("d")
        fetched = (self._front_matter(site, ctx, url, fixed) or "")[:10]
        if not (m and d and len(fetched) == 10):
            return None
        year = int(fetched[:4])
        day = _day(year, int(m), int(d))
        if day and day > (dt.date.fromisoformat(fetched) + dt.timedelta(days=2)).isoformat():
            day = _day(year - 1, int(m), int(d))
        return day

    def _front_matter(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        tz = site.tz if site.tz and site.tz[0] in "+-" else None
        for key in _DATE_KEYS:
            value = ctx.meta.get(key)
            if value not in (None, ""):
                return normalise_date(value, tz)
        return None

    def _front_matter_day(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        """The front-matter day only: the pen0 mirrors write every post at a placeholder 12:00."""
        value = self._front_matter(site, ctx, url, fixed)
        return value[:10] if value else None

    def _field_publish_date(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        """A CMS `publish_date` field embedded in a saved page, in the outlet's offset."""
        m = _FIELD.search(ctx.body)
        if not m:
            return None
        stamp = normalise_date(m.group(1))
        if stamp and site.tz and site.tz[0] in "+-":
            sign = 1 if site.tz[0] == "+" else -1
            zone = dt.timezone(sign * dt.timedelta(hours=int(site.tz[1:3]), minutes=int(site.tz[4:6])))
            stamp = dt.datetime.fromisoformat(stamp).astimezone(zone).isoformat()
        return stamp

    def _archive_url(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        m = _ARCHIVE.search(url or "") or _ARCHIVE.search(ctx.body)
        return _day(*(int(x) for x in m.groups())) if m else None

    def _reader(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        """The date the format reader took from a dedicated field (a JSON story's pubDate)."""
        return ctx.reader_date

    def _filename(self, site: Site, ctx: PostContext, url: str | None, fixed: Fixed) -> str | None:
        m = _FILENAME.match(ctx.filename)
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
