"""One paragraph's mentions from the learned tagger's spans and the rule detector's candidates.

The tagger (tagger.py) finds most names, above all the ones no rule can see (a Chinese name before its
title, 江泽民主席; places and organisations outside the gazetteer). The rules (detect.py) stay for what
they know and the tagger does not: canonical hints, roles, country ties, English names, and the
project's own span conventions. How the two are combined, by priority, then length (one greedy pass):
- a rule candidate with the same span as a tagger span is kept (it carries the hint, role, country), with
  the tagger's type when the rule is a weak one guessing a person or a place (沃尔玛 is an ORG);
- a tagger place that starts with a rule place and runs further wins over it (香港特别行政区 over 香港,
  天津市 over 天津) and keeps its hint; so does a tagger name that only adds characters on the left of a
  rule's name (理查德·赖尔登 over the cut 查德·赖尔登), and any tagger span over weak rule candidates;
- otherwise a strong rule candidate (gazetteer, title, dotted name, institution pattern, a title's
  country) wins over a tagger span that overlaps it (中国政府 is one ORG here, 中方 the side, 马特维延科
  is not 马特维延科称, 俄 in 俄外长 is Russia); rule places that tile a tagger span exactly win too (俄美);
- otherwise the tagger beats the weak rules (country abbreviations, transliteration runs, speakers);
- a gazetteer hit the tagger does not see and that cuts a segmenter word is dropped (发展中国家 is no
  country; country abbreviations were checked as runs by the rules already);
- tagger spans the rules know better are not proposed: no CJK character (Latin names are the rules'), except
  a person's name of two or three capitalised words (分析师Keith Lerner说) and a capitalised organisation
  of three characters or more (Cellebrite, Truist Advisory Services: +0.002 F1 on the annotated dev split);
  the spaces the tagger takes at a span's edges are dropped (律师 Trevor Beel 则表示),
  a generic organisation ending alone or after a generic word (公司, 物业公司: data/org_generic.txt), a
  place before 人 (美国人 describes a person, as in the rules), a body named by its kind (法院, 警方:
  data/bare_bodies.txt), a span across 《》「」“” (纽约时报》编辑部). One-character names are proposed (黄指出,
  拜习会 in real text; 朱老, 小薛 in MSRA): measured as a gain on the annotated dev and train splits.
"""

from __future__ import annotations

import bisect
import re

from storyline.analyse.entities.detect import Cand
from storyline.analyse.entities.placetype import PlaceTyper
from storyline.analyse.entities.resources import _lines

STRONG_PRIO = 70  # gazetteer 70, organisations 75-86, dotted names 85, a title's country 88, titled names 90;
# below: country abbreviations (50), transliteration runs (50), speakers (45), propagated names (40)
TYPE_OF = {"PER": "PERSON", "ORG": "ORG"}
HAN = re.compile("[\u4e00-\u9fff]")
BRACKETS = re.compile("[《》〈〉「」『』“”]")
PLACES = ("GPE", "LOC")
LATIN_LINKS = {"of", "and", "for", "the", "de", "du", "des", "la", "le", "&"}  # Bank of America, Médecins Sans...


