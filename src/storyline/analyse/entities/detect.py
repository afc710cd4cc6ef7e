"""Mention detection in one paragraph: gazetteer, title patterns, dotted and transliterated names.

Two stages. Stage 1 proposes candidates from the gazetteer and from the high-precision patterns
(title + name, `·`-joined names, country + institution, organisation suffixes) and keeps the
best non-overlapping set (pattern-derived spans beat plain gazetteer spans: 美国务卿 is 美 +
国务卿, not 美国). Stage 2 fills only the gaps left by stage 1 with the weaker signals: country
abbreviation compounds (俄乌), and runs of transliteration characters next to a speech verb or a
Latin name in brackets.

Works on `para.norm`; offsets are valid in `para.text` because the two have the same length.
A statistical tagger (LAC, posseg) was measured to be 10-100x slower than the whole pipeline
budget and weak on exactly these names, hence the lexicon + pattern approach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.analyse.entities.patterns import DOTS, Patterns
from storyline.analyse.entities.resources import GazEntry, Resources
from storyline.model import Paragraph, Token

DOT_FOLD = re.compile(f"[{DOTS}]")


@dataclass
class Cand:
    start: int
    end: int
    type: str
    prio: int
    hint: str | None = None
    country: str | None = None
    role_title: str | None = None
    role_of: str | None = None
    role_class: str | None = None
    english: str | None = None
    source: str = "gaz"  # gaz title dot translit abbr org
    entries: list[GazEntry] = field(default_factory=list)

    def overlaps(self, other: "Cand") -> bool:
        return self.start < other.end and other.start < self.end


class Detector:
    def __init__(self, res: Resources, pat: Patterns) -> None:
        self.res = res
        self.pat = pat

    # -- helpers -------------------------------------------------------------------------------
    def _gaz_cands(self, norm: str) -> list[Cand]:
        out = []
        for m in list(self.pat.gaz.finditer(norm)) + list(self.pat.gaz_latin.finditer(norm)):
            s, e, surface = m.start(), m.end(), m.group()
            if not surface:
                continue
            entries = self.res.alias.get(surface, [])
            if not entries:
                continue
            first = entries[0]
            if first.type == "GPE" and norm[e:e + 1] == "人" and norm[e:e + 2] != "人民":
                continue  # 美国人 is a person description, not the place
            c = Cand(s, e, first.type, 70, entries=entries, english=None)
            persons = [x for x in entries if x.type == "PERSON"]
            if len(persons) > 1:
                c.hint = None  # 沙利文: two people; a title or the linker decides
            else:
                c.hint = first.name
                c.country = first.country
            if first.capital_of:  # 莫斯科否认 is Russia acting; 在莫斯科 is the city
                before = norm[max(0, s - 2):s]
                place = self.pat.locatives.search(before) or norm[e:e + 2] in ("时间", "市")
                c.hint = first.name if place else first.capital_of
            out.append(c)
        return out

    def _person_entry(self, surface: str, role_class: str | None) -> GazEntry | None:
        surface = DOT_FOLD.sub("·", surface)  # the gazetteer writes full names with the middle dot
        entries = [x for x in self.res.alias.get(surface, []) if x.type == "PERSON"]
        if len(entries) == 1:
            return entries[0]
        for x in entries:
            if role_class and any(r.get("class") == role_class for r in x.roles):
                return x
        return None

    def _trim_name(self, norm: str, s: int, e: int, tokens: set[int], chinese: bool) -> int:
        """Cut a name candidate before characters that never continue a name."""
        for i in range(s + 2, e):
            if norm[i] in self.res.name_stops:
                return i
        if chinese and e - s == 3 and (s + 2) in tokens and e not in tokens and norm[e:e + 1] not in self.res.name_stops:
            return s + 2  # 张婷综合: jieba ends a word after 张婷 (but 赵立/坚在 is a jieba slip: keep 赵立坚)
        last = norm.rfind(DOTS[0], s, e)
        if last < 0:
            for d in DOTS:
                last = max(last, norm.rfind(d, s, e))
        if last >= 0:  # dotted name: end at a known surname if one starts the last part
            m = self.pat.gaz.match(norm, last + 1, e)
            if m and any(x.type == "PERSON" for x in self.res.alias.get(m.group(), [])):
                return m.end()
        return e

    def _title_cands(self, norm: str, tokens: set[int]) -> list[Cand]:
        out = []
        for m in self.pat.title.finditer(norm):
            ns, ne = m.span("name")
            name = m.group("name")
            chinese = not any(ch in DOTS for ch in name) and not all(ch in self.res.translit for ch in name)
            ne = self._trim_name(norm, ns, ne, tokens, chinese)
            if ne - ns < 2:
                continue
            offices = self.pat.office.findall(m.group("office"))
            office = self.res.offices[offices[-1]]
            c1 = self.res.country_of_prefix(m.group("c1")) if m.group("c1") else None
            c2 = self.res.country_of_prefix(m.group("c2")) if m.group("c2") else None
            org = m.group("org")
            org_name, org_country = None, None
            if org:
                ents = [x for x in self.res.alias.get(org, []) if x.type == "ORG"]
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
            entry = self._person_entry(norm[ns:ne], office.cls)
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
            ne = self._trim_name(norm, ns, ne, tokens, True)
            out.append(Cand(ns, ne, "PERSON", 90, role_title="记者", source="title"))
        return out

    def _dot_cands(self, norm: str, tokens: set[int]) -> list[Cand]:
        out = []
        for m in self.pat.dot.finditer(norm):
            s, e = m.span()
            e = self._trim_name(norm, s, e, tokens, False)
            entry = self._person_entry(norm[s:e], None)
            c = Cand(s, e, "PERSON", 85, source="dot")
            if entry:
                c.hint, c.entries, c.country = entry.name, [entry], entry.country
            out.append(c)
        return out

    def _org_cands(self, norm: str, toks: list[Token], gaz: list[Cand]) -> list[Cand]:
        out = []
        for m in self.pat.institution.finditer(norm):
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
        for i, t in enumerate(toks):  # unknown organisations by their ending (…大学, …研究中心)
            suffix = self.pat.org_suffix.search(t.text)
            if not suffix or t.text in self.res.alias:
                continue
            j, has_content, others = i, len(t.text) > len(suffix.group()), 0
            while j > 0 and i - j < 4:
                p = toks[j - 1]
                if len(p.text) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in p.text):
                    break
                if p.text in self.pat.org_left_stops or p.text in self.res.alias and (p.start, p.end) not in gpe_spans:
                    break
                if (p.start, p.end) not in gpe_spans:
                    if not self.pat.org_suffix.search(p.text):
                        others += 1
                        if others > 2:
                            break
                    has_content = True
                j -= 1
            s, e = toks[j].start, t.end
            if has_content and e - s >= 4:
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

    # -- stage 2 ---------------------------------------------------------------------------------
    def _gaps(self, norm: str, chosen: list[Cand]) -> list[tuple[int, int]]:
        gaps, pos = [], 0
        for c in chosen:
            if c.start > pos:
                gaps.append((pos, c.start))
            pos = max(pos, c.end)
        gaps.append((pos, len(norm)))
        return gaps

    def _fill(self, norm: str, chosen: list[Cand], tokens: set[int]) -> list[Cand]:
        starts = {c.start for c in chosen if c.type in ("GPE", "LOC")}
        extra = []
        for gs, ge in self._gaps(norm, chosen):
            for m in self.pat.abbr_run.finditer(norm, gs, ge):
                s, e = m.span()
                before_ok = s in tokens or norm[s - 1:s] == "驻"
                after_ok = e in tokens or e in starts or (e - s > 1 and norm[e:e + 1] in self.pat.compound_follow)
                # a lone character counts only if it is never an ordinary word (以美国为首: 以 is "with")
                alone = e - s == 1 and norm[s] in self.pat.standalone
                if before_ok and after_ok and (e - s > 1 or alone or norm[s - 1:s] == "驻"):
                    for k in range(s, e):
                        name = self.res.abbr[norm[k]]
                        extra.append(Cand(k, k + 1, "GPE", 50, hint=name, country=name, source="abbr"))
            for m in self.pat.translit_latin.finditer(norm, gs, ge):
                if m.start() > gs and norm[m.start() - 1] in self.res.translit:
                    continue
                s, e = m.span("name")
                extra.append(Cand(s, e, "PERSON", 50, english=m.group("en"), source="translit"))
            for m in self.pat.translit_verb.finditer(norm, gs, ge):
                s, e = m.span("name")
                if s > gs and norm[s - 1] in self.res.translit:
                    continue  # longer than 7 characters: not a name we can delimit
                extra.append(Cand(s, e, "PERSON", 50, source="translit"))
        return self._resolve(chosen + extra)

    def paragraph(self, para: Paragraph) -> list[Cand]:
        norm = para.norm
        tokens = {t.start for t in para.tokens} | {t.end for t in para.tokens}
        gaz = self._gaz_cands(norm)
        cands = gaz + self._title_cands(norm, tokens) + self._dot_cands(norm, tokens)
        cands += self._org_cands(norm, para.tokens, gaz)
        chosen = self._fill(norm, self._resolve(cands), tokens)
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
