"""Cached dispute statements dropped because a speaker's record changed (dispute_cache
`speakers_changed`) are built again while the writer waits for the workers (Linker.idle), not
by link_all after the last batch, when the writer works alone; the disputes are the same as
when link_all builds them. Our own sentences on hand-built docs (tests/story/conftest.py)."""

from __future__ import annotations

import json

from storyline.ingest import Summary, _store_doc
from storyline.link.dedup import Deduper
from storyline.link.linker import Linker
from storyline.store import linked, open_store
from tests.story.conftest import ENTITIES, Builder
from tests.story.test_linker_hooks import _Registry

RENAMED = {**ENTITIES[0], "name": "让-伊夫·勒德里昂", "country": "法国"}  # e_ledrian's record names him otherwise


def _docs(build: Builder) -> list:
    a = build.article("a1", ["法国外长勒德里昂3日对记者称，俄方已经承诺在谈判期间暂停炮击马里乌波尔。"], "2022-03-03", "甲报")
    build.mention(a, 0, "勒德里昂", "e_ledrian")
    build.mention(a, 0, "俄方", "e_russia", "GPE")
    build.quote(a, 0, "俄方已经承诺在谈判期间暂停炮击马里乌波尔", "法国外长勒德里昂", "e_ledrian")
    b = build.article("b1", ["俄外交部发言人扎哈罗娃4日驳斥说，莫斯科从未承诺暂停任何行动，是法方理解错了。"], "2022-03-04", "乙报")
    build.mention(b, 0, "扎哈罗娃", "e_zakharova")
    build.quote(b, 0, "莫斯科从未承诺暂停任何行动，是法方理解错了", "扎哈罗娃", "e_zakharova", stance="deny")
    return [a, b]


def _run(path, monkeypatch, ahead_after_rename: bool):
    store = open_store(str(path))
    with store.transaction():
        linked.save_entities(store, ENTITIES)
    linker = Linker(store)
    linker.entities = _Registry()
    with store.transaction():
        for doc in _docs(Builder(store)):
            _store_doc(store, doc, Deduper(), linker, Summary())
        linker.flush()
    while linker.idle():  # both built and cached ahead
        pass
    with store.transaction():  # a later batch saves e_ledrian under another name (Linker.flush)
        linker.disputes.entities_saved([RENAMED])
        linked.save_entities(store, [RENAMED], recount=False)
    cached = {r["article_id"] for r in store.rows("SELECT article_id FROM dispute_statements")}
    calls = 0
    if ahead_after_rename:
        while linker.idle():
            calls += 1
    built_in_finish: list[str] = []
    original = type(linker.disputes).claims_and_counters

    def spy(self, article_ids):
        built_in_finish.extend(article_ids)
        return original(self, article_ids)

    monkeypatch.setattr(type(linker.disputes), "claims_and_counters", spy)
    linker.finish()
    monkeypatch.undo()
    disputes = [json.loads(r["record"]) for r in store.rows("SELECT record FROM disputes ORDER BY id")]
    store.close()
    return disputes, cached, built_in_finish, calls


def test_statements_dropped_by_a_renamed_speaker_are_built_again_ahead(tmp_path, monkeypatch):
    plain, cached_plain, built_plain, _ = _run(tmp_path / "plain.db", monkeypatch, False)
    ahead, cached_ahead, built_ahead, calls = _run(tmp_path / "ahead.db", monkeypatch, True)
    assert cached_plain == cached_ahead == {"b1"}  # a1's row went with the old name
    assert [(d["claim"]["by"]["name"], d["counter"]["by"]["name"]) for d in plain] == [("让-伊夫·勒德里昂", "扎哈罗娃")]
    assert ahead == plain
    assert built_plain == ["a1"]
    assert calls == 1 and built_ahead == []  # built while waiting: link_all builds nothing
