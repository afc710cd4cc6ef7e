"""Whether a counter contests a claim (`score_pair`), and the topic that names their proposition.

Split from link.disputes.rules (which builds the statements and holds the lexicon); the rules are
in `score_pair`'s docstring and docs/disputes.md. Hand-written for the same reason: no library
pairs Chinese claims with their denials.
"""

from __future__ import annotations

from storyline.link.disputes.rules import MIN_SCORE, DisputeLexicon, Statement, _norm, plain

POLEMIC_MAX_CHARS = 150  # longer, a text whose only cue is a polemic word (谎言) is a speech, not a denial
BACKREF_GAP = 30  # characters at most between a claim's end and a counter referring back to it (这一说法)


def score_pair(claim: Statement, counter: Statement, lex: DisputeLexicon | None = None) -> tuple[int, str] | None:
    """How strongly `counter` contests `claim`, and the topic; None when it cannot (module docstring).

    A counter contests a claim only when it denies in so many words (a cue in its text, or a
    denial verb with a text that refers back or cites), is no conditional, and either
    - refers back (这一说法, 对此予以否认) in the same paragraph to a claim ending at most
      BACKREF_GAP characters before it; or
    - cites what the claim says (a shared noun or concept word right beside 说法 / 指控 / 所谓)
      or whose claim it is (美方搞错了), shares two nouns or concepts with it (the same merged
      event counts as one; a concept alone when it names the claimant), or, as the side the claim
      is about, negates a phrase of the claim (已经承诺暂停 / 从未承诺暂停); a polemic word (谎言, 假新闻) citing neither is no denial of the claim;
      apart from the claim
      (another article within the window, or further in the article) it also shares an entity
      with the claim's sides: the claim names the counter's side (the accused denies) or the
      counter names the claimant.
    The topic names that proposition: the concept, else the shared content words, else the
    claim's own content words; never a stop word, pronoun or name."""
    claim_text, counter_text = plain(claim), plain(counter)  # Simplified: the lexicon's script
    same_camp = lex.same_camp if lex else (lambda a, b: bool(a and b and a == b))
    if not claim.claim or claim.counter or not counter.counter or claim.key == counter.key:
        return None
    if (claim.by_id and claim.by_id == counter.by_id) or (claim.by_name and claim.by_name == counter.by_name):
        return None
    if claim.by_name and counter.by_name and not (claim.by_id and counter.by_id) and (
            claim.by_name.startswith(counter.by_name) or counter.by_name.startswith(claim.by_name)):
        return None  # 黎在对谈 / 黎: one speaker, the name cut differently
    if claim.side and counter.side and same_camp(claim.side, counter.side):
        return None
    if not counter.explicit:
        return None
    if not counter.firm and len(counter_text) > POLEMIC_MAX_CHARS:
        return None  # a long speech that calls something a lie (a talk-show transcript) denies no claim
    if lex is not None and lex.is_media(counter.by_name):
        return None  # a news outlet reports a denial (路透社: …对此中国外交部称，消息不属实), it denies nothing
    gap = abs(claim.paragraph - counter.paragraph) if claim.article_id == counter.article_id else None
    # next to each other: in the same paragraph or the next one, the claim first
    near = gap is not None and gap <= 1 and (claim.paragraph, claim.start) <= (counter.paragraph, counter.start)
    if gap is not None and gap <= 1 and not near:
        return None  # a denial before the claim answers something else
    if gap == 0 and (_norm(claim_text) in _norm(counter_text) or _norm(counter_text) in _norm(claim_text)):
        return None  # one text taken twice, not two sides
    if counter.referent and not any(n in claim_text for n in counter.referent):
        return None  # 这一决定 / 该案 refers to a claim that says 决定 / 案
    concepts = claim.concepts & counter.concepts
    terms = claim.terms & counter.terms
    nouns = claim.nouns & counter.nouns
    generic = claim.generic & counter.generic
    same_event = claim.kind == counter.kind == "event" and claim.id == counter.id
    # referring back (这一说法) points at what was just said: the claim ends right before the counter
    backref = gap == 0 and near and counter.backref and counter.start - claim.start - len(claim_text) <= BACKREF_GAP
    # 控方指X。黎否认。控方续指Y。黎亦否认: X was answered by the earlier denial, not by this one
    backref = backref and not (claim.start + len(claim_text) <= counter.prior)
    # a back-reference naming a generic topic (它的入侵计划) refers to a claim about it, not to the
    # troop build-up reported just before (乌克兰指责莫斯科集结数万军队，…，而克里姆林宫否认它的入侵计划)
    backref = backref and not (counter.generic and not claim.generic & counter.generic)
    cited_content = negates = cites_claimant = False
    if not backref:
        # not referring back to the claim just before it: the counter cites what the claim says
        # (关于…的说法, 所谓“…”之说, …的指控: a shared noun or concept word right beside the
        # citation) or whose claim it is (美方搞错了), shares two nouns or concepts with it (the
        # same merged event counts as one; a concept alone when it names the claimant), and denies
        # as an act (a denial verb, 不实, 没有根据) or by citing it; a polemic word (谎言, 假新闻)
        # that cites neither is no denial of this claim
        # 美方搞错了, 俄法之间 (the two parties, its own side and the claimant's; next to the
        # claim any party it names): the counter names whose claim it contests
        claimant = {claim.side, claim.by_id} - {None}
        pair = lex.pair_sides(counter_text) if lex else frozenset()
        cites_claimant = bool(claimant & counter.cited) or bool(claimant & (counter.parties if near else pair))
        # the proposition's words: shared nouns, and the counter's words of each shared concept
        words = set(nouns) | ({w for c in concepts for w in lex.concepts[c] if w in counter_text} if lex else set())
        strength = len(nouns) + len(concepts)
        # a denial verb's reported object states what it denies (否认|其计划入侵邻国), as a citation
        # does: right after the claim only (apart, the extractor's object of 否认 is too often another
        # clause's words, and it names no claimant)
        cited_content = lex is not None and ((counter.denied and near) or lex.cites_content(counter_text, frozenset(words)))
        strength += int(same_event)
        if claim.article_id != counter.article_id and lex is not None and lex.cites_content(counter_text, counter.nouns):
            # elsewhere, it says what it denies (关于…处决平民的指控): only the words of that count,
            # not the reason it gives (为西方新制裁提供理由)
            if not lex.cites_content(counter_text, frozenset(words) | terms):
                return None
            nouns = frozenset(n for n in nouns if lex.cites_content(counter_text, frozenset({n})))
            concepts = frozenset(c for c in concepts if lex.cites_content(
                counter_text, frozenset(w for w in lex.concepts[c] if w in counter_text)))
            strength = len(nouns) + len(concepts) + int(same_event)
        # or it negates a phrase of the claim (已经承诺暂停 / 从未承诺暂停), as the side the claim
        # is about (the accused denies)
        accused = bool(counter.side and counter.side in claim.about) or bool(
            counter.by_id and counter.by_id in claim.about)
        negates = lex is not None and accused and lex.negates_phrase(claim_text, counter_text)
        # a generic topic (入侵, 袭击) is enough only with everything else pointing at this claim: the
        # counter cites a claim (说法) of the claimant's side (美国一些政客关于…袭击…的说法，没有证据)
        # in another article, a generic topic needs the same word in both or a shared thing
        # (奥运会期间的袭击 / 奥运会期间发动入侵): “入侵”虚假信息 cites claims of an 入侵, not a
        # false-flag 袭击 whose shared words are only a verb and an adjective (提供, 虚假), nor 侵略
        # days earlier; in one article the writer put the two together (发动袭击 … “入侵”虚假信息)
        pointed = cites_claimant and (concepts or (generic and counter.citing and (
            claim.article_id == counter.article_id or _same_word(lex, generic, claim_text, counter_text, cited=True)
            or (lex is not None and lex.things(terms)))))
        # the accused denying, right after the claim, what it says (美方称俄方请求军事援助 / 俄方否认
        # 寻求军事援助): one shared noun or concept is enough
        # (or sharing a named entity with it: 林郑否认|香港警方与…有任何关系 after 指责香港警方…); a
        # generic topic written alike in both counts (对抗俄罗斯入侵乌克兰 / 否认|计划入侵乌克兰)
        shares_entity = any(a.startswith("e_") for a in claim.about & counter.about)
        # a container noun alone (地区, 文章, 被告) says where the claim was made, not what it asserts
        proposition = len(nouns - lex.container_nouns) + len(concepts) + int(same_event) if lex else strength
        answered = counter.denied and near and (accused or shares_entity) and (
            proposition >= 1 or (bool(generic) and _same_word(lex, generic, claim_text, counter_text)))
        cites = (cited_content or cites_claimant) and (strength >= 2 or pointed or answered) \
            and (counter.firm or cites_claimant or cited_content)
        if not (cites or negates):
            return None
        if counter.backref and not near and (not cited_content or (lex is not None and lex.holds_accusation(counter_text))):
            # 这一说法不属实 answers what its own article reported just before; a claim elsewhere
            # is its referent only when the counter also says what it denies (关于…的说法), and
            # not when its own text reports the accusation it answers (欧美国家指控…，普京则表示否认)
            return None
        if not near and not (claim.side and counter.side):
            return None  # apart, the two sides must be known: whose claim, and who denies it
        if not near:
            # apart (another article within the window, or further in the article): it shares an
            # entity with the claim's sides: the claim names the counter's side (the accused
            # denies) or the counter names the claimant
            names_claimant = bool({claim.side, claim.by_id} & (counter.about | counter.parties | counter.cited) - {None})
            if not (same_event or accused or names_claimant):
                return None
    camp = (lex.camp_of(counter.cited) if lex else set(counter.cited)) if counter.cited else set()
    names_claimant = bool(claim.side in camp or (claim.by_id and claim.by_id in camp))
    if counter.cited and not names_claimant:
        return None
    if claim.article_id != counter.article_id and not (
            names_claimant or cites_claimant or (same_event and cited_content) or negates):
        # in another article the counter says whose claim it contests (俄罗斯的说法, 英国的指控, 西方
        # 所谓…), or cites what a mention of the same merged event says (否认关于剧院的说法). Citing
        # the content alone as the accused (有关同意峰会的报道不实) is not enough: on the judged
        # whole-corpus store that brought back 10 false pairs for 1 real one. The accused negating
        # the claim's own phrase (俄方已经承诺暂停炮击 / 莫斯科从未承诺暂停任何行动) answers it anywhere
        return None
    # (the sides inside a denied proposition, 否认向中国寻求援助, are what it is about, not whom it answers)
    others = [p for p in counter.parties if not same_camp(p, counter.side)] if not counter.denied else []
    if others and claim.side and counter.side and not names_claimant and not any(
            same_camp(claim.side, p) for p in others):
        return None  # 俄法之间未达成任何协议 answers France, not Hungary
    if not (claim.side and counter.side) and not (near or names_claimant):
        return None  # a side unknown: only a denial right after the claim, or one naming the claimant
    about = int(bool(counter.side and counter.side in claim.about)) + 2 * int(bool(counter.cited))
    proximity = 2 if gap == 0 else 1 if gap == 1 else 0
    score = (2 * len(concepts) + min(len(terms), 3) + 3 * int(same_event) + int(bool(generic)) + int(counter.citing)
             + proximity + about)
    if score < MIN_SCORE:
        return None
    return score, _topic(claim, concepts, terms, generic, lex)


