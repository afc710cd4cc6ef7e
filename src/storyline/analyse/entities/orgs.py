"""Unknown organisations by their ending (…大学, …研究中心, …委员会, …党), extended to the left over tokens.

A token ending in an organisation suffix (data/org_suffixes.txt) is the head; the name grows leftwards
over up to four content tokens. Why these limits (each was a real error on news text):
- function words and verbs never start a name (跟随大学, 展开医学院, 如果中资公司, 迫害协会): the left edge
  is trimmed until it is a noun-like token (jieba tag), using `Token.pos` from the segmenter;
- a conjunction (与/和/及) may sit inside a name only between two content tokens that are not places
  (乌克兰国家安全与国防委员会, 欧洲安全与合作组织; not 中国与欧洲…) and the first not an organisation's
  ending (主权委员会和部长委员会 are two);
- a bare descriptor (智库, 组织) before the name is an apposition, not part of it (英国智库皇家国际事务研究所);
- a generic modifier alone is a description, not a name (外国公司, 物业公司, 有限公司: data/org_generic.txt);
  so is one two-character common noun (jieba n / vn) before 公司 or 组织 (航运公司, 人权组织, 经纪公司:
  data/kind_suffixes.txt; dev split F1 +0.0003, train +0.0007).
"""

from __future__ import annotations

from storyline.analyse.entities.names import FUNCTION_TAGS
from storyline.analyse.entities.resources import _lines
from storyline.model import Token

CONJ = {"与", "和", "及"}
KIND_TAGS = ("n", "vn")  # jieba's common nouns: a name's own words are mostly nt, ns, nr, nz or unknown


def _cjk(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


class OrgFinder:
    def __init__(self, res, pat, generic: set[str]) -> None:
        self.res = res
        self.pat = pat
        self.generic = generic
        self._suffixes = set(res.org_suffixes)
        self._suffix_ends = {w[-1] for w in self._suffixes if w}
        self._suffix_max = max(map(len, self._suffixes), default=0)
        self.kind_suffixes = set(_lines("kind_suffixes.txt"))  # 公司, 组织: after a common noun, a kind

    def suffix(self, text: str) -> str | None:
        """The text of `pat.org_suffix.search(text)` (None for no match) by set look-ups: the leftmost
        match of an alternation anchored at the end is the longest listed suffix. Run on every token."""
        if "\n" in text or "" in self._suffixes:  # `$` also matches before a final newline: the regex decides
            m = self.pat.org_suffix.search(text)
            return m.group() if m else None
        if not text or text[-1] not in self._suffix_ends:
            return None
        for k in range(min(len(text), self._suffix_max), 0, -1):
            if text[-k:] in self._suffixes:
                return text[-k:]
        return None

    def _place_and_kind(self, mods: list[Token], head: Token, head_content: str, gpe_spans) -> bool:
        """Places, then only common nouns (jieba n / vn), then 公司 or 组织: a description of the company by
        its country and trade (迪拜运输公司, 美国航天技术公司, 中国航空公司, 德国子公司, and 美国公司 as one
        jieba word), the place being the mention (annotated train: 11 such places, no such organisation)."""
        k = 0
        while k < len(mods) and (mods[k].start, mods[k].end) in gpe_spans:
            k += 1
        if k == 0 and not (mods == [] and head_content in self.res.alias
                           and self.res.alias[head_content][0].type in ("GPE", "LOC")):
            return False
        if not all(x.pos in KIND_TAGS for x in mods[k:]):
            return False
        return k > 0 and (not head_content or head.pos in KIND_TAGS or len(head_content) == 1) or k == 0

    def _content_token(self, t: Token) -> bool:
        return len(t.text) >= 2 and _cjk(t.text)

    def find(self, norm: str, toks: list[Token], gpe_spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
        out = []
        ends, plain = self._suffix_ends, "" not in self._suffixes
        for i, t in enumerate(toks):
            if plain and t.text[-1:] not in ends and "\n" not in t.text:
                continue  # what `suffix` answers first (None), without the call: most tokens
            suffix = self.suffix(t.text)
            if suffix is None or t.text in self.res.alias:
                continue
            j, others = i, 0
            while j > 0 and i - j < 5:
                p = toks[j - 1]
                if p.text in CONJ and j >= 2 and j < i:
                    q = toks[j - 2]
                    nxt = toks[j]
                    if (self._content_token(q) and (q.start, q.end) not in gpe_spans
                            and (nxt.start, nxt.end) not in gpe_spans and q.pos not in FUNCTION_TAGS
                            and self.suffix(q.text) is None):  # 主权委员会和部长委员会: two organisations
                        j -= 2  # 国家安全 与 国防委员会
                        continue
                    break
                if not self._content_token(p) or p.pos in FUNCTION_TAGS:
                    break
                if p.text in self.pat.org_left_stops or p.text in self.res.alias and (p.start, p.end) not in gpe_spans:
                    break
                if self.pat.org_suffix.fullmatch(p.text):
                    break  # a bare descriptor in apposition: 智库 皇家国际事务研究所
                if (p.start, p.end) not in gpe_spans and self.suffix(p.text) is None:
                    others += 1
                    if others > 3:
                        break
                j -= 1
            while j < i and (toks[j].pos or "n").startswith("v"):
                j += 1  # a verb (管理, 教育) may sit inside a name but never starts it
            s, e = toks[j].start, t.end
            head_content = t.text[:len(t.text) - len(suffix)]
            content = norm[s:t.start] + head_content
            if not content or content in self.generic or all(
                    x.text in self.generic for x in toks[j:i]) and head_content in ("", *self.generic):
                continue
            if j < i and not head_content and all((x.start, x.end) in gpe_spans or x.text in self.generic
                                                  for x in toks[j:i]):
                continue  # 英国智库, 美国公司, 俄罗斯主要银行: places, generic words and a kind of organisation
            mods = toks[j:i]
            if suffix in self.kind_suffixes and (
                    len(mods) == 1 and not head_content and mods[0].pos in KIND_TAGS and len(mods[0].text) == 2
                    or not mods and t.pos in KIND_TAGS and len(head_content) == 2):
                continue  # a common noun and an ending is a kind of organisation (人权组织, 航运公司, 经纪公司)
            if suffix in self.kind_suffixes and self._place_and_kind(mods, t, head_content, gpe_spans):
                continue  # a place and a kind of organisation (美国公司, 迪拜运输公司, 中国航空公司)
            min_len = 3 if suffix == "党" else 4
            if e - s < min_len:
                continue
            out.append((s, e))
        return out
