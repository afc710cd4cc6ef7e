"""其 as an event argument: 对其提出起诉, 禁止其营运, 其被迫上访 (issue #28, session 19).

The pronoun heads of grammar.py are 他 / 她 / 他们 (people). 其 refers to a person, an organisation
or a country, and is far more often a determiner (其他, 其中, 尤其, 及其); annotators resolve it to
the name it stands for. It joins the event grammar's heads (not the quote extractor's: nobody speaks
as 其) only where it is an argument: right after a marker of the one acted on or a verb (对其, 将其,
禁止其) and not before a noun it determines (其边界, 其母亲: jieba's tag of the next word), with `data/anaphora.yaml` words after it ruling out the
determiner readings. It stands for the last clause subject before its clause, else the last actor head there (the
clause's own subject is the one acting on it: 当局决定对其“双开” is not 当局). Tried: 其 opening a clause as its subject
(，其被迫上访): train fell (其 there often heads a clause about someone else's act). A plain scan for one
character: linear time.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from storyline.extract.events.grammar import Grammar, Head
from storyline.model import Doc

DATA = Path(__file__).parent / "data" / "anaphora.yaml"
ACTOR_TYPES = ("PERSON", "ORG", "GPE")
BREAKS = "，；：。！？!?;,"


class ObjectPronouns:
    def __init__(self, grammar: Grammar, path: Path = DATA) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.grammar = grammar
        self.word = data["word"]
        self.not_before = tuple(sorted(set(data["not_before"]), key=lambda w: (-len(w), w)))
        self.not_after = tuple(sorted(set(data["not_after"]), key=lambda w: (-len(w), w)))
        self.object_after = tuple(sorted(set(data["object_after"]), key=lambda w: (-len(w), w)))
        self.possessed = tuple(data["possessed_pos"])

    def add(self, doc: Doc, all_heads: list[list[Head]]) -> list[list[Head]]:
        """New per-paragraph head lists with each argument 其 as a head resolved to its antecedent."""
        out: list[list[Head]] = []
        last_actor: list[Head] = []  # actor heads of the paragraphs so far, in order
        w = self.word
        for para, heads in zip(doc.paragraphs, all_heads):
            norm = para.norm
            if para.is_heading or w not in norm:
                out.append(heads)
                last_actor.extend(h for h in heads if h.type in ACTOR_TYPES)
                continue
            added: list[Head] = []
            pos = {t.start: t for t in para.tokens}
            i = norm.find(w)
            while i >= 0:
                if self._argument(norm, i, pos):
                    cs = max(norm.rfind(c, 0, i) for c in BREAKS) + 1
                    earlier = [h for h in heads if h.end <= cs and h.type in ACTOR_TYPES] or last_actor[-8:]
                    # a clause subject first (中国将…承担责任，我们将让其付出代价: 中国), else the last name
                    ante = next((h for h in reversed(earlier) if h.initial), earlier[-1] if earlier else None)
                    if ante is not None:
                        kind, ms = self.grammar.marker_before(norm, i)
                        added.append(replace(ante, start=i, end=i + len(w), group_start=i, marker=kind,
                                             marker_start=ms, pronoun=True, initial=cs == i))
                i = norm.find(w, i + len(w))
            row = sorted(heads + added, key=lambda h: h.start) if added else heads
            out.append(row)
            last_actor.extend(h for h in heads if h.type in ACTOR_TYPES)
        return out

    def _argument(self, norm: str, i: int, tokens: dict) -> bool:
        end = i + len(self.word)
        own, nxt = tokens.get(i), tokens.get(end)
        if own is None or own.end != end:
            return False  # part of a word: 其他, 尤其, 及其
        if norm.startswith(self.not_before, end) or norm.endswith(self.not_after, 0, i):
            return False
        if nxt is not None and (nxt.pos or "").startswith(self.possessed):
            return False  # 其边界, 其母亲, 其施政: a determiner of the noun after it
        return norm.endswith(self.object_after, 0, i)


class PlaceOwners:
    """在乌克兰边境集结, 向波兰边境发射导弹: the country whose border or territory an attack or a massing
    of troops is aimed at. grammar.py drops a name followed by 边境 / 领土 as no actor (乌克兰边境局势
    is no act of Ukraine's); for the event grammar the name comes back as a head where a marker of
    place or target stands before it (在 / 向 / 对), so the place-target rule and 向X read it. Train
    MOBILIZE targets missed this way: 7 (data/anaphora.yaml place_nouns)."""

    def __init__(self, grammar: Grammar, path: Path = DATA) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.grammar = grammar
        self.nouns = tuple(sorted(set(data["place_nouns"]), key=lambda w: (-len(w), w)))

    def add(self, doc: Doc, all_heads: list[list[Head]]) -> list[list[Head]]:
        by_para: dict[int, list] = {}
        for m in doc.mentions:
            if m.type == "GPE":
                by_para.setdefault(m.paragraph, []).append(m)
        out = []
        for para, heads in zip(doc.paragraphs, all_heads):
            norm, found = para.norm, []
            for m in by_para.get(para.index, ()):
                if not norm.startswith(self.nouns, m.end) or any(h.start < m.end and m.start < h.end for h in heads):
                    continue
                kind, ms = self.grammar.marker_before(norm, m.start)
                if kind in ("location", "target"):
                    found.append(Head(m.start, m.end, m.start, para.text[m.start:m.end], "GPE", m, kind, ms,
                                      place_owner=True))
            out.append(sorted(heads + found, key=lambda h: h.start) if found else heads)
        return out
