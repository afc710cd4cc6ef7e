"""Choose a reader by sniffing the content (the extension is only a tie-breaker) and run it.

Order of checks: size (before reading anything), emptiness, known binary signatures, decoding,
then the text's shape: front matter, JSON, XML feed, HTML page, web-page markdown mirror,
markdown, plain text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from storyline.model import RawRecord, ReadError
from storyline.read.encoding import decode
from storyline.read.markup import MarkupReader
from storyline.read.pages import read_html, read_text
from storyline.read.source import Source
from storyline.read.structured import StructuredReader

MAX_BYTES = 20 * 1024 * 1024
MAGIC = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or an Office document)"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
    (b"{\\rtf", "RTF document"),
    (b"SQLite format 3", "SQLite database"),
    (b"\x7fELF", "executable"),
)
_HTML_PAGE = re.compile(r"^(?:<!--.{0,500}?-->\s{0,20})?<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.I)
_WEB_MD_BODY = re.compile(r"<(?:div|p)\b", re.I)
_MD_HINT = re.compile(r"^(?:#{1,6}\s|\[[^\]]{1,200}\]\(|[-*]\s\[)", re.M)


class Readers:
    """All readers, built once per process."""

    def __init__(self) -> None:
        self.markup = MarkupReader()
        self.structured = StructuredReader()

    def read(self, src: Source, suffix: str) -> list[RawRecord]:
        text = src.text
        head = text.lstrip("\n \t\r\ufeff")[:4096]
        split = self.markup.split_front_matter(text)
        if split is not None:
            return [self.markup.read_front_matter(src, *split)]
        if head.startswith("[") or head.startswith("{"):
            first_line = head.split("\n", 1)[0].strip()
            if suffix == ".jsonl" or (first_line.startswith("{") and first_line.endswith("}")
                                      and "\n{" in text.strip()[len(first_line):len(first_line) + 8]):
                return self.structured.read_jsonl(src)
            return self.structured.read_json(src)
        if head.startswith("<?xml") or _FEED.search(head[:1024]):
            if _FEED.search(head):
                return self.structured.read_feed(src)
            raise ReadError("unknown format: XML that is not an RSS/Atom feed")
        if _HTML_PAGE.match(head):
            return [read_html(src)]
        first = head.split("\n", 1)[0].strip()
        if first.startswith("#") and _WEB_MD_BODY.search(text[:20000]):
            record = self.markup.read_web_markdown(src)
            if record.body_blocks:
                return [record]
            # no HTML article body after all (a README that mentions `<div>` in code spans)
            return [self.markup.read_markdown(src)]
        if _MD_HINT.search(head) or suffix in (".md", ".markdown"):
            return [self.markup.read_markdown(src)]
        if head.startswith("<") and suffix in (".html", ".htm", ".xhtml"):
            return [read_html(src)]
        if _is_table(text):
            raise ReadError("not an article: a tab-separated data table")
        return [read_text(src)]


def _is_table(text: str, sample: int = 200) -> bool:
    """A header and ten or more rows with the same number of inner tabs (indentation does not
    count): a data file (a MANIFEST.tsv), whose thousands of "paragraphs" would only cost
    analysis time and fill the store with noise."""
    lines = [ln.strip() for ln in text.split("\n", sample)[:sample] if ln.strip()]
    if len(lines) < 10:
        return False
    tabs = lines[0].count("\t")
    return tabs >= 1 and sum(1 for ln in lines if ln.count("\t") == tabs) >= 0.9 * len(lines)


@lru_cache(maxsize=1)
def _readers() -> Readers:
    return Readers()


def read_file(path: Path, given: str, max_bytes: int = MAX_BYTES) -> list[RawRecord]:
    """Read one file into RawRecords. Raises ReadError with a short user-facing reason."""
    path = Path(path)
    if path.is_dir():
        raise ReadError("is a directory")
    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty file")
    if size > max_bytes:
        raise ReadError(f"file too large ({size / 1048576:.1f} MB; limit {max_bytes / 1048576:.0f} MB)")
    data = path.read_bytes()
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise ReadError(f"unknown format: {what}")
    text, encoding = decode(data)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError("empty file (only whitespace)")
    src = Source(path=path, given=given, data=data, text=text, encoding=encoding)
    records = _readers().read(src, path.suffix.lower())
    if not records:
        raise ReadError("no article records found")
    return records
