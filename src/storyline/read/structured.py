"""Readers for record collections: JSON Lines, JSON arrays/objects (including the CCTV 新闻联播
day files), and RSS/Atom feeds. One RawRecord per record; source_key gets '#<url or index>'.

Large UTF-8 JSON Lines files and JSON arrays (over STREAM_MIN_BYTES) are streamed
(`StructuredReader.stream`): records come one at a time from a bounded buffer, never the whole
file in memory, so an ingest of a 60,000-record file commits its first batch early (issue #29
item 12). A streamed record is the same RawRecord, with the same source key and digest, as the
whole-file reading gives. Hand-written because the standard library has no incremental JSON
parser: `json.JSONDecoder.raw_decode` parses one array element at a time from the buffer.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any, Iterator

import feedparser

from storyline.model import RawRecord, ReadError
from storyline.read.html_blocks import html_to_content, join_layout_lines
from storyline.read.meta import clean_author, normalise_date, resources
from storyline.read.sites import PostContext, sites
from storyline.read.source import Source
from storyline.read.story_json import story_fields

TITLE_KEYS = ("title", "headline", "video_title", "name")
CONTENT_KEYS = ("content", "text", "body", "content_html", "article", "html", "description", "summary", "brief")
DATE_KEYS = ("date", "published", "pubDate", "pub_date", "pubtime", "published_at", "publish_time", "time",
             "datetime", "created_at", "updated")
URL_KEYS = ("url", "link", "original_url", "href", "video_url")
OUTLET_KEYS = ("outlet", "source", "site", "sitename", "site_name", "publisher", "media")
AUTHOR_KEYS = ("author", "authors", "byline", "reporter")
LIST_KEYS = ("items", "articles", "data", "records", "entries", "posts", "news", "results", "videoList")
_TAG = re.compile(r"<(?:p|br|div|span|a|strong|img|h[1-6])\b[^>]{0,500}>", re.I)
_TITLE_PREFIX = re.compile(r"^\[(?:视频|視頻|图文|圖文)\]")
STREAM_MIN_BYTES = 1 << 20  # smaller files are read whole (the same records either way)
STREAM_MAX_BYTES = 2 << 30  # a streamed file's size limit: memory does not grow with it, time does
_STREAM_CHUNK = 256 << 10
_MAX_RECORD = 64 << 20  # one JSON array element this long is refused (the buffer would hold it whole)
_JSON_WS = re.compile(r"[ \t\n\r]*")


def _first(rec: dict, keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = rec.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


class StructuredReader:
    def __init__(self) -> None:
        self.meta = resources()

    # -- JSON -----------------------------------------------------------------------
    def read_json(self, src: Source) -> list[RawRecord]:
        try:
            doc = json.loads(src.text)
        except json.JSONDecodeError as exc:
            raise ReadError(f"invalid JSON ({exc.msg} at line {exc.lineno})") from exc
        if isinstance(doc, dict) and isinstance(doc.get("videoList"), list):
            return self._xwlb(src, doc["videoList"])
        items = self._items(doc)
        if items is None:
            story = story_fields(doc, self.meta)  # a CMS story object (Arc XP, Next Digital API)
            if story is not None:
                content = story.pop("content")
                record = self._build(src, "json", content, sub_key=story["url"] or "0", own=src.data, **story)
                site = sites().identify([record.url], [record.outlet])
                return [sites().apply(site, record, PostContext(body=src.text, filename=src.path.name))
                        if site is not None else record]
            raise ReadError("JSON without article records (no title/content fields)")
        return [r for i, item in enumerate(items) if (r := self._record(src, "json", item, i)) is not None]

    def read_jsonl(self, src: Source) -> list[RawRecord]:
        out = []
        bad = 0
        for i, line in enumerate(src.text.split("\n")):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                bad += 1
                continue
            if isinstance(item, dict):
                rec = self._record(src, "jsonl", item, i, own=line.encode("utf-8"))
                if rec is not None:
                    out.append(rec)
        if not out:
            raise ReadError("JSON Lines without article records" + (f" ({bad} invalid lines)" if bad else ""))
        return out

    def _items(self, doc: Any) -> list[dict] | None:
        if isinstance(doc, list):
            items = [d for d in doc if isinstance(d, dict)]
            return items if items and any(_first(d, CONTENT_KEYS) for d in items) else None
        if isinstance(doc, dict):
            if _first(doc, CONTENT_KEYS) and not isinstance(_first(doc, CONTENT_KEYS), (list, dict)):
                return [doc]
            for key in LIST_KEYS:
                if isinstance(doc.get(key), list):
                    return self._items(doc[key])
        return None

    def _record(self, src: Source, fmt: str, item: dict, index: int, own: bytes | None = None) -> RawRecord | None:
        content = _first(item, CONTENT_KEYS)
        if isinstance(content, dict):  # {"content": {"rendered": "..."}} (WordPress)
            content = _first(content, ("rendered", "html", "text"))
        if isinstance(content, list):
            content = "\n".join(str(c) for c in content)
        if not isinstance(content, str) or not content.strip():
            return None
        url = _first(item, URL_KEYS)
        url = url if isinstance(url, str) else None
        outlet_raw = _first(item, OUTLET_KEYS)
        if isinstance(outlet_raw, dict):
            outlet_raw = _first(outlet_raw, ("name", "title"))
        outlet = (self.meta.outlet_from_marker(outlet_raw) or self.meta.outlet_from_url(url)
                  or (outlet_raw.strip() if isinstance(outlet_raw, str) and outlet_raw.strip() else None))
        title = _first(item, TITLE_KEYS)
        if own is None:
            own = json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return self._build(src, fmt, content, sub_key=url or str(index), own=own,
                           title=_TITLE_PREFIX.sub("", str(title)).strip() if title else None,
                           author=clean_author(_first(item, AUTHOR_KEYS)), outlet=outlet, url=url,
                           published=normalise_date(_first(item, DATE_KEYS), self.meta.timezones.get(outlet or "")))

    def _xwlb(self, src: Source, videos: list) -> list[RawRecord]:
        """CCTV 新闻联播 day file: the article HTML sits in `video_detail.content`."""
        outlet = self.meta.outlet_from_marker("新闻联播")
        tz = self.meta.timezones.get(outlet or "")
        out = []
        for i, video in enumerate(videos):
            if not isinstance(video, dict):
                continue
            detail = video.get("video_detail") if isinstance(video.get("video_detail"), dict) else {}
            content = detail.get("content") or video.get("brief")
            if not isinstance(content, str) or not content.strip():
                continue
            url = video.get("video_url") or detail.get("url")
            title = video.get("video_title") or detail.get("title")
            own = json.dumps(video, ensure_ascii=False, sort_keys=True).encode("utf-8")
            out.append(self._build(
                src, "json", content, sub_key=url or str(i), own=own,
                title=_TITLE_PREFIX.sub("", title).strip() if isinstance(title, str) else None,
                outlet=outlet, url=url, published=normalise_date(video.get("pub_date") or detail.get("pubtime"), tz)))
        if not out:
            raise ReadError("新闻联播 JSON without any item content")
        return out

    def _build(self, src: Source, fmt: str, content: str, sub_key: str, own: bytes, **fields: Any) -> RawRecord:
        if _TAG.search(content):
            parsed = html_to_content(content)
            return src.record(fmt, parsed.blocks, sub_key=sub_key, own_bytes=own, links=parsed.links,
                              captions=parsed.captions, headings=parsed.headings, **fields)
        blocks = [b for b in (join_layout_lines(x) for x in content.split("\n")) if b]
        return src.record(fmt, blocks, sub_key=sub_key, own_bytes=own, **fields)

    # -- feeds ----------------------------------------------------------------------
    def read_feed(self, src: Source) -> list[RawRecord]:
        # bytes, not text: feedparser honours the XML declaration's encoding itself
        parsed = feedparser.parse(io.BytesIO(src.data))
        if not parsed.entries:
            raise ReadError("feed without entries" if parsed.get("version") else "XML that is not an RSS/Atom feed")
        feed = parsed.feed
        feed_outlet = self.meta.outlet_from_marker(feed.get("title")) or self.meta.outlet_from_url(feed.get("link"))
        out = []
        for i, entry in enumerate(parsed.entries):
            content = ""
            if entry.get("content"):
                content = "\n".join(c.get("value", "") for c in entry.content)
            content = content or entry.get("summary") or ""
            if not content.strip():
                continue
            link = entry.get("link")
            outlet = self.meta.outlet_from_url(link) or feed_outlet or (feed.get("title") or None)
            own = hashlib.sha1(f"{entry.get('id')}\n{link}\n{entry.get('title')}\n{content}".encode()).digest()
            parsed_content = html_to_content(content)
            blocks = parsed_content.blocks or [b for b in (join_layout_lines(x) for x in content.split("\n")) if b]
            out.append(src.record(
                "feed", blocks, sub_key=link or entry.get("id") or str(i), own_bytes=own,
                title=entry.get("title") or None, author=clean_author(entry.get("author")), outlet=outlet,
                published=normalise_date(entry.get("published") or entry.get("updated"),
                                         self.meta.timezones.get(outlet or "")),
                url=link, categories=[t.get("term") for t in entry.get("tags", []) if t.get("term")],
                links=parsed_content.links, captions=parsed_content.captions, headings=parsed_content.headings))
        if not out:
            raise ReadError("feed entries have no content")
        return out

    # -- streaming (large JSON Lines / JSON arrays) -------------------------------
    def stream(self, path: Path, given: str) -> Iterator[RawRecord] | None:
        """The records of a large UTF-8 JSON Lines file or JSON array, one at a time; None when the
        file is not one (small, another shape or encoding: read it whole). Raises ReadError."""
        kind = stream_kind(path)
        if kind is None:
            return None
        src = Source(path=path, given=given, data=b"", text="", encoding=kind[1])
        return self._stream_jsonl(src) if kind[0] == "jsonl" else self._stream_array(src)

    def _stream_jsonl(self, src: Source) -> Iterator[RawRecord]:
        found = bad = index = 0
        for line in _text_lines(src.path):
            for piece in line.split("\r"):  # a lone CR ends a line too, as in the whole reading
                i, index = index, index + 1
                if not piece.strip():
                    continue
                try:
                    item = json.loads(piece)
                except json.JSONDecodeError:
                    bad += 1
                    continue
                if isinstance(item, dict) and (rec := self._record(src, "jsonl", item, i,
                                                                   own=piece.encode("utf-8"))) is not None:
                    found += 1
                    yield rec
        if not found:
            raise ReadError("JSON Lines without article records" + (f" ({bad} invalid lines)" if bad else ""))

    def _stream_array(self, src: Source) -> Iterator[RawRecord]:
        index = found = 0
        for item in _array_items(src.path):
            if not isinstance(item, dict):
                continue
            i, index = index, index + 1
            rec = self._record(src, "json", item, i)
            if rec is not None:
                found += 1
                yield rec
        if not found:
            raise ReadError("JSON without article records (no title/content fields)")


def stream_kind(path: Path) -> tuple[str, str] | None:
    """("jsonl" or "array", encoding name) for a file to stream, else None: over STREAM_MIN_BYTES,
    UTF-8 (BOM or not), a JSON array or one object per line (the shapes read_file's sniffing
    gives those names)."""
    try:
        if path.stat().st_size <= STREAM_MIN_BYTES:
            return None
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError:
        return None
    encoding = "utf-8-bom" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = head.decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut by the end of the sample
            return None
        text = head[: exc.start].decode("utf-8-sig")
    text = text.lstrip("\n \t\r")
    if text.startswith("["):
        return "array", encoding
    first = text.split("\n", 1)[0].strip()
    if first.startswith("{") and (path.suffix.lower() == ".jsonl" or
                                  (first.endswith("}") and text[len(first):].lstrip("\r").startswith("\n{"))):
        return "jsonl", encoding
    return None


def _text_lines(path: Path) -> Iterator[str]:
    """The file's lines as text (UTF-8, invalid bytes replaced, BOM dropped, no line ends)."""
    with open(path, "rb") as fh:
        first = True
        for raw in fh:
            line = raw.decode("utf-8", errors="replace")
            if first:
                line, first = line.lstrip("\ufeff"), False
            yield line[:-1] if line.endswith("\n") else line


