"""Mention detection in one paragraph: gazetteer, title patterns, dotted and transliterated names.

Two stages. Stage 1 proposes candidates from the gazetteer and from the high-precision patterns
(title + name, `·`-joined names, country + institution, organisation suffixes) and keeps the
best non-overlapping set (pattern-derived spans beat plain gazetteer spans: 美国务卿 is 美 +
国务卿, not 美国). Stage 2 fills only the gaps left by stage 1 with the weaker signals: country
abbreviation compounds (俄乌), and runs of transliteration characters next to a speech verb or a
Latin name in brackets (gaps.py, a mixin). `Cand` lives in candidate.py.

Works on `para.norm`; offsets are valid in `para.text` because the two have the same length.
A statistical tagger (LAC, posseg) was measured to be 10-100x slower than the whole pipeline
budget and weak on exactly these names, hence the lexicon + pattern approach.
"""

from __future__ import annotations

import re
from storyline.analyse.entities.candidate import Cand
from storyline.analyse.entities.gaps import GapFiller
from storyline.analyse.entities.names import FUNCTION_TAGS, TokenIndex, full_names_conflict, is_name_tag, codes_alike, name_parts, syllables
from storyline.analyse.entities.orgs import OrgFinder
from storyline.analyse.entities.patterns import DOTS, Patterns
from storyline.analyse.entities.resources import GazEntry, Resources, _lines
from storyline.model import Paragraph, Token

DOT_FOLD = re.compile(f"[{DOTS}]")


