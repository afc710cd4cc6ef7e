"""Dispute rules: which statements are claims or counters, and whether a counter contests a claim.

Used by the linker (storyline.link.disputes) and by eval/evaluate_disputes.py, so both judge
statements alike; whether a counter contests a claim is link.disputes.pairing's, what a counter's
text says (cues, back-references, citations) link.disputes.counters'. Every cue list is data
(data/disputes.yaml), loaded once per DisputeLexicon.
Hand-written because no library classifies Chinese news statements as claims/denials; see the
disputes module docstring for the rules. All regular expressions are bounded and linear-time.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from importlib import metadata, resources
from sys import intern

import rjieba
import yaml

from storyline.clean.normalise import Normaliser
from storyline.link.disputes.counters import _CLAUSE, NEGATED_PHRASE, CounterCues, _is_cjk_word  # noqa: F401 (re-exported)
from storyline.link.disputes.sides import Sides

MIN_SCORE = 2
# Changes whenever the rules that build a statement's features change: statements cached by a
# store under an older version are built again (link.disputes.cache keys them by the fingerprint).
RULES_VERSION = "26"
MAX_CLAIMS = 1  # per counter: its best-scoring claim cluster (ties: same article, nearest first)


@dataclass(frozen=True, slots=True)  # slots: a dense month loads ~100k of them
class Statement:
    kind: str  # "quote" or "event"
    id: str  # quote id, or the merged event id for an event mention
    key: str  # quote id or event mention id: what the dispute id is derived from
    by_id: str | None
    by_name: str
    side: str | None  # country (or bloc) the speaker speaks for
    text: str
    date: str | None
    article_id: str
    paragraph: int
    outlet: str | None
    counter: bool
    terms: frozenset[str]  # specific content words
    concepts: frozenset[str]  # specific topic concepts (for a claim: only the asserted ones)
    about: frozenset[str]  # sides and entity ids the statement talks about
    claim: bool = True  # an assertion of fact that can be contested
    generic: frozenset[str] = frozenset()  # generic topic concepts and words (入侵)
    cited: frozenset[str] = frozenset()  # sides / entity ids whose claim the counter says it contests
    citing: bool = False  # the counter cites a claim (说法, 所谓, a quoted term)
    backref: bool = False  # the counter refers back to what was just reported (这一说法, 对此)
    explicit: bool = False  # the counter denies in so many words (a cue in its text or a denial verb)
    start: int = 0
    embedded: bool = False  # speaker taken from an attribution inside the text
    parties: frozenset[str] = frozenset()  # sides the text names (俄法之间 -> 俄罗斯, 法国)
    names: frozenset[str] = frozenset()  # proper names the text writes (the segmenter's nr / ns / nt words)
    nouns: frozenset[str] = frozenset()  # the terms that are nouns (what a proposition is about)
    firm: bool = False  # denies as an act (否认, 驳斥, 不实, 没有根据), not only with a polemic word (谎言)
    referent: frozenset[str] = frozenset()  # nouns a back-reference names (这样的计划 -> 计划): the claim says them
    denied: bool = False  # the text is what a denial verb denies (俄罗斯否认|其计划入侵邻国): it states its proposition
    plain: str = ""  # the text in Simplified script when it differs (what the rules read: 否認 -> 否认)
    prior: int = -1  # a counter: where an earlier denial in its paragraph ends (what precedes it is answered)


def _segmenter_version() -> str:
    try:
        return metadata.version("rjieba")
    except metadata.PackageNotFoundError:  # a source checkout without its metadata
        return "?"


class DisputeLexicon(Sides, CounterCues):
    """Cues, concepts, stopwords, sides and blocs from data/disputes.yaml."""

    def __init__(self, data: dict | None = None) -> None:
        if data is None:
            data = yaml.safe_load(
                (resources.files("storyline.link") / "data" / "disputes.yaml").read_text(encoding="utf-8"))
        # names these cues and lists (and the segmenter that cuts terms): statements built with
        # another lexicon are built again (link.disputes.cache)
        self.fingerprint = hashlib.sha1(
            (json.dumps(data, sort_keys=True, ensure_ascii=False) + _segmenter_version() + RULES_VERSION)
            .encode("utf-8")).hexdigest()[:16]
        self.cues: list[str] = sorted(data["counter_cues"], key=len, reverse=True)
        self.concepts: dict[str, list[str]] = data["concepts"]
        self.generic_concepts = set(data.get("generic_concepts", []))
        self.generic_terms = set(data.get("generic_terms", []))
        self.concept_words = {w for words in self.concepts.values() for w in words}
        self.stopwords = set(data["stopwords"])
        self.content_pos = tuple(data.get("content_pos", []))
        self.noun_pos = tuple(data.get("noun_pos", ["n"]))
        self.cue_masks = data.get("cue_masks", [])
        self.negated_denials = data.get("negated_denials", [])
        self.question_cues = tuple(data.get("question_cues", []))
        self.question_markers = tuple(data.get("question_markers", []))
        self.question_finals = tuple(data.get("question_finals", []))
        self.subordinate_finals = tuple(data.get("subordinate_finals", []))
        self.split_cues = tuple(data.get("split_cues", []))
        self.polemic = set(data.get("polemic_cues", []))
        self.cite_span = int(data.get("cite_span", 20))
        self.conditional_markers = data.get("conditional_markers", [])
        self.name_pos = set(data.get("name_pos", []))
        self.sides: dict[str, str] = data["sides"]
        self.abbreviations: dict[str, str] = data["abbreviations"]
        self.followers = set(data["abbreviation_followers"])
        self.pair_followers = tuple(data.get("pair_followers", []))
        self.denial_verbs = set(data.get("denial_verbs", []))
        # spelled in both scripts for the cheap test on raw rows (may_deny)
        self.denial_verbs_any = tuple(sorted(self.denial_verbs | set(data.get("denial_verbs_traditional", []))))
        self.refusal_words = data.get("refusal_words", [])
        self.refusal_objects = data.get("refusal_objects", [])
        self.not_claim = data.get("not_claim_markers", [])
        self.conditional_starts = data.get("conditional_starts", [])
        self.negators = data.get("negators", [])
        self.backrefs = data.get("backrefs", [])
        self.citation_nouns = data.get("citation_nouns", [])
        self.max_quoted = int(data.get("max_quoted_term", 6))
        self.cited_markers = data.get("cited_markers", [])
        self.cited_window = int(data.get("cited_window", 8))
        self.coordinators = tuple(data.get("coordinators", ["、"]))
        self.media_suffixes = tuple(data.get("media_suffixes", []))
        self.coordinated_name = int(data.get("coordinated_name", 4))
        self.anaphor_prefixes = tuple(data.get("anaphor_prefixes", []))
        self.blocs: dict[str, set[str]] = {k: set(v) for k, v in (data.get("blocs") or {}).items()}
        self.object_verbs = tuple(data.get("object_verbs", []))
        self.object_window = int(data.get("object_window", 4))
        self.predicated = set(data.get("predicated_cues", []))
        self.predicates = tuple(data.get("predicates", []))
        self.predicate_window = int(data.get("predicate_window", 4))
        self.short_backref = int(data.get("short_backref", 6))
        self.reference_words = data.get("reference_words", [])
        self.clause_final = data.get("clause_final", [])
        self.adverb_markers = tuple(data.get("adverb_markers", []))
        self.object_denials = tuple(data.get("object_denials", []))
        self.accusing = tuple(data.get("accusing_verbs", []))
        self.thing_pos = tuple(data.get("thing_pos", ["n"]))
        self.weak_topic_words = frozenset(data.get("weak_topic_words", []))
        self.weak_topic_pos = frozenset(data.get("weak_topic_pos", []))
        self.container_nouns = frozenset(data.get("container_nouns", []))
        self.act_markers = tuple(data.get("act_markers", []))
        self.act_reported_by = tuple(data.get("act_reported_by", []))
        self.owner_marker = data.get("owner_marker", "关于")
        self.narrow_referents = data.get("narrow_referents", [])
        self.spread_verbs = data.get("spread_verbs", ["散布", "散播"])
        self.backref_demonstratives = data.get("backref_demonstratives", [])
        self.backref_nouns = data.get("backref_nouns", [])
        self.demonstratives = sorted(data.get("demonstratives", []), key=len, reverse=True)
        # every cue list is Simplified: a Traditional text (否認, 不實, 俄羅斯) is read in Simplified
        self._script = Normaliser()  # its length-keeping Traditional -> Simplified
        cues = "|".join(re.escape(c) for c in data.get("embedded_cues", []))
        # bounded, single-class lazy prefix anchored at the start: linear in the prefix length
        self._embedded = re.compile(rf"^([^，,。；;：:“”\"]{{2,40}}?)(?:{cues})[，,：:]") if cues else None

    def is_media(self, name: str | None) -> bool:
        """A news outlet's name (路透社, 纽约时报, 凤凰卫视): what it reports is no side's claim."""
        return bool(name) and self.simplified(name).endswith(self.media_suffixes)

    def may_deny(self, text: str, cue: str | None) -> bool:
        """Cheap test: the text or cue holds a denial verb (in either script)."""
        return any(v in (text or "") or v in (cue or "") for v in self.denial_verbs_any)

    def answers_question(self, paragraph: str, start: int) -> bool:
        """The sentence before position `start` of the paragraph, or its own up to it, asks."""
        head = paragraph[:start]
        cut = max(head.rfind(c) for c in "。！!")
        prev = head[:cut] if cut >= 0 else ""
        prev_cut = max(prev.rfind(c) for c in "。！!？?")
        span = head[prev_cut + 1:] if cut >= 0 else head
        return any(m in span for m in self.question_markers)

    def prior_denial(self, paragraph: str, start: int) -> int:
        """Where the last denial verb before the clause holding position `start` ends (-1: none)."""
        head = paragraph[:start]
        cut = max(head.rfind(c) for c in "，,。；;！!？?")
        if cut < 0:
            return -1
        ends = [p + len(v) for v in self.denial_verbs if (p := head.rfind(v, 0, cut)) >= 0]
        return max(ends, default=-1)

    def negated_before(self, paragraph: str, start: int) -> bool:
        """A negated denial (不可否认, 并未承认或否认) ends within a few characters before `start`: the
        denial verb framing the statement is negated outside its text."""
        head = paragraph[max(0, start - 12):start]
        return any(n in head for n in self.negated_denials)

    def simplified(self, text: str) -> str:
        """The text in Simplified script, of the same length (offsets into it stay valid)."""
        return self._script.simplified(text)

    # -- claims --------------------------------------------------------------------------
    def is_claim_text(self, text: str) -> bool:
        """An assertion of fact: no conditional, demand or question marker, no call, threat,
        announced measure or hedge (`act_markers`)."""
        if any(m in text for m in self.not_claim) or self._is_act(text) or text.rstrip("。”」\"").endswith(self.question_finals + self.subordinate_finals):
            return False
        return not any(text.startswith(c) or any(p + c in text for p in _CLAUSE) for c in self.conditional_starts)

    def _is_act(self, text: str) -> bool:
        """The speaker's call, threat, announced measure or hedge (`act_markers`), not reported
        as what someone knew, claimed or wrote (`act_reported_by` before the marker)."""
        for m in self.act_markers:
            pos = text.find(m)
            if pos >= 0 and not any(v in text[:pos] for v in self.act_reported_by):
                return True
        return False

    def _negated(self, text: str, pos: int) -> bool:
        lo = pos
        while lo > 0 and pos - lo < 4 and text[lo - 1] not in _CLAUSE:
            lo -= 1
        return any(n in text[lo:pos] for n in self.negators)

    def concepts_in(self, text: str, asserted: bool = False) -> frozenset[str]:
        """Topic concepts evoked; with `asserted`, none whose words are negated (难以达成协议)."""
        out = set()
        for label, words in self.concepts.items():
            hits = [m.start() for w in words if w in text for m in re.finditer(re.escape(w), text)]  # `in` first: cheap
            if hits and not (asserted and any(self._negated(text, p) for p in hits)):
                out.add(label)
        return frozenset(out)

    def things(self, words) -> frozenset[str]:
        """The words that name a thing taken alone (奥运会 j, 理由 n), not a verb or adjective (提供, 虚假)."""
        return frozenset(w for w in words if any(p.startswith(self.thing_pos) for _, p in rjieba.tag(w)[:1]))

    def topic_words(self, words) -> list[str]:
        """The words that may name a topic (no weak word, `weak_topic_words` / `weak_topic_pos`),
        things first (nouns: what a proposition is about), then the longest."""
        tagged = [(w, (rjieba.tag(w)[:1] or [("", "")])[0][1]) for w in words if w not in self.weak_topic_words]
        kept = [(w, pos) for w, pos in tagged if pos not in self.weak_topic_pos]
        return [w for w, pos in sorted(kept, key=lambda t: (not t[1].startswith(self.thing_pos), -len(t[0]), t[0]))]

    def nouns_in(self, terms: frozenset[str], text: str) -> frozenset[str]:
        return frozenset(w for w, pos in rjieba.tag(text) if w in terms and pos.startswith(self.noun_pos))

    def terms_in(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """The text's content words (nouns, verbs, adjectives by the segmenter's part of speech:
        what a proposition is made of; never a pronoun such as 这一 or 这种, an adverb or a stop
        word) and, apart, its proper names (which say who, not what)."""
        terms, names = set(), set()
        for word, pos in rjieba.tag(text):
            if (len(word) < 2 or word in self.stopwords or word in self.sides or word in self.concept_words
                    or not _is_cjk_word(word) or all(ch in self.abbreviations for ch in word)):
                continue
            if pos in self.name_pos:
                names.add(intern(word))
            elif pos.startswith(self.content_pos):
                terms.add(intern(word))  # the same words recur in thousands of loaded statements
        return frozenset(terms), frozenset(names)


def make_statement(lex: DisputeLexicon, *, kind: str, id: str, key: str, by_id: str | None, by_name: str,
                   side: str | None, text: str, date: str | None, article_id: str, paragraph: int,
                   outlet: str | None = None, stance: str | None = None, cue: str | None = None,
                   event_type: str | None = None, status: str | None = None, start: int = 0,
                   about: frozenset[str] = frozenset(), cited: frozenset[str] = frozenset(),
                   embedded: bool = False, parties: frozenset[str] = frozenset(),
                   direct: bool | None = None, context: tuple[bool, int] = (False, -1)) -> Statement:
    """Classify one quote or event mention as claim and/or counter and extract its topic features.
    Shared by the linker and the evaluation, so both judge statements alike. The rules read the
    text and the cue in Simplified script (`plain`); the statement keeps the text as written."""
    shown, text = text, lex.simplified(text)
    cue = lex.simplified(cue) if cue else cue
    negated = any(n in text for n in lex.negated_denials)  # 没有表示否认: no denial at all
    content = lex.is_counter(text) and not lex.is_conditional(text) and not negated
    refusal = lex.is_refusal(text) or bool(cue and lex.is_refusal(cue))
    # a cue cut out of a longer word (是否认|同这种说法: 认同) is no denial verb
    split = bool(cue) and (cue + text[:1]).endswith(lex.split_cues)
    denial_verb = bool(cue and any(v in cue for v in lex.denial_verbs)) and not negated and not split
    # the extractor's `deny` stance (a denial verb framing the quote, or a deny word in it: 断然拒绝
    # 所有指控) counts as a denial verb does, unless it came from a cue cut out of a longer word
    deny_stance = stance == "deny" and not negated and not split
    if kind == "quote":
        counter = (content or stance == "deny" or denial_verb) and (content or not refusal) \
            and not lex.is_conditional(text)
        claim = (stance or "assert") in ("assert", "promise")
    else:
        counter = content and not (refusal and not content)
        claim = status in (None, "occurred", "planned") and event_type != "REJECT"
    claim = claim and not counter and not refusal and lex.is_claim_text(text)
    if kind == "quote" and cue and any(q in cue for q in lex.question_cues):
        claim = False  # 辩方问|黎认同示威者这样做吗: a question puts a proposition, it asserts none
    voided, prior = context  # from the statement's paragraph (link.disputes.statements._context)
    if voided:  # 辩方问…？黎否认 / 不可否认，…: the context voids the denial
        counter = claim = False
    # reported speech after a denial verb (俄罗斯否认|其计划入侵邻国) is the denied proposition itself;
    # a quotation beside it (矢口否认，…“绝对不会攻击”) may be another clause's
    # (only verbs whose object is the proposition: 否认 X; 澄清 / 反驳 introduce the speaker's own account)
    denied = kind == "quote" and counter and direct is False and not lex.is_conditional(text) and denial_verb \
        and bool(cue) and any(v in cue for v in lex.object_denials)
    concepts = lex.concepts_in(text, asserted=claim)
    terms, names = lex.terms_in(text)
    citing = counter and lex.is_citing(text)
    # a short text refers back only when it says nothing itself (不属实; not 计划入侵)
    backref = counter and (lex.has_backref(text) or lex.is_short_backref(text, terms, concepts))
    generic = frozenset(concepts & lex.generic_concepts)
    own = lex.camp_of({side}) if side else set()
    return Statement(
        kind=kind, id=id, key=key, by_id=by_id, by_name=by_name, side=side, text=shown, date=date,
        article_id=article_id, paragraph=paragraph, outlet=outlet, counter=counter,
        terms=terms - lex.generic_terms, concepts=concepts - lex.generic_concepts,
        about=frozenset(about | lex.abbreviated_sides(text)),
        claim=claim, generic=generic,
        cited=frozenset(c for c in (cited | lex.cited_sides(text)) if c not in own) if counter else frozenset(),
        citing=citing, backref=backref,
        # denies in so many words: a cue in its own text, or a denial verb with a text that
        # refers back or cites (否认这一说法); a denial verb beside an unrelated text is not enough
        # (a citation noun: a quoted term beside a denial verb may be another clause's, 矢口否认，…“绝对不会攻击”)
        # (the stance alone only with a citation noun: 我们断然拒绝所有指控, not 我们对此从不怀疑)
        explicit=counter and (content or denied or (denial_verb and backref) or (
            (denial_verb or deny_stance) and any(n in text for n in lex.citation_nouns))),
        start=start, embedded=embedded,
        parties=frozenset(parties | lex.sides_in(text)), names=names,
        nouns=lex.nouns_in(terms - lex.generic_terms, text),
        firm=counter and (denial_verb or lex.is_firm(text)),
        referent=lex.referent(text) if backref else frozenset(),
        denied=denied, plain=text if text != shown else "", prior=prior if counter else -1,
    )


def plain(s: Statement) -> str:
    """What the rules read of a statement: its text in Simplified script."""
    return s.plain or s.text


def near_duplicate(a: str, b: str) -> bool:
    """The same words reported twice (a repeated paragraph, a quote cited again)."""
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return min(len(a), len(b)) >= 6
    ga, gb = {a[i:i + 2] for i in range(len(a) - 1)}, {b[i:i + 2] for i in range(len(b) - 1)}
    return 2 * len(ga & gb) / (len(ga) + len(gb) or 1) >= 0.7


def _norm(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff" or ch.isalnum())

