"""Mention detection and within-article clustering on our own sentences."""

from __future__ import annotations


def spans(doc, type_=None):
    return [(m.text, m.type) for m in doc.mentions if type_ in (None, m.type)]


def find(doc, text):
    return [m for m in doc.mentions if m.text == text]


def test_segmenter_offsets_and_user_words(seg):
    text = "克里姆林宫新闻发言人佩斯科夫称，欧尔班·维克托  访问\n莫斯科"
    toks = seg.tokens(text)
    assert "".join(t.text for t in toks) == text
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert "佩斯科夫" in [t.text for t in toks] and "新闻发言人" in [t.text for t in toks]


def test_title_pattern_fills_role_and_country(analyse):
    doc = analyse("克里姆林宫新闻发言人佩斯科夫（Dmitry Peskov）周一称，俄方不会让步。")
    (p,) = find(doc, "佩斯科夫")
    assert (p.type, p.role_title, p.role_of, p.country, p.english) == (
        "PERSON", "新闻发言人", "克里姆林宫", "俄罗斯", "Dmitry Peskov")
    # the bracketed Latin name is also a mention of the same person (docs/annotation.md), in one cluster
    (en,) = find(doc, "Dmitry Peskov")
    assert (en.type, en.canonical_hint, en.local_id, en.english) == ("PERSON", p.canonical_hint, p.local_id,
                                                                      "Dmitry Peskov")
    (side,) = find(doc, "俄方")
    assert side.type == "GPE" and side.canonical_hint == "俄罗斯"


def test_abbreviated_country_prefixes(analyse):
    doc = analyse("美国务卿布林肯与俄外长拉夫罗夫通话，美驻俄大使沙利文随后进入俄外交部。")
    assert spans(doc) == [("美", "GPE"), ("布林肯", "PERSON"), ("俄", "GPE"), ("拉夫罗夫", "PERSON"),
                          ("美", "GPE"), ("俄", "GPE"), ("沙利文", "PERSON"), ("俄外交部", "ORG")]
    (s,) = find(doc, "沙利文")
    assert s.role_title == "驻俄罗斯大使" and s.role_of == "美国" and s.canonical_hint == "约翰·沙利文"
    assert find(doc, "俄外交部")[0].canonical_hint == "俄罗斯外交部"


def test_two_sullivans_resolved_by_title(analyse):
    doc = analyse("美国国家安全顾问沙利文周日表示，冲突随时可能爆发。", "沙利文还说，美方已做好准备。")
    hints = {m.canonical_hint for m in doc.mentions if m.text == "沙利文"}
    assert hints == {"杰克·沙利文"}
    assert len({m.local_id for m in doc.mentions if m.text == "沙利文"}) == 1


def test_unknown_foreign_names_by_pattern(analyse):
    doc = analyse("乌克兰国防部长列兹尼科夫表示，前线局势可控。随后尼古拉耶娃称，谈判仍有希望。",
                  "列兹尼科夫在基辅会见了到访的客人。")
    persons = spans(doc, "PERSON")
    assert persons == [("列兹尼科夫", "PERSON"), ("尼古拉耶娃", "PERSON"), ("列兹尼科夫", "PERSON")]
    ids = {m.local_id for m in doc.mentions if m.text == "列兹尼科夫"}
    assert len(ids) == 1  # the bare later mention was propagated and clustered


def test_dotted_full_name_and_surname_cluster(analyse):
    doc = analyse("俄罗斯联邦委员会主席瓦伦蒂娜·马特维延科（Valentina Matviyenko）表示反对。", "马特维延科指出，制裁无效。")
    full = find(doc, "瓦伦蒂娜·马特维延科")[0]
    short = find(doc, "马特维延科")[0]
    assert full.english == "Valentina Matviyenko" and full.role_title == "主席"
    assert full.local_id == short.local_id


def test_chinese_person_names_after_titles(analyse):
    doc = analyse("外交部发言人汪文斌在记者会上表示，中方立场一贯。大学教授李明华说，局势复杂。")
    assert ("汪文斌", "PERSON") in spans(doc)
    assert not find(doc, "汪文斌在")


def test_capital_as_actor_or_place(analyse):
    doc = analyse("莫斯科否认有入侵计划。法国总统将前往莫斯科。")
    actor, place = find(doc, "莫斯科")
    assert actor.canonical_hint == "俄罗斯" and place.canonical_hint == "莫斯科"


