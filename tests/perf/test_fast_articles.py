"""Per-article speed-ups must not change results: each fast path against the simple rule it replaces,
on our own sentences and, when /work/shared is present, on real paragraphs of the corpus."""

from __future__ import annotations

import pickle
import random
import re
from pathlib import Path

import pytest
from datasketch import MinHash

from storyline.analyse.entities.cluster import leftmost_longest
from storyline.analyse.entities.resources import trie_pattern
from storyline.analyse.time.grammar import Grammar, _book_title_spans, _book_title_spans_simple
from storyline.analyse.time.prefilter import with_first_chars
from storyline.link.dedup import NUM_PERM, SCHEME, SHINGLE, Deduper, Signature, _NOISE
from storyline.model import Sentence, Token

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

OWN = [
    "2022年2月12日，拜登与普京通电话。", "当地时间周六上午10时30分，双方举行会谈。", "三个月前他曾表示",
    "这是一段没有时间的文字。", "每年3月8日", "此前，双方长达一个多小时的通话", "2022-02-12 18:07", "周末",
    "《星期日报》周日报道，过去两周里", "北京时间2月24日凌晨5时，普京宣布", "未来几天内，约3.5亿人", "",
    "今年一月初至三月底", "《纽约时报》》《《华盛顿邮报》", "上个月20日至25日", "12:30", "他已连任两届，为期五年",
]


def _corpus_paragraphs(limit_files: int = 40) -> list[str]:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        return []
    from storyline.pipeline import Pipeline

    pipe = Pipeline()
    out: list[str] = []
    for path in sorted(p for p in corpus.rglob("*") if p.is_file())[:limit_files]:
        for doc in pipe.process_file(path, str(path)).docs:
            out += [p.norm for p in doc.paragraphs]
    return out


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    return OWN + _corpus_paragraphs()


def test_first_char_lookahead_keeps_every_match(paragraphs):
    grammar = Grammar()
    wrapped = [p for p in grammar.patterns if p.regex.pattern.startswith("(?=[")]
    assert wrapped  # the lookahead is really in use
    for pat in wrapped:
        source = pat.regex.pattern
        plain = re.compile(source[source.index("])(?:") + 5:-1])
        for text in paragraphs:
            fast = [(m.span(), m.groupdict()) for m in pat.regex.finditer(text)]
            slow = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
            assert fast == slow, (pat.name, text)


def test_with_first_chars_leaves_other_patterns_alone():
    assert with_first_chars("每年(?P<m>[0-9])月") == "每年(?P<m>[0-9])月"  # re has a prefix already
    assert with_first_chars("(?:a)?.b") == "(?:a)?.b"  # any-char: first character unknown
    assert with_first_chars("(?:a)?(?:b|c)") == "(?=[abc])(?:(?:a)?(?:b|c))"
    assert with_first_chars("(?<![0-9])(?:[1-3]年|今天)") == "(?=[1-3今])(?:(?<![0-9])(?:[1-3]年|今天))"


def test_book_titles_find_agrees_with_character_loop(paragraphs):
    rng = random.Random(3)
    texts = paragraphs + ["".join(rng.choice("《》星期日报a") for _ in range(rng.randrange(0, 12))) for _ in range(500)]
    for text in texts:
        assert _book_title_spans(text) == _book_title_spans_simple(text), text


def test_leftmost_longest_agrees_with_trie_regex(paragraphs):
    rng = random.Random(5)
    names = ["扎哈罗娃", "扎哈", "罗娃", "佩斯科夫", "科夫", "北约", "北约组织", "约"]
    texts = paragraphs[:400] + ["".join(rng.choice("扎哈罗娃佩斯科夫北约组织，") for _ in range(rng.randrange(0, 20)))
                                for _ in range(400)]
    for k in range(1, len(names) + 1):
        words = sorted(names[:k])
        pat = re.compile(trie_pattern(words))
        for text in texts:
            assert leftmost_longest(words, text) == [m.span() for m in pat.finditer(text)], (words, text)


