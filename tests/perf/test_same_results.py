"""Speed-ups that must not change results: each fast path agrees with the rule it replaces."""

from __future__ import annotations

import random

from storyline.analyse.time.grammar import Grammar
from storyline.link.disputes.rules import near_duplicate
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


# ---- per-article fast paths: regex scans that visit only the characters the old loops acted on ----
STRESS = [
    "拜登说：“我们不会派兵。”普京表示，俄方（Russia）已回应!他问道?？……”」",
    "ＡＢＣ１２３，北约秘书长斯托尔滕贝格12,000人; 3:30 http://x.cn 2.5亿", "", "。。。", "”」",
    "「引用『内层』结束」\"ascii\" 未闭合“", "a" * 50 + "；" + "b" * 5,
]


def _old_norm(n, text: str) -> str:
    chars = list(n.simplified(text))
    for i, ch in enumerate(chars):
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            chars[i] = chr(code - 0xFEE0)
        elif ch in n.punct:
            prev, nxt = (text[i - 1] if i > 0 else ""), (text[i + 1] if i + 1 < len(chars) else "")
            if ch in n.keep_digits and prev.isdigit() and nxt.isdigit():
                continue
            if ch == ":" and text.startswith("//", i + 1):
                continue
            chars[i] = n.punct[ch]
    return "".join(chars)


def _old_sentences(n, norm: str) -> list:
    spans, start, i = [], 0, 0
    while i < len(norm):
        if norm[i] in n.final:
            j = i + 1
            while j < len(norm) and norm[j] in n.final:
                j += 1
            while j < len(norm) and norm[j] in n.closers:
                j += 1
            n._add(spans, norm, start, j)
            start = i = j
            continue
        i += 1
    n._add(spans, norm, start, len(norm))
    return spans


def _texts() -> list[str]:
    rng = random.Random(11)
    alphabet = "北约普京说。！？；…”」』’）》】\"'“「『（(),:;?!１２ＡａＺ3４ 　拜登，：、"
    return STRESS + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(400)]


def test_normaliser_fast_paths_agree():
    from storyline.clean.normalise import Normaliser

    n = Normaliser()
    for text in _texts():
        assert n.norm(text) == _old_norm(n, text), text
        assert n.sentences(text) == _old_sentences(n, text), text


def test_grammar_scans_agree():
    from storyline.extract.events.grammar import CLAUSE_BREAKS, QUOTE_PAIRS, Grammar

    def old_clauses(norm, start, end):
        out, s = [], start
        for i in range(start, end):
            if norm[i] in CLAUSE_BREAKS:
                if i > s:
                    out.append((s, i))
                s = i + 1
        if s < end:
            out.append((s, end))
        return out

    closers = {c: o for o, c in QUOTE_PAIRS.items()}

    def old_quotes(norm):
        stacks, pairs = {}, []
        for i, ch in enumerate(norm):
            if ch == '"':
                st = stacks.setdefault('"', [])
                pairs.append((st.pop(), i)) if st else st.append(i)
            elif ch in QUOTE_PAIRS:
                stacks.setdefault(ch, []).append(i)
            elif ch in closers and stacks.get(closers[ch]):
                pairs.append((stacks[closers[ch]].pop(), i))
        out = []
        for o, c in sorted(pairs):
            if not (out and o < out[-1][1]):
                out.append((o, c))
        return out

    for text in _texts():
        assert Grammar.clauses(text, 0, len(text)) == old_clauses(text, 0, len(text)), text
        assert Grammar.clauses(text, 2, max(2, len(text) - 1)) == old_clauses(text, 2, max(2, len(text) - 1))
        assert [(q.open, q.close) for q in Grammar.quotes(text)] == old_quotes(text), text
    g = Grammar()
    for norm in _texts():
        for pos in range(len(norm) + 1):  # the indexed marker lookup == the longest marker ending at pos
            old = next(((k, pos - len(w)) for w, k in g.markers if pos - len(w) >= 0 and norm.startswith(w, pos - len(w))), ("", pos))
            assert g.marker_before(norm, pos) == old


def test_boilerplate_alternation_agrees():
    from storyline.clean.build import Cleaner

    c = Cleaner()
    texts = _texts() + ["责任编辑：王明", "（编辑/李华：）", "原文链接：http://x", "未经授权，不得转载", "版权所有", "完",
                        "（全文完）", "##", "分享到：微博", "来源：新华社", "作者：张三", "本文系独家稿件，不得转载"]
    for text in texts:
        assert c.is_boilerplate(text) == any(rx.search(text) for rx in c.drop), text
    assert any(c.is_boilerplate(t) for t in texts)


