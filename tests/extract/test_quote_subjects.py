"""Speaker attribution, round 6 of #28 (session 19): the subject of a cue's clause behind titles and
adverbial phrases (our own sentences)."""

from __future__ import annotations

P, G, O = "PERSON", "GPE", "ORG"


def test_person_before_an_interview_phrase_speaks(quotes):
    doc = quotes("关注中国人权状况的月刊《自由论坛》主编张明3月2日在接受本台记者采访时表示，当局应立即释放被拘押的记者。",
                 [("中国", G), ("自由论坛", O), ("张明", P)])
    (q,) = doc.quotes
    assert q.speaker_name == "张明"


def test_person_behind_an_institute_with_a_conjunction(quotes):
    doc = quotes("美国纽约经济与安全研究所学者王立接受本台采访时表示，两国竞争将长期持续。",
                 [("美国", G), ("纽约", G), ("王立", P)])
    (q,) = doc.quotes
    assert q.speaker_name == "王立"


def test_person_with_english_name_before_an_interview_phrase(quotes):
    doc = quotes("人权观察（Human Rights Watch）的高级法律顾问雷娜（Lena Roy）周日接受本台访问时表示，调查必须独立进行。",
                 [("人权观察", O), ("雷娜", P)])
    (q,) = doc.quotes
    assert q.speaker_name == "雷娜"


def test_person_met_in_the_adverbial_phrase_does_not_speak(quotes):
    doc = quotes("外交部周二在与张明会谈时表示，有关指控毫无根据。", [("外交部", O), ("张明", P)])
    (q,) = doc.quotes
    assert q.speaker_name == "外交部"


def test_reaffirming_and_briefing_verbs_before_a_comma_are_cues(quotes):
    doc = quotes(["外交部发言人张明周三重申，中方的立场没有改变。", "大会发言人王立介绍，本次会议将审议五项议案。",
                  "张明承认，谈判遇到了一些困难。", "分析师李华预测，油价下月将继续上涨。"],
                 [("外交部", O), ("张明", P), ("王立", P), ("李华", P)])
    assert [(q.paragraph, q.speaker_name, q.cue) for q in doc.quotes] == [
        (0, "张明", "重申"), (1, "王立", "介绍"), (2, "张明", "承认"), (3, "李华", "预测")]


def test_reaffirming_an_object_or_a_noun_is_no_cue(quotes):
    doc = quotes(["张明重申了中方的立场。", "根据王立的介绍，这是本月的第三次集会。"], [("张明", P), ("王立", P)])
    assert doc.quotes == []


def test_known_outlet_named_before_its_english_name(quotes):
    doc = quotes(["据路透社（Reuters）周二报道，一名美国官员称，制裁将于下周生效。", "报道指出，欧盟也在准备新的措施。"],
                 [("路透社", O), ("Reuters", O), ("美国", G), ("欧盟", O)])
    assert [(q.speaker_name, q.via) for q in doc.quotes] == [("一名美国官员", "路透社"), ("路透社", None)]


def test_comma_inside_brackets_ends_no_clause(quotes):
    doc = quotes("台湾大学政治系教授陈明（Chen，Ming）也认为，北京短期内不会改变对台政策。",
                 [("台湾大学", O), ("陈明", P), ("Chen", O), ("Ming", O)])
    (q,) = doc.quotes
    assert q.speaker_name == "陈明"


def test_plural_bare_subject_of_the_cue_clause_speaks(quotes):
    doc = quotes("他谈到自己每天都看央视新闻联播，这时台下的学生们都说，这样的领导很少见。",
                 [("央视新闻联播", O)])
    (q,) = doc.quotes
    assert q.speaker_name == "学生们"


def test_discourse_markers_with_shuo_are_no_cues(quotes):
    doc = quotes(["比如说，这套说法可以用来反驳任何批评。", "不管怎么说，这次会议没有取得成果。", "俗话说，远亲不如近邻。"], [])
    assert doc.quotes == []


def test_passive_and_noun_uses_of_cue_words_are_no_cues(quotes):
    doc = quotes(["两名青年被指当晚在西湾河参与非法集结。", "中国发出了愤怒的警告，但英国没有改变计划。",
                  "任志强一向以大胆敢言著称，深受网民追捧。", "检察官称，被告挪用了近百万美元。"],
                 [("中国", G), ("英国", G), ("任志强", P)])
    assert [(q.paragraph, q.speaker_name) for q in doc.quotes] == [(3, "检察官")]


def test_report_as_a_noun_or_a_beat_is_no_cue(quotes):
    doc = quotes(["本文根据《纽约时报》英文报道编译。", "王明是该报驻北京记者，负责报道中国政治新闻。", "张伟对本文有报道贡献。"],
                 [("纽约时报", O), ("王明", P), ("北京", G), ("张伟", P)])
    assert doc.quotes == []


def test_passive_cue_without_a_comma_is_no_statement(quotes):
    doc = quotes("俄罗斯的这一要求被欧洲和美国认为是不可接受的。", [("俄罗斯", G), ("欧洲", G), ("美国", G)])
    assert doc.quotes == []


def test_country_then_a_verb_then_an_organisation_speaks_itself(quotes):
    doc = quotes(["法国谴责港警大规模逮捕记者，称这样的做法损害新闻自由。", "美国民间公司星辰科技说，卫星图像显示车队已经离开。"],
                 [("法国", G), ("港警", O), ("美国", G), ("星辰科技", O)])
    assert [q.speaker_name for q in doc.quotes] == ["法国", "星辰科技"]


def test_descriptor_keeps_its_diplomatic_and_policy_modifiers(quotes):
    doc = quotes(["据一位外交消息人士称，安理会将于周五开会。", "政策分析人士表示，这次访问意在安抚盟友。"], [])
    assert [q.speaker_name for q in doc.quotes] == ["一位外交消息人士", "政策分析人士"]


def test_country_and_officer_speak_as_a_phrase(quotes):
    doc = quotes("美方军官表示，这次拦截测试是一个重大成就。", [("美方", G)])
    (q,) = doc.quotes
    assert q.speaker_name == "美方军官"
