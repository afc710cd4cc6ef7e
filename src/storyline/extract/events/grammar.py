"""Clause-level grammar shared by the event and quote extractors.

There is no Chinese dependency parser that runs offline at our speed (LAC/HanLP models are
large and slow, see /work/shared/LIBRARIES.md), and news prose about diplomacy uses a small set of
constructions (A与B会谈, A向B提供, A对B表示, 法国总统马克龙), so we hand-write a shallow grammar:

* clauses: a sentence cut at ，；：, which is where Chinese news changes subject or adds a phrase;
* heads: the entity mentions that can be actors or speakers, after folding modifiers into the
  name they modify (法国|总统|马克龙 -> one head 马克龙, 乌克兰|首都|基辅 -> 基辅) and noting the
  preposition before them (与/同 comitative, 向/对 target, 在/前往 location, 据 source);
* pronouns 他/她/他们, resolved to the last PERSON head before them (no gender needed).

Every word list lives in data/grammar.yaml. All scanning is plain loops or bounded, linear-time
regular expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from storyline.model import Doc, EntityMention, Paragraph, Sentence

DATA = Path(__file__).parent / "data"
ACTOR_TYPES = {"PERSON", "ORG", "GPE"}
HEAD_TYPES = ACTOR_TYPES | {"LOC"}
CLAUSE_BREAKS = set("，；：。！？!?;,")
SENTENCE_BREAKS = set("。！？!?")
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", '"': '"'}
_BYLINE = re.compile(r"【[^【】]{0,40}】")
_QUOTE_MARK = re.compile("[" + "".join(QUOTE_PAIRS) + "".join(QUOTE_PAIRS.values()) + "]")  # one char: linear
_CLAUSE_BREAK = re.compile("[" + re.escape("".join(sorted(CLAUSE_BREAKS))) + "]")
_PRONOUN_CHAR = re.compile("[他她]")
_PAREN = re.compile(r"（[^（）]{0,60}）|\([^()]{0,60}\)")


@dataclass
class Head:
    """A possible actor or speaker in a paragraph."""

    start: int
    end: int
    group_start: int  # start of the whole noun group, modifiers included
    name: str  # surface, original script (Paragraph.text)
    type: str  # PERSON ORG GPE, or PRON for an unresolved pronoun
    mention: EntityMention | None
    marker: str = ""  # comitative coordinator target location source, or ''
    marker_start: int = -1  # where the marker word starts (== group_start when none)
    pronoun: bool = False
    initial: bool = False  # first actor head of its clause: the likely subject
    place_owner: bool = False  # 在乌克兰边境: a country named for its border or territory (anaphora.py)


@dataclass
class Quoted:
    """A span between quote marks; inner offsets exclude the marks."""

    open: int
    close: int  # index of the closing mark (== inner end)

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


def _longest_first(words: list[str]) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))  # deterministic under any hash seed


class Grammar:
    """Loads data/grammar.yaml once; all methods are pure functions of their arguments."""

    def __init__(self, path: Path | None = None) -> None:
        data = yaml.safe_load((path or DATA / "grammar.yaml").read_text(encoding="utf-8"))
        self.titles = _longest_first(data["titles"] + data["person_titles"] + data["abbreviations"])
        self.markers: list[tuple[str, str]] = sorted(
            ((w, kind) for kind, words in data["markers"].items() for w in words),
            key=lambda x: len(x[0]),
            reverse=True,
        )
        # the role rules of subjects.py
        self.continuation_starts = _longest_first(data["continuation_starts"])
        self.speech_acts = frozenset(data["speech_acts"])
        self.shared_subject_links = _longest_first(data["shared_subject_links"])
        self.owned = data["owned"]
        self.this_words = _longest_first(data["this_words"])
        self.title_words = tuple(self.titles)  # one startswith call
        self.about_markers = set(data["about_subject"]["markers"])
        self.about_next = tuple(data["about_subject"]["next"])
        self.beneficiary = data["beneficiary"]
        self.beneficiary_not_after = tuple(self.beneficiary["not_after"])
        self.host_markers = set(data["host"]["markers"])
        self.host_verb = data["host"]["verb"]
        self.pair_before_event = data["pair_before_event"]
        self.not_actor_after = _longest_first(data["not_actor_after"])
        self._not_actor_any = tuple(self.not_actor_after)  # one startswith call for the usual no
        self.pronouns = _longest_first(data["pronouns"])
        self.pronoun_not_after = set(data["pronoun_not_after"])
        self.pronoun_not_before = set(data["pronoun_not_before"])
        self.status = {k: _longest_first(v) for k, v in data["status"].items()}
        self.mode_hints = {k: _longest_first(v) for k, v in data["mode_hints"].items()}
        self.location_verbs = _longest_first(data["location_verbs"])
        self.duration_words = data["duration_words"]
        self.both_words = _longest_first(data["both_words"])
        self.speech_verbs = _longest_first(data["speech_verbs"])
        self.subordinate_ends = data["subordinate_ends"]
        self.demanded = _longest_first(data["demanded"])
        self.each_words = _longest_first(data["each_words"])
        self.both_max_distance = int(data["both_max_distance"])
        self.place_target = data["place_target"]
        self.embedded_subject = data["embedded_subject"]
        self.counted_target = data["counted_target"]
        self.needs_target = frozenset(data["needs_target"])
        self.rejected_object = {"gaps": set(data["rejected_object"]["gaps"]),
                                "next": _longest_first(data["rejected_object"]["next"])}
        self.counted_target["nouns"] = _longest_first(self.counted_target["nouns"])
        self.context = {k: _longest_first(data[k]) for k in (
            "demand_frames", "topic_open", "topic_close", "undo_before", "nominal_adverbs",
            "anaphor_before", "anaphor_after", "anaphor_strip", "at_request", "at_request_not")}
        self.nominal_types = set(data["nominal_types"])
        # speed indexes over the lists above (same answers, fewer startswith calls): titles by
        # first character, longest first; markers by length, longest length first
        self._titles_by_first: dict[str, list[str]] = {}
        for t in self.titles:
            self._titles_by_first.setdefault(t[0], []).append(t)
        by_len: dict[int, dict[str, str]] = {}
        for w, kind in self.markers:
            by_len.setdefault(len(w), {}).setdefault(w, kind)
        self._markers_by_len = sorted(by_len.items(), reverse=True)
        self._quote_cache: dict[str, list[Quoted]] = {}  # paragraph norm -> quotes(norm)

    # ---- text structure -------------------------------------------------------------------
    def sentences(self, para: Paragraph) -> list[Sentence]:
        """The clean stage's sentences (our own cut at 。！？ when it gave none), re-joined where
        a boundary falls inside a quote: “…。…”普萨基说。 is one sentence for attribution."""
        sents = para.sentences
        if not sents:
            sents, start = [], 0
            for i, ch in enumerate(para.norm):
                if ch in SENTENCE_BREAKS:
                    sents.append(Sentence(start, i + 1))
                    start = i + 1
            if start < len(para.norm) and para.norm[start:].strip():
                sents.append(Sentence(start, len(para.norm)))
        inside = quote_mask(para.norm, self.quotes_of(para.norm))
        out: list[Sentence] = []
        for s in sents:
            if out and 0 < out[-1].end < len(inside) and inside[out[-1].end - 1] and inside[out[-1].end]:
                out[-1] = Sentence(out[-1].start, s.end)
            else:
                out.append(Sentence(s.start, s.end))
        return out

    @staticmethod
    def clauses(norm: str, start: int, end: int) -> list[tuple[int, int]]:
        out, s = [], start
        for hit in _CLAUSE_BREAK.finditer(norm, start, end):  # only the break characters
            i = hit.start()
            if i > s:
                out.append((s, i))
            s = i + 1
        if s < end:
            out.append((s, end))
        return out

    def quotes_of(self, norm: str) -> list[Quoted]:
        """`quotes(norm)`, remembered for the last few paragraphs: events, quotes and both
        `sentences` calls ask for the same paragraph's spans (a pure function of the text; callers
        get their own list and never change the spans)."""
        cache = self._quote_cache
        found = cache.get(norm)
        if found is None:
            if len(cache) >= 256:
                cache.clear()
            found = cache[norm] = self.quotes(norm)
        return list(found)

    @staticmethod
    def quotes(norm: str) -> list[Quoted]:
        """Outermost balanced quote spans of a paragraph, in one pass with a stack per mark
        (unclosed marks are ignored, so a stray “ cannot make this quadratic)."""
        stacks: dict[str, list[int]] = {}
        pairs: list[tuple[int, int]] = []
        closers = {c: o for o, c in QUOTE_PAIRS.items()}
        for hit in _QUOTE_MARK.finditer(norm):  # only the quote marks matter
            i, ch = hit.start(), hit.group()
            if ch == '"':  # ASCII quotes do not nest: toggle
                st = stacks.setdefault('"', [])
                if st:
                    pairs.append((st.pop(), i))
                else:
                    st.append(i)
            elif ch in QUOTE_PAIRS:
                stacks.setdefault(ch, []).append(i)
            elif ch in closers and stacks.get(closers[ch]):
                pairs.append((stacks[closers[ch]].pop(), i))
        out: list[Quoted] = []
        for o, c in sorted(pairs):
            if out and o < out[-1].close:
                continue  # nested inside the previous outer quote
            out.append(Quoted(o, c))
        return out

    # ---- heads -------------------------------------------------------------------------------
    def _title_gap(self, gap: str) -> bool:
        """True when `gap` is only titles/abbreviations/parentheticals (法国·总统·马克龙)."""
        gap = _PAREN.sub("", gap).replace("·", "").replace("∙", "").strip()
        while gap:
            for t in self._titles_by_first.get(gap[0], ()):
                if gap.startswith(t):
                    gap = gap[len(t):]
                    break
            else:
                return False
        return True

    def _not_actor_at(self, norm: str, pos: int) -> bool:
        """A word at `pos` that makes the name before it no actor, unless a longer title starts
        there (国家 vs 国家安全顾问; 大使馆 stays longer than the title 大使)."""
        if not norm.startswith(self._not_actor_any, pos):  # most heads: one call
            return False
        word = next(w for w in self.not_actor_after if norm.startswith(w, pos))  # longest first
        title = next((t for t in self._titles_by_first.get(norm[pos : pos + 1], ()) if norm.startswith(t, pos)), "")
        return len(title) <= len(word)

    def marker_before(self, norm: str, pos: int, floor: int = 0) -> tuple[str, int]:
        for n, words in self._markers_by_len:  # == the longest marker ending at pos
            s = pos - n
            if s >= floor and s >= 0:
                kind = words.get(norm[s:pos])
                if kind is not None:
                    return kind, s
        return "", pos

    def doc_heads(self, doc: Doc) -> list[list[Head]]:
        """`heads` of every paragraph of `doc`, mentions grouped by paragraph in one pass."""
        by_para: dict[int, list[EntityMention]] = {}
        for m in doc.mentions:
            if m.type in HEAD_TYPES:
                by_para.setdefault(m.paragraph, []).append(m)
        return [self._heads(para, by_para.get(para.index, [])) for para in doc.paragraphs]

    def heads(self, doc: Doc, para: Paragraph) -> list[Head]:
        """Actor heads of one paragraph, modifiers folded, pronouns left unresolved."""
        return self._heads(para, [m for m in doc.mentions if m.paragraph == para.index and m.type in HEAD_TYPES])

    def _heads(self, para: Paragraph, mentions: list[EntityMention]) -> list[Head]:
        norm, text = para.norm, para.text
        ms = sorted(mentions, key=lambda m: (m.start, -m.end))
        kept: list[EntityMention] = []
        for m in ms:  # drop mentions nested in a longer one, and an English name in brackets after its own
            if kept and (m.start < kept[-1].end or m.local_id == kept[-1].local_id
                         and norm[kept[-1].end:m.start].strip() in ("（", "(")):
                continue
            kept.append(m)
        heads: list[Head] = []
        group_start, group_first = None, 0
        for i, m in enumerate(kept):
            if group_start is None:
                group_first = i
            gs = m.start if group_start is None else group_start
            nxt = kept[i + 1] if i + 1 < len(kept) else None
            if nxt is not None and self._title_gap(norm[m.end : nxt.start]) and not _coordinated(m, nxt, norm):
                if m.type == "PERSON" and nxt.type == "PERSON" and norm[m.end : nxt.start] not in ("", "·", "∙"):
                    pass  # two people side by side with a title between: keep both
                else:
                    group_start = gs  # m modifies nxt (or is the first half of a split name)
                    continue
            group_start = None
            first, end = kept[group_first], m.end
            posting = gs < m.start and norm[m.start - 1 : m.start] == "驻" and first.type in ACTOR_TYPES
            if posting:
                # 俄罗斯驻美大使, 美国驻韩国大使馆: the place after 驻 is the posting; with no name
                # after it, the office stands for the country (or body) that sent it (the head
                # still ends where the group's last name does, so 美国驻联合国大使 stays one speaker)
                m = first
            elif m.type not in ACTOR_TYPES:
                continue
            elif self._not_actor_at(norm, m.end):
                continue  # 美国公民, 前苏联国家; but 美国国家安全顾问 (a title) is the US acting
            prev = kept[i - 1] if i > 0 and not posting else None
            joined = prev is not None and prev.type == m.type == "PERSON" and norm[prev.end : m.start] in ("·", "∙")
            name_start = prev.start if joined else m.start
            kind, ms_ = self.marker_before(norm, gs)
            heads.append(
                Head(m.start, end, gs, text[name_start : m.end], m.type, m, kind, ms_)
            )
        heads.extend(self._pronoun_heads(para))
        # a byline 【文/观察者网 刘骞】 names the writer, never an actor or speaker
        bylines = [(m.start(), m.end()) for m in _BYLINE.finditer(norm)]
        heads = [h for h in heads if not any(s <= h.start < e for s, e in bylines)]
        heads.sort(key=lambda h: h.start)
        prev_end = 0
        for h in heads:
            h.initial = prev_end == 0 or _CLAUSE_BREAK.search(norm, prev_end, h.group_start) is not None
            prev_end = h.end
        return heads

    def _pronoun_heads(self, para: Paragraph) -> list[Head]:
        norm, out = para.norm, []
        i = 0
        while i < len(norm):
            hit = _PRONOUN_CHAR.search(norm, i)  # the loop only stops at 他/她
            if hit is None:
                break
            i = hit.start()
            word = "他们" if norm.startswith("他们", i) or norm.startswith("她们", i) else norm[i]
            nxt = norm[i + len(word) : i + len(word) + 1]
            prev = norm[i - 1 : i]
            if nxt in self.pronoun_not_after or prev in self.pronoun_not_before:
                i += len(word)
                continue
            kind, ms_ = self.marker_before(norm, i)
            out.append(Head(i, i + len(word), i, word, "PRON", None, kind, ms_, pronoun=True))
            i += len(word)
        return out


def _coordinated(a: EntityMention, b: EntityMention, norm: str) -> bool:
    """俄法, 美俄: one-character country abbreviations side by side are a list, not a title."""
    return a.end == b.start and a.type == b.type == "GPE" and a.end - a.start == 1


def resolve_pronouns(all_heads: list[list[Head]]) -> list[list[Head]]:
    """Replace each pronoun head by the last PERSON head before it (same doc), keeping offsets."""
    last: Head | None = None
    last_initial: Head | None = None  # a clause-initial PERSON is the better antecedent (subject)
    out = []
    for heads in all_heads:
        row = []
        for h in heads:
            if h.pronoun:
                ante = last_initial or last
                if ante is None:
                    continue
                h = replace(h, name=ante.name, type=ante.type, mention=ante.mention)
            elif h.type == "PERSON":
                last = h
                if h.initial:
                    last_initial = h
            row.append(h)
        out.append(row)
    return out


def quote_mask(norm: str, quotes: list[Quoted]) -> bytearray:
    """1 for every position strictly inside a quote (marks excluded): O(1) membership tests."""
    mask = bytearray(len(norm) + 1)
    for q in quotes:
        mask[q.open + 1 : q.close] = b"\x01" * (q.close - q.open - 1)
    return mask


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)
