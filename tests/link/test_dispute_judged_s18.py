"""Disputes (#32 item 3), session 18: the classes the seed-18 judged sample (eval/data/
disputes_judged_s18.tsv, drawn from the whole corpus before these rules) found wrong, each with a
pair that must still link. Our own invented sentences.

- a cue as an adverb of an accusation (毫无根据地指责): the text's subject is the accuser, the
  narrator judges its claim; not a denial by that subject (毫无根据地加剧了紧张局势 still denies);
- in another article, a counter that cites a generic topic (“入侵”虚假信息) contests a claim
  that writes the same word or shares a thing with it (奥运会), not one that only shares a verb
  and an adjective (提供, 虚假) around a false-flag 袭击 (in one article, the writer's pairing stands);
- a side right after an action word (入侵乌克兰的指控) is what a cited claim is about, not whose.
"""

from __future__ import annotations

from storyline.link.disputes import DisputeLexicon, make_statement, score_pair

LEX = DisputeLexicon()


def _s(text, by, side, article="a1", paragraph=0, stance=None, cue=None, start=0, date="2022-02-10"):
    key = f"{article}-{paragraph}-{start}-{text[:4]}"
    return make_statement(LEX, kind="quote", id=key, key=key, by_id=None, by_name=by, side=side, text=text,
                          date=date, article_id=article, paragraph=paragraph, stance=stance, cue=cue,
                          start=start, about=LEX.sides_in(text))


def test_a_groundless_accusation_is_the_subjects_not_a_denial():
    narrated = _s("普京一再毫无根据地指责基辅在东部策划挑衅", "普京", "俄罗斯")
    assert not narrated.counter
    claim = _s("基辅当局是布查事件的幕后策划者", "乌克兰当局", "乌克兰", article="a0")
    assert score_pair(claim, narrated, LEX) is None
    # the cue still denies when what follows is no accusation by the speaker
    denial = _s("这些说法是空洞的，毫无根据地加剧了紧张局势", "佩斯科夫", "俄罗斯", start=30)
    assert denial.counter and denial.explicit


def test_a_cited_generic_topic_apart_needs_the_same_word_or_a_shared_thing():
    false_flag = _s("俄罗斯正策划一场针对讲俄语居民的虚假袭击，为其行动提供理由", "美国国防部", "美国",
                    article="a1", date="2022-02-04")
    invasion_talk = _s("不明白美国为何故意散播“入侵”虚假信息，向乌克兰提供武器极其危险", "普京", "俄罗斯",
                       article="a2", date="2022-02-12")
    assert invasion_talk.counter and invasion_talk.citing
    assert score_pair(false_flag, invasion_talk, LEX) is None
    # in one article the writer put them side by side: the 袭击 warning and the “入侵” denial
    warning = _s("俄罗斯可能很快就会对乌克兰发动袭击", "美国国家安全顾问", "美国", article="a2", paragraph=9,
                 date="2022-02-11")
    assert score_pair(warning, invasion_talk, LEX) is not None
    # the same counter contests a claim of an 入侵 by that side
    invasion = _s("俄罗斯可能在未来几天内入侵乌克兰", "美国国务卿", "美国", article="a3", date="2022-02-11")
    assert score_pair(invasion, invasion_talk, LEX) is not None
    # or one sharing a thing with it (the Games), whatever word each uses for the attack
    games = _s("俄罗斯可能随时开始入侵行动，包括在奥运会期间", "美国国务卿", "美国", article="a4", date="2022-02-11")
    games_denial = _s("美国一些政客关于俄罗斯将在奥运会期间‘袭击’乌克兰的说法，没有任何证据", "俄驻美大使", "俄罗斯",
                      article="a5", date="2022-02-12")
    assert score_pair(games, games_denial, LEX) is not None


def test_a_side_after_an_action_word_is_what_a_cited_claim_is_about():
    # 入侵乌克兰的指控: the accusation is about Ukraine, not Ukraine's
    assert LEX.cited_sides("针对俄罗斯即将入侵乌克兰的指控是“挑衅性的猜测”") == set()
    assert LEX.cited_sides("美方关于俄罗斯入侵乌克兰的说法站不住脚") == {"美国"}
    past = _s("报告评估，乌克兰空军在俄罗斯上次入侵期间损失惨重", "乌克兰空军", "乌克兰", article="a1",
              date="2022-02-02")
    talk = _s("针对俄罗斯即将入侵乌克兰的指控是“挑衅性的猜测”", "普京", "俄罗斯", article="a2", date="2022-02-13")
    assert score_pair(past, talk, LEX) is None
