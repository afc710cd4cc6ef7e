"""Quotes without a speech verb or with the speaker only behind 据 (#28, round of session 16): the
interview label (李家宝：“……”) and 据X称. Our own sentences."""

from __future__ import annotations

P, O = "PERSON", "ORG"


def test_person_label_opens_a_direct_quote(quotes):
    doc = quotes("王小明：“我们每天都在等消息，家里人很担心。”", [("王小明", P)])
    assert [(q.speaker_name, q.text, q.direct) for q in doc.quotes] == [
        ("王小明", "我们每天都在等消息，家里人很担心。", True)]


def test_noun_and_handle_labels_give_the_rest_of_the_paragraph(quotes):
    doc = quotes(["律师：这种做法在法律上站不住脚，法院应当驳回。", "@river_2020：这个价格根本买不到房子。"], [])
    assert [(q.speaker_name, q.text) for q in doc.quotes] == [
        ("律师", "这种做法在法律上站不住脚，法院应当驳回"), ("river_2020", "这个价格根本买不到房子")]


def test_header_labels_are_no_speakers(quotes):
    doc = quotes(["作者：张三，本报驻伦敦的特约撰稿人", "图片来源：路透社记者在现场拍摄的照片"], [("张三", P)])
    assert doc.quotes == []


def test_a_label_with_a_cue_is_read_by_the_cue_rules(quotes):
    doc = quotes("王小明表示：“我们每天都在等消息。”", [("王小明", P)])
    assert [(q.speaker_name, q.cue) for q in doc.quotes] == [("王小明", "表示")]


def test_source_of_a_report_is_the_speaker_when_nobody_else_is(quotes):
    doc = quotes("据法新社报道称，两国外长将在下周会面。", [("法新社", O)])
    assert [(q.speaker_name, q.text) for q in doc.quotes] == [("法新社", "两国外长将在下周会面")]


def test_quotation_opening_a_later_sentence_continues_the_speaker(quotes):
    doc = quotes("“谈判还会继续，”李华说。“我们不会放弃。”", [("李华", P)])
    assert [(q.speaker_name, q.text) for q in doc.quotes] == [("李华", "谈判还会继续，"), ("李华", "我们不会放弃。")]


def test_quotation_after_narration_without_a_quote_has_no_speaker(quotes):
    doc = quotes("李华昨天抵达会场。“我们不会放弃。”", [("李华", P)])
    assert doc.quotes == []


def test_transcript_turns_are_speech_however_short_even_in_bold(quotes):
    doc = quotes(["控方：你同意吗？", "林：同意。", "控方：为什么？", "林：不清楚。", "延展阅读：另一篇报道",
                  "延展阅读：又一篇报道"], [], heading={1})
    assert [(q.speaker_name, q.text) for q in doc.quotes] == [
        ("控方", "你同意吗"), ("林", "同意"), ("控方", "为什么"), ("林", "不清楚")]


def test_a_bold_lede_sentence_is_read_but_a_bold_title_is_not(quotes):
    doc = quotes(["韩国总统文在寅说，三方原则上同意宣告战争正式结束，谈判仍待展开。", "文在寅说谈判"], [("文在寅", P)],
                 heading={0, 1})
    assert [(q.paragraph, q.speaker_name) for q in doc.quotes] == [(0, "文在寅")]
