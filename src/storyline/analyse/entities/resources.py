"""Lexical resources for entity recognition, loaded once from the data files next to this module.

The gazetteer (places, organisations, persons), office titles, institution words, transliteration
characters, surnames and cue words are DATA (see data/*.tsv, data/*.txt); this module only parses
them and compiles them into linear-time regular expressions.

Why a hand-built trie regex rather than a library: pyahocorasick is not installed and the
Python `re` engine runs a trie-shaped pattern (no nested quantifiers, only `?` after a literal
group) in C at tens of MB/s, with longest-match semantics from greedy `?` and no extra dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources as ires

DATA = "storyline.analyse.entities.data"


@dataclass
class GazEntry:
    """One gazetteer entity: the canonical `name` plus every alias that denotes it."""

    name: str
    type: str  # PERSON ORG GPE LOC
    english: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    kind: str | None = None  # ORG: intl/state/media; GPE: country/city
    abbr: list[str] = field(default_factory=list)
    capital_of: str | None = None
    roles: list[dict[str, str]] = field(default_factory=list)  # title, of, class


@dataclass
class Office:
    title: str
    cls: str
    canonical: str


def _lines(name: str) -> list[str]:
    text = ires.files(DATA).joinpath(name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _rows(name: str) -> list[list[str]]:
    return [ln.split("\t") for ln in _lines(name)]


def _split(cell: str, sep: str = "|") -> list[str]:
    return [x.strip() for x in cell.split(sep) if x.strip()]


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def trie_pattern(words: list[str]) -> str:
    """A regex matching any of `words`, longest first, shaped as a trie (linear-time safe)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return emit(root) if root else "(?!)"


class Resources:
    """All lexicons, parsed once per process (one instance per EntityRecognizer)."""

    def __init__(self) -> None:
        self.entries: list[GazEntry] = []
        self.alias: dict[str, list[GazEntry]] = {}
        self.by_name: dict[tuple[str, str], GazEntry] = {}
        self.abbr: dict[str, str] = {}  # 俄 -> 俄罗斯
        self._load_places()
        self._load_orgs()
        self._load_persons()
        for e in self.entries:
            self.by_name[(e.type, e.name)] = e
            for a in {e.name, *e.aliases}:
                self.alias.setdefault(a, []).append(e)
        self.offices = {r[0]: Office(r[0], r[1], _cell(r, 2) or r[0]) for r in _rows("offices.tsv")}
        self.institutions = _lines("institutions.txt")
        self.speech_verbs = _lines("speech_verbs.txt")
        self.adverbs = _lines("adverbs.txt")
        # what may follow a bare surname glued by the segmenter to the next character (游受查, 关则指)
        self.surname_followers = tuple(sorted({*self.speech_verbs, *self.adverbs, *_lines("surname_followers.txt")}))
        self.orphan_cues = tuple(sorted({*self.speech_verbs, *_lines("orphan_cues.txt")}))  # 卫同意, 卫表示
        self.org_suffixes = sorted(set(_lines("org_suffixes.txt")), key=lambda w: (-len(w), w))
        self.translit = set("".join(_lines("translit_chars.txt")))
        sur = _lines("surnames.txt")
        self.surnames = set(sur[0])
        # a surname opening a clause (。卫同意, ，卫表示): where a bare surname stands for a person
        self.clause_surname = re.compile("(?:^|(?<=[。，；：？！、「」“”（）]))[" + re.escape("".join(sorted(self.surnames))) + "]")
        self.compound_surnames = set(sur[1].split()) if len(sur) > 1 else set()
        self.name_stops = set("".join(_lines("name_stops.txt")))
        self.persons_by_len: dict[int, list[GazEntry]] = {}  # for transliteration-variant lookups
        for e in self.entries:
            if e.type == "PERSON":
                for n in {len(a) for a in (e.name, *e.aliases) if "·" not in a and not a.isascii()}:
                    self.persons_by_len.setdefault(n, []).append(e)

    # -- loading -----------------------------------------------------------------------------
    def _load_places(self) -> None:
        for r in _rows("places.tsv"):
            name, typ = r[0].strip(), r[1].strip()
            abbr = _split(_cell(r, 4))
            capital_of = _cell(r, 6) or None
            # a country is its own country; cities/regions name theirs; capitals stand for their country
            country = capital_of or _cell(r, 5) or (name if typ == "GPE" else None)
            e = GazEntry(name, typ, _cell(r, 2) or None, _split(_cell(r, 3)), country, "place", abbr, capital_of)
            for a in abbr:
                self.abbr[a] = name
            self.entries.append(e)
        by_abbr = {a: e for e in self.entries for a in e.abbr}
        for side in _lines("sides.txt"):  # 俄方 美方 ...: the country's side, matched like aliases
            by_abbr[side[0]].aliases.append(side)

    def _load_orgs(self) -> None:
        for r in _rows("orgs.tsv"):
            self.entries.append(GazEntry(r[0].strip(), "ORG", _cell(r, 2) or None, _split(_cell(r, 3)),
                                         _cell(r, 4) or None, _cell(r, 1) or None))

    def _load_persons(self) -> None:
        for r in _rows("persons.tsv"):
            roles = []
            for spec in _split(_cell(r, 4), ";"):
                title, of, cls = (spec.split("@") + ["", "", ""])[:3]
                roles.append({"title": title, "of": of, "class": cls})
            self.entries.append(GazEntry(r[0].strip(), "PERSON", _cell(r, 1) or None, _split(_cell(r, 2)),
                                         _cell(r, 3) or None, None, roles=roles))

    # -- queries -----------------------------------------------------------------------------
    def country_of_prefix(self, surface: str) -> str | None:
        """Canonical country for a country alias or one-character abbreviation (俄 -> 俄罗斯)."""
        if surface in self.abbr:
            return self.abbr[surface]
        for e in self.alias.get(surface, []):
            if e.type == "GPE" and e.kind == "place" and not e.capital_of and e.country == e.name:
                return e.name
        return None

    def surface_aliases(self, types: set[str], latin: bool) -> list[str]:
        out = []
        for a, es in self.alias.items():
            if not any(e.type in types for e in es):
                continue
            if a.isascii() == latin:
                out.append(a)
        return out

    def country_names(self) -> list[str]:
        return [a for a, es in self.alias.items() if not a.isascii() and not a.endswith("方")
                and any(e.type == "GPE" and e.country == e.name for e in es)]
