"""Session 18 gazetteer additions (issue #27): people and places annotated in several train/dev articles, and the
regions the gazetteer itself now types LOC (moved from data/place_types.tsv into data/places.tsv)."""

from __future__ import annotations


def find(doc, text):
    return [m for m in doc.mentions if m.text == text]


def test_japanese_leaders_link_to_their_entries(analyse):
    doc = analyse("日本首相岸田文雄周二会见外相林芳正。岸田随后表示，政府将加强防卫。")
    full, short = find(doc, "岸田文雄"), find(doc, "岸田")
    assert full and short and full[0].canonical_hint == "岸田" and short[0].canonical_hint == "岸田"
    assert short[0].type == "PERSON" and short[0].local_id == full[0].local_id
    (lin,) = find(doc, "林芳正")
    assert lin.type == "PERSON" and lin.canonical_hint == "林芳正"


def test_variant_spellings_are_aliases(analyse):
    doc = analyse("德国总理肖尔茨周五抵达北京。林郑宣布，布查镇的照片令人震惊。")
    (s,) = find(doc, "肖尔茨")
    assert s.type == "PERSON" and s.canonical_hint == "朔尔茨"
    (b,) = find(doc, "布查镇")
    assert b.type == "GPE" and b.canonical_hint == "布查"


def test_regions_without_government_are_loc(analyse):
    doc = analyse("示威者从北角游行到中环，又有人聚集在天安门和港岛东区。西方国家表示关注，北非局势也在恶化。")
    types = {m.text: m.type for m in doc.mentions}
    assert types.get("北角") == "LOC" and types.get("中环") == "LOC" and types.get("天安门") == "LOC"
    assert types.get("北非") == "LOC"
    assert "西方国家" not in types  # the description is not a name; 西方 inside it is the region


def test_place_before_time_word_is_a_time_zone(analyse):
    doc = analyse("两国元首将于北京时间周二上午通话，会谈定在美国东部时间晚上九点开始。北京方面表示欢迎。")
    places = [(m.norm, m.start) for m in doc.mentions if m.type in ("GPE", "LOC")]
    assert [n for n, _ in places] == ["北京"] and places[0][1] > 30  # only the second 北京, the government


def test_person_before_company_ending_is_the_company(analyse):
    doc = analyse("美国军火商洛克希德·马丁公司周三表示，订单增加。")
    found = [(m.norm, m.type) for m in doc.mentions]
    assert ("洛克希德·马丁公司", "ORG") in found and not [n for n, t in found if t == "PERSON"]


def test_media_name_takes_its_chinese_service(analyse):
    doc = analyse("BBC中文记者周五采访了当地居民。德国之声中文版的报道随后刊出。")
    found = [(m.norm, m.type) for m in doc.mentions]
    assert ("BBC中文", "ORG") in found and ("德国之声中文版", "ORG") not in found
