"""Fingerprints and re-anchoring of stand-off spans.

A span is `{"p": paragraph, "s": start, "e": end, "h": hash of its text}`. A paragraph fingerprint is a
hash of the whole clean paragraph. When the cleaner changes (a dateline or caption removed, a paragraph
split differently), `reanchor` finds, for every old paragraph, the new paragraph and shift under which
the most of its spans hash the same, and moves them there; spans that cannot be found are reported, never
guessed.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator

SPAN_KEYS = ("p", "s", "e", "h")


def text_hash(text: str, size: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:size]


def paragraph_fingerprint(text: str) -> str:
    return text_hash(text, 16)


def file_sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def make_span(paragraphs: list[str], p: int, s: int, e: int) -> dict:
    return {"p": p, "s": s, "e": e, "h": text_hash(paragraphs[p][s:e])}


def iter_spans(record: dict) -> Iterator[dict]:
    """Every span of an annotation file, wherever it sits (entities, times, events' triggers and
    arguments and their antecedents, quotes' content, cue, speaker and antecedent)."""
    for layer in ("entities", "times"):
        yield from record.get(layer, [])
    for ev in record.get("events", []):
        yield ev["trigger"]
        for arg in ev.get("args", []):
            yield from _arg_spans(arg)
        if ev.get("date_span"):
            yield ev["date_span"]
    for q in record.get("quotes", []):
        yield q["content"]
        if q.get("cue"):
            yield q["cue"]
        if q.get("speaker"):
            yield from _arg_spans(q["speaker"])


def _arg_spans(arg: dict) -> Iterator[dict]:
    if arg.get("span"):
        yield arg["span"]
    if arg.get("ref"):
        yield arg["ref"]


def span_ok(paragraphs: list[str], span: dict) -> bool:
    p, s, e = span["p"], span["s"], span["e"]
    return 0 <= p < len(paragraphs) and 0 <= s < e <= len(paragraphs[p]) and \
        text_hash(paragraphs[p][s:e]) == span["h"]


def reanchor(record: dict, paragraphs: list[str]) -> list[str]:
    """Move the record's spans onto `paragraphs` (the current clean text). Returns problems (empty when
    every span was placed); updates the record in place, fingerprints included."""
    spans = list(iter_spans(record))
    by_para: dict[int, list[dict]] = defaultdict(list)
    for span in spans:
        by_para[span["p"]].append(span)
    problems = []
    for old_p, group in sorted(by_para.items()):
        if all(span_ok(paragraphs, sp) for sp in group):
            continue
        placement = _best_placement(group, paragraphs)
        if placement is None:
            problems.append(f"paragraph {old_p}: {len(group)} spans not found in the current text")
            continue
        new_p, shift = placement
        for sp in group:
            moved = {"p": new_p, "s": sp["s"] + shift, "e": sp["e"] + shift, "h": sp["h"]}
            if span_ok(paragraphs, moved):
                sp.update(moved)
            else:
                found = _search(paragraphs, sp, new_p)
                if found is None:
                    problems.append(f"paragraph {old_p}: span {sp['s']}-{sp['e']} not found")
                else:
                    sp.update(found)
    record["paragraphs"] = [paragraph_fingerprint(t) for t in paragraphs]
    return problems


def _best_placement(group: list[dict], paragraphs: list[str]) -> tuple[int, int] | None:
    """The (paragraph, shift) that places most of the group's text: every place a span's hash occurs
    votes with the span's length (a long quote outweighs a short name that recurs elsewhere)."""
    votes: Counter = Counter()
    for sp in group:
        for p, s in _occurrences(paragraphs, sp):
            votes[(p, s - sp["s"])] += sp["e"] - sp["s"]
    if not votes:
        return None
    (p, shift), _ = max(votes.items(), key=lambda kv: (kv[1], -abs(kv[0][1]), -kv[0][0]))
    return p, shift


def _occurrences(paragraphs: list[str], span: dict) -> Iterator[tuple[int, int]]:
    width = span["e"] - span["s"]
    for p, text in enumerate(paragraphs):
        for s in range(0, len(text) - width + 1):
            if text_hash(text[s:s + width]) == span["h"]:
                yield p, s


def _search(paragraphs: list[str], span: dict, p: int) -> dict | None:
    """Fallback for a span the group's shift does not place: its unique occurrence in the paragraph
    the group moved to (never another paragraph: that would duplicate an annotation there)."""
    hits = [(q, s) for q, s in _occurrences(paragraphs, span) if q == p]
    if len(hits) != 1:
        return None
    p, s = hits[0]
    return {"p": p, "s": s, "e": s + span["e"] - span["s"], "h": span["h"]}


def drop_lost(record: dict, paragraphs: list[str]) -> int:
    """After `reanchor`: remove what no longer anchors (text the cleaner now drops, such as a
    dateline's place or date): entities and times, events whose trigger is gone, arguments gone,
    quotes whose content is gone, a cue or speaker gone. Returns how many annotations were dropped."""
    def ok(span):
        return span_ok(paragraphs, span)

    dropped = 0
    for layer in ("entities", "times"):
        kept = [x for x in record.get(layer, []) if ok(x)]
        dropped += len(record.get(layer, [])) - len(kept)
        record[layer] = kept
    events = []
    for ev in record.get("events", []):
        if not ok(ev["trigger"]):
            dropped += 1
            continue
        args = [a for a in ev.get("args", []) if ok(a["span"]) and (not a.get("ref") or ok(a["ref"]))]
        dropped += len(ev.get("args", [])) - len(args)
        ev["args"] = args
        if ev.get("date_span") and not ok(ev["date_span"]):
            ev["date_span"] = None
        events.append(ev)
    record["events"] = events
    quotes = []
    for q in record.get("quotes", []):
        if not ok(q["content"]):
            dropped += 1
            continue
        if q.get("cue") and not ok(q["cue"]):
            q["cue"] = None
        sp = q.get("speaker")
        if sp and not (ok(sp["span"]) and (not sp.get("ref") or ok(sp["ref"]))):
            q["speaker"] = None
            dropped += 1
        quotes.append(q)
    record["quotes"] = quotes
    return dropped
