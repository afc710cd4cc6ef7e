"""Within-article work on the detected mentions: propagation of new names, then clustering.

Propagation: a name found once by a strong pattern (外交部发言人扎哈罗娃) is a name everywhere in the
same article, so its later bare occurrences (扎哈罗娃说) are added too, as well as the surname of a
dotted name (瓦伦蒂娜·马特维延科 -> 马特维延科) or the last word of a Latin one (Trevor Beel -> Beel: dev +2,
train +7, no spurious). Where the tagger cut such a name short elsewhere in the
article (陈 of 陈思明, 王华 of 王华一: a person starting there and ending inside it), the whole name
replaces the cut (annotated dev split: person F1 0.906 -> 0.919, train unchanged). A bare surname stands for
the article's dominant name of that surname (林认为 after 林卓廷; 披露游受查, where the segmenter glued 游 to the
next character, before a word of data/surname_followers.txt), and a surname used bare at least three times at
clause starts with no name found for it makes the article's one nr-tagged three-character word of that surname
a person (卫智文 ... 卫同意): annotated dev +16 found, +0 spurious; train unchanged.

Clustering (`local_id`) joins mentions that share a gazetteer entry / canonical hint, the same
normalised surface, the same English name, or a bare name that is one part of a dotted full name
in the same article (德米特里·佩斯科夫 / 佩斯科夫; 欧尔班·维克托 / 维克托). A bare gazetteer person
name takes the identity of the nearest titled mention of that name in the same article: the right one
of two namesakes (沙利文), or none when the title refused the gazetteer entry (美国众议院议长约翰逊, then
约翰逊说 is the same American, not the British 约翰逊). The same surface joins only mentions with the same
hint: 北京 the place and 北京 standing for China stay apart, so the place never becomes a China alias.
Pronouns are never mentions, so they are not clustered.
"""

from __future__ import annotations

import bisect
import re

from storyline.analyse.entities.detect import Cand
from storyline.analyse.entities.patterns import DOTS
from storyline.analyse.entities.resources import Resources, trie_pattern

DOT_RE = re.compile("[" + DOTS + "]")
ORPHAN_MIN = 3  # bare uses of a surname that make the article's one nr-tagged word of it a person
DOMINANT = 3  # a surname stands for the article's name of that surname mentioned 3x as often as any other


def name_parts(norm: str) -> list[str]:
    return [p for p in DOT_RE.split(norm) if p]


def leftmost_longest(words: list[str], text: str) -> list[tuple[int, int]]:
    """The spans `re.finditer(trie_pattern(words), text)` yields (leftmost, then longest word, no
    overlaps), found with `str.find` per word: no regex compiled per article for its few names."""
    if "" in words:  # an empty word matches everywhere: leave that to the regex
        return [m.span() for m in re.finditer(trie_pattern(words), text)]
    hits = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            hits.append((i, -len(w)))
            i = text.find(w, i + 1)
    out, pos = [], 0
    for s, neg in sorted(hits):
        if s >= pos:
            pos = s - neg
            out.append((s, pos))
    return out


