"""他说 / 她说: the person a speaking pronoun stands for (quotes/pronouns.py), on our own sentences."""

from __future__ import annotations

P, G, O = "PERSON", "GPE", "ORG"


def test_pronoun_takes_the_person_of_the_paragraph_before_not_an_old_subject(quotes):
    # the first paragraph's subject is quoted; two paragraphs on, another person is introduced
    # behind a party and a title and 他说 opens the next paragraph: he is the one just introduced
    doc = quotes(["王明昨天在记者会上表示，谈判没有进展。",
                  "英国保守党议员和前任党魁史密斯13日在议会就此提问。",
                  "他说，这是一个严重的问题。"],
                 [("王明", P), ("英国保守党", O), ("史密斯", P)])
    assert [q.speaker_name for q in doc.quotes] == ["王明", "史密斯"]


def test_pronoun_skips_an_english_name_in_brackets(quotes):
    # a guard: the grammar's reading gets this right too, pronouns.py must not lose it
    doc = quotes(["美国国务卿布林肯（Antony Blinken）周二抵达柏林。", "他说，盟友将保持团结。"],
                 [("美国", G), ("布林肯", P), ("Antony Blinken", P), ("柏林", G)])
    (q,) = doc.quotes
    assert q.speaker_name == "布林肯"


def test_pronoun_prefers_the_subject_to_a_person_named_in_an_object(quotes):
    # 陈大文 only modifies 事件 in the question: the one who answers is the subject 李志明
    doc = quotes("李志明报名时，多次被问到陈大文事件会否影响选情。他回应指，两件事并无关系。",
                 [("李志明", P), ("陈大文", P)])
    (q,) = doc.quotes
    assert q.speaker_name == "李志明"


def test_pronoun_never_takes_a_person_named_inside_quotation_marks(quotes):
    doc = quotes(["记者黄美玲周一采访了这位老师。", "“张伟这样的学生很少见，”她说，“我很想念他。”"],
                 [("黄美玲", P), ("张伟", P)])
    assert {q.speaker_name for q in doc.quotes} == {"黄美玲"}
