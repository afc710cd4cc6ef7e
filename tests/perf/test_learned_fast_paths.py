"""The speed paths of the entity tagger and the learned extract stage give what the plain computation gives.

The tagger's hash table maps keys to given values (the weight rows themselves); the packed Viterbi
decodes many clauses of different lengths side by side exactly as one at a time; the quote ranker's
per-quote context counts the heads between a candidate and the quote as the per-candidate scan did.
"""

from __future__ import annotations

import numpy as np

from storyline.analyse.entities.tagger import LABELS, KeyTable, Tagger, constrain
from storyline.extract.events.grammar import Head
from storyline.extract.learned.speakers import QuoteContext
from storyline.model import Article, Doc, Paragraph, Quote


def test_key_table_maps_keys_to_the_values_given():
    rng = np.random.default_rng(11)
    keys = np.unique(rng.integers(0, 1 << 62, 3000, dtype=np.int64))
    vals = rng.integers(0, 1 << 40, len(keys), dtype=np.int64)
    table = KeyTable(keys, vals, -7)
    queries = np.concatenate([keys[::2], rng.integers(0, 1 << 62, 1500, dtype=np.int64), keys[1::5]])
    want = dict(zip(keys.tolist(), vals.tolist()))
    assert table.rows(queries).tolist() == [want.get(q, -7) for q in queries.tolist()]


def test_many_clauses_of_different_lengths_decode_as_each_alone():
    rng = np.random.default_rng(2)
    trans = rng.normal(0, 1.5, (len(LABELS), len(LABELS))).astype(np.float32)
    t = Tagger.__new__(Tagger)
    t.trans = constrain(trans)
    t.trans_t = np.ascontiguousarray(t.trans.T)
    lengths = [int(x) for x in rng.integers(1, 40, 60)]
    sep = np.zeros(sum(lengths) + len(lengths) - 1, dtype=bool)
    sep[np.cumsum([n + 1 for n in lengths])[:-1] - 1] = True
    em = rng.normal(0, 2, (len(sep), len(LABELS))).astype(np.float32)
    whole = t.decode(em, sep).tolist()
    pos, alone = 0, []
    for n in lengths:
        alone += t.decode(em[pos:pos + n], np.zeros(n, dtype=bool)).tolist() + [0]
        pos += n + 1
    assert whole == alone[:-1]


def _head(start: int, end: int, name: str) -> Head:
    return Head(start, end, start, name, "PERSON", None)


def test_quote_context_counts_the_heads_between_as_a_scan():
    text = "张三说李四和王五认为“我们会继续谈判”，赵六也表示支持。"
    art = Article(id="a", path="a", source_key="a", format="text", outlet=None, title=None, author=None,
                  published=None, published_inferred=False, url=None, language="zh-Hans", paragraphs=[text])
    doc = Doc(article=art, paragraphs=[Paragraph(0, text, text)])
    q = Quote(paragraph=0, start=11, end=18, text=text[11:18], cue="认为", direct=True, stance="assert",
              speaker_name="王五")
    heads = [_head(0, 2, "张三"), _head(3, 5, "李四"), _head(6, 8, "王五"), _head(20, 22, "赵六")]
    heads.append(heads[1])  # the very same object twice: both are the candidate itself
    heads.append(_head(3, 5, "李四"))  # an equal but distinct head is another head
    ctx = QuoteContext(doc, q, heads)
    for h in heads + [_head(9, 10, "外")]:
        for lo in range(0, 24, 3):
            for hi in range(0, 24, 2):
                scan = sum(1 for o in heads if o is not h and lo <= o.start < hi)
                assert ctx.between(h, lo, hi) == scan, (h.name, lo, hi)
    assert ctx.cue_at == text.rfind("认为", 0, 11)


def test_binary_predict_is_the_general_softmax():
    import math

    from storyline.extract.learned.linear import LinearModel

    weights = {"a": [0.25, -0.5], "b": [1.5, 1.5], "c": [-2.0, 0.125], "d": [0.0, 0.0]}
    model = LinearModel(["0", "1"], [0.1, -0.1], weights)
    for feats in (["a"], ["b"], ["c", "a"], ["d"], [], ["x", "b", "c"], ["a", "a", "c"]):
        s = model.scores(feats)
        top = max(range(2), key=s.__getitem__)
        want = (model.classes[top], 1.0 / sum(math.exp(v - s[top]) for v in s))
        assert model.predict(feats) == want
    tie = LinearModel(["no", "yes"], [0.0, 0.0], {})
    assert tie.predict([]) == ("no", 0.5)  # equal scores: the first class, as max() picks it
