"""Descriptor actors: 警方, 当局, 抗议者, 被告 ... as event arguments.

The annotators name an argument that is no entity by the descriptor itself (docs/annotation.md);
28% of the train split's events have such an argument, most of them a few institutional or group
words (data/descriptors.yaml). They join the paragraph's actor heads for the event grammar only
(the quote extractor's speaker heads are unchanged) as heads with no entity mention, so an event's
actor is the word as written, with a name right before it that modifies it (香港警方: dev events
F1 0.252 -> 0.254 against the bare 警方). Tried: 官员, 领导人, 军队, 媒体, 记者, 律师 too (train and dev fell).
A count right before the group (八名抗议者, 两被告) and a leaning before a folded name (亲俄分离主义者)
are part of the actor as annotated; people nouns such as 士兵 / 人员 are actors only right after a name
(俄罗斯士兵), never bare. One alternation of literal words per paragraph and short backward scans: linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path

import yaml

from storyline.extract.events.anaphora import ObjectPronouns, PlaceOwners
from storyline.extract.events.grammar import Grammar, Head
from storyline.model import Doc

DATA = Path(__file__).parent / "data" / "descriptors.yaml"
_CLAUSE_BREAK = re.compile("[，；：。！？!?;,]")


class Descriptors:
    def __init__(self, grammar: Grammar, path: Path = DATA) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.after_name = frozenset(data["after_name"])
        words = sorted(set(data["words"]) | self.after_name, key=lambda w: (-len(w), w))
        self.grammar = grammar
        self._re = re.compile("|".join(map(re.escape, words)))
        self.not_after = tuple(sorted(set(data["not_after"]), key=lambda w: (-len(w), w)))
        count = data["count_prefix"]
        self.numerals = frozenset(count["numerals"])
        self.bare_numerals = frozenset(count["bare_numerals"])
        self.measures = tuple(sorted(set(count["measures"]), key=lambda w: (-len(w), w)))
        self.leaning = tuple(data["leaning"])
        self.pronouns = ObjectPronouns(grammar)  # 对其, 禁止其: 其 as an argument (anaphora.py)
        self.places = PlaceOwners(grammar)  # 在乌克兰边境集结: the country is aimed at
        # the last (doc, heads, result): the rule grammar and the learned events ask for the same doc's
        # heads one after the other (same objects, never changed), so the second asks for free
        self._last: tuple | None = None

    def add(self, doc: Doc, all_heads: list[list[Head]]) -> list[list[Head]]:
        """New per-paragraph head lists with the descriptors added (the given heads are not changed:
        a head whose `initial` flag changes is a copy)."""
        last = self._last
        if last is not None and last[0] is doc and last[1] is all_heads:
            return last[2]
        out = []
        mentions: dict[int, list[tuple[int, int]]] | None = None  # built for the first paragraph that needs it
        for para, heads in zip(doc.paragraphs, all_heads):
            hits = None if para.is_heading else list(self._re.finditer(para.norm))
            if not hits:  # most paragraphs: no descriptor word at all
                out.append(heads)
                continue
            if mentions is None:
                mentions = {}
                for m in doc.mentions:
                    if m.type != "LOC":  # a region annotators name as an actor (西方, 欧洲) is a descriptor here
                        mentions.setdefault(m.paragraph, []).append((m.start, m.end))
            found = self._paragraph(para.norm, para.text, hits, sorted(mentions.get(para.index, [])))
            out.append(self._merge(para.norm, heads, found) if found else heads)
        out = self.places.add(doc, self.pronouns.add(doc, out))
        self._last = (doc, all_heads, out)
        return out

    def _paragraph(self, norm: str, text: str, hits: list, spans: list[tuple[int, int]]) -> list[Head]:
        found: list[Head] = []
        ends = {e for _, e in spans}
        starts = [s for s, _ in spans]
        for m in hits:
            s, e = m.start(), m.end()
            i = bisect_right(starts, s) - 1
            if (i >= 0 and spans[i][1] > s) or (i + 1 < len(spans) and spans[i + 1][0] < e):
                continue  # inside or across a recognised name (中国政府, 香港警方 as one ORG)
            if s not in ends and norm.endswith(self.not_after, 0, s):
                continue  # part of a longer word (留学生, 大法官, 反政府)
            if m.group() in self.after_name and (s not in ends or (i + 1 < len(spans) and spans[i + 1][0] == e)):
                continue  # 美国|官员 only; bare, or a title before a name (俄罗斯领导人普京), it is no actor
            group = s
            while i >= 0 and spans[i][1] == group:  # 香港|警方: the place modifies the descriptor
                group = spans[i][0]
                i -= 1
            if group < s and norm.endswith(self.leaning, 0, group):
                group -= 1  # 亲|俄|分离主义者: the leaning belongs to the group (亲 is one character)
            group = self._counted(norm, group)
            kind, ms = self.grammar.marker_before(norm, group)
            found.append(Head(s, e, group, text[group:e], "ORG", None, kind, ms))
        return found

    def _counted(self, norm: str, start: int) -> int:
        """八名抗议者, 12名抗议者, 两被告: numerals (and a measure word) right before the descriptor are
        part of the actor as annotated; a plain backwards scan, no regex."""
        k, numerals = start, self.bare_numerals  # no measure word: 两被告, not 这么多|阿拉伯国家
        for m in self.measures:
            if norm.endswith(m, 0, k):
                k, numerals = k - len(m), self.numerals
                break
        j = k
        while j > 0 and norm[j - 1] in numerals:
            j -= 1
        return j if j < k else start

    @staticmethod
    def _merge(norm: str, heads: list[Head], found: list[Head]) -> list[Head]:
        """Heads in text order; a name folded into a descriptor (香港 of 香港警方) is dropped, and the
        `initial` flag (first head of its clause) recomputed."""
        covered = [(h.group_start, h.start) for h in found if h.group_start < h.start]
        kept = [h for h in heads if not any(g <= h.start and h.end <= s for g, s in covered)]
        merged = sorted(kept + found, key=lambda h: h.start)
        prev_end, out = 0, []
        for h in merged:
            initial = prev_end == 0 or _CLAUSE_BREAK.search(norm, prev_end, h.group_start) is not None
            out.append(h if h.initial == initial else replace(h, initial=initial))
            prev_end = h.end
        return out
