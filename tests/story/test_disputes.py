from __future__ import annotations

import json

from storyline.link.disputes import DisputeLexicon, DisputeLinker


def _disputes(store) -> list[dict]:
    return [json.loads(r["record"]) for r in store.rows("SELECT record FROM disputes ORDER BY id")]


def _claim_and_denial(build):
    a = build.article("a1", ["法国外长勒德里昂3日对记者称，俄方已经承诺在谈判期间暂停炮击马里乌波尔。"], "2022-03-03", "甲报")
    build.mention(a, 0, "勒德里昂", "e_ledrian")
    build.mention(a, 0, "俄方", "e_russia", "GPE")
    build.quote(a, 0, "俄方已经承诺在谈判期间暂停炮击马里乌波尔", "法国外长勒德里昂", "e_ledrian")
    b = build.article("b1", ["俄外交部发言人扎哈罗娃4日驳斥说，莫斯科从未承诺暂停任何行动，是法方理解错了。"], "2022-03-04", "乙报")
    build.mention(b, 0, "扎哈罗娃", "e_zakharova")
    build.quote(b, 0, "莫斯科从未承诺暂停任何行动，是法方理解错了", "扎哈罗娃", "e_zakharova", stance="deny")
    return a, b


def test_denial_in_another_article_contests_the_claim(store, build):
    _claim_and_denial(build)
    build.write()
    linker = DisputeLinker(store)
    linker.note("a1")
    linker.note("b1")
    with store.transaction():
        linker.flush()
    found = _disputes(store)
    assert len(found) == 1
    d = found[0]
    assert d["claim"]["by"] == {"entity_id": "e_ledrian", "name": "勒德里昂"}
    assert d["counter"]["by"]["name"] == "扎哈罗娃"
    assert d["counter"]["text"].startswith("莫斯科从未承诺")
    assert d["claim"]["article_id"] == "a1" and d["counter"]["article_id"] == "b1"
    assert "quote_id" in d["claim"] and "quote_id" in d["counter"]
    assert "保证/协议" in d["topic"]
    assert d["outlets"] == ["乙报", "甲报"]


def test_incremental_and_stable_ids(store, build):
    _claim_and_denial(build)
    build.write()
    first = DisputeLinker(store)
    first.note("a1")
    with store.transaction():
        first.flush()  # the new article's pairs include pairs with everything stored in the window
    ids = [d["id"] for d in _disputes(store)]
    again = DisputeLinker(store)
    again.note("b1")
    with store.transaction():
        again.flush()
    assert [d["id"] for d in _disputes(store)] == ids and len(ids) == 1
    again.forget("b1")
    assert _disputes(store) == []
    assert store.scalar("SELECT COUNT(*) FROM dispute_articles") == 0


def test_same_side_unrelated_or_far_apart_is_no_dispute(store, build):
    a = build.article("a1", ["俄外长拉夫罗夫称，俄方已经承诺在谈判期间暂停炮击。"], "2022-03-03", "甲报")
    build.quote(a, 0, "俄方已经承诺在谈判期间暂停炮击", "拉夫罗夫", "e_lavrov")
    # same side as the claim: not a dispute even with a denial cue and a shared topic
    b = build.article("b1", ["扎哈罗娃说，西方关于承诺的报道是在混淆视听。"], "2022-03-04", "乙报")
    build.quote(b, 0, "西方关于承诺的报道是在混淆视听", "扎哈罗娃", "e_zakharova", stance="deny")
    # other side, denial, but a different topic in another article
    c = build.article("c1", ["布林肯否认美国将向波兰运送战斗机。"], "2022-03-04", "丙报")
    build.quote(c, 0, "美国将向波兰运送战斗机", "布林肯", "e_blinken", stance="deny")
    # other side, same topic, but six weeks later
    d = build.article("d1", ["泽连斯基驳斥说，俄方从未遵守任何承诺。"], "2022-04-20", "丁报")
    build.quote(d, 0, "俄方从未遵守任何承诺", "泽连斯基", "e_zelensky", stance="deny")
    build.write()
    linker = DisputeLinker(store)
    for aid in ("a1", "b1", "c1", "d1"):
        linker.note(aid)
    with store.transaction():
        linker.flush()
    assert _disputes(store) == []


def test_denial_reported_in_the_same_paragraph_without_shared_words(store, build):
    text = "美方官员周一声称“北京已同意派出观察员”，但中国外交部次日表示，这些不实说法是在混淆视听。"
    a = build.article("a1", [text], "2022-03-07", None)
    build.quote(a, 0, "北京已同意派出观察员", "美方官员", None)
    build.quote(a, 0, "这些不实说法是在混淆视听", "中国外交部", None)
    build.write()
    linker = DisputeLinker(store)
    linker.note("a1")
    with store.transaction():
        linker.flush()
    found = _disputes(store)
    assert len(found) == 1
    assert found[0]["claim"]["by"] == {"entity_id": None, "name": "美方官员"}
    assert found[0]["counter"]["by"]["name"] == "中国外交部"
    assert found[0]["outlets"] == []


def test_denied_event_counts_as_counter_claim(store, build):
    a = build.article("a1", ["勒德里昂称，双方已就停火达成协议。", "俄方随后表示，俄法之间没有达成任何协议。"], "2022-03-10", "甲报")
    build.quote(a, 0, "双方已就停火达成协议", "勒德里昂", "e_ledrian")
    build.event(a, 1, "俄法之间没有达成任何协议", "AGREE", [("俄方", "e_russia", "source")], status="denied",
                event_id="ev_x")
    build.write()
    linker = DisputeLinker(store)
    linker.note("a1")
    with store.transaction():
        linker.flush()
    found = _disputes(store)
    assert len(found) == 1
    assert found[0]["counter"]["event_id"] == "ev_x"
    assert found[0]["counter"]["by"]["name"] == "俄罗斯"


def test_lexicon_sides():
    lex = DisputeLexicon()
    assert lex.side_of("克里姆林宫") == "俄罗斯"
    assert lex.side_of("美国务院一名高级官员") == "美国"
    assert lex.side_of("俄总统新闻秘书") == "俄罗斯"
    assert lex.side_of("白俄罗斯总统") == "白俄罗斯"
    assert lex.side_of("乌沙科夫") is None  # 乌 here is no abbreviation of Ukraine
    assert lex.is_counter("报纸写错了") and not lex.is_counter("双方同意继续对话")
