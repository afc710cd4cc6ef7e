"""Disputes (#32, denial recall): reported speech after a denial verb (俄罗斯否认|向中国寻求军事援助)
is the denied proposition itself. Such a counter is explicit, and the accused denying right
after the claim what it says needs one shared noun or concept; the sides inside the denied
proposition (向中国…) are what it is about, not whom it answers. A quotation beside a denial verb
(direct speech) stays what it was. Our own invented sentences."""

from __future__ import annotations

from storyline.link.disputes import score_pair

from .dispute_statements import LEX
from .dispute_statements import statement as _s


CLAIM = _s("俄罗斯已向中国请求提供军事援助和无人机", "美国官员", "美国")


def test_the_object_of_a_denial_verb_is_an_explicit_counter():
    reported = _s("向中国寻求军事援助和无人机", "俄罗斯", "俄罗斯", paragraph=1, stance="deny", cue="否认", direct=False)
    assert reported.denied and reported.explicit
    assert score_pair(CLAIM, reported, LEX) is not None
    # the same words quoted beside the verb may belong to another clause: not taken as its object
    quoted = _s("向中国寻求军事援助和无人机", "俄罗斯", "俄罗斯", paragraph=1, stance="deny", cue="否认", direct=True)
    assert not quoted.denied and not quoted.explicit
    assert score_pair(CLAIM, quoted, LEX) is None


def test_a_denied_object_still_needs_the_claims_proposition_next_to_it():
    # the troop count is not the invasion plan the accused denies
    troops = _s("俄军在边境附近集结了十万士兵", "美国官员", "美国")
    plan = _s("它正在计划入侵乌克兰", "俄罗斯", "俄罗斯", start=20, stance="deny", cue="否认", direct=False)
    assert plan.explicit and score_pair(troops, plan, LEX) is None
    # in another article it is no answer to the claim on one shared noun
    apart = _s("向中国寻求军事援助和无人机", "俄罗斯", "俄罗斯", article="a2", stance="deny", cue="否认", direct=False)
    weak = _s("俄罗斯可能会寻求军事援助", "美国官员", "美国")
    assert score_pair(weak, apart, LEX) is None