def propagate(norms: list[str], per_para: list[list[Cand]], res: Resources) -> None:
    """Add later/earlier bare occurrences of person and organisation names found by patterns."""
    found: dict[str, Cand] = {}
    for norm, cands in zip(norms, per_para):
        for c in cands:
            if c.type not in ("PERSON", "ORG") or c.source in ("gaz", "abbr", "en"):
                continue
            if c.source == "model" and c.end - c.start < 2:
                continue  # the tagger's one-character names (江 in 江主席) are too ambiguous to spread
            surface = norm[c.start:c.end]
            found.setdefault(surface, c)
            parts = name_parts(surface)
            if c.type == "PERSON" and len(parts) > 1 and len(parts[-1]) >= 2:
                found.setdefault(parts[-1], c)
            elif c.type == "PERSON" and surface.isascii() and " " in surface:  # Trevor Beel ... Beel
                last = surface.rsplit(" ", 1)[1]
                if len(last) >= 3 and last[:1].isupper() and last[1:].islower():
                    found.setdefault(last, c)
    if not found:
        return
    words = sorted(found)
    for norm, cands in zip(norms, per_para):
        added = []
        occ = bytearray(len(norm) + 1)
        for c in cands:
            occ[c.start:c.end] = b"\x01" * (c.end - c.start)
        cut = []
        ordered: list[Cand] | None = None  # sorted on the first hit that meets a mention (most never do)
        for s, e in leftmost_longest(words, norm):
            src = found[norm[s:e]]
            if norm[s].isascii() and (norm[s - 1:s].isalpha() and norm[s - 1].isascii()
                                      or norm[e:e + 1].isalpha() and norm[e].isascii()):
                continue  # a Latin name inside a longer word (Beel in Beeline)
            inner = []
            if any(occ[s:e]):
                if ordered is None:  # no overlaps: the ones a hit meets are one bisect away
                    ordered = sorted(cands, key=lambda c: c.start)
                    c_starts, c_ends = [c.start for c in ordered], [c.end for c in ordered]
                inner = ordered[bisect.bisect_right(c_ends, s):bisect.bisect_left(c_starts, e)]
            if inner and not (src.type == "PERSON" and all(_cut_person(c, s, e) for c in inner)):
                continue
            if src.type == "PERSON" and s > 0 and norm[s - 1] in res.translit and norm[s - 1] not in DOTS:
                continue  # inside a longer transliterated word
            new = Cand(s, e, src.type, 40, hint=src.hint, country=src.country, source="propagated",
                       entries=src.entries)
            if inner:  # 陈 + 思明 where the article names 陈思明: the whole name, with the cut one's role
                cut.extend(inner)
                new.role_title, new.role_of, new.role_class = inner[0].role_title, inner[0].role_of, inner[0].role_class
            added.append(new)
        if cut:
            gone = {id(k) for k in cut}
            cands[:] = [c for c in cands if id(c) not in gone]
        if added:
            cands.extend(added)
            cands.sort(key=lambda c: c.start)


def propagate_places(norms: list[str], per_para: list[list[Cand]], indexes: list, pat) -> None:
    """A state-like place (GPE) of two or more characters found in one paragraph is one wherever else the article has it
    as a whole segmenter word and nothing else was found there (福岛食品 after the tagger's 福岛 elsewhere),
    unless it describes people there (香港人, 中国人民: `Patterns.describes_people`), names a ship (山东号) or
    starts a region (大陆地区). Annotated dev split: +6 found, +0 spurious; train (the tagger's own training
    data, where it misses little): +0 found, +7 spurious, mostly places the annotators left out (莫桑比克)."""
    found: dict[str, Cand] = {}
    for norm, cands in zip(norms, per_para):
        for c in cands:
            if c.type == "GPE" and c.end - c.start >= 2:  # LOC spans include common nouns (加油站)
                found.setdefault(norm[c.start:c.end], c)
    if not found:
        return
    words = sorted(found)
    for norm, cands, idx in zip(norms, per_para, indexes):
        occ = bytearray(len(norm) + 1)
        for c in cands:
            occ[c.start:c.end] = b"\x01" * (c.end - c.start)
        added = []
        for s, e in leftmost_longest(words, norm):
            if any(occ[s:e]) or s not in idx.bounds or e not in idx.bounds or norm[e:e + 1] == "号" \
                    or norm.startswith("地区", e) or pat.describes_people(norm, e, idx.bounds):
                continue
            src = found[norm[s:e]]
            added.append(Cand(s, e, src.type, 40, hint=src.hint, country=src.country, source="propagated",
                              entries=src.entries))
        if added:
            cands.extend(added)
            cands.sort(key=lambda c: c.start)


