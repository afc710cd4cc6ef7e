"""The merge of the tagger's spans with the rule candidates (analyse/entities/merge.py), fed fixed tagger
spans so that each rule is tested on its own, whatever the shipped model finds. Our own sentences."""

from __future__ import annotations


def merged(rec, norm: str, spans: list[tuple[int, int, str]], rules=None):
    cands = rec.merge(norm, list(rules or []), spans, set(range(len(norm) + 1)))
    return [(norm[c.start:c.end], c.type) for c in cands]


def span_of(norm: str, word: str, typ: str) -> tuple[int, int, str]:
    s = norm.index(word)
    return s, s + len(word), typ


def test_latin_organisation_from_the_tagger_is_kept(rec):
    norm = "分析师指出，Northwind Capital认为市场已经见底。"
    assert ("Northwind Capital", "ORG") in merged(rec, norm, [span_of(norm, "Northwind Capital", "ORG")])


def test_latin_lowercase_or_short_tagger_organisation_is_not_proposed(rec):
    norm = "他用app和AI处理讯息。"
    assert merged(rec, norm, [span_of(norm, "app", "ORG"), span_of(norm, "AI", "ORG")]) == []


def test_tagger_span_loses_its_edge_spaces(rec):
    norm = "代表被告的大律师 Trevor Beel 则表示不同意。"
    s, e, _ = span_of(norm, " Trevor Beel ", "PER")
    assert merged(rec, norm, [(s, e, "PER")]) == [("Trevor Beel", "PERSON")]


def test_party_before_authorities_is_one_organisation(rec):
    norm = "中共当局随后宣布延长管控措施。"
    assert merged(rec, norm, [span_of(norm, "中共", "ORG")]) == [("中共当局", "ORG")]


def test_party_before_government_stays_the_party(rec):
    norm = "民进党政府随后宣布延长管控措施。"  # only 当局 joins an organisation: 政府 after a party is its own word
    assert ("民进党", "ORG") in merged(rec, norm, [span_of(norm, "民进党", "ORG")])


def test_unknown_stations_streets_squares_and_continents_are_regions(rec):
    typer = rec.merge.typer
    for name in ("宝云道", "金钟站", "将军澳线", "鲁谷东街", "自由广场", "景山公园", "中美洲"):
        assert name not in rec.resources.alias
        assert typer(name) == "LOC", name
    assert typer("廊坊") == "GPE"


def test_mainland_china_is_the_state(rec):
    assert rec.merge.typer("中国大陆") == "GPE"
    assert rec.merge.typer("欧亚大陆") == "LOC"


def test_police_station_is_an_organisation_ending(rec):
    assert rec.detector.orgs.suffix("盖山派出所") == "派出所"


def test_tagger_cut_of_a_name_found_elsewhere_becomes_the_whole_name(rec):
    from storyline.analyse.entities.cluster import propagate
    from storyline.analyse.entities.detect import Cand

    norms = ["附：周立安：公开信全文。", "警方昨日带走周立安问话。"]
    second = norms[1].index("周立安")
    per_para = [[Cand(2, 5, "PERSON", 95, source="model")],
                [Cand(second, second + 1, "PERSON", 95, source="model", role_title="公民")]]
    propagate(norms, per_para, rec.resources)
    got = [(c.start, c.end, c.type, c.role_title) for c in per_para[1]]
    assert got == [(second, second + 3, "PERSON", "公民")]


def test_a_different_person_inside_the_span_is_not_replaced(rec):
    from storyline.analyse.entities.cluster import propagate
    from storyline.analyse.entities.detect import Cand

    norms = ["附：周立安：公开信全文。", "警方昨日带走周立安问话。"]
    second = norms[1].index("周立安")
    per_para = [[Cand(2, 5, "PERSON", 95, source="model")],
                [Cand(second, second + 1, "GPE", 70, source="gaz")]]
    propagate(norms, per_para, rec.resources)
    assert [(c.start, c.end, c.type) for c in per_para[1]] == [(second, second + 1, "GPE")]


def test_place_before_hao_is_a_ship_not_the_place(rec):
    norm = "辽宁号航母周五穿越海峡。"
    assert merged(rec, norm, [span_of(norm, "辽宁", "LOC")]) == []


def test_place_before_haocheng_stays_a_place(rec):
    norm = "俄罗斯号称已经控制该市。"
    bounds = {0, 3, 5, 7, 9, 11, 12}  # 俄罗斯 / 号称 / 已经 / ...: 号 alone is no word here
    cands = rec.merge(norm, [], [span_of(norm, "俄罗斯", "LOC")], bounds)
    assert [(norm[c.start:c.end], c.type) for c in cands] == [("俄罗斯", "GPE")]


