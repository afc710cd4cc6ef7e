"""RawRecord -> Doc: drop boilerplate (patterns in data/boilerplate.yaml), normalise whitespace,
pull editor/author lines into metadata, and build paragraphs with norm copies and sentences."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache
from re import _constants as re_constants, _parser as re_parser  # the standard library's own parser
from importlib import resources as ires

import yaml

from storyline.clean.normalise import Normaliser
from storyline.model import Article, Doc, Paragraph, RawRecord
from storyline.read.meta import resources as meta_resources

_WS = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalise_space(text: str) -> str:
    """Collapse whitespace runs to one space and strip; never adds spaces between CJK."""
    return _WS.sub(" ", text.translate(_INVISIBLE)).strip()


def _anchored(pattern: str) -> bool:
    """True when the whole pattern is `^` followed by the rest (not `^a|b`, an alternation)."""
    if not pattern.startswith("^"):
        return False
    tree = re_parser.parse(pattern)  # a top-level alternation parses as one BRANCH item
    return len(tree) >= 1 and tree[0] == (re_constants.AT, re_constants.AT_BEGINNING)


class Cleaner:
    def __init__(self) -> None:
        cfg = yaml.safe_load((ires.files("storyline.clean") / "data" / "boilerplate.yaml").read_text(encoding="utf-8"))
        self.drop = [re.compile(p) for p in cfg["drop"]]
        # one search instead of 22: a match of the alternation == a match of some pattern (each
        # is self-contained: no backreferences or inline flags; ^ still means start of text)
        self._drop_any = re.compile("|".join(f"(?:{p})" for p in cfg["drop"]))
        # faster still: the patterns that begin with ^ are tried once, at the start, as one anchored
        # alternation (an alternation of ^-branches is otherwise tried at every position), the few
        # others as one unanchored alternation; `is_boilerplate` is true when either matches
        starts = [p for p in cfg["drop"] if _anchored(p)]
        floating = [p for p in cfg["drop"] if not _anchored(p)]
        self._drop_start = re.compile("^(?:" + "|".join(f"(?:{p[1:]})" for p in starts) + ")") if starts else None
        self._drop_floating = re.compile("|".join(f"(?:{p})" for p in floating)) if floating else None
        self.caption_tail = re.compile(cfg["caption_tail"])
        self.caption_max = int(cfg["caption_max_len"])
        self.editor_tail = re.compile(cfg["editor_tail"])
        self.caption_head = re.compile(cfg["caption_head"])
        self.lead_strip = [re.compile(p) for p in cfg["lead_strip"]]
        self.end_at = [re.compile(p) for p in cfg["end_at"]]
        self.title_drop = [re.compile(p) for p in cfg["title_drop"]]
        self.tail_lines = [re.compile(p) for p in cfg["tail_lines"]]
        self.lead_lines = [re.compile(p) for p in cfg["lead_lines"]]
        self.lead_date = re.compile(cfg["lead_date"])
        self.bullet = re.compile(cfg["bullet"])
        self.norm = Normaliser()
        self.meta = meta_resources()

    def is_boilerplate(self, text: str) -> bool:
        if self._drop_start is not None and self._drop_start.match(text) is not None:
            return True
        return self._drop_floating is not None and self._drop_floating.search(text) is not None

    def clean_title(self, title: str | None) -> str | None:
        """Column tags and source prefixes/suffixes off the headline; a title that is only a tag stays."""
        if not title:
            return title
        for rx in self.title_drop:
            cut = rx.sub("", title, count=1).strip()
            if cut:
                title = cut
        return title

    def _lead(self, text: str) -> tuple[str, str | None]:
        """An opening dateline/byline off the first paragraph -> (rest, author named in it)."""
        for rx in self.lead_strip:
            m = rx.match(text)
            if m:
                author = (m.groupdict().get("author") or "").strip() or None
                return text[m.end():].strip(), author
        return text, None

    def clean(self, raw: RawRecord) -> Doc:
        title = self.clean_title(normalise_space(raw.title)) if raw.title else None
        editor, author, published = raw.editor, raw.author, raw.published
        captions = [c for c in (normalise_space(x) for x in raw.captions) if c]
        headings = {normalise_space(h) for h in raw.headings}
        link_texts = {normalise_space(link.get("text", "")) for link in raw.links}
        texts: list[tuple[str, bool]] = []
        for block in raw.body_blocks:
            text = self.bullet.sub("", normalise_space(block), count=1)
            if not text:
                continue
            if texts and any(rx.match(text) for rx in self.end_at):
                break  # the rest is footer (a blog's author box, a WeChat end mark)
            if not texts:
                text, lead_author = self._lead(text)
                author = author or lead_author
                day = self.lead_date.match(text)
                if day:  # a date line above the body: metadata, not text
                    published = published or _iso_day(day)
                    continue
                if not text or any(rx.match(text) for rx in self.lead_lines):
                    continue
            tail = self.editor_tail.search(text)
            if tail:
                editor = editor or self.meta.labelled(tail.group(0).strip("（()） "), "editor")
                text = text[: tail.start()].rstrip()
            if self.is_boilerplate(text):
                editor = editor or self.meta.labelled(text, "editor")
                author = author or self.meta.labelled(text, "author")
                continue
            if self.caption_head.match(text) or (len(text) <= self.caption_max and self.caption_tail.search(text)):
                captions.append(text)
                continue
            if text in link_texts and len(text) <= 80:
                continue  # a paragraph that is only a link: navigation or "related article"
            if title and not texts and text == title:
                continue
            texts.append((text, text in headings))
        if author and texts and self._bio(texts[-1][0], author):
            texts.pop()  # `<author>：<one-line bio>` closing an opinion piece
        for _ in range(3):  # closing signature and contact lines (name + date, phone number)
            if len(texts) > 1 and any(rx.match(texts[-1][0]) for rx in self.tail_lines):
                texts.pop()
        paragraphs = []
        for i, (text, heading) in enumerate(texts):
            norm = self.norm.norm(text)
            paragraphs.append(Paragraph(index=i, text=text, norm=norm, sentences=self.norm.sentences(norm),
                                        is_heading=heading))
        plain = [p.text for p in paragraphs]
        article = Article(
            id=hashlib.sha1(raw.source_key.encode("utf-8")).hexdigest()[:16],
            path=raw.path, source_key=raw.source_key, format=raw.format, outlet=raw.outlet, title=title,
            author=author, published=published, published_inferred=False, url=raw.url,
            language=self.norm.language(([title] if title else []) + plain), paragraphs=plain,
            encoding=raw.encoding, editor=editor, categories=list(raw.categories), links=list(raw.links),
            captions=captions, content_hash=hashlib.sha1("\n".join(plain).encode("utf-8")).hexdigest(),
        )
        return Doc(article=article, paragraphs=paragraphs, anchor=(published or "")[:10] or None)


    @staticmethod
    def _bio(text: str, author: str) -> bool:
        rest = text[len(author):] if text.startswith(author) else ""
        return rest[:1] in ("：", ":") and len(rest) <= 40 and not rest.rstrip().endswith("。")


def _iso_day(m: re.Match) -> str | None:
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _cleaner() -> Cleaner:
    return Cleaner()


def clean_record(raw: RawRecord) -> Doc:
    return _cleaner().clean(raw)
