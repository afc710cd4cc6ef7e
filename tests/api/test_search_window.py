"""Search on a larger index: the bm25 ranking window, exact totals, and the two ways of applying
an outlet/date filter (per match, or against the filtered articles' span set) agreeing exactly."""

from __future__ import annotations

import pytest

from storyline.store import open_store, search

OUTLETS = ["甲报", "乙网"]
FILLER = ["双方就边境局势举行了会谈", "外交部发言人在例行记者会上回答提问", "代表团当天抵达首都"]


def _published(i: int) -> str:
    return f"2022-{1 + i % 3:02d}-{1 + i % 28:02d}"


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "w.db"))
    backend, tok = search.FtsBackend(), search.tokenizer()
    with s.transaction():
        backend.ensure(s)
        for i in range(40):
            aid = f"a{i:02d}"
            s.execute("INSERT INTO articles (id, source_key, path, format, outlet, title, published, paragraphs, "
                      "content_hash) VALUES (?,?,?,?,?,?,?,?,?)",
                      (aid, aid, f"/x/{aid}.txt", "text", OUTLETS[i % 2], None, _published(i), "[]", aid))
            texts = [FILLER[i % 3], "停火谈判" + "，双方代表继续磋商" * (i % 5) + "。", FILLER[(i + 1) % 3]]
            if i % 4 == 0:
                texts.append("谈判没有结果。")
            units = [search.Unit(aid, "sentence", p, 0, len(t), t, tok.normalise(t)) for p, t in enumerate(texts)]
            backend.add(s, units, tok, _published(i))
    yield s
    s.close()


def _match(store, backend, filters, unit_set=None, limit=500, offset=0):
    terms = search.parse_query("谈判", search.tokenizer())
    where, params = search._filters_sql(store, filters, unit_set)
    return backend.match(store, terms, where, params, limit, offset)


def _wanted(store, filters: search.SearchFilters) -> set[int]:
    """Span ids that should match, computed without the engine."""
    rows = store.rows("SELECT u.id, u.text, a.outlet, a.published FROM search_units u JOIN articles a ON a.id = u.article_id")
    return {r["id"] for r in rows if "谈判" in r["text"]
            and (not filters.outlet or r["outlet"] == filters.outlet)
            and (not filters.date_from or r["published"][:len(filters.date_from)] >= filters.date_from)
            and (not filters.date_to or r["published"][:len(filters.date_to)] <= filters.date_to)}


FILTERS = [search.SearchFilters(), search.SearchFilters(outlet="乙网"), search.SearchFilters(date_from="2022-02-01"),
           search.SearchFilters(date_from="2022-02", date_to="2022-02"), search.SearchFilters(date_to="2022-01-15"),
           search.SearchFilters(outlet="甲报", date_from="2022-03-01", date_to="2022-03-31")]


@pytest.mark.parametrize("filters", FILTERS)
def test_both_filter_plans_give_the_exact_matches_in_the_same_order(store, filters):
    backend = search.FtsBackend()
    per_match = _match(store, backend, filters)
    by_set = _match(store, backend, filters, unit_set=backend.unit_id)
    assert per_match == by_set
    total, rows = per_match
    assert total == len(rows) == len(_wanted(store, filters)) and {r["id"] for r in rows} == _wanted(store, filters)
    scores = [(r["score"], r["id"]) for r in rows]
    assert scores == sorted(scores)


def test_ranking_window_keeps_the_total_and_says_so(store):
    full_total, full = _match(store, search.FtsBackend(), search.SearchFilters())
    assert full_total == 50 and search.FtsBackend().note is None
    small = search.FtsBackend(window=8)
    total, page = _match(store, small, search.SearchFilters(), limit=5)
    assert total == full_total and small.note and "50" in small.note
    recent = sorted((r["id"] for r in full), reverse=True)[:8]
    assert [r["id"] for r in page] == [r["id"] for r in full if r["id"] in recent][:5]
    deeper_total, deeper = _match(store, small, search.SearchFilters(), limit=5, offset=20)  # the window follows the page
    assert deeper_total == 50 and len(deeper) == 5
    assert _match(store, small, search.SearchFilters(), limit=5, offset=60) == (50, [])


def test_total_stops_counting_at_the_cap_and_says_so(store):
    capped = search.FtsBackend(window=8, cap=20)
    total, page = _match(store, capped, search.SearchFilters(), limit=5)
    assert (total, capped.exact) == (20, False) and "20+ matches" in capped.note and len(page) == 5
    roomy = search.FtsBackend(window=8, cap=50)  # exactly at the cap: still exact
    assert _match(store, roomy, search.SearchFilters(), limit=5)[0] == 50 and roomy.exact
    filtered = search.FtsBackend(window=8, cap=20)  # 乙网's 20 matches: all counted
    assert _match(store, filtered, search.SearchFilters(outlet="乙网"), limit=5)[0] == len(
        _wanted(store, search.SearchFilters(outlet="乙网"))) and filtered.exact


def test_search_page_and_api_say_when_the_total_is_a_lower_bound(store, monkeypatch):
    from fastapi.testclient import TestClient

    from storyline.serve.api import create_app

    monkeypatch.setattr(search.backends, "RANK_WINDOW", 8)
    monkeypatch.setattr(search.backends, "COUNT_CAP", 20)
    page = search.search(store, "谈判")
    assert (page.total, page.exact, len(page.hits)) == (20, False, 20)
    body = TestClient(create_app(store.target)).get("/api/search", params={"q": "谈判", "limit": 5}).json()
    assert (body["total"], body["total_exact"]) == (20, False)
    narrow = TestClient(create_app(store.target)).get("/api/search", params={"q": "谈判", "outlet": "乙网"}).json()
    assert (narrow["total"], narrow["total_exact"]) == (20, True)


def test_search_picks_the_span_set_for_a_selective_filter_only(store):
    backend = search.FtsBackend()
    terms = search.parse_query("谈判", search.tokenizer())
    narrow = search.SearchFilters(date_from="2022-01-01", date_to="2022-01-01")  # 1 article, 1-2 matches of 50
    assert search._unit_set(store, backend, terms, narrow) == backend.unit_id
    assert search._unit_set(store, backend, terms, search.SearchFilters(outlet="甲报")) is None  # 20 articles
    assert search._unit_set(store, backend, terms, search.SearchFilters()) is None
    page = search.search(store, "谈判", narrow)
    assert page.total == len(_wanted(store, narrow)) >= 1 and {h["published"] for h in page.hits} == {"2022-01-01"}
