"""Denials: which quotes deny the other side's claim (stance "deny"), for the dispute stage.

A cue's own stance comes first (否认称, 驳斥: data/cues.yaml cues). An `assert` quote becomes a denial
when its content calls the claim false (deny_words: 不实, 虚假, 伪造, 无稽之谈 …) or when the sentence
before it, up to the quote, says the speaker denies (deny_context: 俄罗斯国防部否认了乌克兰的指控，称…;
莫斯科对此矢口否认，并声称…). Plain negations (没有, 从未, 不会) are not enough on their own: in the
annotated train split most quotes holding them assert, warn or promise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SENTENCE_ENDS = "。！？!?"
OPENERS = "“「『\" "


@dataclass(frozen=True)
class StanceRules:
    deny_words: tuple[str, ...]
    deny_context: tuple[str, ...]
    not_cues: tuple[str, ...] = ()  # cues a denial before them does not make deny (否认指控，反指…)
    # one alternation of literal words each (linear-time): a single scan per quote, not one per word
    _words: re.Pattern = field(init=False, repr=False, compare=False)
    _context: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_words", _alternation(self.deny_words))
        object.__setattr__(self, "_context", _alternation(self.deny_context))

    @classmethod
    def from_data(cls, data: dict) -> "StanceRules":
        return cls(tuple(data["deny_words"]), tuple(data["deny_context"]), tuple(data.get("deny_context_not_cues", ())))

    def of(self, norm: str, s: int, e: int, stance: str, cue_start: int) -> str:
        """The stance of the quote norm[s:e] whose cue (of stance `stance`) starts at `cue_start`
        (-1 or s when it has none)."""
        if stance != "assert":
            return stance
        if self._words.search(norm, s, e):
            return "deny"
        head = min(s, cue_start) if cue_start >= 0 else s
        lo = max(norm.rfind(c, 0, head) for c in SENTENCE_ENDS) + 1
        if not norm[lo:head].strip(OPENERS):  # “…” opening its sentence: 赵立坚对此予以否认。“你最好去问问…”
            lo = max(norm.rfind(c, 0, lo - 1) for c in SENTENCE_ENDS) + 1 if lo > 0 else 0
        if self._context.search(norm, lo, head) and not (cue_start >= 0 and norm.startswith(self.not_cues, cue_start)):
            return "deny"
        return stance


def _alternation(words: tuple[str, ...]) -> re.Pattern:
    longest = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, longest)) if longest else "(?!)")
