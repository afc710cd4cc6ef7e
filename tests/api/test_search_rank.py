"""The window's own bm25 (store.search_rank) against FTS5's bm25() on an index small enough for
exact document counts, and the estimate it makes on a larger one."""

from __future__ import annotations

import pytest

from storyline.store import open_store, search
from storyline.store.search import rank as search_rank

SENTENCES = [
    "停火谈判在日内瓦举行，双方代表继续磋商。",
    "外交部发言人表示，谈判没有结果，谈判还将继续。",
    "乌克兰总统泽连斯基会见美国国务卿布林肯。",
    "俄罗斯外交部发言人扎哈罗娃否认了这一说法。",
    "乌克兰东部局势紧张，乌克兰军队进入戒备状态。",
    "双方就边境局势举行了会谈，会谈持续三个小时。",
    "布林肯说，美国将继续支持乌克兰的主权。",
    "代表团当天抵达首都，随后举行停火谈判。",
    "Biden and Putin spoke by phone; 拜登与普京通话五十分钟。",
    "普京说，拜登的说法不对，普京随后离开，Biden declined to comment.",
]
QUERIES = ["谈判", "乌克兰", "外交部 发言人", "乌", "拜登 普京", "停火 谈判", "biden"]


def _store(path, copies: int):
    s = open_store(str(path))
    backend, tok = search.FtsBackend(), search.tokenizer()
    with s.transaction():
        backend.ensure(s)
        for i in range(copies):
            aid = f"a{i:03d}"
            published = f"2022-0{1 + i % 3}-{1 + i % 28:02d}"
            s.execute("INSERT INTO articles (id, source_key, path, format, outlet, title, published, paragraphs, "
                      "content_hash) VALUES (?,?,?,?,?,?,?,?,?)",
                      (aid, aid, f"/x/{aid}.txt", "text", "甲报", None, published, "[]", aid))
            texts = [SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 4)]
            units = [search.Unit(aid, "sentence", p, 0, len(t), t, tok.normalise(t)) for p, t in enumerate(texts)]
            backend.add(s, units, tok, published)
    return s


@pytest.fixture
def store(tmp_path):
    s = _store(tmp_path / "r.db", 30)
    yield s
    s.close()


def _fts_bm25(store, expr: str) -> dict[int, float]:
    return {r["rowid"]: r["s"] for r in store.rows(
        "SELECT rowid, bm25(search_fts, 1.0, 0.5, 0.0) AS s FROM search_fts WHERE search_fts MATCH ?", (expr,))}


@pytest.mark.parametrize("query", QUERIES)
def test_scores_equal_fts5_bm25_on_a_small_index(store, query):
    terms = search.parse_query(query, search.tokenizer())
    expected = _fts_bm25(store, search.FtsBackend.expression(terms))
    assert expected, query  # every query matches something in the fixture
    phrases = [p for options in search.FtsBackend.clauses(terms) for p in options]
    ours = dict((span, score) for score, span in search_rank.scores(store, phrases, sorted(expected)))
    assert ours.keys() == expected.keys()
    for span, score in expected.items():
        assert ours[span] == pytest.approx(score, rel=1e-9, abs=1e-12), (query, span)
    assert len(set(round(v, 9) for v in expected.values())) > 1  # the ranking orders something


def test_a_date_filter_adds_no_score(store):
    """Date tokens filter (weight 0.0) but count in a span's length, as in bm25()."""
    terms = search.parse_query("谈判", search.tokenizer())
    dates = search.range_tokens("2022-02-01", "2022-02-28")
    expr = f"({search.FtsBackend.expression(terms)}) AND dates : ({' OR '.join(dates)})"
    expected = _fts_bm25(store, expr)
    phrases = [p for options in search.FtsBackend.clauses(terms) for p in options]
    ours = {span: score for score, span in search_rank.scores(store, phrases, sorted(expected))}
    assert expected and all(ours[k] == pytest.approx(v, rel=1e-9) for k, v in expected.items())


def test_match_pages_follow_the_scores(store):
    backend = search.FtsBackend()
    terms = search.parse_query("乌克兰", search.tokenizer())
    total, rows = backend.match(store, terms, "", [], 500, 0)
    bm25 = _fts_bm25(store, backend.expression(terms))
    assert total == len(bm25) == len(rows)
    assert [r["id"] for r in rows] == [k for _, k in sorted((v, k) for k, v in bm25.items())]
    assert [r["id"] for r in backend.match(store, terms, "", [], 3, 2)[1]] == [r["id"] for r in rows[2:5]]


def test_document_counts_are_estimated_from_the_newest_rows(tmp_path, monkeypatch):
    s = _store(tmp_path / "big.db", 120)
    try:
        terms = search.parse_query("谈判", search.tokenizer())
        phrase = search.FtsBackend.clauses(terms)[0][0]
        rows, _ = search_rank._totals(s)
        newest = int(s.scalar("SELECT MAX(rowid) FROM search_fts"))
        assert rows == newest  # nothing replaced: the rowids are the rows
        exact = search_rank._document_count(s, phrase, newest)
        assert exact == len(_fts_bm25(s, phrase.fts()))
        monkeypatch.setattr(search_rank, "SAMPLE", newest // 2)
        sampled_hits = s.scalar("SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ? AND rowid > ?",
                                (phrase.fts(), newest - newest // 2))
        estimate = search_rank._document_count(s, phrase, newest)
        assert estimate == pytest.approx(sampled_hits * newest / (newest // 2))
        assert abs(estimate - exact) / exact < 0.25  # the fixture repeats evenly: a fair estimate
    finally:
        s.close()


def test_varints_read_sqlite_encoding():
    assert search_rank._varints(bytes([0x05, 0x81, 0x00, 0x7F])) == [5, 128, 127]
    assert search_rank._varints(bytes([0xFF] * 8 + [0x01])) == [(2**56 - 1) << 8 | 1]
    assert search_rank._size(bytes([0x05, 0x81, 0x00, 0x7F])) == 260 and search_rank._size(bytes([3, 4])) == 7


@pytest.mark.parametrize("tokens, prefix, text, count", [
    (("普京",), False, "普京 说 ， 普京人 普京", 2),  # whole tokens only
    (("乌克", "克兰"), False, "乌克 克兰 兰东 乌克 克兰", 2),
    (("哈哈", "哈哈"), False, "哈哈 哈哈 哈哈", 2),  # overlapping instances count, as in FTS5
    (("乌",), True, "乌克 克兰 东乌", 1),  # a prefix starts a token
    (("u.s",), False, "u s u.s. us", 2),  # punctuation separates tokens
    (("，",), False, "， ，", None),  # no token at all: nothing to match
])
def test_phrase_counter_counts_token_instances(tokens, prefix, text, count):
    counter = search_rank.Phrase("words", tokens, prefix).counter()
    assert (None if counter is None else len(counter.findall(text))) == count