def test_bare_surname_stands_for_the_dominant_name_of_that_surname(seg, rec):
    from storyline.analyse.entities.cluster import surname_mentions
    from storyline.analyse.entities.detect import Cand
    from storyline.analyse.entities.names import TokenIndex

    norms = ["立法会议员周立安今日出庭。", "周立安表示不认罪。", "辩方质疑周立安的说法。", "周自言无悔。", "周认为案件有政治考虑。"]
    per_para = [[Cand(n.index("周立安"), n.index("周立安") + 3, "PERSON", 95, source="model")] for n in norms[:3]]
    per_para.append([Cand(0, 3, "PERSON", 95, source="model")])  # a stray 周自言
    per_para.append([])
    indexes = [TokenIndex(seg.tokens(n)) for n in norms]
    surname_mentions(norms, per_para, indexes, rec.resources)
    assert [(c.start, c.end, c.type) for c in per_para[4]] == [(0, 1, "PERSON")]


def test_bare_surname_of_two_equally_named_people_is_left_alone(seg, rec):
    from storyline.analyse.entities.cluster import surname_mentions
    from storyline.analyse.entities.detect import Cand
    from storyline.analyse.entities.names import TokenIndex

    norms = ["周立安与周明辉今日出庭。", "周认为案件有政治考虑。"]
    per_para = [[Cand(0, 3, "PERSON", 95, source="model"), Cand(4, 7, "PERSON", 95, source="model")], []]
    indexes = [TokenIndex(seg.tokens(n)) for n in norms]
    surname_mentions(norms, per_para, indexes, rec.resources)
    assert per_para[1] == []


def org_spans(seg, rec, norm: str, places=()) -> list[str]:
    return [norm[s:e] for s, e in rec.detector.orgs.find(norm, seg.tokens(norm), set(places))]


def test_common_noun_and_company_is_a_kind_not_a_name(seg, rec):
    assert org_spans(seg, rec, "多家经纪公司表示市场已经见底。") == []
    assert org_spans(seg, rec, "一些人权组织发表联合声明。") == []


def test_named_organisation_by_its_ending_stays(seg, rec):
    assert org_spans(seg, rec, "重庆师范大学发表声明。", [(0, 2)]) == ["重庆师范大学"]


def test_bank_ends_an_organisation_name(seg, rec):
    assert org_spans(seg, rec, "他原本在招商银行工作。") == ["招商银行"]


def test_place_and_generic_words_before_an_ending_are_a_description(seg, rec):
    norm = "据俄罗斯官方通讯社报道，谈判将继续。"
    s = norm.index("俄罗斯")
    assert org_spans(seg, rec, norm, [(s, s + 3)]) == []


def test_cities_ending_like_a_feature_are_gpe(rec):
    for name in ("株洲", "广岛", "鹿儿岛"):
        assert name not in rec.resources.alias
        assert rec.merge.typer(name) == "GPE", name


def test_region_of_a_known_place_takes_its_type(rec):
    typer = rec.merge.typer
    assert typer("基辅地区") == "GPE"
    assert typer("亚太地区") == "LOC"
    assert typer("川南地区") == "LOC"  # unknown place: the ending decides


def test_landmarks_and_regions_without_a_government_are_loc(rec):
    typer = rec.merge.typer
    for name in ("天安门", "北非", "温莎城堡", "天平邨", "第一岛链"):
        assert typer(name) == "LOC", name


def test_the_people_of_a_country_are_no_mention_of_it(analyse):
    doc = analyse("这是全体中国人民的共同意志，乌克兰人民也在坚持。")
    assert not [m for m in doc.mentions if m.norm in ("中国", "乌克兰")]


def test_government_of_the_people_keeps_its_place(analyse):
    doc = analyse("死者家属认为武汉市人民政府应当负责。")
    assert ("武汉市人民政府", "ORG") in [(m.norm, m.type) for m in doc.mentions]


def test_soldiers_and_ethnic_groups_of_a_country_are_no_mention_of_it(analyse):
    doc = analyse("约有十万名俄罗斯军人驻扎在边境，当地乌克兰族裔居民十分担忧。")
    assert not [m for m in doc.mentions if m.norm in ("俄罗斯", "乌克兰")]


def test_place_before_its_human_rights_or_population_is_a_mention(rec):
    pat = rec.patterns
    bounds = {0, 2, 4, 6, 7}  # 中国 / 人权 / 状况 / 。
    assert not pat.describes_people("中国人权状况。", 2, bounds)  # the place's rights: 中国 is a mention
    assert pat.describes_people("中国人很多。", 2, {0, 2, 3, 5, 6})  # its people: a demonym, no mention
    assert not pat.describes_people("中国人民银行", 2, {0, 2, 6})
    assert pat.describes_people("中国人民很勤劳", 2, {0, 2, 4, 5, 7})


def test_human_rights_after_a_place_keeps_the_place_in_a_sentence(analyse):
    doc = analyse("多国代表批评新疆人口政策和香港人权状况。")
    found = {(m.text, m.type) for m in doc.mentions}
    assert ("新疆", "GPE") in found and ("香港", "GPE") in found


def test_belts_canals_bridges_and_worlds_are_regions(rec):
    typer = rec.merge.typer
    for name in ("川滇地震带", "华蓥山断裂带", "京密引水渠", "伊斯兰世界", "印太区域", "南桥", "钓鱼台国宾馆"):
        assert typer(name) == "LOC", name