class Detector(GapFiller):
    def __init__(self, res: Resources, pat: Patterns) -> None:
        self.res = res
        self.pat = pat
        self.orgs = OrgFinder(res, pat, set(_lines("org_generic.txt")))
        self._gaz_codes: dict[str, tuple[list[str], list[str]]] = {}  # pinyin of gazetteer person aliases
        # 台股, 美媒: a whole token whose first character is a place (data/place_words.tsv)
        self.place_words = {w: n for w, _, n in (ln.partition("\t") for ln in _lines("place_words.tsv"))
                            if n in res.alias}
        self.place_word_re = re.compile("|".join(map(re.escape, sorted(self.place_words))) or "(?!)")

    # -- helpers -------------------------------------------------------------------------------
    def _gaz_cands(self, norm: str, bounds: set[int]) -> list[Cand]:
        out = []
        for m in list(self.pat.gaz.finditer(norm)) + list(self.pat.gaz_latin.finditer(norm)):
            s, e, surface = m.start(), m.end(), m.group()
            if not surface:
                continue
            entries = self.res.alias.get(surface, [])
            if not entries:
                continue
            first = entries[0]
            if first.type == "GPE" and self.pat.describes_people(norm, e, bounds):
                continue  # 美国人, 中国人民, 俄罗斯军人 describe people, not the place (中国人民银行 keeps it)
            if e - s == 2 and surface[1] == "方" and norm[e:e + 1] in self.pat.side_guard:
                continue  # 以方便, 越方向
            if e - s <= 2 and first.type in ("ORG", "PERSON") and not (s in bounds and e in bounds):
                continue  # a short name inside another word: 举行会谈 is not 行会
            c = Cand(s, e, first.type, 70, entries=entries, english=None)
            persons = [x for x in entries if x.type == "PERSON"]
            if len(persons) > 1:
                c.hint = None  # 沙利文: two people; a title or the linker decides
            else:
                c.hint = first.name
                c.country = first.country
            if first.capital_of:  # 莫斯科否认 is Russia acting; 在莫斯科 is the city
                before = norm[max(0, s - 2):s]
                place = self.pat.locatives.search(before) or self.pat.place_follow.match(norm, e)
                c.hint = first.name if place else first.capital_of
            out.append(c)
        return out

    def _person_entry(self, surface: str, role_class: str | None) -> GazEntry | None:
        surface = DOT_FOLD.sub("·", surface)  # the gazetteer writes full names with the middle dot
        entries = [x for x in self.res.alias.get(surface, []) if x.type == "PERSON"]
        parts = name_parts(surface)
        if not entries and len(parts) > 1:  # 乌苏拉·冯德莱恩: the surname's entry, unless its full names differ
            entries = [x for x in self.res.alias.get(parts[-1], []) if x.type == "PERSON"
                       and not full_names_conflict([surface], [a for a in [x.name, *x.aliases] if "·" in a])]
        if len(entries) == 1:
            return entries[0]
        for x in entries:
            if role_class and any(r.get("class") == role_class for r in x.roles):
                return x
        return None

    def _variant_entry(self, name: str, role_class: str | None, country: str | None) -> GazEntry | None:
        """A gazetteer person whose name this titled name is a transliteration variant of (美国国务卿布林根
        is 布林肯): same role class or same country required, so a namesake with another job stays apart."""
        if len(name) < 3 or not all(ch in self.res.translit for ch in name):
            return None
        pool = [x for x in self.res.persons_by_len.get(len(name), [])
                if any(r.get("class") == role_class for r in x.roles) or country and x.country == country]
        if not pool:
            return None
        codes = syllables(name)
        hits = [x for x in pool if any(codes_alike(codes, self._codes(a)) for a in (x.name, *x.aliases)
                                       if len(a) == len(name) and a != name)]
        return hits[0] if len(hits) == 1 else None

    def _codes(self, alias: str) -> tuple[list[str], list[str]]:
        if alias not in self._gaz_codes:  # gazetteer aliases only: bounded by the gazetteer's size
            self._gaz_codes[alias] = syllables(alias)
        return self._gaz_codes[alias]

    def _trim_name(self, norm: str, s: int, e: int, idx: TokenIndex, chinese: bool) -> int:
        """Cut a name candidate before characters that never continue a name."""
        tokens = idx.bounds
        for i in range(s + 2, e):
            if norm[i] in self.res.name_stops:
                return i
        if chinese and e - s == 3 and (s + 2) in tokens and e not in tokens and norm[e:e + 1] not in self.res.name_stops:
            nxt = idx.covering(s + 2)
            if not (nxt and nxt.end == e + 1 and norm[e] in self.res.name_stops):
                return s + 2  # 张婷综合: jieba ends a word after 张婷 (but 赵立/坚在, 李家/超说 are jieba slips)
        last = norm.rfind(DOTS[0], s, e)
        if last < 0:
            for d in DOTS:
                last = max(last, norm.rfind(d, s, e))
        if last >= 0:  # dotted name: end at a known surname if one starts the last part
            m = self.pat.gaz.match(norm, last + 1, e)
            if m and any(x.type == "PERSON" for x in self.res.alias.get(m.group(), [])):
                return m.end()
        return e

    def _chinese_name_ok(self, ns: int, ne: int, idx: TokenIndex) -> int:
        """End of a Chinese name after a title, or -1 when the slot holds an ordinary word (记者关于他,
        代表江苏, 新闻秘书白宫): the word starting the slot must be a name-like jieba word, no pronoun inside."""
        first = idx.covering(ns)
        if first is None or first.start != ns:
            return ne
        if len(first.text) >= 2 and not is_name_tag(first.pos):
            return -1
        k = idx.index_of(ns)
        while k < len(idx.tokens) and idx.tokens[k].start < ne:
            if idx.tokens[k].pos == "r":
                return -1
            k += 1
        if first.pos in ("nr", "nrfg") and ne < first.end <= ns + 4:
            return first.end  # jieba knows the whole name: 岸田文雄, 蔡英文
        return ne

    def _title_cands(self, norm: str, idx: TokenIndex) -> list[Cand]:
        out = []
        # every title match contains an office word: without one (most paragraphs) skip the long pattern
        titles = self.pat.title.finditer(norm) if self.pat.office.search(norm) else ()
        for m in titles:
            ns, ne = m.span("name")
            name = m.group("name")
            chinese = not any(ch in DOTS for ch in name) and not all(ch in self.res.translit for ch in name)
            if chinese and name not in self.res.alias:
                ne = self._chinese_name_ok(ns, ne, idx)
                if ne < 0:
                    continue
            elif not chinese and ne not in idx.bounds:
                tok = idx.covering(ne - 1)  # a transliterated name ends where jieba's name word ends
                if tok is not None and tok.pos in ("nr", "nrt") and tok.end - ne <= 3:
                    ne = tok.end
            ne = self._trim_name(norm, ns, ne, idx, chinese)
            if ne - ns < 2 or chinese and ne - ns == 2 and norm[ns + 1] in self.pat.name_end:
                continue  # too short, or a surname and an honorific (彭官, 陈生)
            if any(x.type != "PERSON" for x in self.res.alias.get(norm[ns:ne], [])):
                continue  # 代表江苏: a place or organisation is never the name after a title
            offices = self.pat.office.findall(m.group("office"))
            office = self.res.offices[offices[-1]]
            c1 = self.res.country_of_prefix(m.group("c1")) if m.group("c1") else None
            c2 = self.res.country_of_prefix(m.group("c2")) if m.group("c2") else None
            org = m.group("org")
            org_name, org_country = None, None
            if org:
                ents = [x for x in self.res.alias.get((c1 or "") + org, []) + self.res.alias.get(org, [])
                        if x.type == "ORG" and (not c1 or x.country in (None, c1))]  # 美国 + 国务院
                org_name = ents[0].name if ents else ((c1 or "") + org)
                org_country = ents[0].country if ents else c1
            title = office.canonical
            if c2:
                title = f"驻{c2}{title}"
            prefix_offices = "".join(self.res.offices[o].canonical for o in offices[:-1])
            of = org_name or ((c1 or "") + prefix_offices) or None
            if org_name and prefix_offices:
                of = org_name + prefix_offices
            country = c1 or org_country
            c = Cand(ns, ne, "PERSON", 90, country=country, role_title=title, role_of=of,
                     role_class=office.cls, source="title")
            entry = self._person_entry(norm[ns:ne], office.cls) or self._variant_entry(norm[ns:ne], office.cls, country)
            if entry and country and entry.country and country != entry.country:
                entry, c.refused = None, True  # 美国众议院议长约翰逊 is not the British 约翰逊
            if entry:
                c.hint, c.entries = entry.name, [entry]
                c.country = c.country or entry.country
            out.append(c)
            if org and m.group("c1"):  # 俄罗斯外交部发言人: the country + institution is one ORG
                out.append(Cand(m.start("c1"), m.end("org"), "ORG", 88, hint=org_name, country=c1, source="org"))
                c1 = None
            for g, cn in (("c1", c1), ("c2", c2)):  # the title's country wins over 乌克兰外交部(长)
                if m.group(g) and cn:
                    gs, ge = m.span(g)
                    out.append(Cand(gs, ge, "GPE", 88, hint=cn, country=cn, source="abbr" if ge - gs == 1 else "gaz"))
        for m in self.pat.byline.finditer(norm):
            ns, ne = m.span("name")
            ne = self._trim_name(norm, ns, ne, idx, True)
            out.append(Cand(ns, ne, "PERSON", 90, role_title="记者", source="title"))
        return out

    def _dot_cands(self, norm: str, idx: TokenIndex) -> list[Cand]:
        out = []
        for m in self.pat.dot.finditer(norm):
            s, e = m.span()
            first = idx.covering(s)
            if first is not None and first.start < s and first.start >= m.start() - 3 and first.pos in ("nr", "nrt"):
                s = first.start  # 穆罕默德·本·萨勒曼: the first part has a character outside the class
            e = self._trim_name(norm, s, e, idx, False)
            entry = self._person_entry(norm[s:e], None)
            c = Cand(s, e, "PERSON", 85, source="dot")
            if entry:
                c.hint, c.entries, c.country = entry.name, [entry], entry.country
            out.append(c)
        return out

    def _org_cands(self, norm: str, toks: list[Token], gaz: list[Cand], idx: TokenIndex) -> list[Cand]:
        out = []
        for m in self.pat.institution.finditer(norm):
            if m.end("c") - m.start("c") == 1:
                tok = idx.covering(m.start())
                if tok is not None and tok.text == m.group("c") and tok.pos in FUNCTION_TAGS:
                    continue  # 以议会: 以 is the preposition here, not Israel
            country = self.res.country_of_prefix(m.group("c"))
            inst = m.group("i")
            if inst == "军" and (m.group("c") not in self.pat.standalone or norm[m.end():m.end() + 1] == "事"):
                continue  # 俄军 is the Russian army; 俄罗斯军 is not a word, 俄白军事 is 军事
            canon = f"{country}{'军队' if inst == '军' else inst}"
            ents = [x for x in self.res.alias.get(canon, []) if x.type == "ORG"]
            out.append(Cand(m.start(), m.end(), "ORG", 86, hint=ents[0].name if ents else canon,
                            country=country, source="org", entries=ents))
        for m in self.pat.quoted_media.finditer(norm):
            s, e = m.span("name")
            out.append(Cand(s, e, "ORG", 80, hint=m.group("name"), source="org"))
        gpe_spans = {(c.start, c.end) for c in gaz if c.type in ("GPE", "LOC")}
        for s, e in self.orgs.find(norm, toks, gpe_spans):  # unknown organisations by their ending
            out.append(Cand(s, e, "ORG", 75, hint=norm[s:e], source="org"))
        return out

    @staticmethod
    def _resolve(cands: list[Cand]) -> list[Cand]:
        """Best non-overlapping set: by priority, then length; an occupancy map keeps it linear."""
        if not cands:
            return []
        occ = bytearray(max(c.end for c in cands) + 1)
        chosen: list[Cand] = []
        by_span: dict[tuple[int, int, str], Cand] = {}
        for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start)):
            same = by_span.get((c.start, c.end, c.type))
            if same and same.refused:
                continue  # the gazetteer namesake was refused for this titled name
            if same:  # the same span seen by two detectors: keep the richer information
                for f in ("hint", "country", "role_title", "role_of", "role_class", "english"):
                    if getattr(same, f) is None:
                        setattr(same, f, getattr(c, f))
                same.entries = same.entries or c.entries
                continue
            if any(occ[c.start:c.end]):
                continue
            occ[c.start:c.end] = b"\x01" * (c.end - c.start)
            by_span[(c.start, c.end, c.type)] = c
            chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    def paragraph(self, para: Paragraph, idx: TokenIndex | None = None) -> list[Cand]:
        norm = para.norm
        idx = idx or TokenIndex(para.tokens)
        gaz = self._gaz_cands(norm, idx.bounds)
        cands = gaz + self._title_cands(norm, idx) + self._dot_cands(norm, idx)
        cands += self._org_cands(norm, para.tokens, gaz, idx)
        cands += self._place_word_cands(norm, idx.bounds)
        chosen = self._fill(norm, self._resolve(cands), idx)
        self._attach_english(norm, chosen)
        return chosen

    def _attach_english(self, norm: str, chosen: list[Cand]) -> None:
        drop = []
        for c in chosen:
            m = self.pat.paren_latin.match(norm, c.end)
            if m and c.english is None:
                c.english = m.group("en").strip()
                drop.extend(k for k in chosen if k is not c and m.start() <= k.start < m.end())
        for k in drop:
            if k in chosen:
                chosen.remove(k)

    def _place_word_cands(self, norm: str, bounds: set[int]) -> list[Cand]:
        out = []
        for m in self.place_word_re.finditer(norm):
            s, e = m.span()
            if s in bounds and e in bounds:  # the whole token, not part of a longer word
                name = self.place_words[m.group()]
                typ = self.res.alias[name][0].type
                out.append(Cand(s, s + 1, typ, 72, hint=name, country=name if typ == "GPE" else None, source="abbr"))
        return out

    def english_mentions(self, norm: str, chosen: list[Cand]) -> list[Cand]:
        """The English name in brackets right after a mention (拜登（Joe Biden）, 环球银行金融电信协会（SWIFT）)
        is a second mention of the same entity (docs/annotation.md), with the same type, hint and English
        name, so clustering joins the two; the first mention keeps `english` for the linker."""
        out = list(chosen)
        for c in chosen:
            m = self.pat.paren_latin.match(norm, c.end) if c.english and c.source != "en" else None
            if m is None:
                continue
            s, e = m.span("en")
            while s < e and norm[s] == " ":
                s += 1
            while e > s and norm[e - 1] == " ":
                e -= 1
            # what else was found in the brackets (the tagger's Latin name) gives way to this mention
            out = [k for k in out if not (m.start() <= k.start < m.end())]
            if e > s:
                out.append(Cand(s, e, c.type, 40, hint=c.hint, country=c.country, english=norm[s:e], source="en",
                                entries=c.entries))
        return sorted(out, key=lambda c: c.start)
