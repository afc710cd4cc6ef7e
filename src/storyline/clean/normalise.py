"""Length-preserving normalisation (`Paragraph.norm`), sentence spans, and script detection.

Hand-written because no library keeps offsets: OpenCC converts phrases and may change the
length, so we fall back to per-character conversion; width folding and punctuation unification
are a one-pass character map driven by data/normalise.yaml.
"""

from __future__ import annotations

import re
from importlib import resources as ires

import opencc
import yaml

from storyline.model import Sentence


def _opencc(name: str) -> opencc.OpenCC:
    try:
        return opencc.OpenCC(name)
    except Exception:  # older packages want the config file name
        return opencc.OpenCC(name + ".json")


_CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")  # the ranges of _is_cjk


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


class Normaliser:
    def __init__(self) -> None:
        cfg = yaml.safe_load((ires.files("storyline.clean") / "data" / "normalise.yaml").read_text(encoding="utf-8"))
        self.t2s = _opencc("t2s")
        self.s2t = _opencc("s2t")
        self.punct: dict[str, str] = cfg["punctuation"]
        self.keep_digits = set(cfg["keep_between_digits"])
        self.final = set(cfg["sentence_final"])
        self.closers = set(cfg["closing_quotes"])
        self.max_sentence = int(cfg["max_sentence"])
        self.soft_breaks = set(cfg["soft_breaks"])
        # every character `norm` may change (full-width letters/digits, mapped punctuation), so
        # the loop visits only those instead of every character (one-character class: linear)
        self._sentence_end = re.compile(  # a run of finals, then closing quotes: linear
            "[" + "".join(map(re.escape, sorted(self.final))) + "]+[" + "".join(map(re.escape, sorted(self.closers))) + "]*")
        self._changeable = re.compile(
            "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a" + "".join(re.escape(k) for k in self.punct) + "]")

    def simplified(self, text: str) -> str:
        """Traditional -> Simplified with the same length."""
        if not text or text.isascii():  # nothing to convert (Latin wire copy, numbers)
            return text
        out = self.t2s.convert(text)
        if len(out) == len(text):
            return out
        chars = []
        for ch in text:
            conv = self.t2s.convert(ch) if _is_cjk(ch) else ch
            chars.append(conv if len(conv) == 1 else ch)
        return "".join(chars)

    def norm(self, text: str) -> str:
        simple = self.simplified(text)
        chars = list(simple)
        n = len(chars)
        for hit in self._changeable.finditer(simple):
            i, ch = hit.start(), hit.group()
            code = ord(ch)
            if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
                chars[i] = chr(code - 0xFEE0)
            elif ch in self.punct:
                prev = text[i - 1] if i > 0 else ""
                nxt = text[i + 1] if i + 1 < n else ""
                if ch in self.keep_digits and prev.isdigit() and nxt.isdigit():
                    continue
                if ch == ":" and text.startswith("//", i + 1):  # URL scheme
                    continue
                chars[i] = self.punct[ch]
        return "".join(chars)

    def sentences(self, norm: str) -> list[Sentence]:
        """Split on 。！？；… (runs count as one), extending over closing quotes that follow."""
        spans = []
        start = 0
        for hit in self._sentence_end.finditer(norm):
            self._add(spans, norm, start, hit.end())
            start = hit.end()
        self._add(spans, norm, start, len(norm))
        return spans

    def _add(self, spans: list[Sentence], text: str, start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        while stop - start > self.max_sentence:  # no full stop for too long: cut it (see the yaml)
            cut = self._soft_cut(text, start)
            self._add(spans, text, start, cut)
            start = cut
            while start < stop and text[start].isspace():
                start += 1
        if stop > start:
            spans.append(Sentence(start, stop))

    def _soft_cut(self, text: str, start: int) -> int:
        """Just after the last soft break in the first `max_sentence` characters, else the limit."""
        limit = start + self.max_sentence
        for i in range(limit - 1, start, -1):
            if text[i] in self.soft_breaks:
                return i + 1
        return limit

    def language(self, paragraphs: list[str], sample: int = 6000) -> str:
        """zh-Hant when more characters change under t2s than under s2t; 'und' without CJK."""
        text = "".join(paragraphs)[:sample]
        if not _CJK.search(text):
            return "und"
        to_simp = self.t2s.convert(text)
        trad = sum(map(str.__ne__, text, to_simp)) if len(to_simp) == len(text) and to_simp != text else 0
        if trad == 0:  # nothing Traditional: zh-Hans whatever s2t says, so skip that (costly) conversion
            return "zh-Hans"
        to_trad = self.s2t.convert(text)
        simp = sum(map(str.__ne__, text, to_trad)) if len(to_trad) == len(text) else 0
        return "zh-Hant" if trad > simp else "zh-Hans"
