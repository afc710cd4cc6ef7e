"""Disputes do not depend on how articles are batched: all at once, one by one in either order,
or with an article replaced, the stored disputes are the same (our own news-style sentences)."""

from __future__ import annotations

import json

from storyline.link.disputes import DisputeLinker
from storyline.store import open_store

from .conftest import Builder

ARTICLES = {
    "a1": (["法国外长勒德里昂3日称，俄方已经承诺在谈判期间暂停炮击马里乌波尔。"], "2022-03-03",
           [(0, "俄方已经承诺在谈判期间暂停炮击马里乌波尔", "勒德里昂", "e_ledrian", "assert")]),
    "a2": (["勒德里昂4日再次表示，俄方已经承诺在谈判期间暂停炮击马里乌波尔。"], "2022-03-04",
           [(0, "俄方已经承诺在谈判期间暂停炮击马里乌波尔", "勒德里昂", "e_ledrian", "assert")]),
    "b1": (["扎哈罗娃5日驳斥说，莫斯科从未承诺暂停任何行动，是法方理解错了。"], "2022-03-05",
           [(0, "莫斯科从未承诺暂停任何行动，是法方理解错了", "扎哈罗娃", "e_zakharova", "deny")]),
    "b2": (["拉夫罗夫6日说，俄方从未作出暂停炮击的承诺，这一说法不实。"], "2022-03-06",
           [(0, "俄方从未作出暂停炮击的承诺，这一说法不实", "拉夫罗夫", "e_lavrov", "deny")]),
    "c1": (["布林肯7日称，美国已经收到了莫斯科的书面答复。", "克里姆林宫表示，俄方尚未发出书面答复，是美方搞错了。"],
           "2022-03-07", [(0, "美国已经收到了莫斯科的书面答复", "布林肯", "e_blinken", "assert"),
                          (1, "俄方尚未发出书面答复，是美方搞错了", "克里姆林宫", None, "assert")]),
    "far": (["扎哈罗娃说，莫斯科从未承诺暂停炮击马里乌波尔，法方理解错了。"], "2022-05-20",
            [(0, "莫斯科从未承诺暂停炮击马里乌波尔，法方理解错了", "扎哈罗娃", "e_zakharova", "deny")]),
}


def _add(build: Builder, aid: str) -> None:
    paragraphs, published, quotes = ARTICLES[aid]
    doc = build.article(aid, paragraphs, published, "报")
    for para, text, speaker, eid, stance in quotes:
        build.quote(doc, para, text, speaker, eid, stance=stance)


def _run(path, batches: list[list[str]]) -> list[dict]:
    store = open_store(str(path))
    try:
        build, linker = Builder(store), DisputeLinker(store)
        for batch in batches:
            for aid in batch:
                _add(build, aid)
            build.write()
            for aid in batch:
                linker.note(aid)
            with store.transaction():
                linker.flush()
            linker = DisputeLinker(store)  # a new run: the graph is recovered from the store
        return [json.loads(r["record"]) for r in store.rows("SELECT record FROM disputes ORDER BY id")]
    finally:
        store.close()


def test_same_disputes_whatever_the_batches(tmp_path):
    ids = sorted(ARTICLES)
    at_once = _run(tmp_path / "once.db", [ids])
    assert len(at_once) == 2  # the pause-shelling claim (two reports) and the written reply
    shelling = next(d for d in at_once if d["claim"]["by"]["name"] == "勒德里昂")
    assert sorted(m["article_id"] for m in shelling["mentions"] if m["role"] == "claim") == ["a1", "a2"]
    assert {m["article_id"] for m in shelling["mentions"] if m["role"] == "counter"} == {"b1", "b2"}
    assert _run(tmp_path / "one.db", [[a] for a in ids]) == at_once
    assert _run(tmp_path / "rev.db", [[a] for a in reversed(ids)]) == at_once
    assert _run(tmp_path / "mixed.db", [["b2", "far"], ["c1", "a2"], ["b1", "a1"]]) == at_once


def test_replacing_an_article_gives_the_same_disputes(tmp_path):
    ids = sorted(ARTICLES)
    at_once = _run(tmp_path / "once.db", [ids])
    store = open_store(str(tmp_path / "once.db"))
    try:
        linker = DisputeLinker(store)
        with store.transaction():
            linker.forget("b1")  # b1 re-ingested: taken out, then linked again
            linker.note("b1")
            linker.flush()
        again = [json.loads(r["record"]) for r in store.rows("SELECT record FROM disputes ORDER BY id")]
    finally:
        store.close()
    assert again == at_once


def test_the_stored_statements_of_a_span_are_found_by_their_day(store, build):
    from datetime import date

    from storyline.link.disputes import DisputeLinker

    dates = {"t1": "2022-01-20T10:00:00+08:00", "t2": "2022-01", "t3": "2022-01-21", "t4": "2021-12-31",
             "t5": None}  # t5: no date of its own; its article was published 2022-01-20
    for aid, value in dates.items():
        doc = build.article(aid, ["他表示，会谈取得了进展。"], "2022-01-20" if value is None else "2022-03-01")
        build.quote(doc, 0, "会谈取得了进展", "他", None, date=value)
    build.write()
    linker = DisputeLinker(store)
    linker.link_all()
    found = linker.state.articles_dated(date(2022, 1, 5).toordinal(), date(2022, 1, 20).toordinal())
    # a statement's day: its own date's day, else its article's publication day (a bare month has none)
    assert found == {"t1", "t5"}
