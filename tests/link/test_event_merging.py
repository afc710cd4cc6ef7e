"""Cross-document event merging, on hand-built docs (our own sentences)."""

from __future__ import annotations

from storyline.link.events import EventLinker, dates_compatible, modes_compatible
from storyline.model import Actor, Article, Doc, EventMention, Paragraph
from storyline.store import open_store


def make_doc(aid: str, outlet: str, published: str, sentence: str, mentions: list[EventMention]) -> Doc:
    art = Article(id=aid, path=aid, source_key=aid, format="text", outlet=outlet, title=None, author=None,
                  published=published, published_inferred=False, url=None, language="zh-Hans",
                  paragraphs=[sentence])
    doc = Doc(article=art, paragraphs=[Paragraph(0, sentence, sentence)])
    doc.events = mentions
    return doc


def call(text: str, date: str | None, status: str = "occurred", mode: str = "phone") -> EventMention:
    return EventMention(
        paragraph=0, start=0, end=len(text), text=text, type="CONSULT", trigger="通电话", trigger_start=0,
        trigger_end=3, mode=mode, status=status, date=date,
        actors=[Actor("拜登", "participant", entity_id="e_biden"), Actor("普京", "participant", entity_id="e_putin")],
    )


def link_all(store, docs) -> EventLinker:
    linker = EventLinker(store)
    with store.transaction():
        for doc in docs:
            linker.link_doc(doc, lambda eid: {"e_biden": "拜登", "e_putin": "普京"}.get(eid))
        linker.flush()
    return linker


def events(store) -> list[dict]:
    import json

    return [json.loads(r["record"]) for r in store.rows("SELECT record FROM events ORDER BY id")]


def test_rules():
    assert dates_compatible("2022-02-12", "2022-02-13")
    assert not dates_compatible("2022-02-12", "2022-02-15")
    assert dates_compatible("2022-02", "2022-02-12") and not dates_compatible("2022-03", "2022-02-12")
    assert modes_compatible("meeting", "video") and modes_compatible("visit", "meeting")
    assert not modes_compatible("phone", "meeting") and not modes_compatible("phone", "video")


