from __future__ import annotations

import json

from storyline.link.disputes import DisputeLexicon, DisputeLinker

from .writer_run import claim_and_denial


def _disputes(store) -> list[dict]:
    return [json.loads(r["record"]) for r in store.rows("SELECT record FROM disputes ORDER BY id")]


def test_denial_in_another_article_contests_the_claim(store, build):
    claim_and_denial(build)
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
    claim_and_denial(build)
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


def _flush(store, *aids):
    linker = DisputeLinker(store)
    for aid in aids:
        linker.note(aid)
    with store.transaction():
        linker.flush()
    return _disputes(store)


def test_refusal_to_comment_is_no_counter(store, build):
    a = build.article("a1", ["英国国防部称，俄军已在边境附近部署了新的防空系统。",
                             "对于防空系统的部署，俄外交部发言人扎哈罗娃拒绝透露具体细节。"], "2022-03-03", "甲报")
    build.quote(a, 0, "俄军已在边境附近部署了新的防空系统", "英国国防部", None)
    build.quote(a, 1, "对于防空系统的部署，俄外交部发言人扎哈罗娃拒绝透露具体细节", "扎哈罗娃", "e_zakharova", stance="deny")
    build.event(a, 1, "扎哈罗娃拒绝透露具体细节", "REJECT", [("扎哈罗娃", "e_zakharova", "source")])
    build.write()
    assert _flush(store, "a1") == []


def test_anaphor_speaker_is_the_previous_descriptor(store, build):
    paras = ["美国国务院一名高级官员表示，莫斯科方面一再保证不会越过边境。",
             "这名官员说，但卫星图像上看到的情况并非如此，部队仍在边境集结。"]
    a = build.article("a1", paras, "2022-02-02", "甲报")
    build.quote(a, 0, "莫斯科方面一再保证不会越过边境", "美国国务院一名高级官员", None)
    build.quote(a, 1, "但卫星图像上看到的情况并非如此，部队仍在边境集结", "这名官员", None)
    build.write()
    assert _flush(store, "a1") == []  # one US official, twice: no dispute with himself


def test_conditional_is_no_claim(store, build):
    a = build.article("a1", ["布林肯对拉夫罗夫说，如果俄方不打算入侵，就应该撤回边境上的部队。"], "2022-02-01", "甲报")
    build.quote(a, 0, "如果俄方不打算入侵，就应该撤回边境上的部队", "布林肯", "e_blinken")
    b = build.article("b1", ["扎哈罗娃说，美国官员关于俄罗斯将“入侵”的说法纯属捏造。"], "2022-02-03", "乙报")
    build.quote(b, 0, "美国官员关于俄罗斯将“入侵”的说法纯属捏造", "扎哈罗娃", "e_zakharova", stance="deny")
    build.write()
    assert _flush(store, "a1", "b1") == []


def test_repeated_claim_and_several_denials_form_one_dispute(store, build):
    paras = ["美国务院官员称，华盛顿已经收到了莫斯科的书面答复。",
             "克里姆林宫表示，俄方尚未发出正式答复，是美方搞错了。",
             "报道说，美国务院官员此前称华盛顿已经收到了莫斯科的书面答复。",
             "扎哈罗娃说，有关俄方已递交书面答复的说法是在混淆视听。"]
    a = build.article("a1", paras, "2022-02-01", "甲报")
    build.quote(a, 0, "华盛顿已经收到了莫斯科的书面答复", "美国务院官员", None)
    build.quote(a, 1, "俄方尚未发出正式答复，是美方搞错了", "克里姆林宫", None)
    build.quote(a, 2, "华盛顿已经收到了莫斯科的书面答复", "美国务院官员", None)
    build.quote(a, 3, "有关俄方已递交书面答复的说法是在混淆视听", "扎哈罗娃", "e_zakharova")
    build.write()
    found = _flush(store, "a1")
    assert len(found) == 1
    roles = sorted(m["role"] for m in found[0]["mentions"])
    assert roles == ["claim", "claim", "counter", "counter"]
    assert found[0]["claim"]["by"]["name"] == "美国务院官员"
    assert found[0]["topic"] == "书面回复"


def test_counter_naming_the_parties_answers_only_them(store, build):
    a = build.article("a1", ["勒德里昂称，双方已就停火达成协议。"], "2022-03-10", "甲报")
    build.quote(a, 0, "双方已就停火达成协议", "勒德里昂", "e_ledrian")
    b = build.article("b1", ["朔尔茨说，德俄已就天然气价格达成协议。"], "2022-03-10", "乙报")
    build.quote(b, 0, "德俄已就天然气价格达成协议", "朔尔茨", "e_scholz")
    c = build.article("c1", ["扎哈罗娃说，俄法之间没有达成任何协议。"], "2022-03-11", "丙报")
    build.quote(c, 0, "俄法之间没有达成任何协议", "扎哈罗娃", "e_zakharova")
    build.write()
    found = _flush(store, "a1", "b1", "c1")
    assert [d["claim"]["by"]["name"] for d in found] == ["勒德里昂"]


def test_lexicon_claims_refusals_and_parties():
    lex = DisputeLexicon()
    assert lex.is_refusal("沙利文拒绝透露具体细节") and not lex.is_refusal("俄方否认了这一说法")
    assert not lex.is_claim_text("如果莫斯科不打算入侵，就应该撤军") and lex.is_claim_text("俄军已开始撤军")
    assert not lex.is_claim_text("若俄罗斯入侵乌克兰，项目将不复存在")
    assert lex.sides_in("俄法之间未达成任何协议") >= {"俄罗斯", "法国"}
    assert "美国" in lex.sides_in("是美方理解错了")
    assert lex.embedded_speaker("克里姆林宫发言人佩斯科夫（Dmitry Peskov）8日称，俄法之间未达成任何协议")[0] \
        == "克里姆林宫发言人佩斯科夫"
    assert lex.same_camp("西方", "美国") and not lex.same_camp("美国", "俄罗斯")


def test_pathological_text_stays_linear():
    import time

    from storyline.link.disputes import make_statement

    lex = DisputeLexicon()
    for text in ("称" * 50000, "美方" * 30000, "俄法" * 30000 + "之间", "拒绝" * 30000, "克里姆林宫" * 20000 + "称，"):
        t0 = time.perf_counter()
        s = make_statement(lex, kind="quote", id="x", key="x", by_id=None, by_name="x", side=None, text=text,
                           date=None, article_id="a", paragraph=0, stance="deny")
        lex.embedded_speaker(text)
        assert time.perf_counter() - t0 < 10, len(text)
        assert s.key == "x"