def _cut_person(c: Cand, s: int, e: int) -> bool:
    """The tagger's person `c` is a cut of the article's longer name found at s..e: it starts there and
    ends inside (陈 for 陈思明, 王华 for 王华一)."""
    return c.type == "PERSON" and c.source == "model" and c.start == s and c.end < e


def _dominant(counts: dict[str, int]) -> str | None:
    """The one name, or the name mentioned at least DOMINANT times as often as any other, else None."""
    if len(counts) == 1:
        return next(iter(counts))
    (first, n1), (_, n2) = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
    return first if n1 >= DOMINANT * n2 else None


def surname_mentions(norms: list[str], per_para: list[list[Cand]], indexes: list, res: Resources) -> None:
    """Add a bare surname standing for the one person of the article with that surname (林卓廷 ... 林认为,
    游乃强 ... 披露游受查, as court and Hong Kong reports write): only a one-character segmenter token,
    not after a numeral or measure word (一张), followed by a verb, an adverb, a preposition or a colon.
    When the article has several names of that surname, the one mentioned at least DOMINANT times as often
    as any other stands for it (林卓廷 x9 over a stray 林自言: dev split person F1 0.920 -> 0.928).
    `indexes`: the paragraphs' TokenIndex; the text is searched first, tokens are looked at only on a hit."""
    by_surname: dict[str, dict[str, int]] = {}
    source: dict[str, Cand] = {}
    for norm, cands in zip(norms, per_para):
        for c in cands:
            if c.type == "PERSON" and 3 <= c.end - c.start <= 4 and norm[c.start] in res.surnames:
                surface = norm[c.start:c.end]
                if all("\u4e00" <= ch <= "\u9fff" for ch in surface):
                    counts = by_surname.setdefault(surface[0], {})
                    counts[surface] = counts.get(surface, 0) + 1
                    source.setdefault(surface, c)
    names = {k: source[name] for k, v in by_surname.items() if (name := _dominant(v)) is not None}
    names.update(_orphan_names(norms, per_para, indexes, res, set(names)))
    if not names:
        return
    hit_re = re.compile("[" + re.escape("".join(sorted(names))) + "]")
    for norm, cands, idx in zip(norms, per_para, indexes):
        added = []
        for m in hit_re.finditer(norm):
            k = m.start()
            if any(c.start <= k < c.end for c in cands) or not _bare_surname_at(norm, k, idx, res):
                continue
            src = names[m.group()]
            added.append(Cand(k, k + 1, "PERSON", 40, hint=src.hint, country=src.country,
                              source="propagated", entries=src.entries))
        if added:
            cands.extend(added)
            cands.sort(key=lambda c: c.start)


def _bare_surname_at(norm: str, k: int, idx, res: Resources) -> bool:
    """The character at k reads as a bare surname before what a person does: a segmenter word start, not
    after a numeral or measure word (一张), followed by a listed follower word (林最后, and 游受 / 关则 where the
    segmenter glued the surname to it: data/surname_followers.txt, speech verbs, adverbs), or, as a word of its
    own, by a verb, an adverb, a preposition or a colon."""
    if k not in idx.bounds:
        return False
    i = idx.index_of(k)
    toks = idx.tokens
    if i and (toks[i - 1].pos or "")[:1] in ("m", "q"):
        return False
    if norm.startswith(res.surname_followers, k + 1):
        return True
    if k + 1 not in idx.bounds:
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and ((nxt.pos or "")[:1] in ("v", "d", "p") or nxt.text in ("：", ":"))


