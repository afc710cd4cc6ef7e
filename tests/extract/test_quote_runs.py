"""Quotations running over paragraphs whose inner paragraphs open with no mark (runs.py; our own
sentences)."""

from __future__ import annotations

P, G, O = "PERSON", "GPE", "ORG"


def test_interview_after_a_header_runs_to_the_closing_mark(quotes):
    doc = quotes(["三位市民谈物价。", "张华，42岁，上海人：“什么都贵了”", "“我每天去菜场，菜价比去年高了一倍。",
                  "我的工资没有涨，只能少买一点。", "我不知道这种情况还会持续多久。”", "为保护受访者，文中使用化名。"],
                 [("张华", P), ("上海", G)])
    assert [(q.paragraph, q.speaker_name) for q in doc.quotes] == [(2, "张华"), (3, "张华"), (4, "张华")]
    assert doc.quotes[-1].text == "我不知道这种情况还会持续多久"


def test_quotation_opened_after_a_cue_goes_on_to_its_close(quotes):
    doc = quotes(["工会代表李明说：“我们被拦在门外，他们一哄而上。", "我的手臂受了伤，现在还不能干活。”", "警方没有回应。"],
                 [("李明", P)])
    assert [(q.paragraph, q.speaker_name) for q in doc.quotes] == [(0, "李明"), (1, "李明")]


def test_no_run_without_an_opening_mark(quotes):
    doc = quotes(["警方周二发表声明。", "声明没有提到伤亡人数。", "这是一段引文的结尾。”"], [])
    assert doc.quotes == []