class Merger:
    strong_prio = 88
    keep_unseen_weak = False
    single_places = True
    single_persons = True  # 黄指出, 拜习会: the real text's one-character names (measured: dev and train gain)

    def __init__(self, res, pat, typer: PlaceTyper, generic: set[str]) -> None:
        self.res, self.pat, self.typer = res, pat, typer
        self.suffixes = sorted(set(res.org_suffixes), key=len, reverse=True)
        self.suffix_set = set(self.suffixes)
        self.suffix_lengths = sorted({len(x) for x in self.suffixes}, reverse=True)
        self.generic_heads = generic | {""}
        self.bare_bodies = set(_lines("bare_bodies.txt"))  # 法院, 警方: a body by its kind, never annotated
        self.gov_words = sorted(set(_lines("government_words.txt")), key=len, reverse=True)
        self.company_words = sorted(set(_lines("company_words.txt")), key=len, reverse=True)  # 马丁公司
        self.media_tails = sorted(set(_lines("media_tails.txt")), key=len, reverse=True)  # BBC中文

    def _proposed(self, norm: str, s: int, e: int, t: str, bounds: set[int]) -> bool:
        surface = norm[s:e]
        if BRACKETS.search(surface):
            return False  # 纽约时报》编辑部: a name never runs across a title bracket or a quotation mark
        if HAN.search(surface) is None:
            if t == "ORG":  # capitalised, words after the first capitalised too (not an English clause)
                return surface[:1].isupper() and len(surface.strip()) >= 3 and all(
                    w[:1].isupper() or w in LATIN_LINKS for w in surface.split()[1:])
            return t == "PER" and self.pat.latin_person.fullmatch(surface) is not None
        if t == "LOC" and self.pat.describes_people(norm, e, bounds):
            return False  # 美国人, 中国人民, 俄罗斯军人 describe people, not the place (as in the rules)
        if t == "PER" and e - s == 2 and surface[1] in self.pat.name_end:
            return False  # a surname and an honorific (彭官, 陈生), as in the rules
        if e - s == 1:
            if t == "LOC":
                return self.single_places or surface in self.res.abbr or surface in self.res.alias
            return t == "PER" and (self.single_persons or bool(self.pat.office.match(norm, e)))
        if t == "ORG" and surface in self.bare_bodies:
            return False  # 法院不予立案: the court of the story, by its kind (data/bare_bodies.txt)
        if t == "ORG":  # a generic modifier and an organisation ending is a description (物业公司, 外国公司)
            # by suffix length, not suffix by suffix: this runs for every organisation the tagger proposes
            return not any(surface[-k:] in self.suffix_set and surface[:-k] in self.generic_heads
                           for k in self.suffix_lengths if k <= len(surface))
        return True

    def __call__(self, norm: str, rules: list[Cand], spans: list[tuple[int, int, str]], bounds: set[int]) -> list[Cand]:
        spans = [_trimmed(norm, s, e, t) if norm[s].isspace() or norm[e - 1].isspace() else (s, e, t)
                 for s, e, t in spans]
        model = [Cand(s, e, TYPE_OF.get(t) or self.typer(norm[s:e]), 95, source="model")
                 for s, e, t in spans if e > s and self._proposed(norm, s, e, t, bounds)]
        # both lists are sorted and free of overlaps, so the candidates a span overlaps are one bisect away
        rules = sorted(rules, key=lambda c: c.start)
        r_starts, r_ends = [c.start for c in rules], [c.end for c in rules]
        m_starts, m_ends = [m.start for m in model], [m.end for m in model]
        same = {(c.start, c.end): c for c in rules}
        out: list[Cand] = []
        for m in model:
            twin = same.get((m.start, m.end))
            if twin is not None:  # the rule candidate with this span stays, with its information,
                if twin.prio < STRONG_PRIO and twin.type != m.type and not {twin.type, m.type} <= set(PLACES):
                    twin.type = m.type  # but a weak rule's person or place gives way (沃尔玛 is an ORG)
                continue
            inside = rules[bisect.bisect_right(r_ends, m.start):bisect.bisect_left(r_starts, m.end)]
            if _tiled(m, inside):
                continue  # 俄美, 美英: the rules' adjacent countries, one by one, say more than one span
            strong = [c for c in inside if (self._strong(c, norm) or _inner_org(c, m, inside, norm) or _longer_org(c, m)
                      or _outer_org(c, m) and _count(m_starts, m_ends, c) == 1) and not _cut_name(m, c)]
            if all(_extends(m, c) for c in strong):
                m.prio = 110
                head = next((c for c in strong if c.start == m.start and c.type in PLACES), None)
                if head is not None and m.type in PLACES:
                    m.hint, m.country = head.hint, head.country
                titled = next((c for c in inside if c.source == "title" and c.type == m.type == "PERSON"), None)
                if titled is not None:  # the title's role belongs to the tagger's better-cut name
                    m.role_title, m.role_of, m.role_class = titled.role_title, titled.role_of, titled.role_class
                    m.country = m.country or titled.country
            else:
                for c in strong:
                    c.prio = 100  # kept against this tagger span
            out.append(m)
        for c in rules:
            seen = bisect.bisect_right(m_ends, c.start) < bisect.bisect_left(m_starts, c.end)
            if not seen and c.source == "gaz" and not (c.start in bounds and c.end in bounds) \
                    and norm[c.start - 1:c.start] != "驻":
                continue
            if not seen and c.prio < STRONG_PRIO and not self.keep_unseen_weak:
                continue
            if self._strong(c, norm):
                c.prio = 100
            out.append(c)
        return self._governments(norm, [c for c in _greedy(out) if not _vessel(norm, c, bounds)])

    def _governments(self, norm: str, chosen: list[Cand]) -> list[Cand]:
        """A place or a person right before a government word is that government, one ORG (中国政府, 拜登政府,
        香港当局, 北京市政府: data/government_words.txt), a person before a company ending that company
        (洛克希德·马丁公司: data/company_words.txt), unless another mention starts there; an organisation
        only before 当局 (中共当局: annotated 9 times in train+dev against 5 中共 alone; 政府 after a party is
        the state's). First, the places of data/place_types.tsv get their type (西方 is LOC)."""
        starts = {c.start for c in chosen}
        for c in chosen:
            if c.type in PLACES and c.end - c.start > 1:
                c.type = self.typer.overrides.get(norm[c.start:c.end], c.type)
        for k, c in enumerate(chosen):
            if c.type not in ("GPE", "PERSON", "ORG") or c.end in starts:
                continue
            word = next((w for w in self.gov_words if norm.startswith(w, c.end)), None)
            if word is None and c.type == "PERSON":  # 洛克希德·马丁公司, 哈里斯金融集团: the company
                word = next((w for w in self.company_words if norm.startswith(w, c.end)), None)
            if word is None and c.type == "ORG":  # BBC中文, 德国之声中文网 (not 中文版, an edition)
                tail = next((w for w in self.media_tails if norm.startswith(w, c.end)), None)
                if tail is not None and norm[c.end + len(tail):c.end + len(tail) + 1] != "版":
                    chosen[k] = Cand(c.start, c.end + len(tail), "ORG", c.prio, hint=c.hint, country=c.country,
                                     source=c.source, entries=c.entries)
                continue
            if word is not None and (c.type != "ORG" or word == "当局"):
                chosen[k] = Cand(c.start, c.end + len(word), "ORG", c.prio, country=c.country if c.type == "GPE" else None,
                                 source="org")
        return chosen

    def _strong(self, c: Cand, norm: str) -> bool:
        """A rule candidate that keeps its span against the tagger: a titled name or a title's country
        (prio >= strong_prio), or a gazetteer country side (美方, 中方: data/sides.txt), which is the side."""
        return c.prio >= self.strong_prio or (c.source == "gaz" and c.type == "GPE" and c.end - c.start == 2
                                               and norm[c.end - 1] == "方")


