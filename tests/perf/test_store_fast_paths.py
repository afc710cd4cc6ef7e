"""Store and search-index fast paths agree with the straightforward code they replaced."""

from __future__ import annotations

import random
import re
import sys
import unicodedata

import pytest

from storyline.store.search import Tokenizer

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"\w")


@pytest.fixture(scope="module")
def tok() -> Tokenizer:
    return Tokenizer()


def _old_fold(simp: str) -> str:
    out = []
    for ch in simp:
        folded = unicodedata.normalize("NFKC", ch).lower()
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def _old_grams(norm: str) -> list[str]:
    out: list[str] = []
    for run in _CJK.findall(norm):
        out.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
    return out


def test_fold_table_matches_per_character_fold_on_every_code_point(tok):
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for i in range(0, len(everything), 4096):
        chunk = everything[i : i + 4096]
        assert chunk.translate(tok._fold) == _old_fold(chunk)


def test_normalise_keeps_length_and_matches(tok):
    def old_normalise(text: str) -> str:
        simp = tok.t2s.convert(text)
        if len(simp) != len(text):
            simp = "".join(c if len(c) == 1 else ch for ch, c in ((ch, tok.t2s.convert(ch)) for ch in text))
        return _old_fold(simp)

    for text in ["拜登與普京通電話", "ＡＢＣ１２３Ⅻİẞ ΑΣ ﬁ㎏", "北約秘書長斯托爾滕貝格說", "", "乾隆皇帝", "著名的"]:
        got = tok.normalise(text)
        assert len(got) == len(text)
        assert got == old_normalise(text)


def test_words_and_grams_match_old_rules(tok):
    rng = random.Random(3)
    alphabet = "北约承诺东扩张俄方保证协议拜登普京 ，。、“”!?ABCxyzΣσİⅫ_12.5%-"
    texts = ["拜登与普京通电话讨论乌克兰局势。", "ΑΣ ΒΓ Ⅻ İstanbul", "NATO秘书长说：“不会”", ""] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30))) for _ in range(400)]
    for text in texts:
        assert tok.words(text) == [w.lower() for w in tok.jieba.cut(text) if _WORD.search(w)], text
        assert tok.grams(text) == _old_grams(text), text