def _reference_signature(paragraphs: list[str]) -> tuple[int, ...]:
    """The signature spelt out one shingle at a time in Python integers: each distinct shingle's
    polynomial hash (base 16777619, modulo 2**32), fed to datasketch's default scheme."""
    text = _NOISE.sub("", "".join(paragraphs))
    shingles = {text[i:i + SHINGLE] for i in range(max(1, len(text) - SHINGLE + 1))}
    hashes = set()
    for sh in shingles:
        h = 0
        for ch in sh:
            h = (h * 16_777_619 + ord(ch)) % 2**32
        hashes.add(h)
    mh = MinHash(num_perm=NUM_PERM, seed=7, hashfunc=int)
    mh.update_batch(sorted(hashes))
    return tuple(int(v) for v in mh.hashvalues)


def test_minhash_signature_is_the_per_shingle_reference(paragraphs):
    deduper = Deduper()
    docs = [[], [""], ["短"], ["四个字符"], OWN, paragraphs[:30], paragraphs[30:200], ["ab🙂é 12"]]
    for paras in docs:
        assert deduper.signature(paras).values == _reference_signature(paras)


def _jaccard(a: str, b: str) -> float:
    a, b = _NOISE.sub("", a), _NOISE.sub("", b)  # what the signature sees
    sa = {a[i:i + SHINGLE] for i in range(len(a) - SHINGLE + 1)}
    sb = {b[i:i + SHINGLE] for i in range(len(b) - SHINGLE + 1)}
    return len(sa & sb) / len(sa | sb)


def test_minhash_estimate_tracks_exact_jaccard():
    """Over many pairs (a text and an edited copy of it), the signature's estimate stays within
    sampling error of the exact shingle Jaccard: the shingle hash does not bias it."""
    rng = random.Random(3)
    deduper = Deduper()
    pool = "".join(OWN) + "俄罗斯乌克兰外交部发言人表示双方将继续举行会谈北约东扩安全保障美国总统国务卿"
    errors = []
    for _ in range(200):
        base = "".join(rng.choice(pool) for _ in range(400))
        copy = list(base)
        for _ in range(rng.randrange(0, 60)):
            copy[rng.randrange(len(copy))] = rng.choice(pool)
        copy = "".join(copy)
        estimate = deduper.signature([base]).similarity(deduper.signature([copy]))
        errors.append(estimate - _jaccard(base, copy))
    mean = sum(errors) / len(errors)
    assert abs(mean) < 0.02, mean  # unbiased: 200 pairs of 64 permutations, sd of the mean ~0.004
    assert max(map(abs, errors)) < 0.25


def test_signatures_of_two_schemes_never_match():
    deduper = Deduper()
    sig = deduper.signature(OWN)
    assert Signature.loads(sig.dumps()) == sig and sig.dumps().startswith(f"{SCHEME}:")
    legacy = Signature.loads(",".join(map(str, sig.values)))  # a stored value from before schemes
    assert legacy.scheme == 1 and legacy.values == sig.values
    assert sig.similarity(legacy) == 0.0 and sig.similarity(sig) == 1.0
    assert not set(sig.bands()) & set(legacy.bands())


def test_slotted_tokens_pickle_and_compare():
    tok, sent = Token(0, 2, "拜登", "nr"), Sentence(0, 5)
    assert pickle.loads(pickle.dumps(tok)) == tok and pickle.loads(pickle.dumps(sent)) == sent
    assert not hasattr(tok, "__dict__")


def test_org_suffix_lookup_agrees_with_regex(paragraphs):
    from storyline.analyse.entities import EntityRecognizer

    rec = EntityRecognizer()
    finder, regex = rec.detector.orgs, rec.patterns.org_suffix
    rng = random.Random(11)
    words = [w for text in paragraphs[:300] for w in re.findall(r"[\u4e00-\u9fff]{1,6}", text)]
    words += ["", "大学", "北京大学", "研究中心\n", "党", "共产党", "a公司", "委员会x"]
    words += ["".join(rng.choice("北京大学研究中心委员会党公司") for _ in range(rng.randrange(1, 7))) for _ in range(500)]
    for w in words:
        m = regex.search(w)
        assert finder.suffix(w) == (m.group() if m else None), w


