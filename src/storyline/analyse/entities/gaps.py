"""Stage 2 of mention detection: fill only the gaps stage 1 left, with the weaker signals.

Country-abbreviation compounds (俄乌), runs of transliteration characters next to a speech verb or a
Latin name in brackets, and jieba person words before a speech verb. A mixin of `detect.Detector`
(split out of detect.py to keep files short); it reads the detector's `res` and `pat`.
"""

from __future__ import annotations

import bisect

from storyline.analyse.entities.candidate import Cand
from storyline.analyse.entities.names import TokenIndex


class GapFiller:
    # -- stage 2 ---------------------------------------------------------------------------------
    def _gaps(self, norm: str, chosen: list[Cand]) -> list[tuple[int, int]]:
        gaps, pos = [], 0
        for c in chosen:
            if c.start > pos:
                gaps.append((pos, c.start))
            pos = max(pos, c.end)
        gaps.append((pos, len(norm)))
        return gaps

    def _translit_start(self, s: int, gs: int, idx: TokenIndex) -> int:
        """Start of a transliterated name, or -1: it must begin a jieba word, or take in the whole word
        when jieba knows the name (蓬佩奥说 is not 佩奥说)."""
        if s in idx.bounds:
            return s
        tok = idx.covering(s)
        if tok is not None and tok.start >= gs and tok.pos in ("nr", "nrt", "nz") and s - tok.start <= 2:
            return tok.start
        return -1

    def _chinese_speakers(self, norm: str, gs: int, ge: int, idx: TokenIndex) -> list[Cand]:
        """A jieba person-name word starting with a surname, right before a speech verb (李家超说)."""
        out = []
        toks, words = idx.tokens, idx.person_words
        first = max(0, idx.index_of(gs))
        for k in words[bisect.bisect_left(words, first):]:
            t = toks[k]
            if t.end > ge:
                break
            k += 1
            if not 2 <= len(t.text) <= 4 or t.start < gs or t.text in self.res.alias:
                continue
            if t.text[0] not in self.res.surnames and t.text[:2] not in self.res.compound_surnames:
                continue
            if len(t.text) == 2 and t.text[1] in self.pat.name_end:
                continue
            j = k
            if j < len(toks) and toks[j].text in self.pat.adverb_set:
                j += 1
            if j < len(toks) and toks[j].text in self.pat.verb_set:
                out.append(Cand(t.start, t.end, "PERSON", 45, source="translit"))
        return out

    def _fill(self, norm: str, chosen: list[Cand], idx: TokenIndex) -> list[Cand]:
        tokens = idx.bounds
        starts = {c.start for c in chosen if c.type in ("GPE", "LOC")}
        extra = []
        for gs, ge in self._gaps(norm, chosen):
            for m in self.pat.abbr_run.finditer(norm, gs, ge):
                s, e = m.span()
                before_ok = s in tokens or norm[s - 1:s] == "驻"
                after_ok = e in tokens or e in starts or (e - s > 1 and norm[e:e + 1] in self.pat.compound_follow)
                # a lone character counts only if it is never an ordinary word (以美国为首: 以 is "with")
                alone = e - s == 1 and norm[s] in self.pat.standalone
                if before_ok and after_ok and (e - s > 1 or alone or norm[s - 1:s] == "驻"):
                    for k in range(s, e):
                        name = self.res.abbr[norm[k]]
                        typ = self.res.alias[name][0].type
                        extra.append(Cand(k, k + 1, typ, 50, hint=name, country=name if typ == "GPE" else None,
                                          source="abbr"))
            for m in self.pat.translit_latin.finditer(norm, gs, ge):
                if m.start() > gs and norm[m.start() - 1] in self.res.translit:
                    continue
                s, e = m.span("name")
                s = self._translit_start(s, gs, idx)
                if s >= 0:
                    extra.append(Cand(s, e, "PERSON", 50, english=m.group("en"), source="translit"))
            for m in self.pat.translit_verb.finditer(norm, gs, ge):
                s, e = m.span("name")
                if s > gs and norm[s - 1] in self.res.translit:
                    continue  # longer than 7 characters: not a name we can delimit
                s = self._translit_start(s, gs, idx)
                if s >= 0:
                    extra.append(Cand(s, e, "PERSON", 50, source="translit"))
            extra.extend(self._chinese_speakers(norm, gs, ge, idx))
        return self._resolve(chosen + extra)