def _array_items(path: Path) -> Iterator[Any]:
    """The elements of the JSON array in `path`, one at a time, from a buffer of a few MB."""
    decoder = json.JSONDecoder()
    utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
    with open(path, "rb") as fh:
        buf, eof = "", False

        def more() -> bool:
            nonlocal buf, eof
            if eof:
                return False
            chunk = fh.read(_STREAM_CHUNK)
            eof = not chunk
            buf += utf8.decode(chunk, final=eof)
            return True

        while not buf.lstrip("\ufeff \t\n\r") and more():
            pass
        pos = _JSON_WS.match(buf, len(buf) - len(buf.lstrip("\ufeff"))).end()
        if buf[pos : pos + 1] != "[":
            raise ReadError("invalid JSON (not an array)")
        pos += 1
        while True:
            pos = _JSON_WS.match(buf, pos).end()
            while pos >= len(buf) and more():
                pos = _JSON_WS.match(buf, pos).end()
            if buf[pos : pos + 1] == "]":
                return
            try:
                item, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if len(buf) - pos > _MAX_RECORD:
                    raise ReadError(f"a JSON record over {_MAX_RECORD >> 20} MB") from exc
                if more():
                    continue  # the element goes on past the buffer: read on, parse it again
                raise ReadError(f"invalid JSON ({exc.msg}) after {pos} characters of the stream") from exc
            if end >= len(buf) and not eof:  # a number may go on in the next chunk
                if more():
                    continue
            yield item
            pos = _JSON_WS.match(buf, end).end()
            while pos >= len(buf) and more():
                pos = _JSON_WS.match(buf, pos).end()
            sep = buf[pos : pos + 1]
            if sep == ",":
                pos += 1
            elif sep != "]":
                raise ReadError("invalid JSON (expected , or ] between array elements)")
            if pos > _STREAM_CHUNK:  # forget what was parsed: the buffer stays a few chunks long
                buf, pos = buf[pos:], 0

