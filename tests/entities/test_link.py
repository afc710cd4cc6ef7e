"""Cross-article linking: merging, keeping apart, incremental updates, stable ids, persistence."""

from __future__ import annotations

from storyline.link.entities import EntityRegistry, entity_id, sounds_alike


def link(reg, analyse, date, *paras, doc_id="t"):
    doc = analyse(*paras, doc_id=doc_id)
    reg.link_doc(doc, date)
    return doc


def ent(reg, doc, text):
    ids = {m.entity_id for m in doc.mentions if m.text == text}
    assert len(ids) == 1, (text, ids)
    return reg.entities[ids.pop()]


def test_sounds_alike():
    assert sounds_alike("泽连斯基", "泽伦斯基")
    assert sounds_alike("库列巴", "库莱巴")
    assert sounds_alike("列兹尼科夫", "雷兹尼科夫")
    assert not sounds_alike("拉夫罗夫", "佩斯科夫")
    assert not sounds_alike("安东诺夫", "安东尼")


def test_full_name_surname_english_and_variants_merge(seg, analyse):
    reg = EntityRegistry(seg.resources)
    d1 = link(reg, analyse, "2022-02-01", "乌克兰国防部长奥列克西·列兹尼科夫（Oleksii Reznikov）表示，局势可控。")
    d2 = link(reg, analyse, "2022-02-03", "乌克兰国防部长雷兹尼科夫当天视察部队。")
    d3 = link(reg, analyse, "2022-02-05", "列兹尼科夫说，前线稳定。")
    a, b, c = ent(reg, d1, "奥列克西·列兹尼科夫"), ent(reg, d2, "雷兹尼科夫"), ent(reg, d3, "列兹尼科夫")
    assert a.id == b.id == c.id
    assert a.english == "Oleksii Reznikov" and a.name == "奥列克西·列兹尼科夫"
    assert a.articles == 3 and a.mentions == 3
    role = a.roles[0]
    assert (role["title"], role["of"], role["first_seen"], role["last_seen"]) == ("防长", "乌克兰", "2022-02-01", "2022-02-03")


def test_same_name_conflicting_roles_stay_apart(seg, analyse):
    reg = EntityRegistry(seg.resources)
    d1 = link(reg, analyse, "2022-01-10", "英国驻法大使霍普金斯发表讲话。")
    d2 = link(reg, analyse, "2022-01-12", "英国财政部长霍普金斯宣布新预算。")
    d3 = link(reg, analyse, "2022-01-20", "霍普金斯表示，预算将于下月执行。")
    a, b = ent(reg, d1, "霍普金斯"), ent(reg, d2, "霍普金斯")
    assert a.id != b.id and b.id == entity_id("PERSON", "霍普金斯", 2)
    assert ent(reg, d3, "霍普金斯").id == b.id  # bare name: the most recently seen compatible one


def test_gazetteer_sullivans_and_bare_name(seg, analyse):
    reg = EntityRegistry(seg.resources)
    d1 = link(reg, analyse, "2022-01-26", "美驻俄大使沙利文进入俄外交部。")
    d2 = link(reg, analyse, "2022-02-11", "美国国家安全顾问沙利文警告称，袭击随时可能发生。")
    d3 = link(reg, analyse, "2022-02-12", "沙利文说，美国已做好准备。")
    a, b, c = ent(reg, d1, "沙利文"), ent(reg, d2, "沙利文"), ent(reg, d3, "沙利文")
    assert a.name == "约翰·沙利文" and b.name == "杰克·沙利文" and a.id != b.id
    assert c.id == b.id


def test_incremental_dirty_and_persistence(seg, analyse):
    reg = EntityRegistry(seg.resources)
    link(reg, analyse, "2022-02-01", "俄外长拉夫罗夫与美国务卿布林肯通话。", doc_id="a")
    reg.dirty.clear()
    d = link(reg, analyse, "2022-02-02", "拉夫罗夫表示不满。", doc_id="b")
    lav = ent(reg, d, "拉夫罗夫")
    assert reg.dirty == {lav.id}
    again = EntityRegistry.from_records(reg.to_records(), seg.resources)
    assert again.to_records() == reg.to_records()
    d3 = link(again, analyse, "2022-02-03", "谢尔盖·拉夫罗夫（Sergey Lavrov）抵达日内瓦。", doc_id="c")
    assert ent(again, d3, "谢尔盖·拉夫罗夫").id == lav.id == entity_id("PERSON", "拉夫罗夫")
    rec = next(r for r in again.to_records() if r["id"] == lav.id)
    assert rec["articles"] == 3 and {"拉夫罗夫", "谢尔盖·拉夫罗夫"} <= set(rec["aliases"])
    assert rec["english"] == "Sergey Lavrov" and rec["country"] == "俄罗斯"
    assert [e.name for e in again.get("Sergey Lavrov")] == ["拉夫罗夫"]


def test_ids_stable_across_runs(seg, analyse):
    texts = [["法国总统马克龙会见了德国总理朔尔茨。"], ["外交部长涅多夫（Nedov）表示欢迎。", "涅多夫还说，对话有益。"]]
    runs = []
    for _ in range(2):
        reg = EntityRegistry(seg.resources)
        for i, t in enumerate(texts):
            link(reg, analyse, None, *t, doc_id=str(i))
        runs.append(reg.to_records())
    assert runs[0] == runs[1]
    assert {r["name"] for r in runs[0]} >= {"马克龙", "朔尔茨", "涅多夫", "法国", "德国"}