def test_reports_from_two_outlets_become_one_event(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    a = make_doc("a1", "甲报", "2022-02-13", "拜登12日与普京通电话。", [call("拜登12日与普京通电话", "2022-02-12")])
    b = make_doc("b1", "乙报", "2022-02-13", "美俄两国总统周六通话。", [call("美俄两国总统周六通话", "2022-02-12")])
    link_all(store, [a, b])
    (ev,) = events(store)
    assert ev["date"] == "2022-02-12" and ev["outlets"] == ["乙报", "甲报"]
    assert len(ev["mentions"]) == 2 and ev["summary"] == "拜登与普京通电话"
    assert a.events[0].event_id == b.events[0].event_id == ev["id"]


def test_repeated_sentence_does_not_inflate_mentions(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    text = "拜登12日与普京通电话"
    link_all(store, [make_doc("a1", "甲报", "2022-02-13", text, [call(text, "2022-02-12"), call(text, "2022-02-12")])])
    (ev,) = events(store)
    assert len(ev["mentions"]) == 1 and ev["repeats"] == 1


def test_planned_then_occurred_is_one_event_with_history(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    plan = make_doc("a1", "甲报", "2022-02-10", "两人将于12日通电话。", [call("两人将于12日通电话", "2022-02-12", "planned")])
    done = make_doc("b1", "乙报", "2022-02-13", "两人12日通电话。", [call("两人12日通电话", "2022-02-12")])
    link_all(store, [plan, done])
    (ev,) = events(store)
    assert ev["status"] == "occurred"
    assert [h["status"] for h in ev["history"]] == ["planned", "occurred"]


def test_different_channel_or_distant_date_stays_apart(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    docs = [
        make_doc("a1", "甲报", "2022-02-13", "x", [call("拜登12日与普京通电话", "2022-02-12")]),
        make_doc("b1", "乙报", "2021-12-08", "y", [call("拜登7日与普京视频会晤", "2021-12-07", mode="video")]),
        make_doc("c1", "丙报", "2022-02-13", "z", [call("拜登与普京12日举行会谈", "2022-02-12", mode="meeting")]),
    ]
    link_all(store, docs)
    assert len(events(store)) == 3


def test_forgetting_an_article_removes_only_its_reports(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    a = make_doc("a1", "甲报", "2022-02-13", "x", [call("拜登12日与普京通电话", "2022-02-12")])
    b = make_doc("b1", "乙报", "2022-02-13", "y", [call("美俄总统12日通话", "2022-02-12")])
    link_all(store, [a, b])
    # the event index that `forget` reads is the event_mentions table, written by the store
    with store.transaction():
        for doc in (a, b):
            store.execute("INSERT INTO event_mentions (id, article_id, paragraph, start_pos, end_pos, text, type, actors, "
                          "event_id) VALUES (?,?,?,?,?,?,?,?,?)",
                          (doc.article.id, doc.article.id, 0, 0, 1, "t", "CONSULT", "[]", doc.events[0].event_id))
    linker = EventLinker(store)
    with store.transaction():
        linker.forget("a1")
        linker.flush()
    (ev,) = events(store)
    assert [m["article_id"] for m in ev["mentions"]] == ["b1"] and ev["outlets"] == ["乙报"]
    linker = EventLinker(store)
    with store.transaction():
        linker.forget("b1")
        linker.flush()
    assert events(store) == []
    assert store.scalar("SELECT COUNT(*) FROM event_actors") == 0


def directed(text: str, sources: list[str], status: str = "occurred") -> EventMention:
    return EventMention(
        paragraph=0, start=0, end=len(text), text=text, type="REQUEST", trigger="呼吁", trigger_start=0,
        trigger_end=2, status=status, date="2022-02-12",
        actors=[Actor(s, "source", entity_id="e_" + s) for s in sources],
    )


def test_directed_events_need_the_same_sources_and_do_not_snowball(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    docs = [
        make_doc("a1", "甲报", "2022-02-13", "x", [directed("英国、日本呼吁本国公民离开", ["英国", "日本"])]),
        make_doc("b1", "乙报", "2022-02-13", "y", [directed("英国呼吁本国公民离开", ["英国"])]),
        make_doc("c1", "丙报", "2022-02-13", "z", [directed("英国、日本再次呼吁公民撤离", ["英国", "日本"])]),
    ]
    link_all(store, docs)
    evs = events(store)
    assert sorted(len(e["mentions"]) for e in evs) == [1, 2]
    assert all(len(e["actors"]) <= 2 for e in evs)


def test_denied_or_hypothetical_never_merges_with_occurred(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    docs = [
        make_doc("a1", "甲报", "2022-02-13", "x", [call("拜登12日与普京通电话", "2022-02-12")]),
        make_doc("b1", "乙报", "2022-02-13", "y", [call("克宫否认两人12日通电话", "2022-02-12", "denied")]),
        make_doc("c1", "丙报", "2022-02-13", "z", [call("如果需要两人12日会通电话", "2022-02-12", "conditional")]),
    ]
    link_all(store, docs)
    assert sorted(e["status"] for e in events(store)) == ["conditional", "denied", "occurred"]


def test_a_later_ingest_reads_only_the_stored_events_a_mention_can_join(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    link_all(store, [make_doc("a1", "甲报", "2022-02-13", "拜登12日与普京通电话。", [call("拜登12日与普京通电话", "2022-02-12")]),
                     make_doc("b1", "乙报", "2022-03-21", "拜登20日与普京通电话。", [call("拜登20日与普京通电话", "2022-03-20")])])
    feb, mar = (e["id"] for e in sorted(events(store), key=lambda e: e["date"]))
    linker = EventLinker(store)  # a new ingest: nothing in memory
    with store.transaction():
        linker.link_doc(make_doc("c1", "丙报", "2022-02-14", "两人13日通话。", [call("两人13日通话", "2022-02-13")]), lambda e: None)
        assert feb in linker.loaded and mar not in linker.loaded  # dated: only events within a day were read
        linker.link_doc(make_doc("d1", "丁报", "2022-03-30", "两人3月通话。", [call("两人3月通话", "2022-03")]), lambda e: None)
        linker.flush()
    by_id = {e["id"]: e for e in events(store)}
    assert set(by_id) == {feb, mar}
    assert [m["article_id"] for m in by_id[feb]["mentions"]] == ["a1", "c1"]
    assert [m["article_id"] for m in by_id[mar]["mentions"]] == ["b1", "d1"]  # month-precise: the whole key was read


def raid(text: str, sources: list[str]) -> EventMention:
    return EventMention(
        paragraph=0, start=0, end=len(text), text=text, type="COERCE", trigger="搜查", trigger_start=0,
        trigger_end=2, status="occurred", date="2021-12-29",
        actors=[Actor(s, "source", entity_id="e_" + s) for s in sources] + [Actor("某网媒", "target", entity_id="e_媒")],
    )


def test_a_report_without_the_agent_joins_the_one_that_names_it(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    docs = [
        make_doc("a1", "甲报", "2021-12-29", "x", [raid("警方搜查某网媒", ["警方"])]),
        make_doc("b1", "乙报", "2021-12-29", "y", [raid("某网媒遭到搜查", [])]),  # passive: no source named
        make_doc("c1", "丙报", "2021-12-29", "z", [raid("海关搜查某网媒", ["海关"])]),  # another agent: another event
    ]
    link_all(store, docs)
    assert sorted(len(e["mentions"]) for e in events(store)) == [1, 2]


def test_a_visit_summary_never_has_the_place_visit_itself(tmp_path):
    linker = EventLinker(open_store(str(tmp_path / "s.db")))
    event = {"type": "CONSULT", "mode": "visit", "status": "occurred", "location": "基辅", "mentions": [
        {"text": "英国首相约翰逊访问基辅，会见泽连斯基", "paragraph": 0, "start": 0}],
        "actors": [{"name": "基辅", "role": "participant"}, {"name": "约翰逊", "role": "participant"},
                   {"name": "泽连斯基", "role": "participant"}]}
    assert linker.summary(event) == "约翰逊访问基辅，与泽连斯基会谈"
    event["actors"] = event["actors"][:2]  # no partner but the place: the reporting clause instead
    assert "基辅访问基辅" not in linker.summary(event) and "与基辅" not in linker.summary(event)


def test_a_visit_summary_without_a_source_leads_with_the_first_named(tmp_path):
    # the actors come in consensus order (support, then id): the text says who travelled
    linker = EventLinker(open_store(str(tmp_path / "s.db")))
    event = {"type": "CONSULT", "mode": "visit", "status": "occurred", "location": "东京", "mentions": [
        {"text": "德国外长贝尔伯克抵达东京，与日本外相会谈", "paragraph": 0, "start": 0}],
        "actors": [{"name": "日本", "role": "participant"}, {"name": "德国", "role": "participant"}]}
    assert linker.summary(event) == "德国访问东京，与日本会谈"