def _vessel(norm: str, c: Cand, bounds: set[int]) -> bool:
    """A place or a person before a one-character word 号 names a ship or a craft (山东号, 拉尔夫-约翰逊号:
    annotated train+dev, 14 places before 号, none kept), not the place or the person; 号称 is another word."""
    return c.type != "ORG" and norm[c.end:c.end + 1] == "号" and c.end in bounds and c.end + 1 in bounds


def _trimmed(norm: str, s: int, e: int, t: str) -> tuple[int, int, str]:
    """The tagger's span without the spaces it took at either edge (律师 Trevor Beel 则表示)."""
    while s < e and norm[s].isspace():
        s += 1
    while e > s and norm[e - 1].isspace():
        e -= 1
    return s, e, t


def _inner_org(c: Cand, m: Cand, inside: list[Cand], norm: str) -> bool:
    """A rule organisation that the tagger's ends with but runs further left over a place and a description
    in apposition (英国 + 智库 + 皇家国际事务研究所, 美国 + 著名学府 + 哈佛大学): the place starts the tagger's
    span and ends before a word that is not part of the name. Without that place the tagger's longer name
    wins (中共北京市纪律检查委员会, MSRA 甘石桥孔教大学), and so it does when 驻 is all between the place and
    the rule's organisation: 中国驻乌克兰大使馆 is China's embassy, one ORG (annotated train: 6 of 6)."""
    return c.type == m.type == "ORG" and c.source == "org" and c.end == m.end and c.start > m.start \
        and any(r.type in PLACES and r.start == m.start and r.end < c.start and norm[r.end:c.start] != "驻"
                for r in inside)


