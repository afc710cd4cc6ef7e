"""What the trigger acts on (issue #28, session 19): the objects after a trigger, one construction each.

Own sentences. Each test fails without its rule: a list of names after the trigger is all its
targets (谴责A和B), a phrase after the first name is no list (入侵A第二周战况和B), and a name right after a
denial is the one rejected when it owns the thing rejected (拒绝了B为…), not when it opens the claim
denied (否认B将入侵…).
"""

from __future__ import annotations

import pytest

from storyline.extract.events import EventExtractor
from tests.extract.docs import make_doc

G, P, O = "GPE", "PERSON", "ORG"


def roles(doc, type_):
    return [{(a.name, a.role) for a in e.actors} for e in doc.events if e.type == type_]


def test_every_name_of_a_list_after_the_trigger_is_a_target(extract):
    doc = extract("周一晚上，白俄罗斯谴责阿布哈兹和南奥塞梯破坏停火。",
                  [("白俄罗斯", G), ("阿布哈兹", G), ("南奥塞梯", G)])
    assert roles(doc, "ACCUSE") == [{("白俄罗斯", "source"), ("阿布哈兹", "target"), ("南奥塞梯", "target")}]


def test_a_name_after_a_phrase_and_a_conjunction_is_no_target(extract):
    doc = extract("塞尔维亚入侵科索沃第三天的局势和欧盟的反应受到关注。",
                  [("塞尔维亚", G), ("科索沃", G), ("欧盟", O)])
    assert roles(doc, "ASSAULT") == [{("塞尔维亚", "source"), ("科索沃", "target")}]


def test_the_owner_of_what_is_rejected_is_the_target(extract):
    doc = extract("瑞典拒绝了芬兰关于共同采购战机的提议。", [("瑞典", G), ("芬兰", G)])
    assert roles(doc, "REJECT") == [{("瑞典", "source"), ("芬兰", "target")}]


def test_a_name_opening_the_denied_claim_is_no_target(extract):
    doc = extract("马杜罗否认哥伦比亚将出兵委内瑞拉。", [("马杜罗", P), ("哥伦比亚", G), ("委内瑞拉", G)])
    assert roles(doc, "REJECT") == [{("马杜罗", "source")}]


def test_two_verbs_joined_by_bing_share_the_clause_subject(extract):
    doc = extract("德国总理朔尔茨访问华盛顿并会见美国总统拜登。", [("德国", G), ("朔尔茨", P), ("华盛顿", G), ("美国", G), ("拜登", P)])
    assert {frozenset(r) for r in roles(doc, "CONSULT")} == {
        frozenset({("朔尔茨", "participant"), ("华盛顿", "participant")}),
        frozenset({("朔尔茨", "participant"), ("拜登", "participant")})}


def test_a_speaker_asks_even_after_a_clause_with_its_own_subject(extract):
    doc = extract("岸田文雄认为，朝鲜近来多次试射导弹，同时还敦促平壤停止挑衅。",
                  [("岸田文雄", P), ("朝鲜", G), ("平壤", G)])
    assert roles(doc, "REQUEST") == [{("岸田文雄", "source"), ("平壤", "target")}]


@pytest.fixture(scope="module")
def extract_segmented():
    """The same extractor on Docs the segmenter has tagged (the 其 rule reads the word after it)."""
    from storyline.analyse.segment import Segmenter

    events, segment = EventExtractor(), Segmenter()

    def run(text, names):
        doc = make_doc(text, names)
        segment(doc)
        events(doc)
        return doc

    return run


def test_qi_after_dui_is_the_one_named_before_its_clause(extract_segmented):
    doc = extract_segmented("检方指出，钱立明涉嫌受贿。警方随后将其驱逐。", [("钱立明", P)])
    assert roles(doc, "COERCE") == [{("警方", "source"), ("钱立明", "target")}]


def test_qi_before_a_noun_is_a_determiner_not_an_argument(extract_segmented):
    doc = extract_segmented("蒙古表示，中国将其边境地区的商人驱逐。", [("蒙古", G), ("中国", G)])
    assert {a.name for e in doc.events for a in e.actors} <= {"中国"}


def test_a_time_opening_the_sentence_dates_its_later_clauses():
    from storyline.model import TimeExpr

    doc = make_doc("周六，以色列总理与普京举行会谈，随后谴责伊朗。", [("以色列", G), ("普京", P), ("伊朗", G)])
    doc.times = [TimeExpr(0, 0, 2, "周六", "DATE", "2022-02-05")]  # what the time stage gives
    EventExtractor()(doc)
    accuse = [e for e in doc.events if e.type == "ACCUSE"]
    assert [(e.date, e.date_from_context) for e in accuse] == [("2022-02-05", False)]


def test_a_name_owned_by_the_first_object_is_the_target(extract):
    doc = extract("塞尔维亚谴责科索沃北部的米特罗维察。", [("塞尔维亚", G), ("科索沃", G), ("米特罗维察", G)])
    assert roles(doc, "ACCUSE") == [{("塞尔维亚", "source"), ("米特罗维察", "target")}]


def test_a_title_after_the_second_name_keeps_the_first_object(extract):
    doc = extract("布林肯成为首位谴责斐济的美国国务卿。", [("布林肯", P), ("斐济", G), ("美国", G)])
    assert roles(doc, "ACCUSE") == [{("布林肯", "source"), ("斐济", "target")}]


def test_duici_points_at_the_subject_of_the_previous_clause(extract):
    doc = extract("周一，塞尔维亚宣布承认科索沃北部自治，普里什蒂纳对此予以谴责。",
                  [("塞尔维亚", G), ("科索沃", G), ("普里什蒂纳", G)])
    assert roles(doc, "ACCUSE") == [{("普里什蒂纳", "source"), ("塞尔维亚", "target")}]


def test_a_country_named_for_its_border_after_zai_is_the_target(extract):
    doc = extract("阿塞拜疆在亚美尼亚边境集结重兵。", [("阿塞拜疆", G), ("亚美尼亚", G)])
    assert roles(doc, "MOBILIZE") == [{("阿塞拜疆", "source"), ("亚美尼亚", "target")}]

