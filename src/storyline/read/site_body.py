"""Body clean-up of one mirrored post, driven by its site profile (data/sites.yaml).

What it does, in order: image captions that the HTML walker could not recognise (a paragraph
that repeats an `<img alt>` text) move to the captions; leading metadata lines (a timestamp,
a relative time, and the byline lines before them) leave the body, the first byline line
becoming the author; the site's opening dateline is parsed (place, day, reporter) and removed;
an inline reporter hashtag (RTI `#記者…#`) splits the paragraph it sits in and names the
author; site boilerplate paragraphs and tails (（完）, ROC date codes, editor brackets) go.

Hand-written because these are one-line conventions of each outlet that no extraction
library knows; the patterns themselves live in the data file.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.read.sites import Site

# A leading metadata line: a timestamp in one of the mirrors' formats, or a relative time.
_STAMP = re.compile(
    r"^(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:\.\d{1,9})?Z?"
    r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d(?::\d\d)? (?:GMT|UTC|[+-]\d{4})"
    r"|\d\d/\d\d/\d{4}\s{0,3}-\s{0,3}\d\d:\d\d"
    r"|\d{4}年\d{1,2}月\d{1,2}日(?:\s{0,2}\d{1,2}:\d\d)?"
    r"|\d{1,3}\s{0,2}(?:分钟|分鐘|小时|小時|天)前)$"
)
_SMALL = re.compile(r"<small\s{1,3}style=\"color:\s{0,2}#999;?\"\s{0,2}>([^<>]{2,600})</small>", re.I)
_ALT = re.compile(r"""\b(?:alt|title)\s{0,2}=\s{0,2}(?:"([^"<>]{4,600})"|'([^'<>]{4,600})')""", re.I)
_EDITOR = re.compile(r"[（(]\s{0,2}(?:[編编][輯辑]|责任编辑|責任編輯)[：:]\s{0,2}(?P<editor>[^）)]{1,30})[）)]")
_ROC = re.compile(r"(?<!\d)(?P<roc>1[01]\d[01]\d[0-3]\d)\s{0,3}$")
_SENTENCE_END = re.compile(r"[。！？!?]$")
_WS = re.compile(r"\s+")
MAX_LEAD = 4  # metadata lines only ever come in the first few blocks
BYLINE_MAX = 40
BYLINE_EDGE = 3  # byline paragraphs sit among the first or last three


@dataclass
class Fixed:
    blocks: list[str]
    captions: list[str]
    author: str | None = None
    editor: str | None = None
    categories: list[str] = field(default_factory=list)
    stamps: list[str] = field(default_factory=list)  # the leading metadata lines that were removed
    dateline: dict[str, str] = field(default_factory=dict)  # place, m, d, reporter
    roc_code: str | None = None


def _norm(text: str) -> str:
    return _WS.sub(" ", html.unescape(text)).strip()


