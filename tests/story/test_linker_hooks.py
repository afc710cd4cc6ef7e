"""The ingest writer's path (Linker.link per doc, forget, flush per batch, finish after the
last) drives events, stories and disputes. The entity registry is replaced by a stub: mentions come pre-linked."""

from __future__ import annotations

import json

from storyline.ingest import Summary, _store_doc
from storyline.link.dedup import Deduper
from storyline.link.linker import Linker
from storyline.store import linked

from .conftest import ENTITIES
from .writer_run import NoEntities


def _batch(store, linker, docs):
    summary = Summary()
    stories_before = store.rows("SELECT story_id, event_id FROM story_events ORDER BY event_id")
    with store.transaction():
        for doc in docs:
            _store_doc(store, doc, Deduper(), linker, summary)
        linker.flush()
        # stories and disputes are queued, and wait for finish
        assert store.scalar("SELECT COUNT(*) FROM link_queue WHERE kind = 'story'") > 0
        assert store.scalar("SELECT COUNT(*) FROM link_queue WHERE kind = 'dispute'") == len(docs)
        assert store.rows("SELECT story_id, event_id FROM story_events ORDER BY event_id") == stories_before
    linker.finish()
    assert store.scalar("SELECT COUNT(*) FROM link_queue") == 0
    return summary


def _docs(build, denial: str):
    a = build.article("a1", ["法国外长勒德里昂3日与俄外长拉夫罗夫通电话，勒德里昂称，俄方已经承诺暂停炮击。"], "2022-03-03", "甲报")
    build.quote(a, 0, "俄方已经承诺暂停炮击", "勒德里昂", "e_ledrian")
    build.event(a, 0, "法国外长勒德里昂3日与俄外长拉夫罗夫通电话", "CONSULT",
                [("勒德里昂", "e_ledrian", "participant"), ("拉夫罗夫", "e_lavrov", "participant")], date="2022-03-03",
                mode="phone")
    b = build.article("b1", [f"勒德里昂与拉夫罗夫3日通话后，{denial}"], "2022-03-04", "乙报")
    build.quote(b, 0, denial.split("，", 1)[1].rstrip("。"), "扎哈罗娃", "e_zakharova", stance="deny")
    build.event(b, 0, "勒德里昂与拉夫罗夫3日通话", "CONSULT",
                [("勒德里昂", "e_ledrian", "participant"), ("拉夫罗夫", "e_lavrov", "participant")], date="2022-03-03",
                mode="phone")
    return [a, b]


def test_batch_links_events_stories_and_disputes(store, build):
    with store.transaction():
        linked.save_entities(store, ENTITIES)
    linker = Linker(store)
    linker.entities = NoEntities()
    docs = _docs(build, "扎哈罗娃表示，莫斯科从未承诺暂停任何行动。")
    assert _batch(store, linker, docs).new == 2
    events = [json.loads(r["record"]) for r in store.rows("SELECT record FROM events")]
    assert len(events) == 1 and len(events[0]["mentions"]) == 2  # one call, two reports
    assert events[0]["story_id"] == store.scalar("SELECT id FROM stories")
    disputes = [json.loads(r["record"]) for r in store.rows("SELECT record FROM disputes")]
    assert [(d["claim"]["by"]["name"], d["counter"]["by"]["name"]) for d in disputes] == [("勒德里昂", "扎哈罗娃")]

    # b1 is edited: the denial is gone, so is the dispute; the event keeps its other report
    build.docs = []
    edited = _docs(build, "扎哈罗娃表示，双方同意下周继续通话。")[1]
    edited.article.content_hash = "changed"
    edited.quotes[0].stance = "assert"
    fresh = Linker(store)
    fresh.entities = NoEntities()
    assert _batch(store, fresh, [edited]).updated == 1
    assert store.scalar("SELECT COUNT(*) FROM disputes") == 0
    event = json.loads(store.scalar("SELECT record FROM events"))
    assert len(event["mentions"]) == 2 and event["story_id"]
    assert store.scalar("SELECT COUNT(*) FROM story_events") == 1