def test_hong_kong_neighbourhoods_are_regions_and_feature_named_districts_states(rec):
    typer = rec.merge.typer
    assert [typer(x) for x in ("天水围", "油麻地", "将军澳")] == ["LOC"] * 3
    assert [typer(x) for x in ("房山", "荔湾")] == ["GPE"] * 2


def test_embassy_of_a_country_in_another_is_one_organisation(rec, seg):
    from storyline.analyse.entities.names import TokenIndex
    from storyline.model import Paragraph
    norm = "挪威驻智利大使馆今天发出通知。"
    para = Paragraph(0, norm, norm)
    para.tokens = seg.tokens(norm)
    rules = rec.detector.paragraph(para, TokenIndex(para.tokens))
    assert ("智利大使馆", "ORG") in [(norm[c.start:c.end], c.type) for c in rules]  # the rules' cut
    cands = rec.merge(norm, rules, [span_of(norm, "挪威驻智利大使馆", "ORG")], TokenIndex(para.tokens).bounds)
    assert [(norm[c.start:c.end], c.type) for c in cands] == [("挪威驻智利大使馆", "ORG")]


def test_place_and_trade_before_company_is_the_place(rec, seg):
    from storyline.analyse.entities.names import TokenIndex
    from storyline.model import Paragraph
    for norm, place in (("一家挪威运输公司昨天宣布裁员。", "挪威"), ("多家智利航空公司暂停航班。", "智利")):
        para = Paragraph(0, norm, norm)
        para.tokens = seg.tokens(norm)
        found = [(norm[c.start:c.end], c.type) for c in rec.detector.paragraph(para, TokenIndex(para.tokens))]
        assert (place, "GPE") in found and not any(t == "ORG" for _, t in found), found


def test_tagger_type_beats_a_weak_rule_on_the_same_span(rec):
    from storyline.analyse.entities.detect import Cand
    norm = "沃克斯玛回应了指控。"  # a transliteration run before a speech verb: the rules guess a person
    weak = Cand(0, 4, "PERSON", 50, source="translit")
    assert merged(rec, norm, [(0, 4, "ORG")], [weak]) == [("沃克斯玛", "ORG")]
    strong = Cand(0, 4, "PERSON", 90, source="title")  # a titled name keeps its type
    assert merged(rec, norm, [(0, 4, "ORG")], [strong]) == [("沃克斯玛", "PERSON")]


def test_rule_organisation_running_further_right_is_the_longest_name(rec):
    from storyline.analyse.entities.detect import Cand
    norm = "中共中央政治局常务委员会今天开会。"
    whole = Cand(0, 12, "ORG", 75, source="org")
    assert merged(rec, norm, [span_of(norm, "中共中央政治局", "ORG")], [whole]) == [("中共中央政治局常务委员会", "ORG")]


def test_two_committees_joined_by_and_are_two_organisations(rec, seg):
    norm = "军方宣布解散主权委员会和部长委员会。"
    spans = rec.detector.orgs.find(norm, seg.tokens(norm), set())
    assert "部长委员会" in [norm[s:e] for s, e in spans] and not any("和" in norm[s:e] for s, e in spans)


def test_a_body_named_by_its_kind_is_not_an_organisation(rec):
    norm = "法院不予立案，警方也没有回应。"
    assert merged(rec, norm, [span_of(norm, "法院", "ORG"), span_of(norm, "警方", "ORG")]) == []


def test_an_english_clause_is_not_an_organisation(rec):
    norm = "他说（NATO must help Kyiv now）。又提到Bank of Somewhere。"
    got = merged(rec, norm, [span_of(norm, "NATO must help Kyiv now", "ORG"), span_of(norm, "Bank of Somewhere", "ORG")])
    assert got == [("Bank of Somewhere", "ORG")]


def test_a_tagger_name_across_a_title_bracket_is_not_proposed(rec):
    norm = "他前往《华府邮报》编辑部接受采访。"
    assert merged(rec, norm, [span_of(norm, "华府邮报》编辑部", "ORG")]) == []


def test_a_place_found_once_is_a_place_elsewhere_in_the_article(rec, seg):
    from storyline.analyse.entities.cluster import propagate_places
    from storyline.analyse.entities.detect import Cand
    from storyline.analyse.entities.names import TokenIndex
    norms = ["记者从图瓦卢发回报道。", "图瓦卢食品出口增加，图瓦卢人也很高兴。", "图瓦卢号货轮靠港。"]
    per_para = [[Cand(3, 6, "GPE", 95, source="model")], [], []]
    indexes = [TokenIndex(seg.tokens(n)) for n in norms]
    propagate_places(norms, per_para, indexes, rec.patterns)
    found = [[(n[c.start:c.end], c.type, c.start) for c in cands] for n, cands in zip(norms, per_para)]
    assert found[1] == [("图瓦卢", "GPE", 0)]  # not before 人 (a demonym)
    assert found[2] == []  # a ship
