"""Compiled patterns for entity mentions, built once from `Resources`.

Every pattern is a trie alternation of literals, a character class with a bounded repeat, or a
sequence of those: no nested unbounded quantifiers, so matching stays linear in the input.
"""

from __future__ import annotations

import re

from storyline.analyse.entities.resources import Resources, _lines, trie_pattern
from storyline.analyse.time.prefilter import with_first_chars

CJK = "\u4e00-\u9fff"
DOTS = "·∙•・‧"


def _cls(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


class Patterns:
    def __init__(self, res: Resources) -> None:
        T = _cls(res.translit)
        self.T = T
        countries = trie_pattern(res.country_names() + list(res.abbr))
        orgs = trie_pattern([a for a in res.surface_aliases({"ORG"}, latin=False)] + res.institutions)
        offices = trie_pattern(list(res.offices))
        persons = trie_pattern(res.surface_aliases({"PERSON"}, latin=False))
        sur = "(?:" + trie_pattern(sorted(res.compound_surnames)) + "|" + _cls(res.surnames) + ")"
        TD = _cls(res.translit | set("".join(_lines("dot_chars.txt"))))
        dot = rf"(?:{TD}{{1,6}}[{DOTS}]){{1,3}}{TD}{{1,8}}"
        self.office = re.compile(offices)
        # [country][驻 country][org/institution][office x1-3][：]NAME  (美驻俄大使沙利文, 克里姆林宫新闻发言人佩斯科夫)
        # the lookahead on the possible first characters lets `re` skip most positions at once (the optional
        # leading groups otherwise defeat its first-character optimisation)
        firsts = {w[0] for w in res.country_names() + list(res.abbr) + list(res.offices) + res.institutions}
        firsts |= {a[0] for a in res.surface_aliases({"ORG"}, latin=False)} | {"驻"}
        self.title = re.compile(
            rf"(?={_cls(firsts)})(?P<c1>{countries})?(?:驻(?P<c2>{countries}))?(?P<org>{orgs})?(?P<office>(?:{offices}){{1,3}})"
            rf"[：:]?(?P<name>{persons}|{dot}|{T}{{2,7}}|{sur}[{CJK}]{{1,2}})"
        )
        self.byline = re.compile(rf"文[/／](?:{orgs})?\s?(?P<name>{sur}[{CJK}]{{1,2}})")
        self.dot = re.compile(dot)
        self.gaz = re.compile(trie_pattern(res.surface_aliases({"PERSON", "ORG", "GPE", "LOC"}, latin=False)))
        latin = res.surface_aliases({"PERSON", "ORG", "GPE", "LOC"}, latin=True)
        # the lookahead on first characters (with_first_chars) lets `re` skip positions past the lookbehind
        self.gaz_latin = re.compile(with_first_chars(r"(?<![A-Za-z])(?:" + trie_pattern(latin) + r")(?![A-Za-z])"))
        self.institution = re.compile(rf"(?P<c>{countries})(?P<i>{trie_pattern(res.institutions + ['军'])})")
        self.abbr_run = re.compile(_cls(set(res.abbr)) + "{1,4}")
        self.compound_follow = set("".join(_lines("compound_followers.txt")))
        self.standalone = set("".join(_lines("abbr_standalone.txt")))
        self.place_follow = re.compile(trie_pattern(_lines("place_followers.txt")))
        self.name_end = set("".join(_lines("honorific_ends.txt")))
        self.people_nouns = tuple(_lines("people_nouns.txt"))  # 俄罗斯军人: a description of people
        self.people_first = {w[0] for w in self.people_nouns if w}
        self.place_nouns = tuple(_lines("place_nouns.txt"))  # 中国人权, 新疆人口: the place's, not its people
        self.side_guard = set("".join(_lines("side_guard.txt")))
        self.zone_words = tuple(_lines("zone_words.txt"))  # 北京时间, 美国东部时间: a time zone, no mention
        self.place_compounds = tuple(_lines("place_compounds.txt"))  # 乌克兰籍, 白俄罗斯语, 日内瓦公约
        self.product_words = tuple(_lines("product_words.txt"))  # 纳斯达克指数, 布兰特原油
        self.locatives = re.compile("(?:" + trie_pattern(_lines("locatives.txt")) + ")$")
        adv = trie_pattern(res.adverbs)
        verbs = trie_pattern(res.speech_verbs)
        self.adverb_set = set(res.adverbs)
        self.verb_set = set(res.speech_verbs)
        self.translit_verb = re.compile(rf"(?P<name>{T}{{2,7}})(?:{adv})?(?:{verbs})")
        latin_name = r"[A-Z][A-Za-z'’\-]{1,20}(?: [A-Z][A-Za-z'’\-]{1,20}){1,3}"
        self.translit_latin = re.compile(rf"(?P<name>{T}{{2,7}})[（(](?P<en>{latin_name})[）)]")
        # a person's name in Latin letters as the tagger finds it in Chinese text (Keith Lerner说): two or three
        # capitalised words, used with fullmatch on the tagger's span
        self.latin_person = re.compile(r"[A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){1,2}")
        self.paren_latin = re.compile(r"\s?[（(]\s?(?P<en>[A-Za-z][A-Za-z.'’&/\- ]{0,60}[A-Za-z.])\s?[）)]")
        self.quoted_media = re.compile(rf"《(?P<name>[{CJK}]{{1,10}}(?:日报|时报|晚报|周刊|周报|杂志|报))》")
        suffixes = "|".join(re.escape(s) for s in res.org_suffixes)
        self.org_suffix = re.compile(rf"(?:{suffixes})$")
        self.org_left_stops = set(_lines("org_left_stops.txt"))

    def describes_people(self, norm: str, e: int, bounds: set[int]) -> bool:
        """A place ending at `e` is followed by a word for its people (美国人, 中国人民, 俄罗斯军人: demonyms are
        not annotated), not by a longer word that starts with one (中国人民银行, 武汉市人民政府) nor by a noun of
        the place itself that starts with 人 (中国人权, 新疆人口: data/place_nouns.txt)."""
        ch = norm[e:e + 1]
        if ch == "人":
            if e in bounds and any(norm.startswith(w, e) and e + len(w) in bounds for w in self.place_nouns):
                return False
            return norm[e:e + 2] != "人民" or e + 2 in bounds
        # one set look-up first: this runs for every place the rules or the tagger find
        return ch in self.people_first and any(norm.startswith(w, e) and e + len(w) in bounds
                                               for w in self.people_nouns)

    def names_time_zone(self, norm: str, e: int) -> bool:
        """A place ending at `e` names a time zone (北京时间, 日本时间, 美国东部时间: data/zone_words.txt), which the
        annotations mostly leave out (18 of 25 in train+dev)."""
        return norm.startswith(self.zone_words, e)

    def no_mention(self, norm: str, c, bounds: set[int]) -> bool:
        """The found name at c.start..c.end is part of a compound the annotations leave out: a place before a time
        zone word (`names_time_zone`), a nationality, language or treaty word ending at a word boundary
        (乌克兰籍, 白俄罗斯语, 日内瓦公约: data/place_compounds.txt), a person or organisation before a market
        product word (纳斯达克指数, 布兰特原油: data/product_words.txt)."""
        e = c.end
        if c.type in ("GPE", "LOC"):
            return norm.startswith(self.zone_words, e) or any(
                norm.startswith(w, e) and e + len(w) in bounds for w in self.place_compounds)
        return norm.startswith(self.product_words, e)
