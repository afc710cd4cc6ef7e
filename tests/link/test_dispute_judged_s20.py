"""Disputes (#32 item 3), session 19 second round: classes the independent judge of the fresh
whole-corpus store (eval/data/disputes_judged_s20_store.tsv) found false, each with a pair that
must still link. Our own invented sentences.

- a denial right after a claim that shares with it only a container noun (地区, 文章, 被告: where
  or in what something was said) does not answer it; a shared thing the claim asserts (炮弹) does.
"""

from __future__ import annotations

from storyline.link.disputes import score_pair

from .dispute_statements import LEX
from .dispute_statements import statement as _s


def test_a_container_noun_alone_is_no_shared_proposition():
    claim = _s("与俄罗斯接壤的东部地区自2014年起爆发叛乱", "英国官员", "英国")
    counter = _s("俄罗斯曾武装支持该地区的叛军", "俄罗斯", "俄罗斯", start=30, stance="deny", cue="否认",
                 direct=False)
    assert counter.denied and counter.explicit
    assert score_pair(claim, counter, LEX) is None
    # the same denial answering what the claim asserts (武装支持叛军) still links
    accusing = _s("俄罗斯一直武装支持东部地区的叛军", "英国官员", "英国")
    assert score_pair(accusing, counter, LEX) is not None


def test_a_shared_thing_the_claim_asserts_still_answers_it():
    claim = _s("乌克兰的炮弹击中了俄罗斯边境哨所", "俄罗斯", "俄罗斯")
    counter = _s("向俄罗斯境内发射炮弹", "乌克兰军方", "乌克兰", start=25, stance="deny", cue="否认", direct=False)
    assert score_pair(claim, counter, LEX) is not None


def test_a_call_threat_announced_measure_or_hedge_is_no_claim():
    for text in ("呼吁本国侨民在三天内撤离该国", "商务部威胁要禁止这家公司购买美国的设备",
                 "法国总统宣布将对俄罗斯实施新一轮制裁", "英国周三宣布增派两千名士兵前往波兰",
                 "目前不清楚是莫斯科取消了这次会谈"):
        call = _s(text, "美国国务院", "美国", stance="assert", cue="表示")
        assert not call.claim, text
        answer = _s("对此，俄罗斯外交部予以驳斥", "俄罗斯外交部", "俄罗斯", start=len(text) + 1)
        assert score_pair(call, answer, LEX) is None, text
    # reported as what someone knew or wrote, the call is the content of a claim
    knew = _s("他当时知悉这些文章呼吁外国制裁本市官员", "控方", None, stance="assert", cue="指")
    assert knew.claim
    # and an accusation stays a claim
    assert _s("俄罗斯正计划入侵乌克兰", "美国国务院", "美国", stance="assert", cue="表示").claim


def test_elsewhere_a_counter_that_says_what_it_denies_answers_only_that():
    counter = _s("英国关于俄军在布查镇杀害平民和战俘的指控纯属捏造，旨在为新制裁提供理由", "俄罗斯外交部", "俄罗斯",
                 article="a2")
    # the sanctions are the reason it gives, not the charge it denies
    sanctions = _s("英国周日对俄罗斯实施了新一轮制裁，冻结了多名将领的资产", "英国外交部", "英国", article="a1")
    assert sanctions.claim and score_pair(sanctions, counter, LEX) is None
    # the charge itself is answered
    charge = _s("英国称俄军在布查镇杀害了数百名平民和战俘", "英国外交部", "英国", article="a1")
    assert score_pair(charge, counter, LEX) is not None


def test_elsewhere_only_the_words_of_what_it_cites_count():
    counter = _s("英国关于俄军在布查镇杀害平民和战俘的指控纯属捏造，旨在为新制裁提供理由", "俄罗斯外交部", "俄罗斯",
                 article="a2")
    # a forecast of sanctions that names the civilians shares the reason (制裁), not the charge
    forecast = _s("布查平民遇害一事将促使英国对俄罗斯实施更多制裁", "英国外交部", "英国", article="a1")
    assert forecast.claim and score_pair(forecast, counter, LEX) is None
    # a claim of the charge with the sanctions beside it still links
    both = _s("英国称俄军在布查镇杀害了平民和战俘，并宣布制裁", "英国外交部", "英国", article="a1")
    assert score_pair(both, counter, LEX) is not None
