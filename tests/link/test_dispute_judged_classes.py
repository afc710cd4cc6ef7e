"""Disputes (#32 item 3): the classes the judged real-corpus samples found wrong. Our own invented sentences.

First round: a short counter
that is the denied proposition taken for a back-reference (计划入侵 after a troop count), a
back-reference naming something the claim does not say (这一决定, 这项裁决), a back-reference paired
with a claim of another article, and a polemic word or cue that is the object of a verb of
spreading (散布虚假信息, 散布不实言论).

Second round: whose claim a counter
names (美国关于…的说法; 中方官员敦促… names whom a report is about, not whose it is), both sides
known for a pair across articles, polemic words as predicates only (完全是捏造 / 捏造的万人坑),
clause-final 并非如此, and a quoted term beside a denial verb of another clause.
"""

from __future__ import annotations

from storyline.link.disputes import DisputeLexicon, make_statement, score_pair

LEX = DisputeLexicon()


def _s(text, by, side, article="a1", paragraph=0, stance=None, cue=None, start=0):
    key = f"{article}-{paragraph}-{start}-{text[:4]}"
    return make_statement(LEX, kind="quote", id=key, key=key, by_id=None, by_name=by, side=side, text=text,
                          date="2022-02-10", article_id=article, paragraph=paragraph, stance=stance, cue=cue,
                          start=start, about=LEX.sides_in(text))


def test_a_short_denied_proposition_is_no_back_reference():
    claim = _s("俄军在边境附近集结了十万士兵", "美国官员", "美国", start=0)
    plan = _s("计划入侵", "俄罗斯", "俄罗斯", stance="deny", cue="否认", start=20)
    assert not plan.backref
    assert score_pair(claim, plan, LEX) is None
    # a short text saying nothing itself still refers back to the claim just before it
    bare = _s("纯属捏造", "俄罗斯", "俄罗斯", stance="deny", cue="表示", start=20)
    assert bare.backref
    assert score_pair(claim, bare, LEX) is not None
    for pointing in ("它的入侵计划", "这一指控", "美国的指控"):  # a reference word or a citation noun
        assert _s(pointing, "俄罗斯", "俄罗斯", stance="deny", cue="否认", start=20).backref, pointing


def test_a_back_reference_names_what_the_claim_says():
    claim = _s("国防部已决定撤出部分驻外人员", "五角大楼", "美国", start=0)
    counter = _s("这一说法不属实，政府没有作出这一决定", "乌克兰外交部", "乌克兰", start=22)
    assert "决定" in counter.referent
    assert score_pair(claim, counter, LEX) is not None
    other = _s("有关人士介入了针对公司的诉讼", "美国劳工部", "美国", start=0)
    case = _s("对此，这项裁决毫无根据", "公司发言人", "俄罗斯", start=20)
    assert "裁决" in case.referent
    assert score_pair(other, case, LEX) is None  # 这项裁决 refers to a ruling the claim does not name


def test_a_back_reference_does_not_answer_a_claim_of_another_article():
    claim = _s("国防部已决定撤出驻基辅使馆的外交人员", "五角大楼", "美国", article="a1")
    counter = _s("这一说法不属实，美国搞错了，使馆外交人员没有撤出", "乌克兰外交部", "乌克兰", article="a2")
    assert counter.backref and counter.explicit
    assert score_pair(claim, counter, LEX) is None
    # the same counter right after the claim, in its article, answers it
    near = _s("这一说法不属实，美国搞错了，使馆外交人员没有撤出", "乌克兰外交部", "乌克兰", article="a1", start=20)
    assert score_pair(claim, near, LEX) is not None


def test_a_cue_spread_or_fought_is_no_denial():
    assert not LEX.is_counter("北约敦促北京不要帮助俄罗斯散布谎言")
    assert not LEX.is_counter("台湾特定媒体却充当协力者，散布不实言论")
    assert not LEX.is_counter("西方担心中共会帮助俄罗斯传递战争的虚假信息")
    assert LEX.is_counter("外交部称这是谎言")
    assert LEX.is_counter("这些说法纯属谣言")
    assert LEX.is_counter("报道不实")
    # a polemic noun only as a predicate: 虚假信息的传播 is a topic, 是虚假信息 a denial
    assert not LEX.is_counter("专家讨论虚假信息对选举的影响")
    assert LEX.is_counter("美方的指控是虚假信息")


