"""PostgreSQL full-text search (tsvector backend) finds the same spans as SQLite FTS5.

Our own news-style sentences; each query is run on both backends and the hit sets compared,
plus checks that hostile query text is data, not tsquery syntax.
"""

from __future__ import annotations

import pytest

from storyline.model import Article, Doc, Paragraph, Sentence
from storyline.store import open_store
from storyline.store import search
from storyline.store.search.pg import TsvectorBackend

ARTICLES = [
    ("a1", "观察者网", "2022-02-21", "普京与马克龙通电话", [
        "俄罗斯总统普京周一与法国总统马克龙通电话，双方讨论了乌克兰东部局势。",
        "克里姆林宫发言人佩斯科夫表示，会谈是坦率的。马克龙称将继续斡旋。",
    ]),
    ("a2", "大纪元", "2022-02-22", "布林肯会见拉夫罗夫", [
        "美国国务卿布林肯在日内瓦会见俄罗斯外长拉夫罗夫。",
        "拉夫罗夫说，俄方不会接受北约继续东扩。",
    ]),
    ("a3", "大纪元", "2022-03-01", None, [
        "泽连斯基呼吁西方国家向乌克兰提供更多援助。",
    ]),
]


def _doc(aid, outlet, published, title, paras) -> Doc:
    art = Article(id=aid, path=f"{aid}.md", source_key=f"/x/{aid}", format="text", outlet=outlet, title=title,
                  author=None, published=published, published_inferred=False, url=None, language="zh-Hans",
                  paragraphs=paras, content_hash=aid)
    doc = Doc(article=art, paragraphs=[])
    for i, text in enumerate(paras):
        spans = search.split_sentences(text)
        doc.paragraphs.append(Paragraph(i, text, text, [Sentence(s, e) for s, e in spans]))
    return doc


def _fill(target: str):
    from storyline.store import writer

    store = open_store(target)
    backend = TsvectorBackend() if store.dialect == "postgres" else search.FtsBackend()
    tok = search.tokenizer()
    with store.transaction():
        backend.ensure(store)
        for spec in ARTICLES:
            doc = _doc(*spec)
            writer.upsert_article(store, doc.article)
            backend.add(store, search.doc_units(doc, tok), tok, doc.article.published)
    return store, backend


def _hits(store, backend, query: str, **filters) -> list[tuple]:
    tok = search.tokenizer()
    terms = search.parse_query(query, tok)
    where, params = search._filters_sql(store, search.SearchFilters(**filters))
    total, rows = backend.match(store, terms, where, params, 50, 0)
    assert total == len(rows)
    hits = [search._hit(r, terms) for r in rows]
    return sorted((h["article_id"], h["kind"], h["paragraph"], h["start"], tuple(map(tuple, h["highlights"])))
                  for h in hits)


QUERIES = [
    ("马克龙", {}),
    ("拉夫罗夫", {}),
    ("普京 乌克兰", {}),
    ("乌克兰", {"outlet": "大纪元"}),
    ("俄罗斯", {"date_from": "2022-02-22"}),
    ("佩斯", {}),  # part of a name: found through bigrams
    ("援", {}),  # one character
    ("北约东扩", {}),  # no such phrase: nothing
]


@pytest.mark.parametrize("query,filters", QUERIES)
def test_pg_search_matches_sqlite_fts(pg_url, tmp_path, query, filters):
    pg, pg_backend = _fill(pg_url)
    lite, lite_backend = _fill(str(tmp_path / "s.db"))
    expected = _hits(lite, lite_backend, query, **filters)
    assert _hits(pg, pg_backend, query, **filters) == expected
    if query != "北约东扩":
        assert expected, "the sample text contains every other query"


def test_pg_ranks_best_match_first_and_survives_hostile_input(pg_url):
    store, backend = _fill(pg_url)
    tok = search.tokenizer()
    terms = search.parse_query("马克龙", tok)
    _, rows = backend.match(store, terms, "", [], 10, 0)
    assert rows[0]["article_id"] == "a1" and rows[0]["score"] < 0
    for hostile in ["' | !", "a\\' <-> b", "普京' & '", ":* (", "%_"]:
        _hits(store, backend, hostile)  # must not raise
    store.close()


def test_unindex_removes_spans(pg_url):
    store, backend = _fill(pg_url)
    with store.transaction():
        backend.remove(store, "a2")
    assert _hits(store, backend, "拉夫罗夫") == []
    assert backend.exists(store)
