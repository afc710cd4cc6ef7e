"""What the learned event stage adds must read as a careful reader reads it (#28, the seeds' wrong
additions): a date that only modifies a noun does not date the act, the subject of a 如果 clause is
not the one who acts, and the trigger lexicon's context checks hold for the model's candidates too.
Our own sentences; the shipped models."""

from __future__ import annotations

import pytest

from storyline.extract.events.grammar import resolve_pronouns
from storyline.extract.learned import LearnedEvents
from storyline.extract.learned.candidates import Candidate
from storyline.extract.events import EventExtractor
from storyline.analyse.time.attach import DocTimes
from storyline.model import TimeExpr
from tests.extract.docs import make_doc

P, G = "PERSON", "GPE"


@pytest.fixture(scope="module")
def learned():
    ex = EventExtractor()
    le = LearnedEvents(ex.grammar, ex.lexicon, extractor=ex)
    if not le.ready:
        pytest.skip("learned event models not shipped")
    return le


def candidates(learned, doc, word):
    heads = resolve_pronouns(learned.extractor.grammar.doc_heads(doc))
    return [c for c in learned.finder.find(doc, [], heads) if c.word == word]


def test_a_date_that_modifies_a_noun_does_not_date_the_act(learned):
    text = "加之4月即将举行的法国总统大选，报道认为，马克龙斡旋俄乌危机是希望提升威望。"
    doc = make_doc(text, [("法国", G), ("马克龙", P)], anchor="2022-02-09")
    doc.times.append(TimeExpr(0, 2, 4, "4月", "DATE", "2022-04"))
    s = text.index("斡旋")
    c = Candidate(0, s, s + 2, (0, len(text)), (text.index("报道认为，") + 5, len(text) - 1), "斡旋")
    assert learned._date(doc, DocTimes(doc), c) == ("2022-02-09", None)


def test_a_date_in_the_acts_own_clause_dates_it(learned):
    text = "加之4月即将举行的大选，马克龙2月7日斡旋俄乌危机。"
    doc = make_doc(text, [("马克龙", P)], anchor="2022-02-09")
    doc.times += [TimeExpr(0, 2, 4, "4月", "DATE", "2022-04"), TimeExpr(0, 15, 19, "2月7日", "DATE", "2022-02-07")]
    s = text.index("斡旋")
    c = Candidate(0, s, s + 2, (0, len(text)), (text.index("马克龙"), len(text) - 1), "斡旋")
    assert learned._date(doc, DocTimes(doc), c)[0] == "2022-02-07"


def test_the_subject_of_a_condition_is_not_the_one_who_sanctions(learned):
    doc = make_doc("如果俄罗斯在乌克兰问题上不让步，它们或将有一揽子制裁措施启动。", [("俄罗斯", G), ("乌克兰", G)])
    (c,) = candidates(learned, doc, "制裁措施")
    actors = learned._grammar_actors(doc.paragraphs[0], c, "SANCTION")
    assert not any(a.name == "俄罗斯" and a.role == "source" for a in actors or [])


def test_a_subject_after_the_condition_still_acts(learned):
    doc = make_doc("如果俄罗斯不让步，欧盟将启动新的制裁措施。", [("俄罗斯", G), ("欧盟", "ORG")])
    (c,) = candidates(learned, doc, "制裁措施")
    actors = learned._grammar_actors(doc.paragraphs[0], c, "SANCTION")
    assert ("欧盟", "source") in {(a.name, a.role) for a in actors}


def test_the_lexicons_context_checks_hold_for_model_candidates(learned):
    doc = make_doc("沙利文拒绝透露具体细节。", [("沙利文", P)])
    (c,) = candidates(learned, doc, "拒绝")
    assert learned._ruled_out(doc.paragraphs[0], c, "REJECT")
    doc = make_doc("沙利文拒绝了俄方的提议。", [("沙利文", P)])
    (c,) = candidates(learned, doc, "拒绝")
    assert not learned._ruled_out(doc.paragraphs[0], c, "REJECT")


def test_an_unreal_act_nothing_dates_has_no_date():
    from storyline.extract import Extractor
    from storyline.pipeline import StageTimer

    ex = Extractor(learned="none")
    doc = make_doc("拜登警告说，如果俄罗斯入侵乌克兰，美国将实施严厉制裁。", [("拜登", P), ("俄罗斯", G), ("乌克兰", G), ("美国", G)],
                   anchor="2022-02-10")
    ex(doc, StageTimer())
    unreal = [e for e in doc.events if e.status != "occurred"]
    assert unreal and all(e.date is None for e in unreal)
    text = "情报显示，俄罗斯计划于3月1日入侵乌克兰。"
    doc = make_doc(text, [("俄罗斯", G), ("乌克兰", G)], anchor="2022-02-10")
    doc.times.append(TimeExpr(0, text.index("3月"), text.index("3月") + 4, "3月1日", "DATE", "2022-03-01"))
    ex(doc, StageTimer())
    assert [(e.status, e.date) for e in doc.events] == [("planned", "2022-03-01")]


def test_a_passive_trigger_word_makes_its_subject_the_target(learned):
    """被捕 / 被开除: the word itself is passive, so the name before it is acted on (before, it was
    read as the one who arrests)."""
    text = "立场新闻高层黎智英昨日被捕。"
    doc = make_doc(text, [("立场新闻", "ORG"), ("黎智英", P)])
    heads = resolve_pronouns(learned.extractor.grammar.doc_heads(doc))
    s = text.index("被捕")
    c = Candidate(0, s, s + 2, (0, len(text)), (0, len(text) - 1), "被捕", heads=heads[0])
    actors = learned._grammar_actors(doc.paragraphs[0], c, "COERCE")
    assert actors and {a.role for a in actors} == {"target"} and "黎智英" in {a.name for a in actors}, actors


def test_a_subject_that_undergoes_the_act_is_its_target(learned):
    """俄罗斯将面临新的制裁: Russia is sanctioned, it sanctions nobody."""
    text = "俄罗斯将面临新的制裁。"
    doc = make_doc(text, [("俄罗斯", G)])
    heads = resolve_pronouns(learned.extractor.grammar.doc_heads(doc))
    s = text.index("制裁")
    c = Candidate(0, s, s + 2, (0, len(text)), (0, len(text) - 1), "制裁", heads=heads[0])
    actors = learned._grammar_actors(doc.paragraphs[0], c, "SANCTION")
    assert [(a.name, a.role) for a in actors] == [("俄罗斯", "target")], actors


def test_a_counted_group_after_an_arrest_word_is_its_target(learned):
    # grammar.yaml counted_target: 拘捕了7人, 逮捕七名相关人士 (no entity: the group as written)
    text = "东港警方昨日在南湾拘捕了三名男子，事后翻查片段。"
    doc = make_doc(text, [("东港警方", "ORG"), ("南湾", G)])
    s = text.index("拘捕")
    c = Candidate(0, s, s + 2, (0, len(text)), (0, text.index("，")), "拘捕",
                  heads=resolve_pronouns(learned.extractor.grammar.doc_heads(doc))[0])
    actors = learned._grammar_actors(doc.paragraphs[0], c, "COERCE")
    assert [(a.name, a.role) for a in actors] == [("东港警方", "source"), ("三名男子", "target")]
    sub = learned.extractor.subjects
    assert sub.counted_target("拘捕七名相关人士，并冻结资产", 2, 8, "COERCE") == "七名相关人士"
    assert sub.counted_target("拘捕多名涉事的人员", 2, 9, "COERCE") is None  # 的 breaks the group
    assert sub.counted_target("拘捕三名男子", 2, 6, "REQUEST") is None
