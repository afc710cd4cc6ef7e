"""Shared steps of the writer-side linking tests (tests/story, tests/perf): store hand-built docs
through one Linker as the ingest's writer does, then run `Linker.finish` while counting the
articles whose dispute statements it still has to build (the work left to the tail)."""

from __future__ import annotations

import json

from storyline.ingest import Summary, _store_doc
from storyline.link.dedup import Deduper
from storyline.link.linker import Linker
from storyline.store import linked, open_store

from .conftest import ENTITIES, Builder


class NoEntities:
    """Knows no entity, whichever way the Linker asks (by id lookup or through `entities`)."""

    def __init__(self) -> None:
        self.dirty: set = set()
        self.entities: dict = {}

    def link_doc(self, doc, date=None) -> None:
        pass

    def uncount(self, mentions_by_entity) -> None:
        pass

    def get(self, entity_id):
        return None

    def to_records(self):
        return []


def claim_and_denial(build: Builder) -> list:
    """A French claim (a1) and the Russian denial of it a day later in another outlet (b1)."""
    a = build.article("a1", ["法国外长勒德里昂3日对记者称，俄方已经承诺在谈判期间暂停炮击马里乌波尔。"], "2022-03-03", "甲报")
    build.mention(a, 0, "勒德里昂", "e_ledrian")
    build.mention(a, 0, "俄方", "e_russia", "GPE")
    build.quote(a, 0, "俄方已经承诺在谈判期间暂停炮击马里乌波尔", "法国外长勒德里昂", "e_ledrian")
    b = build.article("b1", ["俄外交部发言人扎哈罗娃4日驳斥说，莫斯科从未承诺暂停任何行动，是法方理解错了。"], "2022-03-04", "乙报")
    build.mention(b, 0, "扎哈罗娃", "e_zakharova")
    build.quote(b, 0, "莫斯科从未承诺暂停任何行动，是法方理解错了", "扎哈罗娃", "e_zakharova", stance="deny")
    return [a, b]


def stored(path, make_docs):
    """A store at `path` holding the docs `make_docs(Builder)` builds, linked and flushed; the
    store, its Linker and the Builder (to edit a doc later)."""
    store = open_store(str(path))
    with store.transaction():
        linked.save_entities(store, ENTITIES)
    linker = Linker(store)
    linker.entities = NoEntities()
    build = Builder(store)
    with store.transaction():
        for doc in make_docs(build):
            _store_doc(store, doc, Deduper(), linker, Summary())
        linker.flush()
    return store, linker, build


def finish(store, linker, monkeypatch) -> tuple[list[dict], list[str]]:
    """Run `Linker.finish`; the disputes stored, and the articles whose statements it built."""
    built: list[str] = []
    original = type(linker.disputes).claims_and_counters

    def spy(self, article_ids):
        built.extend(article_ids)
        return original(self, article_ids)

    monkeypatch.setattr(type(linker.disputes), "claims_and_counters", spy)
    linker.finish()
    monkeypatch.undo()
    disputes = [json.loads(r["record"]) for r in store.rows("SELECT record FROM disputes ORDER BY id")]
    store.close()
    return disputes, built
