"""Denials: which quotes deny the other side's claim (stance "deny"), for the dispute stage.

A cue's own stance comes first (否认称, 驳斥: data/cues.yaml cues). An `assert` quote becomes a denial
when its content calls the claim false (deny_words: 不实, 虚假, 伪造, 无稽之谈 …) or when the sentence
before it, up to the quote, says the speaker denies (deny_context: 俄罗斯国防部否认了乌克兰的指控，称…;
莫斯科对此矢口否认，并声称…). Plain negations (没有, 从未, 不会) are not enough on their own: in the
annotated train split most quotes holding them assert, warn or promise.
"""

from __future__ import annotations

from dataclasses import dataclass

SENTENCE_ENDS = "。！？!?"
OPENERS = "“「『\" "


@dataclass(frozen=True)
class StanceRules:
    deny_words: tuple[str, ...]
    deny_context: tuple[str, ...]

    @classmethod
    def from_data(cls, data: dict) -> "StanceRules":
        return cls(tuple(data["deny_words"]), tuple(data["deny_context"]))

    def of(self, norm: str, s: int, e: int, stance: str, cue_start: int) -> str:
        """The stance of the quote norm[s:e] whose cue (of stance `stance`) starts at `cue_start`
        (-1 or s when it has none)."""
        if stance != "assert":
            return stance
        if any(w in norm[s:e] for w in self.deny_words):
            return "deny"
        head = min(s, cue_start) if cue_start >= 0 else s
        lo = max(norm.rfind(c, 0, head) for c in SENTENCE_ENDS) + 1
        before = norm[lo:head]
        if not before.strip(OPENERS):  # “…” opening its sentence: 赵立坚对此予以否认。“你最好去问问…”
            lo = max(norm.rfind(c, 0, lo - 1) for c in SENTENCE_ENDS) + 1 if lo > 0 else 0
            before = norm[lo:head]
        if any(w in before for w in self.deny_context):
            return "deny"
        return stance
