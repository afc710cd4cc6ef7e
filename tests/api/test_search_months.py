"""Month tokens: the date pre-filter FTS5 applies inside the match (storyline.store.search_months)."""

from __future__ import annotations

import sqlite3

import pytest

from storyline.store import search
from storyline.store.search_months import MONTHS_SQL, month_tokens, range_tokens

from .test_search_window import FILTERS, _wanted, store  # noqa: F401  (the 40-article fixture)


def test_tokens_of_a_publication_date():
    assert month_tokens("2022-02-12") == month_tokens("2022-02-12T08:00:00+08:00") == month_tokens("2022-02") == "m202202"
    assert month_tokens("2022") == "y2022"
    assert month_tokens(None) == month_tokens("") == ""


def test_sql_tokens_match_python_tokens():
    conn = sqlite3.connect(":memory:")
    for value in ("2022-02-12", "2022-02-12T08:00:00+08:00", "2021-12", "2022", None, ""):
        got = conn.execute(f"SELECT {MONTHS_SQL} FROM (SELECT ? AS published) AS a", (value,)).fetchone()[0]
        assert got == month_tokens(value), value


def test_range_tokens():
    assert range_tokens("2021-12-20", "2022-02-03") == ["m202112", "m202201", "m202202", "y2021", "y2022"]
    assert range_tokens("2022", "2022")[:2] == ["m202201", "m202202"] and len(range_tokens("2022", "2022")) == 13
    assert range_tokens("2022-02-01", None) is None and range_tokens(None, "2022-02") is None  # open ranges
    assert range_tokens("2022-03-01", "2022-02-01") is None
    assert range_tokens("2000-01-01", "2030-12-31") is None  # too long to be worth an OR list


@pytest.mark.parametrize("filters", FILTERS)
def test_date_search_with_months_finds_exactly_the_filtered_matches(store, filters, monkeypatch):  # noqa: F811
    with_months = search.search(store, "谈判", filters, limit=500)
    assert {h["article_id"] for h in with_months.hits} and with_months.total == len(_wanted(store, filters))
    monkeypatch.setattr("storyline.store.search_query.range_tokens", lambda *_: None)
    without = search.search(store, "谈判", filters, limit=500)
    assert [(h["article_id"], h["start"], h["score"]) for h in with_months.hits] == \
        [(h["article_id"], h["start"], h["score"]) for h in without.hits]


def test_an_index_made_before_months_is_rebuilt_on_the_next_write(store):  # noqa: F811
    narrow = search.SearchFilters(date_from="2022-02-01", date_to="2022-02-28")
    before = search.search(store, "谈判", narrow, limit=500)
    with store.transaction():  # as an older storyline made it: no months column
        store.execute("DROP TABLE search_fts")
        store.execute("CREATE VIRTUAL TABLE search_fts USING fts5(words, grams, tokenize = 'unicode61')")
        store.execute("INSERT INTO search_fts (rowid, words, grams) SELECT id, words, grams FROM search_units")
    old = search.search(store, "谈判", narrow, limit=500)  # still answers, testing each match
    assert [h["start"] for h in old.hits] == [h["start"] for h in before.hits]
    with store.transaction():
        search.FtsBackend().ensure(store)
    assert "months" in store.scalar("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
    assert store.scalar("SELECT COUNT(*) FROM search_fts") == store.scalar("SELECT COUNT(*) FROM search_units")
    after = search.search(store, "谈判", narrow, limit=500)
    assert [(h["article_id"], h["start"], h["score"]) for h in after.hits] == \
        [(h["article_id"], h["start"], h["score"]) for h in before.hits]


def test_the_engine_applies_the_month_tokens(store, monkeypatch):  # noqa: F811
    feb = search.SearchFilters(date_from="2022-02-01", date_to="2022-02-28")
    assert search.search(store, "谈判", feb).total > 0
    monkeypatch.setattr("storyline.store.search_query.range_tokens", lambda *_: ["m199901"])
    assert search.search(store, "谈判", feb).total == 0  # a month nobody published in: nothing passes
