"""Who is speaking, and through whom: speaker candidates, anonymous descriptors, intermediaries.

Hand-written for the same reason as the event grammar (no offline parser fits); the word lists
are in data/cues.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from storyline.extract.events.grammar import ACTOR_TYPES, Head
from storyline.model import Quote

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Cue:
    word: str
    stance: str
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    block_after: tuple[str, ...] = ()
    recipient: bool = False
    need_after: tuple[str, ...] = ()  # a cue only when one of these follows (指， but not 指挥 / 指数)


@dataclass
class Candidate:
    """A possible speaker: an entity head or an anonymous descriptor (一名法国官员)."""

    start: int
    end: int
    name: str
    head: Head | None = None


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    cue: Cue
    via: bool = False


def _longest_first(words) -> list[str]:
    # ties broken alphabetically: set order varies with PYTHONHASHSEED, results must not
    return sorted(set(words), key=lambda w: (-len(w), w))


class CueLexicon:
    def __init__(self, path: Path | None = None) -> None:
        data = yaml.safe_load((path or DATA / "cues.yaml").read_text(encoding="utf-8"))
        self.data = data  # the raw lists, for the steps kept in their own modules (issuers.py)
        cues = [
            Cue(c["w"], c["stance"], tuple(c.get("not_after", ())), tuple(c.get("not_before", ())),
                tuple(c.get("block_after", ())), bool(c.get("recipient")), tuple(c.get("need_after", ())))
            for c in data["cues"]
        ]
        cues += [Cue(c["w"], "assert", tuple(c.get("not_after", ())), tuple(c.get("not_before", ())))
                 for c in data["via_cues"]]
        self.via_only = {c["w"] for c in data["via_cues"] if c.get("statement") is False}
        self.via_words = {c["w"] for c in data["via_cues"]}
        self.cite_words = frozenset(data["cite_words"])
        self.via_strip = _longest_first(data["via_strip"])
        self.negations = _longest_first(data["negations"])
        self.passive_reach = int(data["passive_reach"])
        self.passive_nouns = tuple(data["passive_nouns"])
        self.passive_not_between = tuple(data["passive_not_between"])
        self.by_first: dict[str, list[Cue]] = {}
        for c in sorted(cues, key=lambda c: len(c.word), reverse=True):
            self.by_first.setdefault(c.word[0], []).append(c)
        self.deny_words = data["deny_words"]
        # jump straight to characters that start a cue (a one-character class: linear)
        self._first = re.compile("[" + "".join(map(re.escape, sorted(self.by_first))) + "]")
        self.nouns = _longest_first(data["descriptor_nouns"])
        self.anaphor_prefixes = tuple(data["anaphor_prefixes"])
        # nouns by first character, in the same (longest-first) order; a class regex jumps to candidates
        self._nouns_by_first: dict[str, list[str]] = {}
        for n in self.nouns:
            self._nouns_by_first.setdefault(n[0], []).append(n)
        firsts = "".join(map(re.escape, sorted(self._nouns_by_first)))
        self._noun_first = re.compile(f"[{firsts}]" if firsts else "(?!)")
        self.modifiers = _longest_first(data["descriptor_modifiers"])
        self.outlets = _longest_first(data["outlets"])
        self.outlet_set = frozenset(data["outlets"])
        self.report_prefixes = _longest_first(data["report_prefixes"])
        self.not_content_start = frozenset(data["not_content_start"])
        self.strip_left = _longest_first(data["subject_strip_left"])
        self.title_opens = tuple(data["title_opens"])
        self.clause_marks = frozenset(data["clause_marks"])
        self.connectives = frozenset(self.strip_left)  # may open a clause before its subject (pronouns.py)
        self.strip_right = _longest_first(data["subject_strip_right"])
        self.strip_left_by_first: dict[str, list[str]] = {}  # by first character, longest first
        for w in self.strip_left:
            self.strip_left_by_first.setdefault(w[0], []).append(w)
        self.strip_right_by_last: dict[str, list[str]] = {}  # by last character, longest first
        for w in self.strip_right:
            self.strip_right_by_last.setdefault(w[-1], []).append(w)
        self.keep_left = tuple(data["subject_keep_left"])
        self.subject_not_inside = tuple(data["subject_not_inside"])
        self.document_nouns = tuple(data["document_nouns"])
        self.source_markers = tuple(data["source_markers"])
        self.label_nouns = tuple(data["label_nouns"])
        self.subject_cut_before = tuple(data["subject_cut_before"])
        self.not_single = frozenset(w for w in self.strip_left + self.strip_right + list(data["not_single"]) if len(w) == 1)
        self.entity_anaphors = tuple(data["entity_anaphors"])
        self.anaphor_kinds = {k: tuple(v) for k, v in data.get("entity_anaphor_kinds", {}).items()}
        self.title_breaks = frozenset(data["title_breaks"])
        self.long_title_breaks = self.title_breaks - frozenset(data["title_list_joins"])
        self.label_not_speakers = frozenset(data["label_not_speakers"])
        self._person_titles: dict[str, list[str]] = {}  # by first character, longest first
        for t in _longest_first(data["person_titles"] + data["leader_words"]):
            self._person_titles.setdefault(t[0], []).append(t)
        self.agent_nouns = tuple(data["agent_nouns"])
        self.clause_speakers = tuple(data["agent_nouns"] + data["descriptor_nouns"] + data["clause_speakers"])
        self.leader_words = frozenset(data["leader_words"])
        self.leader_titles = frozenset(data["leader_titles"])
        # one bounded character class, matched whole: linear
        self._subject = re.compile(data["subject_letters"])
        self.time_run = re.compile(data["time_letters"])  # one bounded character class: linear
        self.adverbial_opens = tuple(data["adverbial_opens"])
        self.adverbial_closes = tuple(data["adverbial_closes"])
        self.strip_right_by_first: dict[str, list[str]] = {}  # the same words, to skip them left to right
        for w in self.strip_right:
            self.strip_right_by_first.setdefault(w[0], []).append(w)

    def scan(self, norm: str, lo: int, hi: int, blocked) -> list[CueHit]:
        """Cue words in norm[lo:hi], longest first, skipping positions where blocked(pos)."""
        out, i = [], lo
        while i < hi:
            nxt = self._first.search(norm, i, hi)  # other positions start no cue
            if nxt is None:
                break
            i = nxt.start()
            if blocked(i):
                i += 1
                continue
            for c in self.by_first.get(norm[i], ()):
                e = i + len(c.word)
                if e > hi or not norm.startswith(c.word, i):
                    continue
                if any(norm.startswith(w, e) for w in c.not_after + c.block_after):
                    continue
                if c.need_after and not any(norm.startswith(w, e) for w in c.need_after):
                    continue
                if any(norm.endswith(w, lo, i) for w in c.not_before + tuple(self.negations)):
                    continue
                if self._passive(norm, lo, i, e):
                    continue
                out.append(CueHit(i, e, c, c.word in self.via_words))
                i = e - 1
                break
            i += 1
        return out

    def _passive(self, norm: str, lo: int, i: int, e: int) -> bool:
        """被俄罗斯方面澄清，… / 被欧洲和美国认为是不可接受的: the cue is the passive verb of the clause's
        patient, so what follows is no content of the subject's (often another speaker's own statement,
        or a predicate). 被 must stand a few characters before the cue with no mark between
        (passive_reach), not as part of a noun (被告) nor of a question (被问及…时表示, passive_not_between).
        (Also with no comma after the cue since session 19: train spurious 933 -> 924, no right quote lost.)"""
        start = max(lo, i - self.passive_reach)
        p = norm.rfind("被", start, i)
        if p < 0 or any(norm.startswith(w, p) for w in self.passive_nouns):
            return False
        between = norm[p + 1:i]
        return not any(m in between for m in self.passive_not_between)

    def skip_adverbs(self, norm: str, lo: int, hi: int) -> int:
        """lo moved right past adverbs and time words (data subject_strip_right) up to hi."""
        while lo < hi:
            w = next((w for w in self.strip_right_by_first.get(norm[lo], ()) if norm.startswith(w, lo, hi)), None)
            if w is None:
                break
            lo += len(w)
        return lo

    def title_at(self, norm: str, pos: int) -> str | None:
        """The office title (person_titles, leader_words) starting at norm[pos], longest first."""
        return next((t for t in self._person_titles.get(norm[pos:pos + 1], ()) if norm.startswith(t, pos)), None)

    def letters(self, run: str) -> bool:
        """A short run of letters only (subject_letters): no digits, marks or spaces."""
        return self._subject.fullmatch(run) is not None

    def noun_of(self, descriptor: str) -> str | None:
        """The descriptor noun `descriptor` ends with (美国务院一名高级官员 -> 官员), if any."""
        return next((n for n in self.nouns if descriptor.endswith(n)), None)

    def resolve_anaphors(self, quotes: list[Quote]) -> list[Quote]:
        """这位官员说 after 美国务院一名高级官员说: the anaphoric descriptor takes the name of the
        last descriptor speaker of the article with the same noun; with none it stays as written."""
        seen: list[str] = []  # full descriptors, in order (该人士 may point back to 一位知情人士)
        out = []
        for q in quotes:
            noun = self.noun_of(q.speaker_name) if q.speaker_mention is None else None
            if noun is not None and q.speaker_name.startswith(self.anaphor_prefixes):
                name = next((d for d in reversed(seen) if d.endswith(noun)), None)
                if name is not None:
                    q = replace(q, speaker_name=name)
            elif noun is not None:
                seen.append(q.speaker_name)
            out.append(q)
        return out

    def resolve_entity_anaphors(self, mentions, quotes: list[Quote], paragraphs=()) -> list[Quote]:
        """该报表示, 该协会指出, 这位副首相说: a speaker written as a demonstrative and a noun takes the
        last organisation named before it that ends with that noun (环球时报, 意大利咖啡协会), or the last
        person whose title ends with it, or (`paragraphs` given) the last organisation introduced by a
        word of that kind (data entity_anaphor_kinds: 汽车制造商拉达 … 该公司表示); with none it stays as
        written."""
        out = []
        for q in quotes:
            name = q.speaker_name or ""
            prefix = next((p for p in self.entity_anaphors if name.startswith(p)), None) \
                if q.speaker_mention is None else None
            noun = name[len(prefix):] if prefix else ""
            if noun:
                before = [m for m in mentions if (m.paragraph, m.end) <= (q.paragraph, q.start)]
                hit = next((m for m in reversed(before)
                            if (m.type == "ORG" and m.norm.endswith(noun) and len(m.norm) > len(noun))
                            or (m.type == "PERSON" and (m.role_title or "").endswith(noun))), None)
                if hit is not None:  # 网络安全公司ESET read as two organisations: the name after the kind
                    hit = next((m for m in mentions if m.paragraph == hit.paragraph and m.start == hit.end
                                and m.type == "ORG"), hit)
                kinds = self.anaphor_kinds.get(noun, ())
                if hit is None and kinds and paragraphs:
                    hit = next((m for m in reversed(before) if m.type == "ORG" and paragraphs[m.paragraph].norm[
                        max(0, m.start - 8):m.start].rstrip().endswith(kinds)), None)
                if hit is not None:
                    q = replace(q, speaker_name=hit.text, speaker_mention=hit)
            out.append(q)
        return out

    def resolve_titled(self, doc, quotes: list[Quote]) -> list[Quote]:
        """俄罗斯总统表示, 乌克兰外长称: a country or organisation speaker followed by an office title
        (data: person_titles) stands for the holder of that office named before it in the article
        (the last person the entity stage gave that title, of that country when it says one); with
        nobody, the whole phrase (乌克兰国防部长) speaks."""
        out = []
        for q in quotes:
            m = q.speaker_mention
            if m is not None and m.type in ("GPE", "ORG"):
                norm = doc.paragraphs[m.paragraph].norm
                title = next((t for t in self._person_titles.get(norm[m.end:m.end + 1], ())
                              if norm.startswith(t, m.end)), None)
                if title is not None:
                    q = self._office_holder(doc, q, m, title)
            out.append(q)
        return out

    def _office_holder(self, doc, q: Quote, m, title: str) -> Quote:
        country = m.canonical_hint or m.norm
        titles = self.leader_titles if title in self.leader_words else (title,) if len(title) > 1 else ()
        holders = [p for p in doc.mentions if p.type == "PERSON" and (p.paragraph, p.end) <= (m.paragraph, m.start)
                   and p.role_title and any(p.role_title.endswith(t) for t in titles)
                   and (p.country in (None, country) or p.role_of == m.norm)]
        if holders:
            # the holder as last named before the quote (以色列总理纳夫塔利·贝内特 … 贝内特 -> 贝内特)
            same = [p for p in doc.mentions if p.local_id == holders[-1].local_id >= 0
                    and (p.paragraph, p.end) <= (m.paragraph, m.start)]
            h = same[-1] if same else holders[-1]
            return replace(q, speaker_name=h.text, speaker_mention=h)
        end = m.end + len(title)
        return replace(q, speaker_name=doc.paragraphs[m.paragraph].text[m.start:end], speaker_mention=None)

    # ---- speakers ----------------------------------------------------------------------------
    def descriptors(self, norm: str, text: str, lo: int, hi: int, heads: list[Head]) -> list[Candidate]:
        out = []
        i = lo
        while i < hi:
            nxt = self._noun_first.search(norm, i, hi)  # other positions start no descriptor noun
            if nxt is None:
                break
            i = nxt.start()
            noun = next((n for n in self._nouns_by_first[norm[i]] if norm.startswith(n, i) and i + len(n) <= hi), None)
            if noun is None:
                i += 1
                continue
            end = i + len(noun)
            # a title in front of a name (发言人扎哈罗娃, 旅美中国学者程晓农) is part of that head, not a descriptor
            if any(h.type == "PERSON" and (h.group_start <= i < h.start or h.start == end) for h in heads):
                i = end
                continue
            start = self._extend_left(norm, lo, i, heads)
            if any(h.type == "PERSON" and h.end == i for h in heads):
                i = end  # 弗雷泽医生: a name with its title after it is that person
                continue
            if start < i:  # a bare 人士/官员 with no modifier is too vague to stand alone
                out.append(Candidate(start, end, text[start:end]))
            elif noun in ("消息人士", "知情人士", "分析人士"):
                out.append(Candidate(start, end, text[start:end]))
            i = end
        return out

    def _extend_left(self, norm: str, lo: int, pos: int, heads: list[Head]) -> int:
        while pos > lo:
            head = next((h for h in heads if h.end == pos and h.type in ACTOR_TYPES and not h.pronoun), None)
            if head is not None:  # before the word list: 美国国务院 is one head, not 美国 + 国务院
                pos = max(lo, head.group_start)
                continue
            word = next((w for w in self.modifiers if norm.endswith(w, lo, pos)), None)
            if word is not None:
                pos -= len(word)
                continue
            break
        return pos

    def candidates(self, norm: str, text: str, lo: int, hi: int, heads: list[Head],
                   cited: bool = False) -> list[Candidate]:
        """Speaker candidates in [lo, hi), left to right; descriptors swallow the heads inside them.
        `cited`: [lo, hi) follows 援引 / 引述, whose object the event grammar marks as a target or source but who
        speaks (路透社引述北约秘书长斯托尔滕贝格指出)."""
        skip = ("comitative", "location") if cited else ("target", "comitative", "location", "source")
        heads = [h for h in heads if h.end >= lo - 40 and h.start < hi]  # callers pass a window
        desc = self.descriptors(norm, text, lo, hi, heads)
        out = list(desc)
        for h in heads:
            if not (lo <= h.group_start and h.end <= hi) or h.type not in ACTOR_TYPES:
                continue
            if h.marker in skip:
                continue
            if any(d.start <= h.start < d.end for d in desc):
                continue
            out.append(Candidate(h.start, h.end, h.name, h))
        return sorted(out, key=lambda c: c.start)

    def bare_subject(self, norm: str, text: str, lo: int, hi: int, single: bool = False) -> Candidate | None:
        """The words in norm[lo:hi] (the cue's clause up to the cue) as the speaker when no entity or
        descriptor is there (贸协指出 -> 贸协, 有学者认为 -> 学者): connectives and adverbs cut off."""
        # 检察官在起诉书中称, 这名顾问向巴黎人报指出: the subject ends where a preposition's phrase starts
        cut = min((k for w in self.subject_cut_before if (k := norm.find(w, lo + 1, hi)) > lo), default=hi)
        if cut < hi and self._subject.fullmatch(norm, lo, cut):
            hi = cut
        changed = True
        while changed and lo < hi:
            changed = False
            w = next((w for w in self.strip_left_by_first.get(norm[lo], ()) if norm.startswith(w, lo, hi)), None) \
                if not norm.startswith(self.keep_left, lo) else None
            if w is not None and lo + len(w) < hi:
                lo, changed = lo + len(w), True
            w = next((w for w in self.strip_right_by_last.get(norm[hi - 1], ()) if norm.endswith(w, lo, hi)), None)
            if w is not None and hi - len(w) > lo:
                hi, changed = hi - len(w), True
        if hi - lo == 1 and single and norm[lo] not in self.not_single:
            return Candidate(lo, hi, text[lo:hi])  # 卫表示, 林又指: a surname standing for the witness
        if not self._subject.fullmatch(norm, lo, hi) or any(w in norm[lo:hi] for w in self.subject_not_inside):
            return None
        return Candidate(lo, hi, text[lo:hi])

    def outlet_speaker(self, via: str) -> str:
        """An intermediary as a speaker: 根据中国官方新闻媒体的 -> 中国官方新闻媒体 (data via_strip)."""
        name = via
        p = next((p for p in self.via_strip if name.startswith(p) and len(name) > len(p)), None)
        name = name[len(p):] if p else name
        return name[:-1] if name.endswith("的") and len(name) > 1 else name

    # ---- intermediaries ----------------------------------------------------------------------
    def bare_report(self, norm: str, lo: int, hi: int) -> bool:
        """norm[lo:hi] before a report word names no outlet: empty, or only 该 / 此 / 另据 … (report_prefixes)."""
        i = lo
        while i < hi:
            if norm[i] in " \u3000":
                i += 1
                continue
            p = next((p for p in self.report_prefixes if norm.startswith(p, i) and i + len(p) <= hi), None)
            if p is None:
                return False
            i += len(p)
        return True

    def outlet_name(self, norm: str, text: str, lo: int, hi: int) -> str | None:
        """The outlet named in norm[lo:hi]: a well-known one as written first (据路透社（Reuters）报道 ->
        路透社, as annotators name it), else an English name in brackets (据韩联社（Yonhap）8日 -> Yonhap)."""
        seg = norm[lo:hi]
        # the outlet named first in the passage (longest name at that position)
        found = [(k, -len(name)) for name in self.outlets if (k := seg.find(name)) >= 0]
        if found:
            k, neg_len = min(found)
            return text[lo + k : lo + k - neg_len]
        paren = seg.find("（")
        if paren >= 0:
            close = seg.find("）", paren)
            inner = seg[paren + 1 : close] if close > paren else ""
            if inner and inner.isascii():
                return text[lo + paren + 1 : lo + close]
        seg = seg.strip("，据综合此前")
        return seg if 0 < len(seg) <= 12 else None
