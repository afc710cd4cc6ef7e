"""DocTimes (indexed look-ups) answers exactly what a plain scan of doc.times answers."""

from __future__ import annotations

import random

from storyline.analyse.time.attach import DocTimes, _governing, _result, _usable
from storyline.model import TimeExpr


def _scan_date_for(doc, paragraph, start, end, trigger=None):
    """The reference: scan every time of the doc for each look-up (the pre-index behaviour)."""
    norm = next(p.norm for p in doc.paragraphs if p.index == paragraph)
    here = [t for t in doc.times if t.paragraph == paragraph and _usable(t)]
    inside = [t for t in here if t.start >= start and t.end <= end]
    if inside:
        governing = [t for t in inside if _governing(t, norm, start, end)] or inside
        if trigger is not None:
            before = [t for t in governing if t.start < trigger]
            return _result(before[-1] if before else governing[0])
        return _result(governing[0])
    previous = [t for t in here if t.end <= start]
    return _result(previous[-1]) if previous else (doc.anchor, None)


def _random_doc(rng, make_doc):
    pieces = ["会谈", "：", "“", "”", "后，", "。", "双方", "表示", "，"]
    paragraphs = ["".join(rng.choice(pieces) for _ in range(rng.randint(5, 40))) for _ in range(3)]
    doc = make_doc(paragraphs, "2022-02-09")
    doc.anchor = "2022-02-09"
    for index, text in enumerate(paragraphs):
        at = 0
        while at < len(text) - 2:
            at += rng.randint(0, 4)
            length = rng.randint(1, 3)
            if at + length > len(text):
                break
            kind = rng.choice(["DATE", "DATE", "TIME", "DURATION", "SET"])
            day = rng.randint(1, 28)
            value = {"DURATION": "PT30M", "SET": "XXXX-WXX-1", "TIME": f"2022-02-{day:02d}T10:00"}.get(
                kind, rng.choice([f"2022-02-{day:02d}", "2022-W07", "2021-12", "XXXX-XX-05"]))
            doc.times.append(TimeExpr(index, at, at + length, text[at:at + length], kind, value,
                                      range_end=rng.choice([None, None, "2022-02-27"])))
            at += length
    return doc


def _random_span(rng, doc, paragraph: int) -> tuple[int, int]:
    size = len(doc.paragraphs[paragraph].norm)
    start = rng.randint(0, size)
    return start, rng.randint(start, size)


def _random_docs(rng, make_doc, n: int):
    for _ in range(n):
        doc = _random_doc(rng, make_doc)
        yield doc, DocTimes(doc)


def test_date_for_matches_a_full_scan_on_random_docs(make_doc):
    rng = random.Random(20221202)
    for doc, times in _random_docs(rng, make_doc, 300):
        for _ in range(20):
            paragraph = rng.randrange(3)
            start, end = _random_span(rng, doc, paragraph)
            trigger = rng.choice([None, rng.randint(start, max(start, end))])
            assert times.date_for(paragraph, start, end, trigger) == _scan_date_for(
                doc, paragraph, start, end, trigger)


def test_durations_are_the_ones_starting_inside_the_span(make_doc):
    rng = random.Random(7)
    for doc, times in _random_docs(rng, make_doc, 100):
        for paragraph in range(3):
            start, end = _random_span(rng, doc, paragraph)
            expected = [t for t in doc.times if t.paragraph == paragraph and t.type == "DURATION"
                        and start <= t.start < end]
            assert times.durations(paragraph, start, end) == expected
