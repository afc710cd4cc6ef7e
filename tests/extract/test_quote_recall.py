"""Quotes the rules used to drop on real text (#28): a speaker no entity stage recognised, reporting
verbs annotators mark (指, 坦言, 形容 ...), a summary followed by a colon and a quotation. Our own
sentences."""

from __future__ import annotations

P, G = "PERSON", "GPE"


def test_bare_subject_speaker_when_no_entity(quotes):
    doc = quotes("辩方续指，外国法院早已废除同类罪行。", [])
    (q,) = doc.quotes
    assert (q.speaker_name, q.text, q.speaker_mention) == ("辩方", "外国法院早已废除同类罪行", None)


def test_bare_subject_cuts_connectives_and_adverbs(quotes):
    doc = quotes("另外，有学者也认为，这项政策的效果有限。", [])
    (q,) = doc.quotes
    assert q.speaker_name == "学者"


def test_bare_subject_not_taken_across_punctuation_or_long_phrases(quotes):
    doc = quotes("在经过长达数月的激烈谈判以后的今天双方都认为，协议难以达成。", [])
    assert doc.quotes == []


def test_annotated_cues_are_read(quotes):
    doc = quotes("法官指，条文并不含糊。王毅坦言，中方立场没有改变。", [("王毅", P)])
    assert [(q.speaker_name, q.cue, q.text) for q in doc.quotes] == [
        ("法官", "指", "条文并不含糊"), ("王毅", "坦言", "中方立场没有改变")]


def test_cue_that_needs_a_comma(quotes):
    doc = quotes("王毅指挥了这次行动，现场秩序良好。", [("王毅", P)])
    assert doc.quotes == []


def test_reported_speech_stops_where_another_statement_starts(quotes):
    doc = quotes("栗战书说，两国是好朋友。奥兰亚表示，乌方感谢中方的支持。", [("栗战书", P), ("奥兰亚", P)])
    assert [(q.speaker_name, q.text) for q in doc.quotes] == [
        ("栗战书", "两国是好朋友"), ("奥兰亚", "乌方感谢中方的支持")]


def test_cue_word_followed_by_a_particle_is_no_statement(quotes):
    doc = quotes("普京说的没有错。", [("普京", P)])
    assert doc.quotes == []


def test_summary_stops_at_the_colon_of_a_following_quotation(quotes):
    doc = quotes("尚宝军说，当事人感谢各界的关心：“她听了很感动。”", [("尚宝军", P)])
    assert [(q.speaker_name, q.text, q.direct) for q in doc.quotes] == [
        ("尚宝军", "当事人感谢各界的关心", False), ("尚宝军", "她听了很感动。", True)]


def test_a_name_that_only_modifies_a_noun_is_not_the_speaker(quotes):
    doc = quotes("苏丹喀土穆州的抵抗委员会宣布，示威活动推迟一天。", [("苏丹喀土穆州", G)])
    assert [q.speaker_name for q in doc.quotes] == ["抵抗委员会"]
    doc = quotes("战略研究基金会的海斯堡表示，他对此并不惊讶。", [("战略研究基金会", "ORG"), ("海斯堡", P)])
    assert [q.speaker_name for q in doc.quotes] == ["海斯堡"]


def test_zhi_without_a_comma_is_a_cue_unless_it_starts_a_word(quotes):
    doc = quotes("辩方指条文早已过时。王毅指挥了这次行动。", [("王毅", P)])
    assert [(q.speaker_name, q.text) for q in doc.quotes] == [("辩方", "条文早已过时")]


def test_reported_speech_runs_on_through_the_paragraph_until_narration(quotes):
    doc = quotes("卢明指出，两岸需要对话。双方都应保持克制。王毅随后离开了会场。", [("卢明", P), ("王毅", P)])
    assert [(q.speaker_name, q.text) for q in doc.quotes] == [("卢明", "两岸需要对话。双方都应保持克制")]


def test_an_organisation_qualifying_a_titled_person_does_not_speak(quotes):
    doc = quotes("辉瑞首席执行官布拉表示，疫苗仍然有效。俄罗斯和乌克兰都表示，谈判将继续。",
                 [("辉瑞", "ORG"), ("布拉", P), ("俄罗斯", G), ("乌克兰", G)])
    assert [q.speaker_name for q in doc.quotes] == ["布拉", "俄罗斯"]


def test_a_demonstrative_speaker_takes_the_organisation_named_before(quotes):
    doc = quotes(["意大利咖啡协会今年提出申请。", "该协会指出，浓缩咖啡是一种生活方式。"], [("意大利咖啡协会", "ORG")])
    assert [(q.speaker_name, q.speaker_mention is not None) for q in doc.quotes] == [("意大利咖啡协会", True)]


def test_bare_subject_stops_before_a_prepositional_phrase(quotes):
    doc = quotes("检察官在起诉书中称，这些出版物煽动仇恨。", [])
    assert [(q.speaker_name, q.text) for q in doc.quotes] == [("检察官", "这些出版物煽动仇恨")]


def test_a_lone_surname_before_the_cue_speaks_but_a_connective_does_not(quotes):
    doc = quotes(["卫表示，他没有测试过。", "但表示，情况仍然复杂。"], [])
    assert [q.speaker_name for q in doc.quotes] == ["卫"]


def test_bare_subject_drops_time_words_and_connectives_after_the_phrase_cut(quotes):
    doc = quotes(["控方昨表示，已破解涉案电话。", "林最后在法官追问下解释，他从未想过此事。"], [])
    assert [q.speaker_name for q in doc.quotes] == ["控方", "林"]
