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
