"""Cross-article linking: merging, keeping apart, incremental updates, stable ids, persistence."""

from __future__ import annotations

from storyline.link.entities import EntityRegistry, entity_id, sounds_alike


def link(reg, analyse, date, *paras, doc_id=None):
    # distinct articles have distinct ids: linking the same id again means the article was replaced
    doc = analyse(*paras, doc_id=doc_id or f"{date}:{paras[0][:12]}")
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
    assert a.articles == 3 and a.mentions == 4  # the bracketed English name is a mention too
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


def test_variants_with_sound_classes_and_full_name_conflicts(seg, analyse):
    assert sounds_alike("布林肯", "布林根") and sounds_alike("莫拉维茨基", "莫拉维斯基")
    assert not sounds_alike("布林肯", "普林肯")  # the first syllable must keep its initial
    reg = EntityRegistry(seg.resources)
    d1 = link(reg, analyse, "2022-03-01", "美国总统拜登当天发表讲话。")
    d2 = link(reg, analyse, "2022-03-02", "亨特·拜登的商业往来再次受到调查。")
    d3 = link(reg, analyse, "2022-03-03", "乌尔苏拉·冯德莱恩表示，制裁将继续。")
    d4 = link(reg, analyse, "2022-03-04", "欧盟委员会主席乌苏拉·冯德莱恩在布鲁塞尔发表讲话。")
    assert ent(reg, d1, "拜登").id != ent(reg, d2, "亨特·拜登").id
    assert ent(reg, d3, "乌尔苏拉·冯德莱恩").id == ent(reg, d4, "乌苏拉·冯德莱恩").id


def test_replaced_article_leaves_no_junk_aliases_or_roles(seg, analyse):
    reg = EntityRegistry(seg.resources)
    link(reg, analyse, "2022-01-01", "乌克兰外长库列巴表示欢迎。", doc_id="a")
    link(reg, analyse, "2022-01-02", "乌克兰总统特使库列巴称，谈判继续。", doc_id="b")  # old version: a wrong role
    kul = ent(reg, link(reg, analyse, "2022-01-02", "乌克兰外长库列巴称，谈判继续。", doc_id="b"), "库列巴")
    assert {(r["title"], r["of"]) for r in kul.roles} == {("外长", "乌克兰")}
    # an unknown person: a wrong full name from the old version of an article goes with it
    link(reg, analyse, "2022-01-03", "英国外交大臣特拉斯抵达。", doc_id="c")
    link(reg, analyse, "2022-01-04", "英国外交大臣伊丽莎白·特拉斯表示。", doc_id="d")
    tr = ent(reg, link(reg, analyse, "2022-01-04", "英国外交大臣特拉斯表示。", doc_id="d"), "特拉斯")
    assert tr.alias_sources == {"特拉斯": ["c", "d"]}  # the old version's full name has no source left
    # known linker gap (reported): a withdrawn alias that became the display name stays in `aliases`
    # (link/entities.py _withdraw keeps e.name); with the full name now found whole it is 伊丽莎白·特拉斯
    assert "特拉斯" in tr.aliases and set(tr.aliases) <= {"特拉斯", "伊丽莎白·特拉斯"}
    again = EntityRegistry.from_records(reg.to_records(), seg.resources)
    assert again.to_records() == reg.to_records()


def test_established_aliases_survive_replacement(seg, analyse):
    reg = EntityRegistry(seg.resources)
    for i in range(4):
        link(reg, analyse, f"2022-02-0{i + 1}", "美国国务院发言人内德·普赖斯表示反对。", doc_id=f"p{i}")
    d = link(reg, analyse, "2022-02-09", "美国国务院发言人内德·普赖斯称，美方关切。", doc_id="p0")
    e = ent(reg, d, "内德·普赖斯")
    assert "内德·普赖斯" in e.aliases and "内德·普赖斯" not in e.alias_sources


def test_the_elysee_under_its_other_names_is_one_entity(seg, analyse):
    reg = EntityRegistry(seg.resources)
    d1 = link(reg, analyse, "2022-02-08", "法国总统府当天发表声明，证实了此次通话。")
    d2 = link(reg, analyse, "2022-02-09", "法国总统办公室随后补充说，双方同意保持沟通。")
    assert ent(reg, d1, "法国总统府").id == ent(reg, d2, "法国总统办公室").id


def test_taiwanese_and_hong_kong_forms_join_the_mainland_entity(seg, analyse):
    # Traditional text is read through its Simplified `norm`; the outlet's own transliteration is an alias
    from storyline.clean.normalise import Normaliser

    norm = Normaliser().norm
    reg = EntityRegistry(seg.resources)
    forms = [("2022-03-01", "俄羅斯總統蒲亭週二發表談話。", "蒲亭", "普京"),
             ("2022-03-01", "烏克蘭總統澤倫斯基呼籲停火。", "澤倫斯基", "泽连斯基"),
             ("2022-03-02", "美國前總統川普批評白宮。", "川普", "特朗普"),
             ("2022-03-02", "美國副總統賀錦麗抵達波蘭。", "賀錦麗", "哈里斯"),
             ("2022-03-03", "德國前總理梅克爾很少公開露面。", "梅克爾", "默克尔")]
    for date, text, surface, canonical in forms:
        doc = analyse(text, doc_id=f"{date}:{surface}", norms=[norm(text)])
        reg.link_doc(doc, date)
        assert ent(reg, doc, surface).name == canonical, surface
