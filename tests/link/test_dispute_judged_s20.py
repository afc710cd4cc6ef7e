"""Disputes (#32 item 3), session 19 second round: classes the independent judge of the fresh
whole-corpus store (eval/data/disputes_judged_s20_store.tsv) found false, each with a pair that
must still link. Our own invented sentences.

- a denial right after a claim that shares with it only a container noun (地区, 文章, 被告: where
  or in what something was said) does not answer it; a shared thing the claim asserts (炮弹) does.
"""

from __future__ import annotations

from storyline.link.disputes import DisputeLexicon, make_statement, score_pair

LEX = DisputeLexicon()


def _s(text, by, side, article="a1", paragraph=0, start=0, stance=None, cue=None, direct=None):
    key = f"{article}-{paragraph}-{start}"
    return make_statement(LEX, kind="quote", id=key, key=key, by_id=None, by_name=by, side=side, text=text,
                          date="2022-03-15", article_id=article, paragraph=paragraph, stance=stance, cue=cue,
                          start=start, about=LEX.sides_in(text), direct=direct)


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
