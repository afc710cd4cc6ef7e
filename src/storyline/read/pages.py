"""Readers for whole HTML pages (trafilatura: main content and its metadata) and plain text."""

from __future__ import annotations

import re
from collections import Counter

import trafilatura

from storyline.model import RawRecord, ReadError
from storyline.read.html_blocks import html_to_content
from storyline.read.meta import clean_author, normalise_date, resources
from storyline.read.sites import PostContext, sites
from storyline.read.source import Source


def read_html(src: Source) -> RawRecord:
    meta = resources()
    doc = trafilatura.bare_extraction(src.text, with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False, deduplicate=False)
    if doc is not None and not isinstance(doc, dict):
        doc = doc.as_dict()
    doc = doc or {}
    text = doc.get("text") or ""
    blocks = [line.strip() for line in text.split("\n") if line.strip()]
    links: list[dict[str, str]] = []
    captions: list[str] = []
    headings: list[str] = []
    if not blocks:  # trafilatura found no main content: fall back to every block on the page
        content = html_to_content(src.text)
        blocks, links, captions, headings = content.blocks, content.links, content.captions, content.headings
    if not blocks:
        raise ReadError("HTML page without readable text")
    url = doc.get("url")
    sitename = doc.get("sitename")
    outlet = meta.outlet_from_url(url) or meta.outlet_from_marker(sitename) or (sitename or None)
    title = doc.get("title")
    if title and blocks and blocks[0] == title:
        blocks = blocks[1:]
    record = src.record("html", blocks, title=title or None, author=clean_author(doc.get("author")),
                        outlet=outlet, published=normalise_date(doc.get("date")), url=url,
                        categories=list(doc.get("categories") or []), links=links, captions=captions,
                        headings=headings)
    profiles = sites()
    site = profiles.identify([url, *_page_hosts(src.text)], [sitename], path=src.given)
    if site is None:
        return record
    # a profiled outlet's page: its own date evidence decides (trafilatura's guess is not evidence)
    record.published = None
    return profiles.apply(site, record, PostContext(body=src.text, filename=src.path.name))


_HOST = re.compile(r"https?://([a-z0-9][a-z0-9.-]{2,80})", re.I)


def _page_hosts(text: str, limit: int = 400) -> list[str]:
    """The page's link hosts, most frequent first: a saved page without its own URL still links
    to its site throughout (navigation, images, scripts)."""
    counts = Counter(m.group(1).lower() for _, m in zip(range(limit), _HOST.finditer(text)))
    return ["https://" + host for host, _ in counts.most_common(5)]


def read_text(src: Source) -> RawRecord:
    """No metadata at all: one paragraph per non-empty line."""
    blocks = [line.strip() for line in src.text.split("\n") if line.strip()]
    if not blocks:
        raise ReadError("empty file (only whitespace)")
    return src.record("text", blocks)
