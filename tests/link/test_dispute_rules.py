"""Disputes that are disputes (#32): a counter denies in so many words, contests the claim's
proposition (same merged event, a concept, or two shared content words), shares an entity with
it, and the topic names that proposition, never a pronoun, stop word or name."""

from __future__ import annotations

from storyline.link.disputes import DisputeLexicon, make_statement, score_pair

LEX = DisputeLexicon()


def _s(text, by, side, article="a1", paragraph=0, kind="quote", id=None, stance=None, cue=None, start=0,
       status=None, event_type=None, about=frozenset()):
    key = f"{article}-{paragraph}-{start}-{text[:4]}"
    return make_statement(LEX, kind=kind, id=id or key, key=key, by_id=None, by_name=by, side=side, text=text,
                          date="2022-03-10", article_id=article, paragraph=paragraph, stance=stance, cue=cue,
                          start=start, status=status, event_type=event_type,
                          about=frozenset(about | LEX.sides_in(text)))


def test_pronoun_and_one_shared_word_make_no_proposition():
    claim = _s("这种关系加强了美国最强大的地缘政治敌人", "施韦泽", "美国", article="a1")
    counter = _s("这种说法是假新闻", "中国外交部", "中国", article="a2")
    assert score_pair(claim, counter, LEX) is None
    # one shared content word is not enough either
    claim = _s("印度到2070年才实现净零排放", "印度", "印度", article="a1")
    counter = _s("中国已经完全实现了其承诺的说法是谎言", "中国", "中国", article="a2")
    assert score_pair(claim, counter, LEX) is None


def test_shared_proposition_and_entity_make_a_dispute_named_by_its_words():
    claim = _s("美国在乌克兰资助的生物实验室一直在进行病原体实验", "科纳申科夫", "俄罗斯", article="a1")
    counter = _s("美国否认在乌克兰资助生物实验室，称俄罗斯散布虚假信息", "美国国务院", "美国", article="a2", cue="否认")
    found = score_pair(claim, counter, LEX)
    assert found is not None
    topic = found[1]
    assert "实验室" in topic and "这" not in topic and "美国" not in topic
    # the same words in another article about nobody the claim names: no shared entity
    stranger = _s("资助生物实验室的说法是虚假信息", "某研究机构", None, article="a3", cue="否认")
    assert score_pair(claim, stranger, LEX) is None


def test_a_counter_must_deny_in_so_many_words():
    claim = _s("俄方已经承诺在谈判期间暂停炮击", "勒德里昂", "法国", article="a1")
    stance_only = _s("俄方在谈判期间的安排另有考虑", "扎哈罗娃", "俄罗斯", article="a2", stance="deny")
    assert score_pair(claim, stance_only, LEX) is None
    explicit = _s("俄方从未承诺暂停炮击，法方理解错了", "扎哈罗娃", "俄罗斯", article="a2", stance="deny")
    assert score_pair(claim, explicit, LEX) is not None


def test_mentions_of_one_merged_event_contest_each_other():
    claim = _s("俄军炮击了马里乌波尔的剧院", "乌克兰", "乌克兰", article="a1", kind="event", id="ev_1",
               status="occurred", event_type="ASSAULT")
    counter = _s("俄国防部否认关于剧院的说法，称纯属捏造", "俄罗斯", "俄罗斯", article="a2", kind="event", id="ev_1",
                 status="denied", event_type="ASSAULT")
    other = _s("俄国防部否认关于剧院的说法，称纯属捏造", "俄罗斯", "俄罗斯", article="a2", kind="event", id="ev_2",
               status="denied", event_type="ASSAULT")
    # one shared noun cited (剧院): enough with the same merged event, not without it
    assert score_pair(claim, counter, LEX) is not None and score_pair(claim, other, LEX) is None


def test_content_words_leave_out_pronouns_adverbs_and_names():
    terms, names = LEX.terms_in("这种说法是假新闻，拜登正在寻求改变基辅政权")
    assert "这种" not in terms and "正在" not in terms and "拜登" not in terms
    assert "假新闻" in terms and "拜登" in names


def test_a_polemic_word_apart_from_the_claim_is_no_denial_unless_it_cites_the_claimant():
    claim = _s("英方称莫斯科正在策划在基辅扶植亲俄政权", "英国外交部", "英国", article="a1")
    polemic = _s("扶植政权之类的故事都是谎言", "俄罗斯外交部", "俄罗斯", article="a2")
    assert score_pair(claim, polemic, LEX) is None
    named = _s("英方所谓扶植政权的说法是无稽之谈", "俄罗斯外交部", "俄罗斯", article="a2")
    assert score_pair(claim, named, LEX) is not None


def test_a_back_reference_points_at_the_claim_just_before_it():
    text = "美国官员称俄方已收到书面答复。泽连斯基另外谈到了难民安置、冬季供暖、电网修复、粮食出口和学校重建等诸多问题。俄方否认这一说法。"
    far = _s("俄方已收到书面答复", "美国官员", "美国", start=text.index("俄方已收到"))
    near = _s("泽连斯基另外谈到了难民安置、冬季供暖、电网修复、粮食出口和学校重建等诸多问题", "泽连斯基", "乌克兰",
              start=text.index("泽连斯基另外"))
    counter = _s("这一说法", "俄罗斯", "俄罗斯", start=text.index("这一说法"), cue="否认", stance="deny")
    assert score_pair(far, counter, LEX) is None  # too far before the counter for 这一说法 to mean it
    assert score_pair(near, counter, LEX) is not None
    assert "这" not in score_pair(near, counter, LEX)[1]


def test_conditional_and_question_are_no_counter_or_claim():
    assert not _s("如果民主党想驳斥社会主义的指控，就必须改变做法", "评论员", None, article="a2").counter
    assert not _s("他被问及普京是否会使用核武器", "伯恩斯", "美国").claim
    assert not LEX.is_counter("秦鹏，您是否认同这种说法")


def test_citing_the_claims_content_beside_a_citation_noun():
    assert LEX.cites_content("有关俄方已递交书面答复的说法是在混淆视听", frozenset({"书面答复"}))
    assert LEX.cites_content("中、俄抛出的所谓的“美国在乌克兰运营危险生物实验室”之说", frozenset({"实验室"}))
    assert not LEX.cites_content("扶植政权之类的故事都是谎言", frozenset({"政权"}))  # a polemic word cites nothing
    assert not LEX.cites_content("实验室的问题很多，各方都在关注这一领域里流传已久的各种说法", frozenset({"实验室"}))


def test_a_negated_denial_and_a_split_verb_are_no_counter():
    assert not _s("当然他的律师对此没有表示否认", "律师", None, cue="表示").counter
    assert not _s("同这种说法", "秦鹏", None, cue="否认", stance="deny").explicit  # 是否认|同这种说法
    assert _s("这种说法", "中国外交部", "中国", cue="否认", stance="deny").explicit
