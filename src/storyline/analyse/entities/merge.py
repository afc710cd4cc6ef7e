"""One paragraph's mentions from the learned tagger's spans and the rule detector's candidates.

The tagger (tagger.py) finds most names, above all the ones no rule can see (a Chinese name before its
title, 江泽民主席; places and organisations outside the gazetteer). The rules (detect.py) stay for what
they know and the tagger does not: canonical hints, roles, country ties, English names, and the
project's own span conventions. How the two are combined, by priority, then length (one greedy pass):
- a rule candidate with the same span as a tagger span is kept (it carries the hint, role, country);
- a tagger span that strictly contains rule candidates wins over them (香港特别行政区 over 香港,
  理查德·赖尔登 over the cut 查德·赖尔登); a place keeps the hint of the place it starts with;
- a strong rule candidate (gazetteer, title, dotted name, institution pattern) that contains a tagger
  span or crosses it wins (中国政府 is one ORG here; 中方 is the side, not 中 alone);
- otherwise the tagger beats the weak rules (country abbreviations, transliteration runs, speakers);
- a gazetteer or abbreviation hit the tagger does not see and that cuts a segmenter word is dropped
  (发展中国家 is no country, 加以 is not Canada + Israel).
"""

from __future__ import annotations

from storyline.analyse.entities.detect import Cand
from storyline.analyse.entities.placetype import PlaceTyper

STRONG = ("gaz", "title", "dot", "org")
TYPE_OF = {"PER": "PERSON", "ORG": "ORG"}
PLACES = ("GPE", "LOC")


def merge(norm: str, rules: list[Cand], spans: list[tuple[int, int, str]], bounds: set[int],
          typer: PlaceTyper) -> list[Cand]:
    model = [Cand(s, e, TYPE_OF.get(t) or typer(norm[s:e]), 95, source="model") for s, e, t in spans]
    same = {(c.start, c.end) for c in rules}
    out: list[Cand] = []
    for m in model:
        if (m.start, m.end) in same:
            continue  # the rule candidate with this span stays, with its information
        inner = [c for c in rules if m.start <= c.start and c.end <= m.end]
        if inner and not any(c.start <= m.start and m.end <= c.end and c.source in STRONG for c in rules):
            m.prio = 110
            head = next((c for c in inner if c.start == m.start), None)
            if head is not None and m.type in PLACES and head.type in PLACES:
                m.hint, m.country = head.hint, head.country
        out.append(m)
    for c in rules:
        seen = any(c.start < m.end and m.start < c.end for m in model)
        if not seen and c.source in ("gaz", "abbr") and not (c.start in bounds and c.end in bounds) \
                and norm[c.start - 1:c.start] != "驻":
            continue
        if c.source in STRONG:
            c.prio = 100
        out.append(c)
    return _greedy(out)


def _greedy(cands: list[Cand]) -> list[Cand]:
    occ = bytearray(max((c.end for c in cands), default=0) + 1)
    chosen = []
    for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start)):
        if any(occ[c.start:c.end]):
            continue
        occ[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)
