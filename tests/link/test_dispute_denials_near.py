"""Denials right after the claim they answer (#32 recall, session 18 second round): a short denied
object that points back with "any" (否认|有任何参与), every accusation (断然拒绝所有指控), a denied
proposition sharing a named entity or the generic topic word with the claim just before it; and two
cues that deny nothing (减少误解, 这种说法并非没有根据). Our own sentences."""

from storyline.link.disputes import DisputeLexicon, make_statement, score_pair

LEX = DisputeLexicon()


def _st(text, by, side, *, cue="表示", stance="assert", direct=False, paragraph=0, start=0, key=None,
        about=frozenset(), kind="quote"):
    return make_statement(LEX, kind=kind, id=key or text, key=key or text, by_id=None, by_name=by, side=side,
                          text=text, date="2022-04-03", article_id="a1", paragraph=paragraph, stance=stance,
                          cue=cue, start=start, direct=direct,
                          about=frozenset(about) | LEX.sides_in(LEX.simplified(text)))


def test_any_involvement_refers_back_to_the_claim_just_before():
    claim_text = "检方在城郊一处林地发现了十二具平民遗体"
    claim = _st(claim_text, "州检察长", None, start=8, key="c")
    counter = _st("有任何参与", "俄罗斯", "俄罗斯", cue="否认", stance="deny", key="k",
                  start=8 + len(claim_text) + 5)
    assert counter.backref and counter.explicit
    assert score_pair(claim, counter, LEX) is not None
    # 有入侵计划 still states its own proposition: no back-reference
    assert not _st("有入侵计划", "俄罗斯", "俄罗斯", cue="否认", stance="deny").backref


def test_rejecting_all_accusations_is_an_explicit_back_reference():
    s = _st("我们断然拒绝所有指控", "克宫发言人", "俄罗斯", cue="告诉记者", stance="deny", direct=True)
    assert s.counter and s.explicit and s.backref
    # the same words under an `assert` stance and no denial verb: a counter (a deny cue is absent), not explicit
    assert not _st("我们认真对待所有指控", "克宫发言人", "俄罗斯", stance="assert", direct=True).counter


def test_denied_object_sharing_a_named_entity_with_the_claim_before_it():
    claim = _st("指责市警方对这次出逃进行了监视却没有阻止", "当地报纸", "中国", start=0, key="c",
                about={"e_police"})
    counter = _st("市警方与这些人被捕有任何关系", "特首", None, cue="否认", stance="deny", key="k",
                  start=40, about={"e_police"})
    assert counter.denied
    assert score_pair(claim, counter, LEX) is not None
    # no shared entity, no shared noun: nothing answered
    other = _st("市政府与这些人被捕有任何关系", "特首", None, cue="否认", stance="deny", key="k2",
                start=40, about={"e_city"})
    assert score_pair(claim, other, LEX) is None


def test_denied_plan_answers_the_invasion_claim_of_the_previous_paragraph():
    claim = _st("两国将联手对抗俄罗斯入侵乌克兰的行动", "美国", "美国", paragraph=0, key="c")
    counter = _st("它正在计划入侵乌克兰", "俄罗斯", "俄罗斯", cue="否认", stance="deny", paragraph=1, key="k")
    assert score_pair(claim, counter, LEX) is not None
    # the claim must come first
    late = _st("两国将联手对抗俄罗斯入侵乌克兰的行动", "美国", "美国", paragraph=2, key="c2")
    assert score_pair(late, counter, LEX) is None


def test_cues_that_deny_nothing():
    assert not LEX.is_counter("双方应加强沟通，减少误解，妥善处理分歧")
    assert LEX.is_counter("这完全是对我方立场的误解")
    s = _st("北约秘书长的这种说法并非没有根据", "人道报", None)
    assert not s.counter


def test_misunderstanding_caused_or_avoided_is_no_denial():
    assert not LEX.is_counter("有关食品进口的发文滋生各党团误解，我代表党团道歉")
    assert not LEX.is_counter("这番话造成了外界误解")


