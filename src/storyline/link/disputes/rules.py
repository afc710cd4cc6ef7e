"""Dispute rules: which statements are claims or counters, and whether a counter contests a claim.

Used by the linker (storyline.link.disputes) and by eval/evaluate_disputes.py, so both judge
statements alike; whether a counter contests a claim is link.disputes.pairing's. Every cue list is data (data/disputes.yaml), loaded once per DisputeLexicon.
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

from storyline.link.disputes.sides import Sides

MIN_SCORE = 2
NEGATED_PHRASE = 4  # characters of a claim's phrase a counter negates (从未|承诺暂停)
# Changes whenever the rules that build a statement's features change: statements cached by a
# store under an older version are built again (link.disputes.cache keys them by the fingerprint).
RULES_VERSION = "17"
MAX_CLAIMS = 1  # per counter: its best-scoring claim cluster (ties: same article, nearest first)
_QUOTED = re.compile(r"[“‘\"「]([^“”‘’\"「」]{1,40})[”’\"」]")
_CLAUSE = "，,。；;：:！!？?"


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


def _segmenter_version() -> str:
    try:
        return metadata.version("rjieba")
    except metadata.PackageNotFoundError:  # a source checkout without its metadata
        return "?"


class DisputeLexicon(Sides):
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
        self.owner_marker = data.get("owner_marker", "关于")
        self.narrow_referents = data.get("narrow_referents", [])
        self.spread_verbs = data.get("spread_verbs", ["散布", "散播"])
        self.backref_demonstratives = data.get("backref_demonstratives", [])
        self.backref_nouns = data.get("backref_nouns", [])
        self.demonstratives = sorted(data.get("demonstratives", []), key=len, reverse=True)
        cues = "|".join(re.escape(c) for c in data.get("embedded_cues", []))
        # bounded, single-class lazy prefix anchored at the start: linear in the prefix length
        self._embedded = re.compile(rf"^([^，,。；;：:“”\"]{{2,40}}?)(?:{cues})[，,：:]") if cues else None

    # -- counters ------------------------------------------------------------------------
    def _masked(self, text: str) -> str:
        """The text with what only looks like a cue blanked: 是否认同 (a question), a clause-final
        cue inside a clause (并非如此简单)."""
        for mask in self.cue_masks:  # 是否认同 asks a question, it denies nothing
            text = text.replace(mask, "□" * len(mask))
        for cue in self.clause_final:
            pos = text.find(cue)
            while pos >= 0:
                after = text[pos + len(cue):pos + len(cue) + 1]
                if after and after not in _CLAUSE + "”」\"'":
                    text = text[:pos] + "□" * len(cue) + text[pos + len(cue):]
                pos = text.find(cue, pos + 1)
        return text

    def is_counter(self, text: str) -> bool:
        text = self._masked(text)
        return any(self._cue_counts(text, cue) for cue in self.cues if cue in text)

    def _cue_counts(self, text: str, cue: str) -> bool:
        """Some use of `cue` in `text` denies: not the object of a verb of spreading or fighting
        (散布虚假信息), and a polemic noun only as a predicate (这是谎言)."""
        pos = text.find(cue)
        while pos >= 0:
            after = pos + len(cue)
            if any(text.startswith(m, after) and text.startswith(self.accusing, after + len(m))
                   for m in self.adverb_markers):
                # 毫无根据地指责: how the subject accuses (the narrator's word on it), not a denial by
                # it; 毫无根据地加剧了紧张局势 still calls what it cites groundless
                pos = text.find(cue, pos + 1)
                continue
            before = self._clause_before(text, pos, max(self.object_window, self.predicate_window))
            if not any(v in before[-self.object_window - len(v):] for v in self.object_verbs) and (
                    cue not in self.predicated
                    or any(p in before[-self.predicate_window:] for p in self.predicates)):
                return True
            if cue in self.predicated and self._spread_by_side(self._clause_before(text, pos, 24)):
                return True  # 伦敦散布进攻计划的谣言: calling a side's claim a rumour denies it
            pos = text.find(cue, pos + 1)
        return False

    def _spread_by_side(self, clause: str) -> bool:
        """A side named before a verb of spreading in the clause (伦敦散布, 美方散播, 美国为何故意
        散播, 美国…向媒体提供): the subject, the last side named before the verb."""
        for verb in self.spread_verbs:
            at = clause.find(verb)
            if at <= 0:
                continue
            head = clause[:at]
            hits = [(head.rfind(f), f) for f in self.sides if f in head]
            hits += [(i, head[i:i + 2]) for i in range(len(head) - 1)
                     if head[i] in self.abbreviations and head[i + 1] == "方"]
            if not hits:
                continue
            start, frag = max(hits, key=lambda h: (h[0], len(h[1])))
            between = head[start + len(frag):]
            # 帮助俄罗斯散布谎言: whom someone helps, not whose claim the text denies; 支持普京入侵
            # 乌克兰及散布…: the verb is coordinated with another, the side is that one's object
            if not head[:start].endswith(("帮助", "协助", "帮")) and not any(c in between for c in "及和与并、"):
                return True
        return False

    @staticmethod
    def _clause_before(text: str, pos: int, size: int) -> str:
        """Up to `size` characters (plus room for a verb) before `pos`, cut at a clause mark."""
        lo = max(0, pos - size - 2)
        chunk = text[lo:pos]
        cut = max(chunk.rfind(c) for c in _CLAUSE)
        return chunk[cut + 1:] if cut >= 0 else chunk

    def is_short_backref(self, text: str, terms: frozenset[str], concepts: frozenset[str]) -> bool:
        """A short counter that says nothing itself (纯属捏造, 不属实) or points back (这一指控, 它的入侵计划)
        refers back; 计划入侵 does not."""
        if len(text) > self.short_backref:
            return False
        own = {t for t in terms if not any(t in c or c in t for c in self.cues)}  # 捏造 is the cue itself
        return (not own and not concepts) or any(w in text for w in self.reference_words) or any(
            n in text for n in self.citation_nouns)

    def referent(self, text: str) -> frozenset[str]:
        """Nouns a demonstrative names (这一决定 -> 决定; 该案 -> 案), citation nouns aside."""
        out = {phrase[1:] for phrase in self.narrow_referents if phrase in text}
        for d in self.demonstratives:
            pos = text.find(d)
            while pos >= 0:
                rest = text[pos + len(d):pos + len(d) + 8]
                words = rjieba.tag(rest) if rest else []
                if words:
                    word, tag = words[0]
                    if word in ("的", "个", "种", "项") and len(words) > 1:
                        word, tag = words[1]
                    # after a demonstrative a verb is a noun (这一决定: 决定 is tagged v)
                    if (tag.startswith(("n", "v")) and word not in self.citation_nouns
                            and not any(word.startswith(c) or c.startswith(word) for c in self.citation_nouns)
                            and word not in self.stopwords and _is_cjk_word(word)):
                        out.add(word)
                pos = text.find(d, pos + 1)
        return frozenset(out)

    def cites_content(self, text: str, nouns: frozenset[str]) -> bool:
        """One of the nouns stands right beside a citation in the text: before 说法 / 指控 / 报道
        (关于X的说法) or after 所谓 (所谓“X”之说), within `cite_span` characters. A polemic word
        (X都是谎言) cites nothing."""
        for noun in nouns:
            for m in re.finditer(re.escape(noun), text):
                after = text[m.end():m.end() + self.cite_span]
                before = text[max(0, m.start() - self.cite_span):m.start()]
                if any(c in after for c in self.citation_nouns if c != "所谓" and c not in self.polemic) \
                        or "所谓" in before:
                    return True
        return False

    def negates_phrase(self, claim: str, counter: str) -> bool:
        """The counter writes a phrase of the claim (NEGATED_PHRASE CJK characters or more) right
        after a negator of its clause: 俄方已经承诺暂停炮击 / 莫斯科从未承诺暂停任何行动."""
        size = NEGATED_PHRASE
        for i in range(len(claim) - size + 1):
            gram = claim[i:i + size]
            if not _is_cjk_word(gram):
                continue
            pos = counter.find(gram)
            while pos >= 0:
                if self._negated(counter, pos):
                    return True
                pos = counter.find(gram, pos + 1)
        return False

    def is_firm(self, text: str) -> bool:
        """A counter cue other than a polemic word (谎言, 假新闻): a denial, not a put-down."""
        text = self._masked(text)
        return any(self._cue_counts(text, cue) for cue in self.cues if cue not in self.polemic and cue in text)

    def is_conditional(self, text: str) -> bool:
        """如果民主党想驳斥…: a denial someone might make is no counter."""
        return any(m in text for m in self.conditional_markers) or any(
            text.startswith(c) or any(p + c in text for p in _CLAUSE) for c in self.conditional_starts)

    def is_refusal(self, text: str) -> bool:
        for word in self.refusal_words:
            pos = text.find(word)
            while pos >= 0:
                window = text[pos + len(word): pos + len(word) + 6]
                if any(o in window for o in self.refusal_objects) or word.endswith(tuple(self.refusal_objects)):
                    return True
                pos = text.find(word, pos + 1)
        return "无可奉告" in text

    def has_backref(self, text: str) -> bool:
        text = self._masked(text)
        # 中国人反复重申：美国处于冷战逻辑，对此…: what a reported statement inside the text
        # says is what it refers to, not the claim before it
        first = min((p for p in (text.find("："), text.find(":")) if p >= 0), default=-1)
        if first >= 0:
            text = text[first + 1:]
            refs = [b for b in self.backrefs if b in text]
            if refs and all(text.find(b) > 0 for b in refs):
                return False
        return any(b in text for b in self.backrefs) or any(
            d + n in text for d in self.backref_demonstratives if d in text for n in self.backref_nouns)

    def is_citing(self, text: str) -> bool:
        return any(n in text for n in self.citation_nouns) or any(
            len(m.group(1)) <= self.max_quoted for m in _QUOTED.finditer(text))

    def cited_sides(self, text: str) -> set[str]:
        """Sides named right before a citation marker: 美方理解错了 -> 美国."""
        found = set()
        hits = [(m.start(), m.end(), side) for frag, side in self.sides.items() for m in re.finditer(re.escape(frag), text)]
        hits += [(i, i + 2, side) for i in range(len(text) - 1) for ch, side in self.abbreviations.items()
                 if text[i] == ch and text[i + 1] == "方"]
        for start, end, side in hits:
            if self.cited_at(text, start, end):
                found.add(side)
        # 美国关于…入侵乌克兰的说法: the side before 关于 is the claimant, the sides inside the
        # phrase are what the claim is about
        owners = {side for _, end, side in hits if text.startswith(self.owner_marker, end)}
        return owners or found

    def cited_at(self, text: str, start: int, end: int) -> bool:
        """The name at text[start:end] is whose claim the text cites (美方|搞错了), not what that
        claim is about: a name right after an action word (入侵乌克兰的指控) is its object."""
        return self.cites_after(text, end) and not any(text.endswith(w, 0, start) for w in self.concept_words)

    def cites_after(self, text: str, end: int) -> bool:
        window = text[end:end + self.cited_window]
        return any(m in window for m in self.cited_markers)

    # -- claims --------------------------------------------------------------------------
    def is_claim_text(self, text: str) -> bool:
        """An assertion of fact: no conditional, demand or question marker."""
        if any(m in text for m in self.not_claim):
            return False
        return not any(text.startswith(c) or any(p + c in text for p in _CLAUSE) for c in self.conditional_starts)

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


def _is_cjk_word(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


def make_statement(lex: DisputeLexicon, *, kind: str, id: str, key: str, by_id: str | None, by_name: str,
                   side: str | None, text: str, date: str | None, article_id: str, paragraph: int,
                   outlet: str | None = None, stance: str | None = None, cue: str | None = None,
                   event_type: str | None = None, status: str | None = None, start: int = 0,
                   about: frozenset[str] = frozenset(), cited: frozenset[str] = frozenset(),
                   embedded: bool = False, parties: frozenset[str] = frozenset(),
                   direct: bool | None = None) -> Statement:
    """Classify one quote or event mention as claim and/or counter and extract its topic features.
    Shared by the linker and the evaluation, so both judge statements alike."""
    negated = any(n in text for n in lex.negated_denials)  # 没有表示否认: no denial at all
    content = lex.is_counter(text) and not lex.is_conditional(text) and not negated
    refusal = lex.is_refusal(text) or bool(cue and lex.is_refusal(cue))
    # a cue cut out of a longer word (是否认|同这种说法: 认同) is no denial verb
    denial_verb = bool(cue and any(v in cue for v in lex.denial_verbs)) and not negated \
        and not (cue + text[:1]).endswith(lex.split_cues)
    if kind == "quote":
        counter = (content or stance == "deny" or denial_verb) and (content or not refusal) \
            and not lex.is_conditional(text)
        claim = (stance or "assert") in ("assert", "promise")
    else:
        counter = content and not (refusal and not content)
        claim = status in (None, "occurred", "planned") and event_type != "REJECT"
    claim = claim and not counter and not refusal and lex.is_claim_text(text)
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
        kind=kind, id=id, key=key, by_id=by_id, by_name=by_name, side=side, text=text, date=date,
        article_id=article_id, paragraph=paragraph, outlet=outlet, counter=counter,
        terms=terms - lex.generic_terms, concepts=concepts - lex.generic_concepts,
        about=frozenset(about | lex.abbreviated_sides(text)),
        claim=claim, generic=generic,
        cited=frozenset(c for c in (cited | lex.cited_sides(text)) if c not in own) if counter else frozenset(),
        citing=citing, backref=backref,
        # denies in so many words: a cue in its own text, or a denial verb with a text that
        # refers back or cites (否认这一说法); a denial verb beside an unrelated text is not enough
        # (a citation noun: a quoted term beside a denial verb may be another clause's, 矢口否认，…“绝对不会攻击”)
        explicit=counter and (content or denied or (denial_verb and (backref or any(n in text for n in lex.citation_nouns)))),
        start=start, embedded=embedded,
        parties=frozenset(parties | lex.sides_in(text)), names=names,
        nouns=lex.nouns_in(terms - lex.generic_terms, text),
        firm=counter and (denial_verb or lex.is_firm(text)),
        referent=lex.referent(text) if backref else frozenset(),
        denied=denied,
    )


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

