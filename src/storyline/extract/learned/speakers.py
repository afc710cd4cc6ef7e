"""Learned quote attribution: the rules find the quote, its cue and a speaker; a ranker trained on the
annotated corpus picks the speaker among the actor heads of the quote's paragraph and the one before
(pronouns resolved), the rule's choice included as a feature.

It fixes what the rules miss most on real text: a speaker after the quote (「…」，X說), a speaker named in
the previous sentence, and a name that only modifies a noun taken as the speaker. Model:
data/quotes_speaker.json (binary: is this head the speaker), rebuilt by `storyline train`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from pathlib import Path

from storyline.extract.events.grammar import Head
from storyline.extract.learned.linear import LinearModel
from storyline.extract.quotes.speakers import CueLexicon
from storyline.model import Doc, Quote

MODEL = "quotes_speaker.json"
MIN_PROB = 0.5


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else "6-12" if n <= 12 else "13-30" if n <= 30 else "31+"


def candidates(doc: Doc, q: Quote, all_heads: list[list[Head]]) -> list[Head]:
    """Heads of the quote's paragraph (outside its content) and of the paragraph before."""
    out = [h for h in all_heads[q.paragraph] if not (q.start <= h.start < q.end)]
    if q.paragraph > 0:
        out = all_heads[q.paragraph - 1] + out
    seen, uniq = set(), []
    for h in out:
        key = (h.mention.paragraph if h.mention else -1, h.start, h.name)
        if key not in seen:
            seen.add(key)
            uniq.append(h)
    return uniq


class QuoteContext:
    """What `features` needs of a quote whatever the head: its paragraph's text, where its cue is, and
    the paragraph's heads by identity and by start (built once per quote, not once per candidate:
    the scans over the paragraph's heads per candidate were this stage's largest cost)."""

    __slots__ = ("norm", "cue_at", "ids", "starts")

    def __init__(self, doc: Doc, q: Quote, all_heads_here: list[Head]) -> None:
        norm = doc.paragraphs[q.paragraph].norm
        cue_at = norm.rfind(q.cue, 0, q.start) if q.cue else -1
        if q.cue and cue_at < 0:
            cue_at = norm.find(q.cue, q.end)
        self.norm, self.cue_at = norm, cue_at
        ids: dict[int, int] = {}  # id -> how many times that very object is in the list
        for o in all_heads_here:
            ids[id(o)] = ids.get(id(o), 0) + 1
        self.ids = ids
        self.starts = sorted(o.start for o in all_heads_here)

    def between(self, h: Head, lo: int, hi: int) -> int:
        """How many heads of the paragraph other than `h` itself start in [lo, hi)."""
        if lo >= hi:
            return 0
        n = bisect_left(self.starts, hi) - bisect_left(self.starts, lo)
        return n - self.ids.get(id(h), 0) if lo <= h.start < hi else n


def features(doc: Doc, q: Quote, h: Head, all_heads_here: list[Head], ctx: QuoteContext | None = None) -> list[str]:
    """Feature strings of head `h` as the speaker of `q`; `ctx`: the quote's QuoteContext (built here
    when not given)."""
    if ctx is None:
        ctx = QuoteContext(doc, q, all_heads_here)
    norm = ctx.norm
    here = id(h) in ctx.ids  # identity: dataclass == on heads was this stage's hottest call
    if not here:
        rel, dist = "prev_para", 99
    elif h.end <= q.start:
        rel, dist = "before", q.start - h.end
    else:
        rel, dist = "after", h.start - q.end
    cue_at = ctx.cue_at
    f = [f"rel={rel}", f"dist={_bucket(dist)}", f"htype={h.type}", f"pronoun={h.pronoun}", f"initial={h.initial}",
         f"marker={h.marker or 'none'}", f"direct={q.direct}", f"rel_direct={rel}|{q.direct}",
         f"is_rule={h.name == q.speaker_name}", f"rule_rel={h.name == q.speaker_name}|{rel}"]
    if here:
        f += [f"after1={norm[h.end:h.end + 1]}", f"after2={norm[h.end:h.end + 2]}",
              f"before1={norm[h.group_start - 1:h.group_start]}"]
        others = ctx.between(h, min(h.end, q.start), max(h.start, q.start))
        f.append(f"between={_bucket(others)}")
        if cue_at >= 0:
            gap = cue_at - h.end
            f.append(f"to_cue={_bucket(gap) if gap >= 0 else 'after_cue'}")
            f.append(f"cue_adjacent={0 <= gap <= 2}")
            f.append(f"cue={q.cue}|{0 <= gap <= 12}")
    return f


def head_norm(doc: Doc, h: Head) -> str:
    m = h.mention
    return doc.paragraphs[m.paragraph].norm[m.start:m.end] if m else h.name


class LearnedSpeakers:
    def __init__(self, data: Path, cues: CueLexicon | None = None) -> None:
        """`cues`: the quote rules' lexicon; its office-title step runs again on the speakers the ranker
        picks (a ranker head 俄罗斯 in 俄罗斯总统表示 stands for 普京 as the rule's would)."""
        self.cues = cues or CueLexicon()
        path = data / MODEL
        self.model = LinearModel.load(path) if path.exists() else None

    @property
    def ready(self) -> bool:
        return self.model is not None

    def __call__(self, doc: Doc, quotes: list[Quote], all_heads: list[list[Head]]) -> list[Quote]:
        out = []
        for q in quotes:
            here = all_heads[q.paragraph]
            ctx = QuoteContext(doc, q, here)
            best, best_p = None, MIN_PROB
            for h in candidates(doc, q, all_heads):
                label, p = self.model.predict(features(doc, q, h, here, ctx))
                p = p if label == "1" else 1 - p
                if p > best_p:
                    best, best_p = h, p
            if best is not None and best.name != q.speaker_name:
                q = replace(q, speaker_name=best.name, speaker_mention=best.mention)
            out.append(q)
        return self.cues.resolve_titled(doc, out)