def _orphan_names(norms: list[str], per_para: list[list[Cand]], indexes: list, res: Resources,
                  known: set[str]) -> dict[str, Cand]:
    """Full names neither tagger nor rules found, recovered from an article's bare surnames (court reports:
    卫智文 once, then 卫同意 / 卫表示 / 卫确认 x9): a surname of no found person, at a clause start before a speech
    verb or data/orphan_cues.txt at least ORPHAN_MIN times, whose article has exactly one three-character segmenter word
    tagged as a person name (nr) starting with it. The name is added at each of its whole-word occurrences;
    the returned Cand stands for the bare surnames."""
    counts: dict[str, int] = {}
    for norm, cands, idx in zip(norms, per_para, indexes):
        for m in res.clause_surname.finditer(norm):
            k = m.end() - 1
            ch = norm[k]
            if ch not in known and norm.startswith(res.orphan_cues, k + 1) and _bare_surname_at(norm, k, idx, res) \
                    and not any(c.start <= k < c.end for c in cands):
                counts[ch] = counts.get(ch, 0) + 1
    orphans = {ch for ch, n in counts.items() if n >= ORPHAN_MIN}
    if not orphans:
        return {}
    found: dict[str, set[str]] = {}
    for idx in indexes:
        for t in idx.tokens:
            if t.end - t.start == 3 and t.text[0] in orphans and t.pos in ("nr", "nrfg"):
                found.setdefault(t.text[0], set()).add(t.text)
    out: dict[str, Cand] = {}
    for ch, full in found.items():
        if len(full) != 1:
            continue
        (name,) = full
        for norm, cands, idx in zip(norms, per_para, indexes):
            added = [Cand(s, e, "PERSON", 40, source="propagated") for s, e in leftmost_longest([name], norm)
                     if s in idx.bounds and e in idx.bounds and not any(c.start < e and s < c.end for c in cands)]
            if added:
                out.setdefault(ch, added[0])
                cands.extend(added)
                cands.sort(key=lambda c: c.start)
    return out


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def cluster(items: list[tuple[str, Cand]]) -> list[int]:
    """items: (norm surface, candidate) in document order. Returns a local id per item."""
    n = len(items)
    uf = _UF(n)
    by_key: dict[tuple, int] = {}

    def join(key: tuple, i: int) -> None:
        if key in by_key:
            uf.union(by_key[key], i)
        else:
            by_key[key] = i

    # bare gazetteer persons adopt the identity of the nearest titled mention of the same name
    titled: dict[str, list[int]] = {}
    for i, (surface, c) in enumerate(items):
        if c.type == "PERSON" and (c.refused or c.source == "title" and c.hint and len(c.entries) == 1):
            titled.setdefault(surface, []).append(i)
    for i, (surface, c) in enumerate(items):
        if c.type == "PERSON" and c.source != "title" and (c.hint is None or c.source in ("gaz", "propagated")) \
                and titled.get(surface):
            js = titled[surface]
            k = bisect.bisect_left(js, i)  # nearest titled mention before it, else the first after
            src = items[js[k - 1] if k else js[0]][1]
            c.hint, c.entries = src.hint, src.entries
            c.country = src.country or (None if src.refused else c.country)

    full_parts: dict[str, set[int]] = {}
    for i, (surface, c) in enumerate(items):
        if c.type == "PERSON":
            parts = name_parts(surface)
            if len(parts) > 1:
                for p in parts:
                    full_parts.setdefault(p, set()).add(i)
    for i, (surface, c) in enumerate(items):
        if c.hint and (c.entries or c.type != "PERSON"):
            join(("hint", c.type, c.hint), i)
        join(("surface", c.type, surface, c.hint if c.entries or c.type != "PERSON" else None), i)
        if c.english:
            join(("english", c.type, c.english.lower()), i)
        if c.type == "PERSON" and surface in full_parts:
            owners = {uf.find(j) for j in full_parts[surface]}
            full = items[next(iter(full_parts[surface]))][1]
            other_person = c.entries and full.hint != c.hint  # 拜登 (the gazetteer one) vs 亨特·拜登
            if len(owners) == 1 and not other_person:  # only when the part names one person in this article
                uf.union(i, next(iter(full_parts[surface])))
    roots: dict[int, int] = {}
    return [roots.setdefault(uf.find(i), len(roots)) for i in range(n)]
