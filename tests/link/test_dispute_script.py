"""Traditional-script statements are read like Simplified ones: the cue lists are Simplified, so a
denial written 否認 / 不實 is a counter, and its sides and topic words match a Simplified claim's."""

from storyline.link.disputes import DisputeLexicon, make_statement, score_pair

LEX = DisputeLexicon()


def _quote(text, by, side, *, cue="表示", stance="assert", direct=False, article="a1", paragraph=0, start=0, key=None):
    return make_statement(LEX, kind="quote", id=key or text, key=key or text, by_id=None, by_name=by, side=side,
                          text=text, date="2022-03-10", article_id=article, paragraph=paragraph, stance=stance,
                          cue=cue, start=start, direct=direct,
                          about=LEX.sides_in(LEX.simplified(text)))  # as the linker's StatementSource gives it


def test_traditional_denial_verb_makes_an_explicit_counter():
    # 否認 + the denied proposition (reported speech): explicit, as 否认 is
    simple = _quote("向中国寻求军事援助", "俄罗斯", "俄罗斯", cue="否认", stance="deny")
    trad = _quote("向中國尋求軍事援助", "俄羅斯", "俄罗斯", cue="否認", stance="deny")
    assert simple.explicit and simple.denied
    assert trad.explicit and trad.denied
    assert trad.text == "向中國尋求軍事援助"  # shown as written
    assert trad.terms == simple.terms and trad.nouns == simple.nouns


def test_traditional_counter_cue_and_sides():
    s = _quote("美方的說法不實，俄羅斯從未向北京要求援助", "發言人", None)
    assert s.counter and s.explicit
    assert {"美国", "俄罗斯"} <= s.parties
    assert LEX.side_of("俄羅斯外交部") == "俄罗斯"


def test_traditional_denial_pairs_with_the_claim_before_it():
    claim = _quote("中國正考慮向俄羅斯提供軍事援助", "布林肯", "美国", paragraph=4, key="c")
    counter = _quote("向中國尋求軍事援助", "俄羅斯", "俄罗斯", cue="否認", stance="deny", paragraph=5, key="k")
    assert score_pair(claim, counter, LEX) is not None