def test_capital_after_a_trip_or_named_as_capital_is_a_place(analyse):
    doc = analyse("两国总理出访基辅。他们抵达乌克兰首都基辅后会谈。基辅方面表示欢迎。")
    first, second, actor = find(doc, "基辅")
    assert first.canonical_hint == second.canonical_hint == "基辅"
    assert actor.canonical_hint == "乌克兰"


def test_compounds_and_false_friends(analyse):
    doc = analyse("俄乌局势紧张，中俄关系稳定。宪法中的条款美中不足，8日中午，美国人对此不满，以美国为首的国家。")
    gpe = [m.text for m in doc.mentions if m.type == "GPE"]
    assert gpe == ["俄", "乌", "中", "俄", "美国"]


def test_pronouns_are_not_mentions(analyse):
    doc = analyse("普京说，他不会让步。他们表示反对，她也表示。")
    assert spans(doc) == [("普京", "PERSON")]


def test_offsets_index_text_when_norm_differs(analyse):
    text = "俄羅斯總統普京與烏克蘭總統澤連斯基通話。"
    norm = "俄罗斯总统普京与乌克兰总统泽连斯基通话。"
    doc = analyse(text, norms=[norm])
    z = [m for m in doc.mentions if m.norm == "泽连斯基"][0]
    assert z.text == "澤連斯基" and text[z.start:z.end] == z.text and z.canonical_hint == "泽连斯基"


def test_unknown_organisation_by_suffix(analyse):
    doc = analyse("复旦大学国际问题研究院研究员赵华胜认为，风险上升。")
    assert ("复旦大学国际问题研究院", "ORG") in spans(doc)
    assert ("赵华胜", "PERSON") in spans(doc)


def test_pathological_repetition_stays_fast(analyse):
    import time

    t = time.perf_counter()
    doc = analyse("俄" * 20000 + "总统斯科" * 5000 + "斯·" * 5000 + "普京（" + "a " * 10000)
    assert time.perf_counter() - t < 10
    assert len(doc.mentions) > 5000


def test_function_words_and_places_are_not_names_after_titles(analyse):
    doc = analyse("在回答英国记者关于他是否会让步的问题时，全国人大代表江苏省的一名官员发言。白宫新闻秘书称，主审法官彭官明言监禁无可避免。")
    assert spans(doc, "PERSON") == []
    assert ("江苏", "GPE") in spans(doc) or ("江苏省", "GPE") in spans(doc)


def test_japanese_and_korean_names_after_titles(analyse):
    doc = analyse("日本首相岸田文雄与韩国总统尹锡悦举行会谈。日本外务大臣上川阳子随后表示欢迎。")
    assert [t for t, ty in spans(doc, "PERSON")] == ["岸田文雄", "尹锡悦", "上川阳子"]


def test_transliterated_names_start_at_word_boundaries(analyse):
    doc = analyse("美国前国务卿蓬佩奥说，制裁必须加强。")
    assert ("蓬佩奥", "PERSON") in spans(doc) and not find(doc, "佩奥")


def test_unknown_organisations_keep_conjunctions_and_drop_descriptions(analyse):
    doc = analyse("乌克兰国家安全与国防委员会秘书表示反对。英国智库皇家国际事务研究所发布报告。"
                  "如果外国公司跟随大学展开合作，物业公司将受影响。")
    orgs = [t for t, ty in spans(doc, "ORG")]
    assert "乌克兰国家安全与国防委员会" in orgs and "皇家国际事务研究所" in orgs
    assert not {"外国公司", "跟随大学", "物业公司", "英国智库"} & set(orgs)


def test_namesake_with_other_country_is_not_the_gazetteer_person(analyse):
    doc = analyse("美国众议院议长约翰逊周五宣布表决。", "约翰逊说，援助必须附带条件。", "英国前首相约翰逊则批评援助迟缓。")
    us = [m for m in doc.mentions if m.text == "约翰逊"]
    assert us[0].canonical_hint is None and us[1].canonical_hint is None and us[2].canonical_hint == "约翰逊"
    assert us[0].local_id == us[1].local_id != us[2].local_id


def test_capital_as_place_does_not_join_the_country(analyse):
    doc = analyse("北京宣布反制措施。记者在北京市区看到，北京郊外也在下雪。")
    hints = [(m.text, m.canonical_hint) for m in doc.mentions]
    assert hints[0] == ("北京", "中国") and ("北京", "北京") in hints
    assert len({m.local_id for m in doc.mentions if m.canonical_hint == "中国"}) == 1
    assert {m.local_id for m in doc.mentions if m.canonical_hint == "北京"}.isdisjoint(
        {m.local_id for m in doc.mentions if m.canonical_hint == "中国"})


