"""Counter cues: whether a statement's text contests something said before, and how (a mixin of
DisputeLexicon in link.disputes.rules, which loads the data these read from data/disputes.yaml:
counter_cues, cue_masks, clause_final, adverb_markers, accusing_verbs, object_verbs, predicated_cues,
spread_verbs, backrefs, citation_nouns, cited_markers, refusal words …).

Split from rules.py (which builds statements and holds the lexicon) to keep each file readable.
Hand-written because no library classifies Chinese news statements as denials. Every regular
expression is bounded and linear-time.
"""

from __future__ import annotations

import re

import rjieba

NEGATED_PHRASE = 4  # characters of a claim's phrase a counter negates (从未|承诺暂停)
_QUOTED = re.compile(r"[“‘\"「]([^“”‘’\"「」]{1,40})[”’\"」]")
_CLAUSE = "，,。；;：:！!？?"


def _is_cjk_word(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


class CounterCues:
    """Counter-cue look-ups over the lexicon's data; the attributes are set by DisputeLexicon.__init__."""

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

    def holds_accusation(self, text: str) -> bool:
        """The text reports an accusation as a verb (欧美国家指控普京…) and, in a later clause,
        refers back to it (，普京则表示否认): what it answers is inside it. 美国的指控 / …的说法
        cite a claim instead (the accusing word is a noun)."""
        for verb in self.accusing:
            pos = text.find(verb)
            while pos > 0:
                after = pos + len(verb)
                if text[pos - 1] != "的" and not text.startswith("的", after):
                    rest = text[after:]
                    cut = min((i for i in (rest.find(c) for c in _CLAUSE) if i >= 0), default=-1)
                    if cut >= 0 and any(b in rest[cut:] for b in self.backrefs):
                        return True
                pos = text.find(verb, pos + 1)
        return False

    def negates_phrase(self, claim: str, counter: str) -> bool:
        """The counter writes a phrase of the claim (NEGATED_PHRASE CJK characters or more) right
        after a negator of its clause: 俄方已经承诺暂停炮击 / 莫斯科从未承诺暂停任何行动."""
        size = NEGATED_PHRASE
        # a phrase naming a side (对俄罗斯, 加入北约) or starting inside a side's name (罗斯入侵) says
        # who, not what was promised or done (入侵乌克 still is: what is done, then to whom)
        named = {j for f in self.sides if f in claim for m in re.finditer(re.escape(f), claim)
                 for j in range(m.start(), m.end())}
        for i in range(len(claim) - size + 1):
            gram = claim[i:i + size]
            if not _is_cjk_word(gram) or i in named or any(f in gram for f in self.sides):
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
        # the first of two coordinated names (中、俄抛出的所谓) shares the marker of the second
        size = self.cited_window + (self.coordinated_name if text.startswith(self.coordinators, end) else 0)
        window = text[end:end + size]
        return any(m in window for m in self.cited_markers)
