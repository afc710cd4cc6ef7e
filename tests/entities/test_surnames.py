"""Bare surnames standing for a person in court and Hong Kong reports (cluster.surname_mentions), our own
invented sentences."""

from __future__ import annotations


def persons(doc):
    return [(m.paragraph, m.norm) for m in doc.mentions if m.type == "PERSON"]


def test_surname_glued_to_next_character(analyse):
    # jieba writes 游受 / 游涉 as one word: the surname still stands for 游乃强 before a listed follower
    doc = analyse("警司游乃强被指涉嫌渎职。", "被告认为，披露游受查是为公众利益。", "辩方指，游涉贪一事早已传开。",
                  "林卓廷当天出庭自辩。", "林最后在裁判官追问下承认发言有误。")
    found = persons(doc)
    assert (1, "游") in found and (2, "游") in found
    assert (4, "林") in found  # 最后 is a time word (f), not a verb: a listed follower


def test_orphan_surname_recovers_the_full_name(analyse):
    paragraphs = [
        "控方传召在廉政公署技术服务部讯号分析组工作的卫智文。",
        "另外，卫同意若电话已登入，便能看到群组讯息。",
        "在辩方盘问下，卫表示没有测试过，故不知道。",
        "卫确认一旦用户删除讯息，其他成员就不会看到。",
    ]
    found = persons(analyse(*paragraphs))
    assert (0, "卫智文") in found
    assert [p for p, n in found if n == "卫"] == [1, 2, 3]


def test_surname_word_that_is_no_name_stays_unmarked(analyse):
    # 卫 opens clauses here as part of 卫生: no bare surname, and the nr rule finds no three-character name
    doc = analyse("卫生局表示，疫苗供应充足。", "卫生署同意延长接种时间。", "卫生防护中心确认新增病例。")
    assert not [n for _, n in persons(doc) if n.startswith("卫")]


def test_latin_surname_after_the_full_name(analyse):
    doc = analyse("代表被告的大律师 Trevor Beel 则表示，他需要更多时间。",
                  "法官一度着 Beel 的助手离开，Beeline 公司的代表则在场旁听。")
    found = persons(doc)
    assert (1, "Beel") in found and (1, "Beeline") not in found


def test_orphan_rule_needs_speech_before_it_names_anyone(analyse):
    # 钱 opens three clauses before 是 / 在 / 被 (money, not a person) and jieba tags 钱太多 nr: no name
    doc = analyse("他认为，钱是最大的问题。", "钱在哪里，谁也不知道。", "钱被用来买房。", "钱太多，因为你有郭先生帮忙。")
    assert not [n for _, n in persons(doc) if n.startswith("钱")]
