"""Date tokens: the date filter FTS5 applies inside the match (storyline.store.search.dates)."""

from __future__ import annotations

import sqlite3

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.store import search
from storyline.store.search.query import _article_filter
from storyline.store.search.dates import DATES_SQL, date_tokens, range_tokens

from .test_search_window import FILTERS, _wanted, store  # noqa: F401  (the 40-article fixture)


def test_tokens_of_a_publication_date():
    assert date_tokens("2022-02-12") == date_tokens("2022-02-12T08:00:00+08:00") == "d20220212 m202202"
    assert date_tokens("2022-02") == "p202202" and date_tokens("2022") == "y2022"
    assert date_tokens(None) == date_tokens("") == ""


def test_sql_tokens_match_python_tokens():
    conn = sqlite3.connect(":memory:")
    for value in ("2022-02-12", "2022-02-12T08:00:00+08:00", "2021-12", "2022", None, ""):
        got = conn.execute(f"SELECT {DATES_SQL} FROM (SELECT ? AS published) AS a", (value,)).fetchone()[0]
        assert got == date_tokens(value), value


def test_range_tokens():
    assert range_tokens("2022-02-01", "2022-02-28") == ["m202202"]  # a whole month: one token
    assert range_tokens("2022-02", "2022-02") == ["m202202", "p202202"]  # ... and month-only dates of it
    assert range_tokens("2022-02-27", "2022-03") == ["m202203", "d20220227", "d20220228", "p202203"]
    assert range_tokens("2022-02-01", None) is None and range_tokens(None, "2022-02") is None  # open ranges
    assert range_tokens("2022-03-01", "2022-02-01") == []
    assert range_tokens("2000-01-01", "2030-12-31") is None  # too long to be worth an OR list
    assert range_tokens("2022-13", "2023") is None


_DAYS = st.dates(min_value=date(2019, 11, 1), max_value=date(2022, 3, 31))
_PUBLISHED = st.one_of(st.none(), _DAYS.map(str), _DAYS.map(lambda d: f"{d}T08:30:00+08:00"),
                       _DAYS.map(lambda d: str(d)[:7]), _DAYS.map(lambda d: str(d)[:4]))
_BOUND = st.tuples(_DAYS, st.sampled_from([4, 7, 10])).map(lambda t: str(t[0])[:t[1]])


@settings(max_examples=300, deadline=None)
@given(published=st.lists(_PUBLISHED, min_size=1, max_size=12), lo=_BOUND, hi=_BOUND)
def test_range_tokens_pick_exactly_what_the_date_filter_keeps(published, lo, hi):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, published TEXT)")
    conn.executemany("INSERT INTO articles (published) VALUES (?)", [(p,) for p in published])
    where, params = _article_filter(search.SearchFilters(date_from=lo, date_to=hi))
    kept = {r[0] for r in conn.execute(f"SELECT id FROM articles WHERE {where}", params)}
    tokens = set(range_tokens(lo, hi))
    by_tokens = {n + 1 for n, p in enumerate(published) if tokens & set(date_tokens(p).split())}
    assert by_tokens == kept


@pytest.mark.parametrize("filters", FILTERS)
def test_date_search_with_dates_finds_exactly_the_filtered_matches(store, filters, monkeypatch):  # noqa: F811
    with_dates = search.search(store, "谈判", filters, limit=500)
    assert {h["article_id"] for h in with_dates.hits} and with_dates.total == len(_wanted(store, filters))
    monkeypatch.setattr("storyline.store.search.query.range_tokens", lambda *_: None)
    without = search.search(store, "谈判", filters, limit=500)
    assert [(h["article_id"], h["start"], h["score"]) for h in with_dates.hits] == \
        [(h["article_id"], h["start"], h["score"]) for h in without.hits]


def test_an_index_made_before_date_tokens_is_rebuilt_on_the_next_write(store):  # noqa: F811
    narrow = search.SearchFilters(date_from="2022-02-01", date_to="2022-02-28")
    before = search.search(store, "谈判", narrow, limit=500)
    with store.transaction():  # as an older storyline made it: no dates column
        store.execute("DROP TABLE search_fts")
        store.execute("CREATE VIRTUAL TABLE search_fts USING fts5(words, grams, tokenize = 'unicode61')")
        store.execute("INSERT INTO search_fts (rowid, words, grams) SELECT id, words, grams FROM search_units")
    old = search.search(store, "谈判", narrow, limit=500)  # still answers, testing each match
    assert [h["start"] for h in old.hits] == [h["start"] for h in before.hits]
    with store.transaction():
        search.FtsBackend().ensure(store)
    assert "dates" in store.scalar("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
    assert store.scalar("SELECT COUNT(*) FROM search_fts") == store.scalar("SELECT COUNT(*) FROM search_units")
    after = search.search(store, "谈判", narrow, limit=500)
    assert [(h["article_id"], h["start"], h["score"]) for h in after.hits] == \
        [(h["article_id"], h["start"], h["score"]) for h in before.hits]


def test_the_engine_applies_the_date_tokens(store, monkeypatch):  # noqa: F811
    feb = search.SearchFilters(date_from="2022-02-01", date_to="2022-02-28")
    assert search.search(store, "谈判", feb).total > 0
    monkeypatch.setattr("storyline.store.search.query.range_tokens", lambda *_: ["m199901"])
    assert search.search(store, "谈判", feb).total == 0  # a month nobody published in: nothing passes