def test_a_demonstrative_with_a_citation_noun_refers_back():
    claim = _s("东部地区的居民遭到了种族灭绝", "俄罗斯", "俄罗斯", start=0)
    counter = _s("这一指控是无稽之谈", "乌克兰", "乌克兰", cue="认为", start=18)
    assert counter.backref
    assert score_pair(claim, counter, LEX) is not None
    far = _s("这一指控是无稽之谈", "乌克兰", "乌克兰", cue="认为", start=80)  # not the claim just before
    assert score_pair(claim, far, LEX) is None


def test_the_counter_names_whose_claim_it_is():
    assert LEX.cited_sides("了美国关于俄罗斯制造入侵借口的说法") == {"美国"}
    assert LEX.cited_sides("了中方官员敦促俄方将入侵的行动推迟到奥运会之后进行的说法") == set()  # whom the report is about
    assert LEX.cited_sides("纽约时报等美国媒体甚至怀疑") == set()
    # a Ukrainian warning is not the American claim the Kremlin rejects
    claim = _s("俄罗斯军队随时可能再次发动对乌克兰的侵略和入侵借口", "克利奇科", "乌克兰", article="a1")
    counter = _s("了美国关于俄罗斯秘密制造借口以入侵乌克兰的说法", "俄罗斯", "俄罗斯", article="a2", cue="否认")
    assert score_pair(claim, counter, LEX) is None


def test_apart_both_sides_must_be_known():
    claim = _s("美国财政部宣布对伊朗的四名个人实施制裁", "美国财政部", "美国", article="a1")
    counter = _s("这是毫无根据指控，美国对于主权国家的官员採取单方面制裁行动", "外交部", None, article="a2")
    assert score_pair(claim, counter, LEX) is None


def test_polemic_words_and_clause_final_cues():
    assert LEX.is_counter("这完全是捏造")
    assert not LEX.is_counter("它可能是在俄罗斯境内捏造的爆炸事件")
    assert LEX.is_counter("俄方的说法明显是释放假消息")
    assert LEX.is_counter("他们的意图并非如此")
    assert LEX.is_counter("伦敦散布进攻计划的谣言")  # a named side's claim called a rumour
    assert LEX.is_counter("美方散播谣言")
    assert LEX.is_counter("俄方不明白美国为何故意散播“入侵”虚假信息")
    assert LEX.is_counter("美国为什么要故意向媒体提供所谓“入侵”的虚假信息")
    assert not LEX.is_counter("主播因支持普京入侵乌克兰及散布相关的虚假信息而面临制裁")
    assert not LEX.is_counter("她强调并非如此简单就能将12人送返")
    assert not LEX.has_backref("她强调并非如此简单就能将12人送返")


def test_a_quoted_term_beside_a_denial_verb_is_not_explicit():
    # 中方矢口否认，中国大使更承诺“绝对不会攻击”…: the cue's text is another clause
    s = _s("中国大使更承诺“绝不攻击”乌克兰，外交部随后避而不答", "中国", "中国", stance="deny", cue="否认")
    assert s.counter and not s.explicit
    cited = _s("有关中国同意军援的说法", "中国", "中国", stance="deny", cue="否认")
    assert cited.explicit


def test_neither_confirmed_nor_denied_is_no_counter():
    assert not _s("至今尚未有任何一方出面承认或否认", "中国", "中国", cue="表示").counter


def test_a_case_or_an_event_named_back_must_be_the_claims():
    claim = _s("劳工部长出面干预了一起针对该公司的歧视诉讼", "举报者", "美国", start=0)
    case = _s("该案毫无根据", "甲骨文", "中国", start=24)
    assert case.referent == {"案"}
    assert score_pair(claim, case, LEX) is None
    event = _s("与该事件有关", "俄罗斯", "俄罗斯", stance="deny", cue="否认", start=24)
    commentary = _s("外媒认为混合战是现代战争常见手段", "外媒", None, start=0)
    assert score_pair(commentary, event, LEX) is None


def test_a_back_reference_after_a_reported_statement_points_inside_the_text():
    claim = _s("美国打算推翻中国政府", "北京", "中国", start=0)
    counter = _s("多年来，中国人反复重申：美国处于冷战逻辑，对此，美国官员却矢口否认", "美国", "美国", start=12)
    assert not counter.backref
    assert score_pair(claim, counter, LEX) is None
    assert _s("他说：这一说法毫无根据", "美国", "美国").backref