def test_cue_and_trigger_jumps_skip_nothing():
    """The scans jump to characters that start a word; with a class matching every character
    (the old per-character loop) the hits are the same."""
    import re

    from storyline.extract.events.lexicon import TriggerLexicon
    from storyline.extract.quotes.speakers import CueLexicon

    sentences = SENTENCES + ["普京表示，俄方与美方举行会谈并签署协议。", "据塔斯社报道，佩斯科夫否认双方达成协议。",
                             "拜登对记者说，美国将对俄罗斯实施制裁。", "“我们不会入侵。”他强调。"]
    lex, cues = TriggerLexicon(), CueLexicon()
    fast = [([(h.start, h.end) for h in lex.scan(s, 0, len(s), lambda p, s=s: (0, len(s)))],
             [(h.start, h.end) for h in cues.scan(s, 0, len(s), lambda p: False)]) for s in sentences]
    lex._first = cues._first = re.compile(".", re.S)
    slow = [([(h.start, h.end) for h in lex.scan(s, 0, len(s), lambda p, s=s: (0, len(s)))],
             [(h.start, h.end) for h in cues.scan(s, 0, len(s), lambda p: False)]) for s in sentences]
    assert fast == slow
    assert any(t for t, _ in fast) and any(c for _, c in fast)


def _random_claims(rng: random.Random, n: int) -> list:
    from storyline.link.disputes.rules import Statement

    base = ["北约从未承诺不向东扩张", "克里姆林宫否认两国元首达成任何协议", "拜登与普京通电话讨论乌克兰局势",
            "马克龙说俄方保证不会升级局势", "哈哈哈哈哈哈哈哈"]
    out = []
    for i in range(n):
        text = rng.choice(base)
        if rng.random() < 0.7:  # edits, cuts and extensions: near and not-so-near variants
            chars = list(text)
            for _ in range(rng.randrange(0, 6)):
                chars[rng.randrange(len(chars))] = rng.choice("北约承诺东扩张俄方保证协议普京")
            text = "".join(chars)[rng.randrange(0, 4):] + "".join(rng.choice("局势会谈") for _ in range(rng.randrange(0, 8)))
        day = f"2022-02-{rng.randrange(1, 28):02d}" if rng.random() < 0.9 else None
        out.append(Statement(
            kind="quote", id=f"q{i}", key=f"q{i:03d}", by_id=None, by_name=rng.choice("ABC"),
            side=rng.choice([None, "俄罗斯", "美国"]), text=text, date=day, article_id=f"a{i % 40:02d}",
            paragraph=i % 5, outlet=None, counter=False, terms=frozenset(), concepts=frozenset(),
            about=frozenset(), start=i))
    return out


def test_near_claims_prefix_filter_finds_every_near_pair():
    """The dispute graph's prefix-filtered look-up gives exactly the pairs a brute-force scan of
    every pair gives (same camp, within the window or in one article, near-identical text)."""
    from datetime import date

    from storyline.link.disputes.graph import WINDOW_DAYS, DisputeGraph
    from storyline.link.disputes.rules import DisputeLexicon

    lex = DisputeLexicon()
    rng = random.Random(11)
    claims = _random_claims(rng, 240)
    graph = DisputeGraph(lex)
    by_article: dict[str, list] = {}
    for s in claims:
        by_article.setdefault(s.article_id, []).append(s)
    for aid in sorted(by_article):
        graph.add_article(aid, by_article[aid])

    def close(a, b) -> bool:
        if a.article_id == b.article_id:
            return True
        if not a.date or not b.date:
            return False
        return abs((date.fromisoformat(a.date) - date.fromisoformat(b.date)).days) <= WINDOW_DAYS

    def same_camp(a, b) -> bool:
        return a.by_name == b.by_name or bool(a.side and lex.same_camp(a.side, b.side)) \
            or bool(b.side and lex.same_camp(b.side, a.side))

    brute = {(a.key, b.key) for a in claims for b in claims
             if a.key != b.key and close(a, b) and same_camp(a, b) and _near(a.text, b.text)}
    found = {(k, n) for k, ns in graph.adj.items() for n in ns}
    assert len(brute) > 100  # the generator really makes near pairs
    assert found == brute
