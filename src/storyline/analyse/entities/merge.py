"""One paragraph's mentions from the learned tagger's spans and the rule detector's candidates.

The tagger (tagger.py) finds most names, above all the ones no rule can see (a Chinese name before its
title, 江泽民主席; places and organisations outside the gazetteer). The rules (detect.py) stay for what
they know and the tagger does not: canonical hints, roles, country ties, English names, and the
project's own span conventions. How the two are combined, by priority, then length (one greedy pass):
- a rule candidate with the same span as a tagger span is kept (it carries the hint, role, country);
- a tagger place that starts with a rule place and runs further wins over it (香港特别行政区 over 香港,
  天津市 over 天津) and keeps its hint; so does a tagger name that only adds characters on the left of a
  rule's name (理查德·赖尔登 over the cut 查德·赖尔登), and any tagger span over weak rule candidates;
- otherwise a strong rule candidate (gazetteer, title, dotted name, institution pattern) wins over a tagger
  span that overlaps it (中国政府 is one ORG here, 中方 the side, 马特维延科 is not 马特维延科称);
- otherwise the tagger beats the weak rules (country abbreviations, transliteration runs, speakers);
- a gazetteer or abbreviation hit the tagger does not see and that cuts a segmenter word is dropped
  (发展中国家 is no country, 加以 is not Canada + Israel);
- tagger spans the rules know better are not proposed: no CJK character (Latin names are the rules'),
  one character that is not a known abbreviation (and not a surname before a title: 江主席), a generic
  organisation word alone (公司).
"""

from __future__ import annotations

from storyline.analyse.entities.detect import Cand
from storyline.analyse.entities.placetype import PlaceTyper

STRONG = ("gaz", "title", "dot", "org")
TYPE_OF = {"PER": "PERSON", "ORG": "ORG"}
PLACES = ("GPE", "LOC")


class Merger:
    def __init__(self, res, pat, typer: PlaceTyper, generic: set[str]) -> None:
        self.res, self.pat, self.typer = res, pat, typer
        self.generic = generic | set(res.org_suffixes)

    def _proposed(self, norm: str, s: int, e: int, t: str) -> bool:
        surface = norm[s:e]
        if not any("\u4e00" <= ch <= "\u9fff" for ch in surface):
            return False
        if e - s == 1:
            if t == "LOC":
                return surface in self.res.abbr or surface in self.res.alias
            return t == "PER" and bool(self.pat.office.match(norm, e))
        return not (t == "ORG" and surface in self.generic)

    def __call__(self, norm: str, rules: list[Cand], spans: list[tuple[int, int, str]], bounds: set[int]) -> list[Cand]:
        model = [Cand(s, e, TYPE_OF.get(t) or self.typer(norm[s:e]), 95, source="model")
                 for s, e, t in spans if self._proposed(norm, s, e, t)]
        same = {(c.start, c.end) for c in rules}
        out: list[Cand] = []
        for m in model:
            if (m.start, m.end) in same:
                continue  # the rule candidate with this span stays, with its information
            strong = [c for c in rules if c.start < m.end and m.start < c.end and c.source in STRONG]
            if all(_extends(m, c) for c in strong):
                m.prio = 110
                head = next((c for c in strong if c.start == m.start and c.type in PLACES), None)
                if head is not None and m.type in PLACES:
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


def _extends(m: Cand, c: Cand) -> bool:
    """The tagger span `m` is a longer form of the rule candidate `c` (see the module docstring)."""
    if not (m.start <= c.start and c.end <= m.end) or (m.start, m.end) == (c.start, c.end):
        return False
    if m.type in PLACES and c.type in PLACES:
        return c.start == m.start
    return m.type == c.type == "PERSON" and c.end == m.end


def _greedy(cands: list[Cand]) -> list[Cand]:
    occ = bytearray(max((c.end for c in cands), default=0) + 1)
    chosen = []
    for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start)):
        if any(occ[c.start:c.end]):
            continue
        occ[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)
