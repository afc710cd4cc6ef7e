"""Search tokens: the same normalisation, words and bigrams for indexed spans and for queries
(see store/search/__init__.py for how the index uses them)."""

from __future__ import annotations

import operator
import re
import unicodedata
from functools import cache

import opencc
import rjieba

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"\w")


class _FoldTable(dict):
    """`str.translate` table of the per-character fold of `Tokenizer.normalise`: NFKC, then lower
    case, kept only when it is still one character. Filled on first sight of a character (a memo:
    the same result as computing it each time, without a Python step per character)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch).lower()
        self[code] = value = folded if len(folded) == 1 else ch
        return value


class Tokenizer:
    """Read-only resources loaded once: a private jieba instance and an OpenCC converter (and the
    fold table, a memo of a pure function)."""

    def __init__(self) -> None:
        self.jieba = rjieba.Jieba()
        self.t2s = opencc.OpenCC("t2s")
        self._fold = _FoldTable()

    def normalise(self, text: str) -> str:
        """Simplified, width-folded, lower case, and the same length as `text` (offsets stay valid)."""
        simp = self.t2s.convert(text)
        if len(simp) != len(text):
            simp = "".join(c if len(c) == 1 else ch for ch, c in ((ch, self.t2s.convert(ch)) for ch in text))
        return simp.translate(self._fold)

    def words(self, norm: str) -> list[str]:
        kept = list(filter(_WORD.search, self.jieba.cut(norm)))
        # jieba's tokens are substrings of `norm`: when lower case leaves all of `norm` unchanged
        # it leaves each of them unchanged too (the usual case: `norm` is normalised already)
        return kept if norm.lower() == norm else [w.lower() for w in kept]

    @staticmethod
    def grams(norm: str) -> list[str]:
        out: list[str] = []
        for run in _CJK.findall(norm):
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(map(operator.add, run, run[1:]))  # run[i] + run[i + 1]: its bigrams in order
        return out


@cache
def tokenizer() -> Tokenizer:
    """One per process: jieba takes ~2 s to load and is never modified after loading."""
    return Tokenizer()