def test_descriptor_jump_agrees_with_scan_of_every_position(paragraphs):
    from storyline.extract.quotes.speakers import Candidate, CueLexicon

    cues = CueLexicon()

    def simple(norm: str, lo: int, hi: int) -> list[Candidate]:  # the old loop: every noun at every position
        out, i = [], lo
        while i < hi:
            noun = next((n for n in cues.nouns if norm.startswith(n, i) and i + len(n) <= hi), None)
            if noun is None:
                i += 1
                continue
            end = i + len(noun)
            start = cues._extend_left(norm, lo, i, [])
            if start < i or noun in ("消息人士", "知情人士", "分析人士"):
                out.append(Candidate(start, end, norm[start:end]))
            i = end
        return out

    texts = paragraphs + ["美国官员说", "知情人士称，消息人士", "外交官员和专家", "发言人", "一名高级官员"]
    assert any(simple(t, 0, len(t)) for t in texts)  # the test really sees descriptors
    for text in texts:
        for lo, hi in ((0, len(text)), (1, max(1, len(text) - 2))):
            assert cues.descriptors(text, text, lo, hi, []) == simple(text, lo, hi), text


def test_remembered_quote_spans_equal_fresh_ones(paragraphs):
    from storyline.extract.events.grammar import Grammar as EventGrammar

    grammar = EventGrammar()
    for text in paragraphs + ["“他说：‘不。’”她说", "\"a\" \"b", "「引用『内层』」"]:
        first, again = grammar.quotes_of(text), grammar.quotes_of(text)
        assert first == again == EventGrammar.quotes(text), text
        assert first is not again  # each caller gets its own list


def test_control_byte_count_agrees_with_byte_loop():
    from storyline.read.encoding import looks_binary

    def simple(data: bytes) -> bool:
        head = data
        if not head:
            return False
        controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
        return b"\x00" in head or controls > len(head) * 0.05

    rng = random.Random(13)
    samples = [b"", "拜登说".encode(), bytes(range(256)), b"\x1b[0m" * 40, b"a\x01" * 30 + b"b" * 500]
    samples += [bytes(rng.choice([1, 2, 9, 10, 27, 65, 200]) for _ in range(rng.randrange(1, 300))) for _ in range(300)]
    from storyline.read import encoding

    for data in samples:
        head = data[: encoding.SNIFF]
        assert looks_binary(data) == simple(head), data[:20]


def test_language_without_second_conversion_agrees(paragraphs):
    from storyline.clean.normalise import Normaliser

    n = Normaliser()

    def simple(texts: list[str]) -> str:
        text = "".join(texts)[:6000]
        if not re.search("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]", text):
            return "und"
        to_simp, to_trad = n.t2s.convert(text), n.s2t.convert(text)
        trad = sum(map(str.__ne__, text, to_simp)) if len(to_simp) == len(text) and to_simp != text else 0
        simp = sum(map(str.__ne__, text, to_trad)) if len(to_trad) == len(text) else 0
        return "zh-Hant" if trad > simp else "zh-Hans"

    cases = [paragraphs[i:i + 5] for i in range(0, min(len(paragraphs), 400), 5)]
    cases += [["北約秘書長說，俄羅斯軍隊"], ["abc"], ["发言人說"], ["台灣"], []]
    assert {simple(c) for c in cases} >= {"zh-Hans", "zh-Hant"}
    for texts in cases:
        assert n.language(texts) == simple(texts), texts


def test_anchored_drop_patterns_split_exactly():
    from storyline.clean.build import _anchored

    assert _anchored("^本文系") and _anchored("^(?:a|b)$")
    assert not _anchored("^a|b") and not _anchored("未经授权") and not _anchored("(?:^a)")