def test_the_soviet_union_is_a_state_of_its_own(analyse):
    doc = analyse("分析人士把这场战争比作1979年苏联入侵阿富汗，而江苏和苏州的网民则议论纷纷。")
    assert ("苏联", "GPE") in spans(doc) and not [m for m in doc.mentions if m.text in ("苏", "俄罗斯")]
    (su,) = find(doc, "苏联")
    assert su.canonical_hint in (None, "苏联")


def test_bracketed_english_name_is_a_mention_of_its_type(analyse):
    doc = analyse("国际原子能机构（IAEA）周六表示，将派员视察。")
    assert spans(doc) == [("国际原子能机构", "ORG"), ("IAEA", "ORG")]
    org, en = doc.mentions
    assert org.english == "IAEA" and en.local_id == org.local_id


def test_event_heads_skip_the_bracketed_english_name(analyse):
    from storyline.extract.events.grammar import Grammar
    doc = analyse("美国总统拜登（Joe Biden）周一批评俄罗斯。")
    heads = Grammar().heads(doc, doc.paragraphs[0])
    assert [h.name for h in heads if h.type == "PERSON"] == ["拜登"]


def test_rule_organisation_holding_a_tagger_place_is_one_org(analyse):
    doc = analyse("对此，苏丹专业人员协会周二发表声明，美国政府则表示关切。")
    assert ("苏丹专业人员协会", "ORG") in spans(doc) and ("美国政府", "ORG") in spans(doc)
    assert not find(doc, "苏丹") and not find(doc, "美国")


def test_one_character_names_from_the_tagger(analyse):
    doc = analyse("黄指出，案件仍在审理。")
    assert spans(doc, "PERSON") == [("黄", "PERSON")]


def test_tagger_cut_beats_the_title_pattern_cut(analyse):
    doc = analyse("新华社记者陈杰报道，会议闭幕。台经院所长吴孟道指出，美国总统拜登将出访。")
    (p,) = find(doc, "陈杰")
    assert p.type == "PERSON" and p.role_title == "记者"
    (w,) = find(doc, "吴孟道")
    assert w.type == "PERSON" and w.role_title == "所长"
    assert not find(doc, "陈杰报") and not find(doc, "吴孟")


def test_place_words_mark_their_place(analyse):
    doc = analyse("美媒报道，台股昨日下跌，港股也走低。")
    got = [(m.text, m.type, m.canonical_hint) for m in doc.mentions]
    assert ("台", "GPE", "台湾") in got and ("美", "GPE", "美国") in got and ("港", "GPE", "香港") in got


def test_bare_surname_of_the_articles_one_person(analyse):
    doc = analyse("立法会议员林卓廷周一表示，将提出质询。", "林认为，事件不应发生。林又指，警方应交代。",
                  "一张照片显示，森林起火。")
    got = [(m.paragraph, m.text) for m in doc.mentions if m.type == "PERSON"]
    assert (1, "林") in got and got.count((1, "林")) == 2
    assert not any(p == 2 for p, _ in got)  # 一张, 森林: no surname mention


def test_latin_person_name_from_the_tagger(analyse):
    doc = analyse("瑞银分析师Giovanni Staunovo说，油价仍将波动。")
    assert ("Giovanni Staunovo", "PERSON") in spans(doc)


def test_a_place_or_leader_before_a_government_word_is_the_government(analyse):
    doc = analyse("香港当局周一宣布新措施，拜登政府随即表示关注。")
    assert ("香港当局", "ORG") in spans(doc) and ("拜登政府", "ORG") in spans(doc)
    assert not find(doc, "香港") and not find(doc, "拜登")


def test_regions_the_gazetteer_types_gpe_are_loc(analyse):
    doc = analyse("西方国家对俄实施制裁，西方媒体广泛报道。示威者在中环集会。")
    assert ("西方", "LOC") in spans(doc) and ("中环", "LOC") in spans(doc)


def test_tagger_organisation_over_a_rule_organisation_without_apposition(analyse):
    doc = analyse("4月7日，中共北京市纪律检查委员会通报了案件。")
    assert ("中共北京市纪律检查委员会", "ORG") in spans(doc)