def _same_word(lex: DisputeLexicon | None, concepts: frozenset[str], a: str, b: str, cited: bool = False) -> bool:
    """Some word of one of these concepts is written in both texts; with `cited`, inside what the
    counter `b` cites (所谓俄罗斯准备入侵乌克兰的言论, not 制止俄罗斯的侵略 beside a citation of
    something else: in another article the generic word must be what the counter contests)."""
    if lex is None:
        return True
    words = frozenset(w for c in concepts for w in lex.concepts.get(c, ()) if w in a and w in b)
    return bool(words) and (not cited or lex.cites_content(b, words))


def _topic(claim: Statement, concepts: frozenset[str], terms: frozenset[str], generic: frozenset[str],
           lex: DisputeLexicon | None = None) -> str:
    """The proposition's name: the shared concept (保证/协议), else the shared words that may name a
    topic (things first; never a weak word such as 呼吁, 小时, 打算, 指责), else the generic concept
    both name (入侵), else the claim's own concept or such words, else the generic concept it names
    (西方国家指责俄罗斯打算入侵乌克兰 / 莫斯科则表示否认: 入侵), else its first characters."""
    def named(words) -> list[str]:
        return lex.topic_words(words) if lex else sorted(words, key=lambda t: (-len(t), t))

    def generic_name(labels: frozenset[str]) -> str:
        # a claim word holding the concept's word (网络攻击 for 攻击) names it more exactly
        own = [w for w in named(claim.terms) if lex and any(
            v in w and v != w for c in labels for v in lex.concepts.get(c, ()))]
        return "、".join(own[:1] or sorted(labels)[:2])

    if concepts:
        return "、".join(sorted(concepts))
    shared = named(terms)
    if shared:
        return "、".join(shared[:3])
    if generic:
        return generic_name(generic)
    if claim.concepts:
        return "、".join(sorted(claim.concepts))
    own = named(claim.terms)
    if own:
        return "、".join(own[:3])  # what the referred-back claim says
    return generic_name(claim.generic) if claim.generic else claim.text[:16]
