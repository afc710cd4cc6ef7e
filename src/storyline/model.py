"""The one data model that flows through every stage.

A `Doc` is built by the read and clean stages and then enriched in place, stage by stage,
like spaCy's `Doc`: analyse adds tokens, entity mentions and time expressions; extract adds
event mentions and quotes. Cross-article linking works on what the store keeps of many docs.

Offsets: every `start`/`end` is a character offset into `Paragraph.text` (the clean,
original-script paragraph shown to users). `Paragraph.norm` is a length-preserving
normalised copy of the same text (Simplified script, unified width and punctuation), so an
offset found in `norm` is valid in `text` too. Analysers read `norm`, users see `text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawRecord:
    """What a reader returns: one article's fields as found in the file, before cleaning."""

    path: str  # as given on the command line (relative paths kept)
    source_key: str  # identity of the article's source: resolved path, plus '#key' for multi-record files
    format: str  # hexo, web-markdown, text, html, jsonl, json, feed
    encoding: str
    body_blocks: list[str]  # candidate paragraphs, in order, inline markup already unwrapped
    title: str | None = None
    author: str | None = None
    editor: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 at the precision known
    url: str | None = None
    categories: list[str] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)  # {"href", "text"}
    captions: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    raw_bytes_sha1: str = ""


@dataclass(slots=True)  # many per article: smaller, faster to build and read
class Sentence:
    start: int
    end: int  # exclusive, into Paragraph.text


@dataclass(slots=True)  # many per article: smaller, faster to build and read
class Token:
    start: int
    end: int
    text: str
    pos: str | None = None


@dataclass
class Paragraph:
    index: int
    text: str  # clean original text, what users see
    norm: str  # same length as text: simplified, width-folded; what analysers read
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    is_heading: bool = False


@dataclass
class Article:
    id: str
    path: str
    source_key: str
    format: str
    outlet: str | None
    title: str | None
    author: str | None
    published: str | None
    published_inferred: bool
    url: str | None
    language: str  # zh-Hans / zh-Hant / und
    paragraphs: list[str]
    encoding: str = "utf-8"
    editor: str | None = None
    categories: list[str] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    content_hash: str = ""  # hash of the clean paragraphs: 'unchanged' detection
    duplicate_of: str | None = None
    published_clue: str | None = None  # when published_inferred: the evidence the date rests on (analyse.time)


@dataclass
class EntityMention:
    paragraph: int
    start: int
    end: int
    text: str  # surface form as written (original script)
    type: str  # PERSON ORG GPE LOC
    norm: str  # normalised surface (simplified), the key aliases are matched on
    english: str | None = None  # Latin name given in parentheses next to it
    role_title: str | None = None  # e.g. 新闻发言人
    role_of: str | None = None  # e.g. 克里姆林宫
    country: str | None = None  # canonical country name the mention is tied to (俄罗斯), if known
    canonical_hint: str | None = None  # gazetteer canonical name (俄方 -> 俄罗斯, 克里姆林宫 -> 克里姆林宫)
    local_id: int = -1  # within-article cluster: mentions of the same entity share it
    entity_id: str | None = None  # set by cross-article linking


@dataclass
class TimeExpr:
    paragraph: int
    start: int
    end: int
    text: str
    type: str  # DATE TIME DURATION SET
    value: str | None  # ISO: 2022-02-21, 2021-12, 2021-12-07T18:07+03:00, PT100M, P3Y, XXXX-WXX-1 ...
    mod: str | None = None  # START END APPROX BEFORE AFTER
    anchor: str | None = None  # ISO date it was resolved against
    range_end: str | None = None  # for 2月10日至20日: value is the start, range_end the end
    minutes: float | None = None  # for DURATION


@dataclass
class Actor:
    name: str  # surface text
    role: str  # source target participant
    mention: EntityMention | None = None
    entity_id: str | None = None


@dataclass
class EventMention:
    paragraph: int
    start: int  # span of the sentence/clause that reports it
    end: int
    text: str
    type: str  # one of the 16 PLOVER types
    trigger: str
    trigger_start: int
    trigger_end: int
    actors: list[Actor] = field(default_factory=list)
    mode: str | None = None
    status: str = "occurred"  # occurred planned conditional denied
    date: str | None = None
    date_end: str | None = None
    location: str | None = None
    duration_minutes: float | None = None
    event_id: str | None = None  # merged event, set by linking
    # True when the clause states no time and `date` is where the discourse places the event (an earlier
    # date of the paragraph or the day of the report): the timeline and linking use it, while the
    # annotations' own date of such an event is none (`storyline eval` scores it as none)
    date_from_context: bool = False


@dataclass
class Quote:
    paragraph: int
    start: int  # span of the quoted/reported content
    end: int
    text: str
    cue: str
    direct: bool
    stance: str  # assert deny warn demand promise
    speaker_name: str  # surface or descriptor
    speaker_mention: EntityMention | None = None
    via: str | None = None
    date: str | None = None
    speaker_entity_id: str | None = None


@dataclass
class Doc:
    """One article travelling through the pipeline."""

    article: Article
    paragraphs: list[Paragraph]
    anchor: str | None = None  # ISO date all relative time is resolved against
    mentions: list[EntityMention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)


class ReadError(Exception):
    """A file that cannot be read as an article. The message is the user-facing reason."""
