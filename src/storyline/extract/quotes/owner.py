"""Which candidate of a cue's clause speaks: the leftmost, unless it only qualifies someone after it
(a country or organisation before a titled person, X的Y, a person right before the cue).

Hand-written like the rest of the quote rules (no offline parser fits); word lists in data/cues.yaml.
"""

from __future__ import annotations

from storyline.extract.quotes.speakers import Candidate, CueLexicon

LONG_TITLE_REACH = 40  # max chars of a list of titles (、) between an organisation and its person
TITLE_REACH = 12  # max chars of title between an organisation and the person it qualifies
PHRASE_MAX = 8  # max chars of a noun phrase after a country (防疫专家, 证券监管机构)


class SpeakerChoice:
    def __init__(self, cues: CueLexicon) -> None:
        self.cues = cues
        # 美国民间公司马萨尔科技, 中国官媒央视: words that say what kind of organisation follows
        self.org_kinds = cues.clause_speakers + tuple(k for kinds in cues.anaphor_kinds.values() for k in kinds)

    def __call__(self, norm, text, cands: list[Candidate], hi: int) -> Candidate:
        """The leftmost candidate, unless 的 right after it makes it a modifier (苏丹喀土穆州的抵抗委员会
        宣布, 基金会的海斯堡表示): then the next candidate, or the bare noun after 的. (A wider reach,
        X…的Y, took 拜登在白宫的讲话中说 from 拜登: train and dev fell.)"""
        chosen = self._choose(norm, text, cands, hi)
        if chosen.head is not None and chosen.head.type == "PERSON":
            return chosen
        return self._person_adverbial(norm, cands, hi) or chosen

    def _choose(self, norm, text, cands: list[Candidate], hi: int) -> Candidate:
        first = cands[0]
        person = self._person_at_cue(norm, first, cands, hi)
        if person is not None:
            return person
        if norm[first.end:first.end + 1] != "的":
            return self._phrase(norm, text, first, cands, hi) or self._titled(norm, first, cands)
        later = [c for c in cands[1:] if c.start > first.end]
        if later:
            return later[0]
        owned = self.cues.bare_subject(norm, text, first.end + 1, hi)
        if owned is None or owned.name.endswith(self.cues.document_nouns):
            return first  # 克里姆林宫的声明表示: the statement speaks for its owner
        return owned

    def _person_adverbial(self, norm, cands: list[Candidate], hi: int) -> Candidate | None:
        """《北京之春》主编陈维健2月25日在接受大纪元记者采访时表示, 研究员大卫·莫斯基拉（David Moschella）在
        会议上表示: a named person followed by nothing but a time and an adverbial phrase reaching the cue
        (在 / 接受 … 时 / 中 / 上: data adverbial_opens / _closes) is the clause's subject, whatever
        organisation or place before them only says who they are."""
        for c in cands:
            if c.head is None or c.head.type != "PERSON" or c.head.pronoun:
                continue
            i = c.end
            if norm.startswith("（", i):  # an English name in brackets
                k = norm.find("）", i, hi)
                if k > i and norm[i + 1:k].isascii():
                    i = k + 1
            m = self.cues.time_run.match(norm, i, hi)
            i = m.end() if m else i
            i = self.cues.skip_adverbs(norm, i, hi)
            end = self._strip_adverbs(norm, i, hi)
            if end - i >= 2 and norm.startswith(self.cues.adverbial_opens, i) \
                    and norm.endswith(self.cues.adverbial_closes, i, end):
                return c
        return None

    def _person_at_cue(self, norm, first: Candidate, cands: list[Candidate], hi: int) -> Candidate | None:
        """来自中国西南部省份四川的著名人权律师卢思位说: a named person right before the cue (adverbs,
        times and an English name in brackets between: data subject_strip_right) is the subject
        whatever country or organisation qualifies them earlier in the clause, or whatever person
        does through 的 (哈里斯金融集团的管理合伙人Jamie Cox说, with 哈里斯 read as a person)."""
        last = cands[-1]
        if last is first or last.head is None or last.head.type != "PERSON" or last.head.pronoun:
            return None
        # a person first speaks unless only 的 makes them a modifier (哈里斯金融集团的管理合伙人Jamie Cox说)
        if first.head is None or (first.head.type == "PERSON" and "的" not in norm[first.end:last.start]):
            return None
        return last if self._strip_adverbs(norm, last.end, hi) == last.end else None

    def _strip_adverbs(self, norm: str, lo: int, hi: int) -> int:
        """hi moved left past adverbs and time words (data subject_strip_right) down to lo."""
        changed = True
        while changed and hi > lo:
            w = next((w for w in self.cues.strip_right_by_last.get(norm[hi - 1], ()) if norm.endswith(w, lo, hi)), None)
            changed = w is not None
            hi -= len(w) if w else 0
            if norm[hi - 1:hi] == "）":  # an English name in brackets: 索科尔（Steven Sokol）说
                k = norm.rfind("（", lo, hi)
                if k >= 0 and norm[k + 1:hi - 1].isascii():
                    hi, changed = k, True
        return hi

    def _phrase(self, norm, text, first: Candidate, cands: list[Candidate], hi: int) -> Candidate | None:
        """日本防疫专家认为, 美国情报机构称, 中国证券监管机构周三表示: a country or organisation, then
        letters up to the cue that end in an agent noun (data agent_nouns) and name no one else: the
        whole phrase speaks, not the place. An office title after it is left to resolve_titled
        (俄罗斯总统表示 -> 普京)."""
        if first.head is None or first.head.type not in ("GPE", "ORG") or len(cands) > 1:
            return None
        end = self._strip_adverbs(norm, first.end, hi)
        run = norm[first.end:end]
        if not 2 <= len(run) <= PHRASE_MAX or not run.endswith(self.cues.agent_nouns) \
                or any(ch in self.cues.title_breaks for ch in run) or self.cues.title_at(norm, first.end) \
                or not self.cues.letters(run):
            return None
        return Candidate(first.start, end, text[first.start:end])

    def _titled(self, norm, first: Candidate, cands: list[Candidate]) -> Candidate:
        """辉瑞首席执行官布拉表示, 中国官媒央视称: an organisation or country that only says whose the
        person (or the outlet) after it is, joined by a title or a noun with no punctuation or
        conjunction between, does not speak; the one it qualifies does."""
        if first.head is None or first.head.type not in ("GPE", "ORG"):
            return first
        outlet = self._titled_outlet(norm, first, cands)
        if outlet is not None:
            return outlet
        person = self._long_titled(norm, first, cands)
        if person is not None:
            return person
        nxt = next((c for c in cands[1:] if c.start >= first.end), None)
        if nxt is None or nxt.head is None or nxt.start - first.end > TITLE_REACH:
            return first
        if nxt.head.type != "PERSON" and not (first.head.type == "GPE" and nxt.head.type == "ORG"):
            return first
        between = norm[first.end:nxt.start]
        if any(ch in self.cues.title_breaks for ch in between):
            return first
        if nxt.head.type == "ORG" and between and not between.endswith(self.org_kinds):
            return first  # 德国谴责港警…: a verb, not a title, between a country and an organisation
        return nxt

    def _titled_outlet(self, norm, first: Candidate, cands: list[Candidate]) -> Candidate | None:
        """柏林出版的《每日镜报》刊文指出, 杜塞尔多夫出版的德国《经济周刊》, 美国“每日野兽”网站称: a
        place, then an organisation written as a title (in 《》 or quotation marks) with only places and
        no clause break between: the outlet speaks, the places say where it is published."""
        if first.head.type != "GPE":
            return None
        for c in cands[1:]:
            if c.start < first.end or c.head is None or c.start - first.end > TITLE_REACH:
                return None
            if any(ch in self.cues.clause_marks for ch in norm[first.end:c.start]):
                return None
            if c.head.type == "ORG" and norm[c.start - 1:c.start] in self.cues.title_opens:
                return c
            if c.head.type != "GPE":
                return None
        return None

    def _long_titled(self, norm, first: Candidate, cands: list[Candidate]) -> Candidate | None:
        """A person after a list of titles (昆士兰大学学生、人权活动人士德鲁·帕夫洛, 安可国际大中华区主席、著名
        中国商业分析师詹姆斯·麦格雷戈, 基金会（ITIF）前沿论坛研究员大卫·莫斯基拉): up to LONG_TITLE_REACH
        characters, titles joined by 、 and an English name in brackets, nothing that ends a noun phrase."""
        person = next((c for c in cands[1:] if c.start >= first.end and c.head is not None
                       and c.head.type == "PERSON" and not c.head.pronoun), None)
        if person is None or person.start - first.end > LONG_TITLE_REACH:
            return None
        between = norm[first.end:person.start]
        if any(ch in self.cues.long_title_breaks for ch in between):
            return None
        return person
