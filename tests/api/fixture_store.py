"""A small store written through the real writer from our own news-style sentences.

API and search tests use it so they test the serving layer, not the current quality of the
upstream extractors: the annotations here are set by hand, offsets computed from the text.
"""

from __future__ import annotations

from pathlib import Path

from storyline.model import Actor, Article, Doc, EntityMention, EventMention, Paragraph, Quote, Sentence, TimeExpr
from storyline.store import open_store
from storyline.store import linked, writer

HOSTILE = "有网友在评论区留下<script>alert(1)</script>和<img src=x onerror=alert(1)>等字样，编辑部已删除。"

ARTICLES = [
    ("a_call", "测试日报", "2022-02-12", "拜登与普京通话一小时", [
        "美国总统拜登12日与俄罗斯总统普京通电话，双方讨论了乌克兰局势。",
        "克里姆林宫新闻发言人佩斯科夫表示，双方同意继续保持接触。",
    ]),
    ("a_macron", "环球观察", "2022-02-09", "马克龙称获得普京保证", [
        "法国总统马克龙8日表示，普京向他保证不会让局势升级。",
        "佩斯科夫随后否认称，俄法之间没有达成任何协议。",
    ]),
    ("a_hostile", "测试日报", "2022-03-01", "读者留言<b>处理</b>说明", [HOSTILE]),
]

ENTITIES = {
    "e_biden": ("拜登", "PERSON", ["拜登", "美国总统拜登"], "Joe Biden"),
    "e_putin": ("普京", "PERSON", ["普京", "俄罗斯总统普京"], "Vladimir Putin"),
    "e_peskov": ("佩斯科夫", "PERSON", ["佩斯科夫", "佩斯科夫"], "Dmitry Peskov"),
    "e_macron": ("马克龙", "PERSON", ["马克龙", "法国总统马克龙"], None),
}


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in "。！？":
            out.append(Sentence(start, i + 1))
            start = i + 1
    if start < len(text):
        out.append(Sentence(start, len(text)))
    return out


def _mention(doc: Doc, p: int, surface: str, eid: str) -> EntityMention:
    start = doc.paragraphs[p].text.index(surface)
    m = EntityMention(p, start, start + len(surface), surface, "PERSON", surface, entity_id=eid)
    doc.mentions.append(m)
    return m


def _docs() -> list[Doc]:
    docs = []
    for aid, outlet, date, title, paras in ARTICLES:
        art = Article(aid, f"{aid}.txt", f"/fixture/{aid}.txt", "text", outlet, title, None, date, False, None,
                      "zh-Hans", paras, content_hash=aid)
        docs.append(Doc(art, [Paragraph(i, t, t, _sentences(t)) for i, t in enumerate(paras)], anchor=date))
    call, macron = docs[0], docs[1]
    biden, putin = _mention(call, 0, "拜登", "e_biden"), _mention(call, 0, "普京", "e_putin")
    _mention(call, 1, "佩斯科夫", "e_peskov")
    text0 = call.paragraphs[0].text
    call.times.append(TimeExpr(0, text0.index("12日"), text0.index("12日") + 3, "12日", "DATE", "2022-02-12"))
    t = text0.index("通电话")
    end = text0.index("，双方")
    call.events.append(EventMention(0, 0, end, text0[:end], "CONSULT", "通电话", t, t + 3,
                                    [Actor("拜登", "source", biden, "e_biden"), Actor("普京", "target", putin, "e_putin")],
                                    mode="phone", date="2022-02-12", event_id="ev_call"))
    text1 = call.paragraphs[1].text
    q = text1.index("双方同意")
    call.quotes.append(Quote(1, q, len(text1) - 1, text1[q:-1], "表示", False, "assert", "佩斯科夫",
                             speaker_entity_id="e_peskov"))
    _mention(macron, 0, "马克龙", "e_macron")
    _mention(macron, 1, "佩斯科夫", "e_peskov")
    m0 = macron.paragraphs[0].text
    q = m0.index("普京向他")
    macron.quotes.append(Quote(0, q, len(m0) - 1, m0[q:-1], "表示", False, "assert", "马克龙",
                               speaker_entity_id="e_macron"))
    m1 = macron.paragraphs[1].text
    q = m1.index("俄法")
    macron.quotes.append(Quote(1, q, len(m1) - 1, m1[q:-1], "否认", False, "deny", "佩斯科夫",
                               speaker_entity_id="e_peskov"))
    return docs


def build(path: Path) -> Path:
    store = open_store(str(path))
    docs = _docs()
    with store.transaction():
        for doc in docs:
            writer.upsert_article(store, doc.article)
            writer.write_annotations(store, doc)
        linked.save_entities(store, [
            {"id": eid, "name": name, "type": typ, "aliases": aliases, "english": en, "roles": []}
            for eid, (name, typ, aliases, en) in ENTITIES.items()])
        call = docs[0].events[0]
        linked.save_event(store, {
            "id": "ev_call", "type": "CONSULT", "mode": "phone", "date": "2022-02-12", "date_end": None,
            "status": "occurred", "location": None, "duration_minutes": 60, "summary": "拜登与普京通电话",
            "actors": [{"entity_id": "e_biden", "name": "拜登", "role": "source"},
                       {"entity_id": "e_putin", "name": "普京", "role": "target"}],
            "mentions": [{"article_id": "a_call", "paragraph": 0, "start": call.start, "end": call.end,
                          "text": call.text}],
            "outlets": ["测试日报"]})
        claim, counter = docs[1].quotes
        store.execute("INSERT INTO disputes (id, record) VALUES (?, ?)", ("dp_1", writer.dumps({
            "id": "dp_1", "topic": "协议",
            "claim": {"quote_id": writer.stable_id("q", "a_macron", 0, claim.start, claim.end),
                      "by": {"entity_id": "e_macron", "name": "马克龙"}, "text": claim.text, "date": "2022-02-08",
                      "article_id": "a_macron", "paragraph": 0},
            "counter": {"quote_id": writer.stable_id("q", "a_macron", 1, counter.start, counter.end),
                        "by": {"entity_id": "e_peskov", "name": "佩斯科夫"}, "text": counter.text,
                        "date": "2022-02-08", "article_id": "a_macron", "paragraph": 1},
            "outlets": ["环球观察"]})))
    store.close()
    return path