class BodyFixer:
    def __init__(self, places: list[str]) -> None:
        self.places = sorted((str(p) for p in places), key=len, reverse=True)

    def fix(self, site: Site, blocks: list[str], body: str, captions: list[str]) -> Fixed:
        out = Fixed(blocks=[b for b in blocks], captions=captions)
        for i, block in enumerate(out.blocks):
            if i and any(rx.match(_norm(block)) for rx in site.end_at):
                out.blocks = out.blocks[:i]
                break
        for rx in site.strip_prefix:
            out.blocks = [rest for rest in (rx.sub("", b, count=1).strip() for b in out.blocks) if rest]
        self._captions(out, body, site.caption_html)
        if site.standfirst_html:
            self._standfirst(site, out, body)
        if site.source_line is not None:
            self._source_line(site.source_line, out)
        self._lead(out)
        self._dateline(site, out)
        if site.author_tag is not None:
            self._author_tag(site.author_tag, out)
        if site.byline_line:
            self._byline_lines(site.byline_line, out)
        out.blocks = [b for b in out.blocks if not any(rx.search(_norm(b)) for rx in site.drop)]
        while len(out.blocks) > 1 and any(rx.match(_norm(out.blocks[-1])) for rx in site.tail_lines):
            out.blocks.pop()  # an author bio or credit line closing the article
        self._tail(site, out)
        return out

    # -- captions -------------------------------------------------------------------
    def _captions(self, out: Fixed, body: str, site_captions: tuple[re.Pattern, ...]) -> None:
        # an image's alt/title text, a grey <small> caption line (waimei) or the site's own caption
        # markup, repeated as a paragraph
        alts = {_norm(a or b) for a, b in _ALT.findall(body)} | {_norm(c) for c in _SMALL.findall(body)}
        for rx in site_captions:
            alts.update(_norm(c) for c in rx.findall(body))
        alts.discard("")
        if not alts:
            return
        kept = []
        for block in out.blocks:
            text = _norm(block)
            if text in alts:
                if text not in out.captions:
                    out.captions.append(text)
            else:
                kept.append(block)
        out.blocks = kept

    # -- a standfirst printed above the body (FT's story lead) ---------------------------
    def _standfirst(self, site: Site, out: Fixed, body: str) -> None:
        leads = {_norm(m.group(1)) for rx in site.standfirst_html for m in rx.finditer(body)}
        leads.discard("")
        for i, block in enumerate(out.blocks[:2]):
            text = _norm(block)
            if text in leads:
                del out.blocks[i]
                m = site.standfirst_author.match(text) if site.standfirst_author is not None else None
                if m:  # an opinion piece's lead opens with its author: `徐瑾：…`
                    out.author = out.author or m.group("author")
                return

    # -- a repost's "original from" line ---------------------------------------------------
    def _source_line(self, rx: re.Pattern, out: Fixed) -> None:
        for i, block in enumerate(out.blocks[:3]):
            m = rx.match(block)
            if m:
                source = (m.group("source") or m.group("plain") or "").strip()
                if source:
                    out.categories.append("原载:" + source)
                del out.blocks[i]
                return

    # -- timestamp and byline lines at the top ----------------------------------------
    def _lead(self, out: Fixed) -> None:
        head = [_norm(b) for b in out.blocks[:MAX_LEAD]]
        last = -1
        for i, text in enumerate(head):
            if _STAMP.match(text):
                last = i
        if last < 0:
            return
        before = head[:last + 1]
        # every line above the last stamp must look like metadata: short, no full stop
        if any(not _STAMP.match(t) and (len(t) > BYLINE_MAX or _SENTENCE_END.search(t)) for t in before):
            return
        bylines = [t for t in before if not _STAMP.match(t)]
        out.stamps = [t for t in before if _STAMP.match(t)]
        if bylines:
            names = list(dict.fromkeys(n.strip() for n in re.split(r"[,，、]", bylines[0]) if n.strip()))
            out.author = "、".join(names) or None
        out.blocks = out.blocks[last + 1:]

    # -- dateline --------------------------------------------------------------------
    def _dateline(self, site: Site, out: Fixed) -> None:
        if not site.dateline:
            return
        for i, block in enumerate(out.blocks[:2]):
            for rx in site.dateline:
                m = rx.match(block)
                if not m:
                    continue
                out.dateline = {k: v for k, v in m.groupdict().items() if v}
                reporter = out.dateline.get("reporter")
                if reporter:
                    names, place = self._split_reporter(reporter)
                    if place:
                        out.dateline["place"] = place
                    if names:
                        out.author = out.author or names
                rest = block[m.end():].lstrip()
                if rest:
                    out.blocks[i] = rest
                else:
                    del out.blocks[i]
                return

    def _split_reporter(self, text: str) -> tuple[str | None, str | None]:
        """`林育立柏林` -> (林育立, 柏林); `陳婕翎、張茗喧台北` -> (陳婕翎、張茗喧, 台北); `台北` -> (None, 台北)."""
        text = text.strip()
        place = next((p for p in self.places if text.endswith(p)), None)
        if place is not None:
            text = text[: -len(place)]
        names = [n for n in text.split("、") if n]
        if place is None and names:
            last = names[-1]
            if len(last) > 3:  # an unknown place: most reporters' names have three characters
                names[-1], place = last[:3], last[3:]
        if not names and place is None:
            place = text or None
        return ("、".join(names) or None), place

    # -- a whole-paragraph byline (RFA: `自由亚洲电台记者 X 台北报导 责编 Y 网编 Z`) --------------
    def _byline_lines(self, rxs: tuple[re.Pattern, ...], out: Fixed) -> None:
        """Only the first and last few paragraphs can be bylines (a name alone mid-text is not)."""
        kept = []
        n = len(out.blocks)
        for i, block in enumerate(out.blocks):
            edge = i < BYLINE_EDGE or i >= n - BYLINE_EDGE
            m = next((m for m in (rx.match(_norm(block)) for rx in rxs) if m), None) if edge else None
            if m is None:
                kept.append(block)
                continue
            found = m.groupdict()
            out.author = out.author or (found.get("author") or None)
            out.editor = out.editor or (found.get("editor") or None)
        out.blocks = kept

    # -- RTI: `…正文。#記者劉玉秋的報導#正文…` -------------------------------------------
    def _author_tag(self, rx: re.Pattern, out: Fixed) -> None:
        blocks = []
        for block in out.blocks:
            m = rx.search(block)
            if not m:
                blocks.append(block)
                continue
            out.author = out.author or m.group("author").strip()
            blocks.extend(p for p in (block[: m.start()].strip(), block[m.end():].strip()) if p)
        out.blocks = blocks

    # -- the end of the article -----------------------------------------------------------
    def _tail(self, site: Site, out: Fixed) -> None:
        for _ in range(2):  # the last block, and the one before if the last was only a tail
            if not out.blocks:
                return
            last = out.blocks[-1].rstrip()
            editor = _EDITOR.search(last)
            if editor and len(last) - editor.end() <= 12:
                out.editor = out.editor or editor.group("editor").strip()
            if "roc_code" in site.dates and out.roc_code is None:
                roc = _ROC.search(last)
                if roc:
                    out.roc_code = roc.group("roc")
            cut = last
            for rx in site.tail_drop:
                cut = rx.sub("", cut).rstrip()
            if cut == last:
                return
            if cut:
                out.blocks[-1] = cut
                return
            out.blocks.pop()
