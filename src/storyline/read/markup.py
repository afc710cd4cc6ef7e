"""Readers for files with markup bodies: Hexo/Jekyll posts (YAML front matter + HTML body),
markdown with or without front matter (markdown-it renders it to HTML, then the same block
walker runs), and the web-page markdown mirrors (`### title`, nav lines, HTML article body,
`原文链接：URL` footer)."""

from __future__ import annotations

import html
import re

import yaml
from markdown_it import MarkdownIt

from storyline.model import RawRecord, ReadError
from storyline.read.html_blocks import HtmlContent, html_to_content, join_layout_lines
from storyline.read.meta import clean_author, normalise_date, resources
from storyline.read.sites import PostContext, sites
from storyline.read.source import Source

_ORIGINAL_URL = re.compile(r"原文(?:链接|地址|連結|網址)[^：:\n]{0,12}[：:]\s{0,5}(https?://[^\s<>'\"]{1,500})")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]{0,10}(.{1,300})$")
_MD_LINK_ONLY = re.compile(r"^\[[^\]]{0,200}\]\([^)]{0,500}\)$")
_HTML_START = re.compile(r"<(?:p|div|section|article|figure|img|h[1-6]|span|blockquote|ul|table)\b", re.I)


class MarkupReader:
    """Holds the markdown renderer (built once) and reads one decoded file at a time."""

    def __init__(self) -> None:
        self.md = MarkdownIt("commonmark", {"html": True})
        self.meta = resources()

    # -- front matter ---------------------------------------------------------------
    @staticmethod
    def split_front_matter(text: str) -> tuple[dict, str] | None:
        """Return (metadata, body) when the text opens with a YAML block; None when it does not.

        Split by hand rather than with python-frontmatter because that library silently treats a
        header without its closing `---` as body text, and we must report truncated headers."""
        stripped = text.lstrip("\n \t\ufeff")
        lines = stripped.split("\n")
        if lines[0].strip() != "---":
            return None
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), -1)
        if end < 0:
            raise ReadError("front matter is not closed (truncated file?)")
        header = "\n".join(lines[1:end])
        body = "\n".join(lines[end + 1:])
        try:
            meta = yaml.safe_load(header) if header.strip() else {}
        except yaml.YAMLError as exc:
            raise ReadError(f"invalid YAML front matter ({type(exc).__name__})") from exc
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            return None  # a `---` rule around prose, not front matter
        if not body.strip():
            raise ReadError("front matter but no article body")
        return meta, body

    def read_front_matter(self, src: Source, meta: dict, body: str) -> RawRecord:
        sep = _str(meta.get("excerpt_separator"))
        if sep and sep in body and body.partition(sep)[2].strip():
            # Jekyll's excerpt separator: what stands above it is the summary (the pen0 mirrors'
            # bullet points), printed before the article, not its first paragraph
            body = body.partition(sep)[2]
        is_html = bool(_HTML_START.match(body.lstrip()))
        fmt = "hexo" if is_html else "markdown"
        content = html_to_content(body) if is_html else self._markdown(body)
        title = _str(meta.get("title"))
        blocks = content.blocks
        headings = content.headings
        if blocks and title and _same(blocks[0], title):
            blocks = blocks[1:]  # markdown bodies often repeat the title as `# title`
            headings = [h for h in headings if not _same(h, title)]
        categories = _list(meta.get("categories") or meta.get("category"))
        url = _str(meta.get("original_url") or meta.get("url") or meta.get("link") or meta.get("permalink"))
        raw_author = clean_author(meta.get("author") or meta.get("authors"))
        outlet = (self.meta.outlet_from_marker(meta.get("source"), meta.get("outlet"), raw_author, categories)
                  or self.meta.outlet_from_url(url)
                  or self.meta.outlet_from_url(_str(meta.get("headimg") or meta.get("thumbnail")))
                  or _str(meta.get("outlet") or meta.get("source")))
        author = raw_author
        if author and (author == outlet or self.meta.outlet_from_marker(author)):
            author = None
        if author is None and blocks:
            author = self.meta.slash_byline_author(blocks[0])
        tz = self.meta.timezones.get(outlet or "")
        site = sites().identify([url, meta.get("from")], [meta.get("categories"), raw_author])
        if site is not None:
            url = url or _str(meta.get("from"))
        record = src.record(
            fmt, blocks, title=title, author=author, outlet=outlet,
            published=normalise_date(meta.get("date") or meta.get("published") or meta.get("pubDate"), tz),
            url=url, categories=categories, links=content.links, captions=content.captions,
            headings=headings,
        )
        if site is None:
            return record
        record.author = raw_author if author is None and raw_author else record.author
        return sites().apply(site, record, PostContext(body=body, meta=meta, filename=src.path.name))

    # -- markdown without front matter -----------------------------------------------
    def read_markdown(self, src: Source) -> RawRecord:
        title = None
        for line in src.text.split("\n")[:40]:
            m = _MD_HEADING.match(line.strip())
            if m and not _MD_LINK_ONLY.match(m.group(1).strip()):
                title = m.group(1).strip().strip("#").strip()
                break
        content = self._markdown(src.text)
        blocks = content.blocks
        if title:
            for i, block in enumerate(blocks[:10]):
                if _same(block, title):
                    blocks = blocks[i + 1:]
                    break
        head_links = [ln["href"] for ln in content.links if ln.get("kind") != "image"][:6]
        outlet = next((o for o in (self.meta.outlet_from_url(h) for h in head_links) if o), None)
        author = None
        for block in blocks[:6]:
            author = author or self.meta.labelled(block, "author")
        return src.record("markdown", blocks, title=title, outlet=outlet, author=author,
                          links=content.links, captions=content.captions, headings=content.headings)

    def _markdown(self, body: str) -> HtmlContent:
        return html_to_content(self.md.render(body))

    # -- web-page markdown mirrors ----------------------------------------------------
    def read_web_markdown(self, src: Source) -> RawRecord:
        text = src.text
        title = None
        for line in text.split("\n")[:10]:
            m = _MD_HEADING.match(line.strip())
            if m:
                title = html.unescape(m.group(1).strip())
                break
        url_match = None
        for url_match in _ORIGINAL_URL.finditer(text):
            pass  # the last one is the footer
        url = url_match.group(1) if url_match else None
        # cut the footer (share lines, QR codes, tracking pixels) before parsing
        body = text[: url_match.start()] if url_match else text
        content = html_to_content(body, top_level_text=False)
        blocks = list(content.blocks)
        outlet = self.meta.outlet_from_url(url)
        published = author = None
        for i, block in enumerate(blocks[:3]):
            line = self.meta.parse_dateline(block)
            if line.published:
                outlet = outlet or line.outlet
                published, author = line.published, line.author
                if line.rest:
                    blocks[i] = line.rest
                else:
                    del blocks[i]
                break
        return src.record("web-markdown", blocks, title=title, outlet=outlet, published=published,
                          author=author, url=url, links=content.links, captions=content.captions,
                          headings=content.headings)


def _same(a: str, b: str) -> bool:
    return join_layout_lines(a).strip() == join_layout_lines(html.unescape(b)).strip()


def _str(value: object) -> str | None:
    if value is None:
        return None
    text = html.unescape(str(value)).strip()
    return text or None


def _list(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value).strip()]