def _longer_org(c: Cand, m: Cand) -> bool:
    """A rule organisation (found by its ending) that starts with the tagger's and runs further right:
    the longest name as written (中共中央政治局常务委员会 over 中共中央政治局)."""
    return c.type == m.type == "ORG" and c.source == "org" and c.start == m.start and c.end > m.end


def _outer_org(c: Cand, m: Cand) -> bool:
    """A rule organisation that holds a tagger place: the longest name as written is one ORG
    (中国政府, 苏丹专业人员协会, 俄罗斯外交部: docs/annotation.md), not the place inside it. Only when that
    place is the one tagger span in it: a place and more names (河南省平顶山市卫东区, 江西广昌 + a person)
    is a run of names the rules took for one organisation."""
    return c.type == "ORG" and c.source == "org" and m.type in PLACES and c.start <= m.start and m.end <= c.end \
        and (c.start, c.end) != (m.start, m.end)


def _count(starts: list[int], ends: list[int], c: Cand) -> int:
    """How many of the sorted, non-overlapping spans overlap `c`."""
    return max(0, bisect.bisect_left(starts, c.end) - bisect.bisect_right(ends, c.start))


def _tiled(m: Cand, inside: list[Cand]) -> bool:
    """Rule places cover the tagger span exactly, end to end, with two or more pieces (俄美). Not pieces with
    an organisation: 中科院 + 水生生物研究所 is the tagger's one organisation."""
    if any(c.type not in PLACES for c in inside):
        return False
    pos = m.start
    for c in sorted(inside, key=lambda c: c.start):
        if c.start != pos or c.end > m.end:
            return False
        pos = c.end
    return len(inside) > 1 and pos == m.end


def _extends(m: Cand, c: Cand) -> bool:
    """The tagger span `m` is a longer form of the rule candidate `c` (see the module docstring)."""
    if not (m.start <= c.start and c.end <= m.end) or (m.start, m.end) == (c.start, c.end):
        return False
    if m.type in PLACES and c.type in PLACES:
        return c.start == m.start
    # a name the tagger runs further left (理查德·赖尔登 over 查德·赖尔登), or further right than the
    # title pattern cut it (台经院所长吴孟道 over 吴孟, 主席史蒂文‧索科尔 over 史蒂文)
    return m.type == c.type == "PERSON" and (c.end == m.end or c.source == "title" and c.start == m.start)


def _cut_name(m: Cand, c: Cand) -> bool:
    """The title pattern's name runs past the tagger's name into the next word (大律师沈士文今表示,
    记者陈杰报道, 大使赛康德博士): the tagger's cut wins."""
    return m.type == c.type == "PERSON" and c.source == "title" and c.start == m.start and m.end < c.end


def _greedy(cands: list[Cand]) -> list[Cand]:
    occ = bytearray(max((c.end for c in cands), default=0) + 1)
    chosen = []
    for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start)):
        if any(occ[c.start:c.end]):
            continue
        occ[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)
