"""HTML fragment -> ordered text blocks (paragraphs, headings, captions) plus links.

Used for the HTML bodies of Hexo posts, the web-page markdown mirrors, JSON records whose
content is HTML, and markdown rendered to HTML. Whole pages go through trafilatura instead
(see html_page.py); trafilatura wants a full page, throws away headings/caption roles we
need, and cannot be told that `<ok href>` is an inline tag, so fragments are walked here.

The walk is iterative over an explicit stack-free recursion bounded by `MAX_DEPTH`; runs of
inline content between block elements become blocks; `<br>` splits a run into lines
(mirrors use `<br>` between separate statements; a trailing `<br>` yields nothing).
Line breaks in the source inside a run are layout only: the pieces are joined with no
separator unless both neighbours are Latin letters/digits (俄罗斯\\n 总统 -> 俄罗斯总统).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

BLOCK_TAGS = frozenset(
    "p div section article main header footer aside h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead "
    "tbody tfoot tr td th caption blockquote pre figure figcaption center hr fieldset address details "
    "summary body html".split()
)
SKIP_TAGS = frozenset(
    "script style noscript iframe video audio svg object embed canvas template head title meta link "
    "button select textarea input nav form source track picture".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
STRONG_TAGS = frozenset("strong b".split())
LINK_TAGS = frozenset("a ok".split())
MAX_DEPTH = 120
# An image stored under a dated upload folder (wp-content/uploads/2022/01/...): kept as a link of kind
# "image", the only trace of when an undated page was written (analyse/time/anchor.py reads it).
DATED_IMAGE = re.compile(r"/(?:19|20)\d\d/(?:0[1-9]|1[0-2])/")
GREY_MARKERS = ("color:#666", "color: #666", "color:#999", "color: #999", "color:#888", "color: #888")


def _is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".,;:!?%)'\"")


def join_layout_lines(raw: str) -> str:
    """Join source lines of one run: drop layout newlines, keep a space only between Latin words."""
    out = ""
    for line in raw.split("\n"):
        piece = line.strip(" \t\r\f\v\xa0")
        if not piece:
            continue
        if out and _is_latin(out[-1]) and (piece[0].isascii() and piece[0].isalnum()):
            out += " "
        out += piece
    return out


@dataclass
class _Run:
    """Inline content collected between two block boundaries."""

    lines: list[list[str]] = field(default_factory=lambda: [[]])
    strong_chars: list[int] = field(default_factory=lambda: [0])
    grey_chars: int = 0
    has_image: bool = False

    def add(self, text: str, strong: bool, grey: bool) -> None:
        self.lines[-1].append(text)
        n = len(text.strip())
        if strong:
            self.strong_chars[-1] += n
        if grey:
            self.grey_chars += n

    def br(self) -> None:
        self.lines.append([])
        self.strong_chars.append(0)


@dataclass
class HtmlContent:
    blocks: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)


def _centered(node: LexborNode) -> bool:
    attrs = node.attributes
    align = (attrs.get("align") or "").lower()
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return align == "center" or "text-align:center" in style


def _is_caption_node(node: LexborNode) -> bool:
    if node.tag == "figcaption":
        return True
    cls = (node.attributes.get("class") or "").lower().split()
    return "caption" in cls or "wp-caption-text" in cls


class BlockExtractor:
    """Walks one parsed fragment. `top_level_text=False` ignores text that sits directly in <body>
    (in the markdown mirrors that is the markdown wrapper: title, navigation, share lines)."""

    def __init__(self, top_level_text: bool = True) -> None:
        self.top_level_text = top_level_text
        self.out = HtmlContent()
        self._after_image = False
        self._seen_links: set[tuple[str, str]] = set()

    def extract(self, html: str) -> HtmlContent:
        tree = LexborHTMLParser(html)
        root = tree.body
        if root is None:
            return self.out
        self._container(root, depth=0, centered=False, emit=self.top_level_text)
        return self.out

    # -- block level -------------------------------------------------------------
    def _container(self, node: LexborNode, depth: int, centered: bool, emit: bool) -> None:
        run = _Run()
        heading = node.tag in HEADING_TAGS
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                run.add(child.text(deep=False) or "", False, False)
            elif tag in SKIP_TAGS or tag == "-comment" or tag is None:
                continue
            elif tag in BLOCK_TAGS:
                self._flush(run, centered, heading, emit)
                run = _Run()
                if tag == "hr":
                    continue
                if _is_caption_node(child):
                    text = self._plain(child)
                    if text:
                        self.out.captions.append(text)
                    self._after_image = False
                elif tag == "figure":
                    for cap in child.css("figcaption"):
                        text = self._plain(cap)
                        if text:
                            self.out.captions.append(text)
                    self._after_image = False
                elif depth < MAX_DEPTH:
                    self._container(child, depth + 1, _centered(child) or centered, True)
            else:
                self._inline(child, run, False, False, depth + 1)
        self._flush(run, centered, heading, emit)

    def _flush(self, run: _Run, centered: bool, heading: bool, emit: bool) -> None:
        lines = []
        for parts, strong in zip(run.lines, run.strong_chars):
            text = join_layout_lines("".join(parts))
            if text:
                lines.append((text, strong))
        if not lines:
            if run.has_image:
                self._after_image = True
            return
        if not emit:
            return
        total = sum(len(t) for t, _ in lines)
        if self._after_image and total <= 200 and (centered or run.grey_chars >= total * 0.8):
            self.out.captions.append(" ".join(t for t, _ in lines))
            self._after_image = False
            return
        self._after_image = False
        for text, strong in lines:
            self.out.blocks.append(text)
            if heading or (strong >= len(text) * 0.9 and len(text) <= 80):
                self.out.headings.append(text)

    # -- inline level ------------------------------------------------------------
    def _inline(self, node: LexborNode, run: _Run, strong: bool, grey: bool, depth: int) -> None:
        tag = node.tag
        if tag in SKIP_TAGS or tag == "-comment" or tag is None:
            return
        if tag == "-text":
            run.add(node.text(deep=False) or "", strong, grey)
            return
        if tag == "br":
            run.br()
            return
        if tag == "img":
            run.has_image = True
            src = node.attributes.get("src") or ""
            if DATED_IMAGE.search(src) and (src, "") not in self._seen_links:
                self._seen_links.add((src, ""))
                self.out.links.append({"href": src, "text": "", "kind": "image"})
            return
        strong = strong or tag in STRONG_TAGS
        style = (node.attributes.get("style") or "").lower()
        if any(m in style for m in GREY_MARKERS):
            grey = True
        elif "color:" in style.replace(" ", ""):
            grey = False
        if tag in LINK_TAGS:
            href = node.attributes.get("href")
            text = join_layout_lines(node.text(deep=True) or "")
            if href and text and (href, text) not in self._seen_links:
                self._seen_links.add((href, text))
                self.out.links.append({"href": href, "text": text})
        if depth >= MAX_DEPTH:
            run.add(node.text(deep=True) or "", strong, grey)
            return
        for child in node.iter(include_text=True):
            if child.tag in BLOCK_TAGS:
                # a block inside an inline element (invalid but common): treat as a line break
                run.br()
                self._inline_block(child, run, strong, grey, depth + 1)
                run.br()
            else:
                self._inline(child, run, strong, grey, depth + 1)

    def _inline_block(self, node: LexborNode, run: _Run, strong: bool, grey: bool, depth: int) -> None:
        for child in node.iter(include_text=True):
            self._inline(child, run, strong, grey, depth + 1)

    @staticmethod
    def _plain(node: LexborNode) -> str:
        parts = []
        for sub in node.iter(include_text=True):
            if sub.tag in SKIP_TAGS:
                continue
            parts.append(sub.text(deep=True) or "")
        return join_layout_lines("\n".join(parts))


def html_to_content(html: str, top_level_text: bool = True) -> HtmlContent:
    return BlockExtractor(top_level_text).extract(html)
