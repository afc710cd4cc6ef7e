"""Search index: segmentation, bigram recall, filters, highlights in the original text, re-ingest."""

from __future__ import annotations

import pytest

from storyline.store import open_store, search, writer
import fixture_store


@pytest.fixture
def store(tmp_path):
    db = fixture_store.build(tmp_path / "s.db")
    s = open_store(str(db))
    yield s
    s.close()


def texts(page):
    return [h["snippet"] for h in page.hits]


def test_word_query_finds_sentence_and_highlights_original_offsets(store):
    page = search.search(store, "通电话")
    assert page.total >= 1
    hit = next(h for h in page.hits if h["kind"] == "sentence")
    assert hit["article_id"] == "a_call" and hit["paragraph"] == 0
    para = fixture_store.ARTICLES[0][4][0]
    (s, e), = hit["highlights"]
    assert para[s:e] == "通电话"


def test_all_terms_must_match(store):
    assert search.search(store, "佩斯科夫 否认").total >= 1
    assert all("否认" in t for t in texts(search.search(store, "佩斯科夫 否认")))
    assert search.search(store, "佩斯科夫 火星").total == 0


def test_bigrams_recall_a_name_inside_a_longer_word(store):
    # "斯科" is not a jieba word of any indexed text, only bigrams can find it
    page = search.search(store, "斯科")
    assert page.total >= 2
    assert all("斯科" in t for t in texts(page))


def test_traditional_query_matches_simplified_text(store):
    page = search.search(store, "協議")
    assert page.total >= 1 and "协议" in page.hits[0]["snippet"]


def test_filters(store):
    assert {h["outlet"] for h in search.search(store, "佩斯科夫", search.SearchFilters(outlet="环球观察")).hits} == {"环球观察"}
    assert search.search(store, "佩斯科夫", search.SearchFilters(date_from="2022-02-10")).total >= 1
    assert all(h["published"] >= "2022-02-10" for h in
               search.search(store, "佩斯科夫", search.SearchFilters(date_from="2022-02-10")).hits)
    assert search.search(store, "佩斯科夫", search.SearchFilters(date_to="2022-02")).total >= 1
    assert search.search(store, "佩斯科夫", search.SearchFilters(date_to="2022-01")).total == 0
    quotes = search.search(store, "协议", search.SearchFilters(kind="quote"))
    assert quotes.total == 1 and quotes.hits[0]["quote_id"]
    by_entity = search.search(store, "双方", search.SearchFilters(entity_ids=["e_putin"]))
    assert [h["paragraph"] for h in by_entity.hits] == [0]
    assert search.search(store, "双方", search.SearchFilters(entity_ids=[])).total == 0
    consult = search.search(store, "双方", search.SearchFilters(event_type="CONSULT"))
    assert [(h["article_id"], h["paragraph"]) for h in consult.hits] == [("a_call", 0)]


@pytest.mark.parametrize("evil", ['"', "' OR 1=1 --", "NEAR(普京 拜登)", "普京*", "a:b", "\"\" OR \"\"", "^普京"])
def test_query_syntax_is_never_interpreted(store, evil):
    page = search.search(store, evil)
    assert page.total >= 0  # no exception from the engine
    for hit in page.hits:
        assert hit["highlights"]


def test_reindexing_an_article_does_not_double_it(store):
    before = search.search(store, "通电话").total
    doc = fixture_store._docs()[0]
    with store.transaction():
        writer.write_annotations(store, doc)
        writer.write_annotations(store, doc)
    assert search.search(store, "通电话").total == before
    with store.transaction():
        writer.delete_annotations(store, "a_call")
    assert search.search(store, "通电话").total == 0


def test_reindex_rebuilds_from_stored_articles(store):
    expected = search.search(store, "佩斯科夫").total
    store.execute("DROP TABLE search_fts")
    assert search.search(store, "佩斯科夫").note
    assert search.reindex(store) == 3
    assert search.search(store, "佩斯科夫").total == expected


def test_long_span_snippet_keeps_highlight_offsets(store):
    long_text = "无关的铺垫文字。" * 0 + "甲" * 400 + "关键词出现在这里"
    doc = fixture_store._docs()[2]
    doc.paragraphs[0].text = doc.paragraphs[0].norm = long_text
    doc.paragraphs[0].sentences = []
    with store.transaction():
        writer.write_annotations(store, doc)
    hit = search.search(store, "关键词").hits[0]
    assert len(hit["snippet"]) <= search.SNIPPET
    (s, e), = hit["highlights"]
    assert long_text[s:e] == "关键词"
