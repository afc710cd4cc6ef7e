"""Speed-ups that must not change results: each fast path agrees with the rule it replaces."""

from __future__ import annotations

import random

from storyline.analyse.time.grammar import Grammar
from storyline.link.dispute_rules import near_duplicate
from storyline.link.disputes import _near

SENTENCES = [
    "北约从未承诺不向东扩张", "北约从未承诺不向东扩张。", "美方说北约从未承诺不向东扩张", "俄方称北约曾作出保证",
    "克里姆林宫否认两国元首达成任何协议", "两国元首未达成任何协议", "拜登与普京通电话讨论乌克兰局势", "abc", "",
    "马克龙说，俄方保证不会升级局势", "佩斯科夫：俄法之间未达成任何协议", "2月12日，拜登与普京通话一小时",
]


def test_near_duplicate_fast_path_agrees():
    rng = random.Random(7)
    texts = SENTENCES + ["".join(rng.choice("北约承诺东扩张俄方保证协议a1，。") for _ in range(rng.randrange(0, 14)))
                         for _ in range(300)]
    for a in texts:
        for b in texts:
            assert _near(a, b) == near_duplicate(a, b), (a, b)


def test_time_prefilter_never_skips_a_match():
    grammar = Grammar()
    paragraphs = [
        "2022年2月12日，拜登与普京通电话。", "当地时间周六上午10时30分，双方举行会谈。", "三个月前他曾表示",
        "这是一段没有时间的文字。", "每年3月8日", "此前，双方长达一个多小时的通话", "2022-02-12 18:07", "周末",
    ]
    for text in paragraphs:
        fast = [(r.start, r.end, r.pattern) for r in grammar.scan(text)]
        for pat in grammar.patterns:
            pat.need = None
        slow = [(r.start, r.end, r.pattern) for r in grammar.scan(text)]
        grammar = Grammar()
        assert fast == slow, text
    assert any(p.need for p in Grammar().patterns)  # the filter is really in use
