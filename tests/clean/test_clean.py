"""Clean stage on our own RawRecords: boilerplate, metadata lines, norm, sentences, language."""

from __future__ import annotations

import hashlib

from storyline.clean import clean_record
from storyline.clean.normalise import Normaliser
from storyline.model import RawRecord


def raw(blocks, **kw):
    fields = dict(path="x.txt", source_key="/abs/x.txt", format="text", encoding="utf-8", body_blocks=blocks)
    fields.update(kw)
    return RawRecord(**fields)


def test_boilerplate_and_metadata_lines_dropped():
    doc = clean_record(raw([
        "外长  举行会谈。",
        "点击查看大图",
        "本文系示例网独家稿件，未经授权，不得转载。",
        "责任编辑：周明 ＃",
        "原文链接（需翻墙）：https://example.org/a",
        "",
        "双方发表联合声明。",
        "双方发表联合声明。",
    ]))
    assert doc.article.paragraphs == ["外长 举行会谈。", "双方发表联合声明。", "双方发表联合声明。"]
    assert doc.article.editor == "周明"
    assert [p.index for p in doc.paragraphs] == [0, 1, 2]


def test_ids_hashes_and_headings():
    rec = raw(["会谈要点", "两国同意扩大合作。"], headings=["会谈要点"])
    doc = clean_record(rec)
    assert doc.article.id == hashlib.sha1(b"/abs/x.txt").hexdigest()[:16]
    assert doc.article.content_hash == hashlib.sha1("会谈要点\n两国同意扩大合作。".encode()).hexdigest()
    assert [p.is_heading for p in doc.paragraphs] == [True, False]


def test_caption_like_credit_line_moved_to_captions():
    doc = clean_record(raw(["外长抵达机场 图源:示例图库", "外长当天抵达。"]))
    assert doc.article.paragraphs == ["外长当天抵达。"]
    assert doc.article.captions == ["外长抵达机场 图源:示例图库"]


def test_norm_is_same_length_simplified_and_unified():
    n = Normaliser()
    text = "發言人說:會談於18:07開始,約有1,000人(含記者)出席;結果如何?ＡＢＣ１２３!"
    norm = n.norm(text)
    assert len(norm) == len(text)
    assert norm == "发言人说：会谈于18:07开始，约有1,000人（含记者）出席；结果如何？ABC123！"


def test_norm_keeps_length_when_opencc_phrase_changes_length():
    n = Normaliser()
    for text in ["乾隆皇帝與著名的乾貨", "這裡的「瞭解」與「了解」", "克里姆林宮發言人佩斯科夫"]:
        assert len(n.norm(text)) == len(text)


def test_sentences_split_on_final_punct_and_closing_quotes():
    text = "他说：“我们准备好了。”随后离开。双方会谈吗？当然！“局势……”还在变化；会议结束"
    doc = clean_record(raw([text]))
    para = doc.paragraphs[0]
    spans = [para.text[s.start:s.end] for s in para.sentences]
    assert spans == ["他说：“我们准备好了。”", "随后离开。", "双方会谈吗？", "当然！",
                     "“局势……”", "还在变化；", "会议结束"]


def test_sentence_offsets_work_on_ascii_punctuation_text():
    text = "普京表示,会谈有益?他说:是的!"
    para = clean_record(raw([text])).paragraphs[0]
    assert [para.text[s.start:s.end] for s in para.sentences] == ["普京表示,会谈有益?", "他说:是的!"]


def test_language_detection():
    assert clean_record(raw(["立法會今日舉行會議，議員們討論了經濟發展問題。"])).article.language == "zh-Hant"
    assert clean_record(raw(["立法会今日举行会议，议员们讨论了经济发展问题。"])).article.language == "zh-Hans"
    assert clean_record(raw(["Only English text here."])).article.language == "und"


def test_whitespace_normalised_without_spaces_between_cjk():
    doc = clean_record(raw(["\u3000\u3000外长\u200b会谈  开始。\t\n", "Joe   Biden 发表讲话。"]))
    assert doc.article.paragraphs == ["外长会谈 开始。", "Joe Biden 发表讲话。"]


def test_link_only_paragraph_is_navigation():
    doc = clean_record(raw(["相关：外长会谈回顾", "正文内容。"],
                           links=[{"href": "https://example.org/r", "text": "相关：外长会谈回顾"}]))
    assert doc.article.paragraphs == ["正文内容。"]


def test_sentence_without_full_stops_is_cut_after_a_comma():
    # 3,000+ characters with commas but no full stop: every sentence stays under the cap, each
    # cut falls just after a comma, and the sentences still cover the text in order
    clause = "各方代表继续讨论边境局势与能源供应问题，"
    text = clause * 160 + "会议结束"
    para = clean_record(raw([text])).paragraphs[0]
    spans = para.sentences
    cap = Normaliser().max_sentence
    assert len(spans) > 3
    assert all(s.end - s.start <= cap for s in spans)
    assert all(para.text[s.end - 1] == "，" for s in spans[:-1])
    assert spans[0].start == 0 and spans[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(spans, spans[1:]))


def test_sentence_without_any_break_is_cut_at_the_cap():
    text = "甲" * 2500
    spans = clean_record(raw([text])).paragraphs[0].sentences
    cap = Normaliser().max_sentence
    assert [(s.start, s.end) for s in spans] == [(0, cap), (cap, 2 * cap), (2 * cap, 2500)]


def test_ordinary_long_sentence_is_not_cut():
    text = "他说，" + "双方同意继续谈判、交换战俘、开放人道走廊，" * 30 + "此后再议。"
    assert len(text) < Normaliser().max_sentence
    assert len(clean_record(raw([text])).paragraphs[0].sentences) == 1
