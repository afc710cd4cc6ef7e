"""The PLOVER trigger lexicon (data/triggers.yaml) and a longest-match scanner over it.

A trie library would do the matching, but the lexicon is ~120 words and each needs small
context checks (after/before/sentence/not_after/not_before), which are easier to read as a
loop over candidates grouped by first character. The scan is O(len(text) * candidates per char).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from storyline.extract.events.grammar import DATA

TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT"
).split()


@dataclass(frozen=True)
class Trigger:
    word: str
    type: str
    symmetric: bool
    mode: str | None = None
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    window: int = 12
    sentence: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    target_location: bool = False
    objects: bool = True  # the head right after the trigger is a target/participant
    anaphor_only: bool = False  # 电话: only as a reference back to a reported call (在电话中)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    trigger: Trigger


class TriggerLexicon:
    def __init__(self, path: Path | None = None) -> None:
        data = yaml.safe_load((path or DATA / "triggers.yaml").read_text(encoding="utf-8"))
        self.by_first: dict[str, list[Trigger]] = {}
        for type_, block in data["types"].items():
            if type_ not in TYPES:
                raise ValueError(f"unknown PLOVER type in lexicon: {type_}")
            for t in block["triggers"]:
                trig = Trigger(
                    word=t["w"],
                    type=type_,
                    symmetric=bool(block.get("symmetric")),
                    mode=t.get("mode"),
                    after=tuple(t.get("after", ())),
                    before=tuple(t.get("before", ())),
                    window=int(t.get("window", 12)),
                    sentence=tuple(t.get("sentence", ())),
                    not_after=tuple(t.get("not_after", ())),
                    not_before=tuple(t.get("not_before", ())),
                    target_location=bool(t.get("target_location")),
                    objects=bool(block.get("objects", True)),
                    anaphor_only=bool(t.get("anaphor_only")),
                )
                self.by_first.setdefault(trig.word[0], []).append(trig)
        for lst in self.by_first.values():
            lst.sort(key=lambda t: len(t.word), reverse=True)
        # jump straight to characters that start a trigger (a one-character class: linear)
        self._first = re.compile("[" + "".join(map(re.escape, sorted(self.by_first))) + "]")

    def _ok(self, t: Trigger, norm: str, s: int, e: int, clause: tuple[int, int], sent: tuple[int, int]) -> bool:
        lo, hi = clause
        if any(norm.startswith(w, e) for w in t.not_after):
            return False
        if any(norm.endswith(w, lo, s) for w in t.not_before):
            return False
        if t.after and not any(norm.find(w, e, min(hi, e + t.window + len(w))) >= 0 for w in t.after):
            return False
        if t.before and not any(norm.find(w, max(lo, s - t.window - len(w)), s) >= 0 for w in t.before):
            return False
        if t.sentence and not any(norm.find(w, *sent) >= 0 for w in t.sentence):
            return False
        return True

    def scan(self, norm: str, lo: int, hi: int, clause_of) -> list[Hit]:
        """Non-overlapping hits in norm[lo:hi], longest first at each position.

        `clause_of(pos) -> (start, end)` bounds the after/before windows to the clause."""
        hits, i = [], lo
        while i < hi:
            nxt = self._first.search(norm, i, hi)  # other positions start no trigger
            if nxt is None:
                break
            i = nxt.start()
            for t in self.by_first.get(norm[i], ()):
                e = i + len(t.word)
                if e <= hi and norm.startswith(t.word, i):
                    if self._ok(t, norm, i, e, clause_of(i), (lo, hi)):
                        hits.append(Hit(i, e, t))
                        i = e - 1
                        break
            i += 1
        return hits
