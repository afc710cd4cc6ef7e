"""Denials for the dispute stage: a quote's stance is `deny` when its content calls the claim false or the
sentence before it says its speaker denies (our own sentences)."""

from __future__ import annotations

P, G, O = "PERSON", "GPE", "ORG"


def test_denial_in_the_sentence_before_the_cue(quotes):
    doc = quotes("俄罗斯国防部否认了乌克兰的指控，称这些画面是基辅政权的又一次挑衅。", [("俄罗斯国防部", O), ("乌克兰", G)])
    q = next(q for q in doc.quotes if q.cue == "称")  # 否认 is a cue too: its object is the first quote
    assert (q.speaker_name, q.stance, q.text) == ("俄罗斯国防部", "deny", "这些画面是基辅政权的又一次挑衅")


def test_content_calling_the_claim_false(quotes):
    doc = quotes("拉夫罗夫周一表示，那些视频都是摆拍的，是为了抹黑俄罗斯。", [("拉夫罗夫", P), ("俄罗斯", G)])
    (q,) = doc.quotes
    assert q.stance == "deny"


def test_quote_after_a_denial_sentence(quotes):
    doc = quotes("赵立坚说，这是毫无意义的猜测。他对德国报纸的消息予以否认。“你最好去问问那家报纸。”", [("赵立坚", P)])
    assert [(q.speaker_name, q.stance) for q in doc.quotes] == [("赵立坚", "assert"), ("赵立坚", "deny")]


def test_plain_negation_and_questioning_stay_assert(quotes):
    doc = quotes(["佩斯科夫表示，双方没有讨论这个问题。", "一名议员质疑这项计划能否按时完成。"], [("佩斯科夫", P)])
    assert [q.stance for q in doc.quotes] == ["assert", "assert"]


def test_content_calling_the_images_a_hoax(quotes):
    doc = quotes("俄方随后声称，这些图像是又一个骗局。", [("俄", G)])
    (q,) = doc.quotes
    assert q.stance == "deny"


def test_counter_accusation_after_a_denial_asserts(quotes):
    # 否认指控 makes its own clause a denial; 反指 after it accuses the other side in turn
    doc = quotes("俄罗斯否认杀害平民，反指乌克兰发布的照片是挑衅。", [("俄罗斯", G), ("乌克兰", G)])
    q = next(q for q in doc.quotes if q.cue == "反指")
    assert q.stance == "assert"


def test_fabrication_never_said_and_no_evidence_deny(quotes):
    doc = quotes(["外交部发言人周二称，有关照片纯粹是捏造。", "佩斯科夫表示，俄方从没有说过要长期驻军。",
                  "该公司在声明中说，调查没有发现任何强迫劳动的证据。", "克里姆林宫表示，那家报纸写错了。"],
                 [("外交部", O), ("佩斯科夫", P), ("克里姆林宫", O)])
    assert [q.stance for q in doc.quotes] == ["deny", "deny", "deny", "deny"]
