"""The writer's work ahead (Linker.idle -> DisputeLinker.build_ahead): statements built while it
waits for the workers are the ones link_all would build, so the disputes do not change, and
link_all builds none of them again (neither the cached ones nor those with no claim or counter)."""

from __future__ import annotations

import json

from storyline.ingest import Summary, _store_doc
from storyline.link.dedup import Deduper

from .conftest import Builder
from .writer_run import finish, stored


def _docs(build: Builder) -> list:
    a = build.article("a1", ["法国外长勒德里昂3日称，俄方已经承诺暂停炮击。"], "2022-03-03", "甲报")
    build.quote(a, 0, "俄方已经承诺暂停炮击", "勒德里昂", "e_ledrian")
    b = build.article("b1", ["扎哈罗娃4日表示，莫斯科从未承诺暂停任何行动。"], "2022-03-04", "乙报")
    build.quote(b, 0, "莫斯科从未承诺暂停任何行动", "扎哈罗娃", "e_zakharova", stance="deny")
    c = build.article("c1", ["记者问：会谈何时举行？"], "2022-03-04", "丙报")  # a question: no claim, no counter
    build.quote(c, 0, "会谈何时举行？", "记者", None)
    return [a, b, c]


def _run(path, ahead: bool, monkeypatch):
    store, linker, _ = stored(path, _docs)
    calls = 0
    if ahead:
        while linker.idle():
            calls += 1
    cached = {r["article_id"] for r in store.rows("SELECT article_id FROM dispute_statements")}
    disputes, built_in_finish = finish(store, linker, monkeypatch)
    return disputes, cached, built_in_finish, calls


def test_statements_built_ahead_give_the_same_disputes_and_are_not_built_again(tmp_path, monkeypatch):
    plain, cached_plain, built_plain, _ = _run(tmp_path / "plain.db", False, monkeypatch)
    ahead, cached_ahead, built_ahead, calls = _run(tmp_path / "ahead.db", True, monkeypatch)
    assert [(d["claim"]["by"]["name"], d["counter"]["by"]["name"]) for d in plain] == [("勒德里昂", "扎哈罗娃")]
    assert ahead == plain
    assert calls == 1  # three noted articles, one call; the next one finds nothing left
    assert cached_plain == set() and cached_ahead == {"a1", "b1"}  # c1 has nothing to cache
    assert sorted(built_plain) == ["a1", "b1", "c1"]
    assert built_ahead == []  # neither the cached ones nor c1 (remembered as having none)


def test_an_article_replaced_after_it_was_built_ahead_is_built_again(tmp_path, monkeypatch):
    store, linker, build = stored(tmp_path / "s.db", _docs)
    while linker.idle():
        pass
    # c1 is edited into a denial of a1's claim: the row-less "no claim" memory must not hide it
    build.docs = []
    edited = _docs(build)[2]
    edited.paragraphs[0].text = edited.paragraphs[0].norm = "拉夫罗夫5日表示，俄方从未承诺暂停炮击。"
    edited.article.paragraphs = [edited.paragraphs[0].text]
    edited.article.content_hash = "changed"
    edited.quotes = []
    build.quote(edited, 0, "俄方从未承诺暂停炮击", "拉夫罗夫", "e_lavrov", stance="deny")
    with store.transaction():
        _store_doc(store, edited, Deduper(), linker, Summary())
        linker.flush()
    linker.finish()
    counters = sorted(json.loads(r["record"])["counter"]["by"]["name"] for r in store.rows("SELECT record FROM disputes"))
    assert "拉夫罗夫" in counters
    store.close()
