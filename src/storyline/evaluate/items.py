"""Comparable items per layer, from gold annotation records and from the pipeline's `Doc`.

Names (actors, speakers) are compared in the normalised script (Paragraph.norm: Simplified, width-folded,
same offsets as the text), so 普京 and a Traditional outlet's 普京 / 澤連斯基 vs 泽连斯基 compare equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.annotate.corpus import GoldDoc
from storyline.model import Doc

ROLES = ("source", "target", "participant")


@dataclass(frozen=True)
class Entity:
    p: int
    s: int
    e: int
    type: str


@dataclass(frozen=True)
class Time:
    p: int
    s: int
    e: int
    value: str | None


@dataclass(frozen=True)
class Event:
    p: int
    s: int  # trigger
    e: int
    type: str
    source: frozenset
    target: frozenset
    date: str | None
    status: str
    participant: frozenset = frozenset()


@dataclass(frozen=True)
class Quote:
    p: int
    s: int  # content
    e: int
    speaker: str


@dataclass
class Items:
    entities: list[Entity]
    times: list[Time]
    events: list[Event]
    quotes: list[Quote]


_N = r"(\d+(?:\.\d+)?)"
_OFFSET = re.compile(r"(?<=T\d\d:\d\d)(?::\d\d)?([+-]\d\d:?\d\d|Z)$")
_DURATION = re.compile(rf"^P(?:{_N}Y)?(?:{_N}M)?(?:{_N}W)?(?:{_N}D)?(?:T(?:{_N}H)?(?:{_N}M)?(?:{_N}S)?)?$")
# a year is twelve months (P1Y6M is P18M, P6.5Y is P6Y6M, as ISO 8601 reads them)
_UNIT_SECONDS = (12 * 30 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1)


def time_value(value: str | None, anchor: str | None) -> str | None:
    """One spelling per value: PRESENT_REF is the publication day the guidelines resolve 现在 / 目前 to,
    a clock time without the UTC offset the tagger adds where the text names a place (the guidelines
    write none), and a duration by its length (PT210M is PT3H30M, P1Y6M is P18M and P1.5Y)."""
    if value == "PRESENT_REF" and anchor:
        return anchor[:10]
    if value and (zone := _OFFSET.search(value)):
        return value[: zone.start(1)]  # the guidelines write a clock time without its UTC offset
    m = _DURATION.match(value or "")
    if m and any(m.groups()):
        return f"P{round(sum(float(g or 0) * u for g, u in zip(m.groups(), _UNIT_SECONDS)))}S"
    return value


def _norm(doc: Doc, span: dict) -> str:
    return doc.paragraphs[span["p"]].norm[span["s"]:span["e"]]


def _gold_name(doc: Doc, arg: dict) -> str:
    return _norm(doc, arg.get("ref") or arg["span"])


def gold_items(gold: GoldDoc) -> Items:
    d, doc = gold.data, gold.doc
    events = []
    for ev in d.get("events", []):
        names = {r: frozenset(_gold_name(doc, a) for a in ev.get("args", []) if a["role"] == r) for r in ROLES}
        t = ev["trigger"]
        events.append(Event(t["p"], t["s"], t["e"], ev["type"], names["source"], names["target"],
                            ev.get("date"), ev["status"], names["participant"]))
    quotes = [Quote(q["content"]["p"], q["content"]["s"], q["content"]["e"],
                    _gold_name(doc, q["speaker"]) if q.get("speaker") else "") for q in d.get("quotes", [])]
    return Items([Entity(m["p"], m["s"], m["e"], m["type"]) for m in d.get("entities", [])],
                 [Time(t["p"], t["s"], t["e"], time_value(t.get("value"), doc.anchor)) for t in d.get("times", [])],
                 events, quotes)


def _mention_norm(doc: Doc, mention) -> str:
    return doc.paragraphs[mention.paragraph].norm[mention.start:mention.end]


def predicted_items(doc: Doc, simplify) -> Items:
    """`simplify` maps a free-standing name (an actor or speaker without a mention) to the norm script."""
    events = []
    for ev in doc.events:
        names: dict[str, set] = {r: set() for r in ROLES}
        for actor in ev.actors:
            if actor.role in names:
                names[actor.role].add(_mention_norm(doc, actor.mention) if actor.mention else simplify(actor.name))
        events.append(Event(ev.paragraph, ev.trigger_start, ev.trigger_end, ev.type,
                            frozenset(names["source"]), frozenset(names["target"]),
                            None if ev.date_from_context else ev.date, ev.status,
                            frozenset(names["participant"])))
    quotes = []
    for q in doc.quotes:
        speaker = _mention_norm(doc, q.speaker_mention) if q.speaker_mention else simplify(q.speaker_name or "")
        quotes.append(Quote(q.paragraph, q.start, q.end, speaker))
    return Items([Entity(m.paragraph, m.start, m.end, m.type) for m in doc.mentions],
                 [Time(t.paragraph, t.start, t.end, time_value(t.value, doc.anchor)) for t in doc.times], events, quotes)
