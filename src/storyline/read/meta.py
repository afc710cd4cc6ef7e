"""Metadata helpers shared by the readers: outlet names, dates, datelines and bylines.

The outlet table and the byline patterns are data files (data/outlets.yaml, data/bylines.yaml),
loaded once per process by `resources()`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as ires
from urllib.parse import urlsplit

import yaml

_ISO_RE = re.compile(
    r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?"
    r"\s?(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?)?$"
)
_ZH_DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")


@dataclass(frozen=True)
class Byline:
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    rest: str = ""  # the text after the removed dateline/author brackets


class MetaResources:
    """Outlet table and byline patterns, compiled once."""

    def __init__(self) -> None:
        data = ires.files("storyline.read") / "data"
        outlets = yaml.safe_load((data / "outlets.yaml").read_text(encoding="utf-8"))
        self.domains: dict[str, str] = {k.lower(): v for k, v in outlets["domains"].items() if v}
        self.markers: dict[str, str] = {k.lower(): v for k, v in outlets["markers"].items() if v}
        self.timezones: dict[str, str] = dict(outlets.get("timezones") or {})
        by = yaml.safe_load((data / "bylines.yaml").read_text(encoding="utf-8"))
        self.datelines = [re.compile(p) for p in by["datelines"]]
        self.author_brackets = [re.compile(p) for p in by["author_brackets"]]
        self.author_prefix = re.compile(by["author_prefix"])
        self.author_suffixes = sorted(by["author_suffixes"], key=len, reverse=True)
        self.author_places = sorted(by["author_places"], key=len, reverse=True)
        self.slash_bylines = [re.compile(p) for p in by["slash_bylines"]]
        self.author_lines = [re.compile(p) for p in by["author_lines"]]
        self.editor_lines = [re.compile(p) for p in by["editor_lines"]]

    # -- outlets -------------------------------------------------------------------
    def outlet_from_url(self, url: str | None) -> str | None:
        if not url:
            return None
        try:
            host = (urlsplit(url.strip()).hostname or "").lower()
        except ValueError:
            return None
        # web.archive.org wraps the real URL: look at the embedded one
        if host.endswith("archive.org") and "http" in url[8:]:
            return self.outlet_from_url(url[url.index("http", 8):])
        while host:
            if host in self.domains:
                return self.domains[host]
            host = host.partition(".")[2]
        return None

    def outlet_from_marker(self, *values: object) -> str | None:
        for value in values:
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, str) and item.strip().lower() in self.markers:
                    return self.markers[item.strip().lower()]
        return None

    # -- bylines -------------------------------------------------------------------
    def parse_dateline(self, text: str) -> Byline:
        """`【大纪元2022年02月21日讯】（大纪元记者张婷综合报导）正文` -> outlet, date, author, 正文."""
        for rx in self.datelines:
            m = rx.match(text)
            if not m:
                continue
            outlet = self.outlet_from_marker(m.group("outlet")) or m.group("outlet")
            try:
                published = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
            except ValueError:
                published = None
            rest = text[m.end():].lstrip()
            author = None
            for brx in self.author_brackets:
                b = brx.match(rest)
                if b:
                    author = self.author_from_bracket(b.group("body"))
                    if author:
                        rest = rest[b.end():].lstrip()
                    break
            return Byline(outlet, published, author, rest)
        return Byline(rest=text)

    def author_from_bracket(self, body: str) -> str | None:
        first = re.split(r"[／/]", body, maxsplit=1)[0]
        m = self.author_prefix.match(first)
        if not m:
            return None
        name = first[m.end():]
        for suffix in self.author_suffixes:
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        for place in self.author_places:
            if name.endswith(place) and len(name) > len(place) + 1:
                name = name[: -len(place)]
                break
        name = name.strip()
        return name if 1 < len(name) <= 30 else None

    def slash_byline_author(self, text: str) -> str | None:
        for rx in self.slash_bylines:
            m = rx.match(text)
            if m:
                return m.group("author").strip() or None
        return None

    def labelled(self, text: str, kind: str) -> str | None:
        rxs = self.author_lines if kind == "author" else self.editor_lines
        for rx in rxs:
            m = rx.match(text.strip())
            if m:
                return m.group(kind).strip() or None
        return None


@lru_cache(maxsize=1)
def resources() -> MetaResources:
    return MetaResources()


def clean_author(value: object) -> str | None:
    if isinstance(value, list):
        value = "、".join(str(v) for v in value if v)
    if not isinstance(value, str):
        return None
    value = html.unescape(value).strip()
    for prefix in ("记者", "記者", "作者：", "作者:", "文／", "文/"):
        if value.startswith(prefix) and len(value) > len(prefix) + 1:
            value = value[len(prefix):].strip()
    return value or None


def _offset(tz: str | None) -> str:
    if not tz or tz in ("Z", "UTC", "GMT"):
        return "+00:00"
    tz = tz.replace(":", "")
    return f"{tz[:3]}:{tz[3:]}"


def normalise_date(value: object, default_tz: str | None = None) -> str | None:
    """Any date-like front-matter/JSON/feed value -> ISO 8601 at the precision known.

    A timestamp without a zone becomes a bare date unless the outlet's zone is known
    (`default_tz`), because a time of day in an unknown zone cannot be placed on the timeline.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return value.isoformat()
        if default_tz:
            return value.isoformat() + default_tz
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        if 10**9 <= value < 10**10:  # unix seconds
            return dt.datetime.fromtimestamp(value, dt.timezone.utc).isoformat()
        if 10**12 <= value < 10**13:  # unix milliseconds
            return dt.datetime.fromtimestamp(value / 1000, dt.timezone.utc).isoformat()
        return None
    if not isinstance(value, str):
        return None
    text = value.strip()[:80]
    if not text:
        return None
    m = _ISO_RE.match(text)
    if m:
        y, mo, d, hh, mi, ss, tz = m.groups()
        try:
            if d is None:
                dt.date(int(y), int(mo), 1)
                return f"{int(y):04d}-{int(mo):02d}"
            day = dt.date(int(y), int(mo), int(d))
            if hh is None:
                return day.isoformat()
            stamp = dt.datetime(day.year, day.month, day.day, int(hh), int(mi), int(ss or 0))
        except ValueError:
            return None
        if tz:
            return stamp.isoformat() + _offset(tz)
        return stamp.isoformat() + default_tz if default_tz else day.isoformat()
    m = _ZH_DATE_RE.match(text)
    if m:
        try:
            if m.group(3):
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
        except ValueError:
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        return parsed.isoformat() + default_tz if default_tz else parsed.date().isoformat()
    return parsed.isoformat()
