"""Mirror-site profiles (data/sites.yaml): which outlet a mirrored post belongs to, and the
outlet-specific clean-up of its title, body blocks and publication date.

The generic readers (markup.py, structured.py) know the file format; they do not know that a
Reuters post starts with a UTC timestamp line, that Kyodo's dateline carries the day, or that
the front-matter `date:` of the agora0 mirror is the fetch time. A profile applies only when
the file is identified as one of the profiled sites (by link host or a front-matter marker),
so files of other sources are left exactly as the generic reader made them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources as ires
from urllib.parse import urlsplit

import yaml

from storyline.model import RawRecord, ReadError
from storyline.read.site_body import BodyFixer
from storyline.read.site_dates import DateEvidence


@dataclass(frozen=True)
class Site:
    key: str
    name: str
    hosts: tuple[str, ...]
    markers: frozenset[str]
    tz: str | None = None
    dates: tuple[str, ...] = ("front_matter",)
    title_drop: tuple[re.Pattern, ...] = ()
    title_tag: re.Pattern | None = None
    link_date: re.Pattern | None = None
    dateline: tuple[re.Pattern, ...] = ()
    drop: tuple[re.Pattern, ...] = ()
    tail_drop: tuple[re.Pattern, ...] = ()
    author_tag: re.Pattern | None = None
    strip_prefix: tuple[re.Pattern, ...] = ()
    source_line: re.Pattern | None = None
    end_at: tuple[re.Pattern, ...] = ()
    author_drop: tuple[re.Pattern, ...] = ()
    path_markers: tuple[str, ...] = ()
    byline_line: tuple[re.Pattern, ...] = ()
    caption_html: tuple[re.Pattern, ...] = ()
    standfirst_html: tuple[re.Pattern, ...] = ()
    standfirst_author: re.Pattern | None = None
    tail_lines: tuple[re.Pattern, ...] = ()


@dataclass
class PostContext:
    """What a profile may look at besides the record: the raw body and the front matter."""

    body: str = ""
    meta: dict = field(default_factory=dict)
    filename: str = ""
    reader_date: str | None = None  # what the generic reader found (evidence kind `reader`)


def _compile(values: object) -> tuple[re.Pattern, ...]:
    if not values:
        return ()
    items = values if isinstance(values, list) else [values]
    return tuple(re.compile(str(v)) for v in items)


def _host(url: str | None) -> str:
    if not url or not isinstance(url, str):
        return ""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


class Sites:
    """The profiles, loaded once; `identify` then `apply`."""

    def __init__(self) -> None:
        cfg = yaml.safe_load((ires.files("storyline.read") / "data" / "sites.yaml").read_text(encoding="utf-8"))
        self.sites: list[Site] = []
        for key, spec in cfg["sites"].items():
            one = lambda k: _compile(spec.get(k))[0] if spec.get(k) else None  # noqa: E731
            self.sites.append(Site(
                key=key, name=spec["name"], hosts=tuple(h.lower() for h in spec.get("hosts") or ()),
                markers=frozenset(str(m).strip().lower() for m in spec.get("markers") or ()),
                tz=spec.get("tz"), dates=tuple(spec.get("dates") or ("front_matter",)),
                title_drop=_compile(spec.get("title_drop")), title_tag=one("title_tag"),
                link_date=one("link_date"), dateline=_compile(spec.get("dateline")),
                tail_drop=_compile(spec.get("tail_drop")), author_tag=one("author_tag"),
                strip_prefix=_compile(spec.get("strip_prefix")), source_line=one("source_line"), end_at=_compile(spec.get("end_at")),
                author_drop=_compile(spec.get("author_drop")),
                byline_line=_compile(spec.get("byline_line")), caption_html=_compile(spec.get("caption_html")),
                standfirst_html=_compile(spec.get("standfirst_html")), standfirst_author=one("standfirst_author"),
                tail_lines=_compile(spec.get("tail_lines")),
                path_markers=tuple(str(m).lower() for m in spec.get("path_markers") or ()),
                drop=_compile(spec.get("drop")) + _compile(cfg.get("drop_all"))))
        self.by_host: dict[str, Site] = {h: s for s in self.sites for h in s.hosts}
        self.by_marker: dict[str, Site] = {m: s for s in self.sites for m in s.markers}
        self.names = {s.name for s in self.sites}
        self.title_label = re.compile(cfg["title_label"])
        self.body = BodyFixer(cfg.get("places") or [])
        self.dates = DateEvidence()

    # -- which site ------------------------------------------------------------------
    def identify(self, urls: list[object], markers: list[object], path: str | None = None) -> Site | None:
        """By link host, then by a front-matter/page marker, then (only when `path` is given: saved
        pages that name no host at all) by the archive the file was saved in."""
        site = self._identify(urls, markers)
        if site is None and path:
            low = path.lower()
            site = next((s for s in self.sites for m in s.path_markers if m in low), None)
        return site

    def _identify(self, urls: list[object], markers: list[object]) -> Site | None:
        for url in urls:
            host = _host(url if isinstance(url, str) else None)
            while host:
                if host in self.by_host:
                    return self.by_host[host]
                host = host.partition(".")[2]
        for value in markers:
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, str) and item.strip().lower() in self.by_marker:
                    return self.by_marker[item.strip().lower()]
        return None

    # -- the clean-up ----------------------------------------------------------------
    def apply(self, site: Site, rec: RawRecord, ctx: PostContext) -> RawRecord:
        title, categories = self.title(site, rec.title, list(rec.categories))
        author = rec.author
        for rx in site.author_drop:
            author = (rx.sub("", author).strip() or None) if author else author
        if author and (author.strip().lower() in site.markers or author.strip() == site.name
                       or self.identify([], [author]) is site):
            author = None  # the waimei / pen0 `author:` is the outlet, not the journalist
        fixed = self.body.fix(site, rec.body_blocks, ctx.body, list(rec.captions))
        if not fixed.blocks:
            raise ReadError(_empty_reason(ctx.body))
        ctx.reader_date = rec.published
        published = self.dates.best(site, ctx, rec.url, fixed) or rec.published
        place = fixed.dateline.get("place", "").strip()
        if place:  # the dateline's place (柏林, 华盛顿): the model has no field for it, so a tagged category
            fixed.categories.append("电头:" + place)
        return replace(rec, title=title, outlet=site.name, author=fixed.author or author,
                       editor=rec.editor or fixed.editor, body_blocks=fixed.blocks, captions=fixed.captions,
                       categories=categories + [c for c in fixed.categories if c not in categories],
                       published=published)

    def title(self, site: Site, title: str | None, categories: list[str]) -> tuple[str | None, list[str]]:
        if not title:
            return title, categories
        text = title.strip()
        for rx in (site.title_tag, site.title_tag, self.title_label):  # 【栏目】 then 来源｜, then a label
            m = rx.match(text) if rx is not None else None
            if m and len(text) > m.end() + 1:
                tag = next((g for g in m.groups() if g), None)
                if tag and tag.strip() not in categories:
                    categories.append(tag.strip())
                text = text[m.end():].strip()
        for rx in site.title_drop:
            cut = rx.sub("", text).strip()
            if cut:
                text = cut
        return text or title, categories


_VIDEO = re.compile(r"<(?:iframe|video)\b", re.I)
_IMAGE = re.compile(r"<img\b|!\[[^\]]{0,200}\]\(", re.I)


def _empty_reason(body: str) -> str:
    """A post with no text at all (an embedded video, a picture, an empty `<p/>` flash)."""
    if _VIDEO.search(body):
        return "no article text: the post is only an embedded video"
    if _IMAGE.search(body):
        return "no article text: the post is only images"
    return "no article text: the post body is empty"


@lru_cache(maxsize=1)
def sites() -> Sites:
    return Sites()