def test_a_back_reference_to_a_generic_topic_needs_a_claim_about_it():
    # the troop build-up reported just before is not the invasion plan the denial refers back to
    claim_text = "基辅指责莫斯科在边境集结数万军队"
    claim = _st(claim_text, "乌克兰政府", "乌克兰", start=0, key="c", kind="event")
    counter = _st("它的入侵计划", "克里姆林宫", "俄罗斯", cue="否认", stance="deny", key="k",
                  start=len(claim_text) + 12)
    assert counter.backref and counter.generic
    assert score_pair(claim, counter, LEX) is None
    # a claim about the invasion itself is what it refers to
    about = _st("莫斯科在边境集结军队准备入侵邻国", "乌克兰政府", "乌克兰", start=0, key="c2")
    counter2 = _st("它的入侵计划", "克里姆林宫", "俄罗斯", cue="否认", stance="deny", key="k2",
                   start=len(about.text) + 12)
    assert score_pair(about, counter2, LEX) is not None


def test_a_denial_answering_a_question_contests_no_claim():
    para = "辩方问证人有否告诉过被告，队长负责制造汽油弹；亦表示知道储藏地点。陈否认。"
    assert LEX.answers_question(para, para.index("陈否认"))
    stated = "控方指，被告意图引起对警方的憎恨。黎否认。"
    assert not LEX.answers_question(stated, stated.index("黎否认"))
    s = make_statement(
        LEX, kind="event", id="e", key="e", by_id=None, by_name="陈", side=None, text="陈否认", date=None,
        article_id="a1", paragraph=0, status="occurred", context=(True, -1))
    assert not s.counter and not s.claim
    # a quote whose cue asks puts a proposition, it asserts none
    assert not _st("被告认同示威者这样做", "控方", None, cue="追问").claim
    assert not _st("被告认同示威者这样做吗", "控方", None, cue="说").claim


def test_undeniably_and_one_speaker_cut_twice():
    assert not _st("无可否认，这是北京急需的一场外交胜利", "评论", None).counter
    claim = _st("中国的确没有入侵任何国家", "黎在对谈", None, key="c")
    counter = _st("这一说法不实", "黎", None, key="k", start=20)
    assert score_pair(claim, counter, LEX) is None


def test_deny_stance_refers_back_only_with_a_citation_noun():
    assert not _st("我们对此从不怀疑", "大使", "俄罗斯", stance="deny", direct=True).explicit
    assert _st("我们断然拒绝所有指控", "发言人", "俄罗斯", stance="deny", direct=True).explicit


def test_a_denial_verb_negated_before_the_quote_voids_it():
    para = "法庭文件显示，王子并未承认或否认在案件中负有任何责任。"
    assert LEX.negated_before(para, para.index("在案件"))
    para2 = "不可否认，这篇报道对警方形象造成了负面影响。"
    assert LEX.negated_before(para2, para2.index("这篇"))
    para3 = "外交部发言人否认了这一说法。"
    assert not LEX.negated_before(para3, para3.index("了这一"))


def test_denying_such_an_intent_needs_a_claim_stating_the_intent():
    built_up = "西方国家指控莫斯科在边境集结大量军力"
    claim = _st(built_up, "西方", "西方", key="c")
    counter = _st("有此企图", "俄罗斯当局", "俄罗斯", cue="否认", stance="deny", key="k", start=len(built_up) + 8)
    assert counter.referent == {"企图"}
    assert score_pair(claim, counter, LEX) is None
    intent = "西方国家指控莫斯科企图攻击邻国"
    claim2 = _st(intent, "西方", "西方", key="c2")
    counter2 = _st("有此企图", "俄罗斯当局", "俄罗斯", cue="否认", stance="deny", key="k2", start=len(intent) + 8)
    assert score_pair(claim2, counter2, LEX) is not None


def test_a_claim_answered_by_an_earlier_denial_is_not_the_next_ones():
    para = "控方指出，被告早已知道游说工作。黎否认。控方续指，至少有人告知他。黎亦否认。"
    second = para.index("黎亦否认")
    prior = LEX.prior_denial(para, second)
    assert prior == para.index("黎否认") + len("黎否认")
    claim = _st("被告早已知道游说工作", "控方", None, key="c", start=para.index("被告早已"))
    late = make_statement(LEX, kind="event", id="k", key="k", by_id=None, by_name="黎", side=None, text="黎亦否认",
                          date=None, article_id="a1", paragraph=0, status="occurred", start=second,
                          context=(False, prior))
    assert late.counter and late.backref
    assert score_pair(claim, late, LEX) is None
    first = make_statement(LEX, kind="event", id="k1", key="k1", by_id=None, by_name="黎", side=None, text="黎否认",
                           date=None, article_id="a1", paragraph=0, status="occurred", start=para.index("黎否认"),
                           context=(False, LEX.prior_denial(para, para.index("黎否认"))))
    assert score_pair(claim, first, LEX) is not None
