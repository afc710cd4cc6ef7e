"""Sides and speakers of dispute statements: which country or camp a speaker or a text names
(克里姆林宫 -> 俄罗斯, 美方, 俄法之间), the blocs a side belongs to, and the attribution a statement
opens with. A mixin of DisputeLexicon (link.disputes.rules), which loads the data these read
(data/disputes.yaml: sides, abbreviations, abbreviation_followers, pair_followers, blocs,
anaphor_prefixes, embedded_cues). Hand-written: the sides are the project's own list.
"""

from __future__ import annotations

import re

_PAREN = re.compile(r"[（(][^（）()]{0,40}[）)]")
_DATE_TAIL = re.compile(r"(?:[0-9０-９]{1,2}日|当天|当地时间)$")


class Sides:
    """Side lookups over the lexicon's data; the attributes are set by DisputeLexicon.__init__."""

    sides: dict[str, str]
    abbreviations: dict[str, str]
    followers: set[str]
    pair_followers: tuple[str, ...]
    blocs: dict[str, set[str]]
    anaphor_prefixes: tuple[str, ...]
    _embedded: re.Pattern | None

    def simplified(self, text: str) -> str:  # DisputeLexicon's (Traditional -> Simplified, same length)
        raise NotImplementedError

    def side_of(self, name: str | None) -> str | None:
        """The side a speaker text names: 克里姆林宫 -> 俄罗斯, 美国务院官员 -> 美国."""
        if not name:
            return None
        name = self.simplified(name)  # 俄羅斯外交部: the sides are listed in Simplified script
        best = None
        for frag, side in self.sides.items():
            pos = name.find(frag)
            if pos >= 0 and (best is None or (pos, -len(frag)) < best[0]):
                best = ((pos, -len(frag)), side)
        if best is not None:
            return best[1]
        if len(name) > 1 and name[0] in self.abbreviations and name[1] in self.followers:
            return self.abbreviations[name[0]]
        return None

    def sides_in(self, text: str) -> frozenset[str]:
        """Sides a text names: full names, 美方/俄方, and runs such as 俄法之间."""
        out = {side for frag, side in self.sides.items() if frag in text}
        run = 0
        for i, ch in enumerate(text + " "):
            if ch in self.abbreviations:
                run += 1
                continue
            if ch == "方" and run == 1:
                out.add(self.abbreviations[text[i - 1]])
            elif run >= 2 and text.startswith(self.pair_followers, i):
                out |= {self.abbreviations[c] for c in text[i - run:i]}
            run = 0
        return frozenset(out)

    def pair_sides(self, text: str) -> frozenset[str]:
        """The sides of a run of abbreviations before a pair follower only (俄法之间 -> 俄罗斯,
        法国): the two parties a counter says something about, not every side it names."""
        out, run = set(), 0
        for i, ch in enumerate(text + " "):
            if ch in self.abbreviations:
                run += 1
                continue
            if run >= 2 and text.startswith(self.pair_followers, i):
                out |= {self.abbreviations[c] for c in text[i - run:i]}
            run = 0
        return frozenset(out)

    def abbreviated_sides(self, text: str) -> frozenset[str]:
        """Sides named by an abbreviation before a follower anywhere in the text (俄军, 美国务院):
        what a statement is about, for the entity a claim and a counter share."""
        return frozenset(self.abbreviations[ch] for i, ch in enumerate(text[:-1])
                         if ch in self.abbreviations and text[i + 1] in self.followers)

    def same_camp(self, a: str | None, b: str | None) -> bool:
        if not a or not b:
            return False
        return a == b or b in self.blocs.get(a, ()) or a in self.blocs.get(b, ())

    def camp_of(self, sides: frozenset[str] | set[str]) -> set[str]:
        """The sides plus the members of any bloc among them (西方 -> 美国, 英国 …)."""
        out = set(sides)
        for s in sides:
            out |= self.blocs.get(s, set())
        return out

    def is_anaphor(self, name: str | None) -> bool:
        return bool(name) and name.startswith(self.anaphor_prefixes)

    def embedded_speaker(self, text: str) -> tuple[str, int] | None:
        """`克里姆林宫新闻发言人佩斯科夫（…）8日称，…` -> (the attribution before the cue, its length)."""
        m = self._embedded.match(text) if self._embedded else None
        if not m:
            return None
        name = _DATE_TAIL.sub("", _PAREN.sub("", m.group(1)))
        return (name, m.end(1)) if len(name) >= 2 else None
