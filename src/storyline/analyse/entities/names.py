"""Small helpers about names and tokens shared by detection, clustering and cross-article linking.

- `TokenIndex`: which jieba token covers a character (bisect over token starts; no per-character map,
  so long paragraphs cost nothing extra).
- `given_compatible` / `full_names_conflict`: two dotted full names with the same surname are one
  person only if their given names can be variants of each other (乌苏拉 / 乌尔苏拉 yes, 亨特 / 约瑟夫 no):
  equal, one a subsequence of the other, or the same length with at most one differing character.
- `sounds_alike`: transliteration variants of one name, by pinyin (布林肯 / 布林根).
- `NAME_TAGS` / `is_name_tag`: jieba tags that are compatible with a personal name in a name slot.
"""

from __future__ import annotations

import bisect
import operator
import re
from functools import cached_property, lru_cache

from pypinyin import Style, lazy_pinyin

from storyline.model import Token

DOT_RE = re.compile("[·∙•・‧]")
# jieba tags of words that can start a personal name: person names, unknown words, foreign words
NAME_TAGS = ("nr", "nrfg", "nrt", "x", "nz", "eng", "j")
# tags of words that never belong to a name or an organisation's name (pronoun, preposition, conjunction,
# adverb, auxiliaries, numerals, measure words, locality/time words, verbs)
FUNCTION_TAGS = ("r", "p", "c", "d", "u", "uj", "ul", "uv", "uz", "ud", "ug", "m", "q", "f", "t", "y", "e", "o", "v")


SOUND_CLASS = {"p": "b", "t": "d", "k": "g", "q": "j", "c": "z", "s": "z", "ch": "zh", "sh": "zh"}


@lru_cache(maxsize=1 << 16)
def initials(name: str) -> tuple[str, ...]:
    """Pinyin initials of a name, memoised apart from the finals: `sound_key` (every new surname
    the linker indexes) needs only these, and each `lazy_pinyin` call is a pypinyin segmentation."""
    return tuple(lazy_pinyin(name, style=Style.INITIALS, strict=False))


@lru_cache(maxsize=1 << 16)
def syllables(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Pinyin initials and finals of a name. Memoised (a pure function of the name): the linker
    compares each new surname with every similar-sounding known alias, so the same names recur."""
    return initials(name), tuple(lazy_pinyin(name, style=Style.FINALS))


def codes_alike(a: tuple[tuple[str, ...], tuple[str, ...]], b: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    (ia, fa), (ib, fb) = a, b
    if len(ia) != len(ib) or len(ia) < 3 or ia[0] != ib[0]:
        return False
    if [SOUND_CLASS.get(x, x) for x in ia] != [SOUND_CLASS.get(x, x) for x in ib]:
        return False
    return sum(x != y or i != j for x, y, i, j in zip(fa, fb, ia, ib)) <= max(1, len(ia) // 3)


def sound_key(name: str) -> tuple[str, tuple[str, ...]] | None:
    """What every transliteration variant of `name` shares (`codes_alike` requires it): the first
    initial and the sound classes of all initials. None for names too short to have variants."""
    if len(name) < 3:
        return None
    codes = initials(name)
    return codes[0], tuple(SOUND_CLASS.get(x, x) for x in codes)


def sounds_alike(a: str, b: str) -> bool:
    """Transliteration variants: same syllable count, few differing syllables, initials of one class."""
    if a == b or len(a) != len(b) or len(a) < 3:
        return False
    return codes_alike(syllables(a), syllables(b))


def name_parts(surface: str) -> list[str]:
    return [p for p in DOT_RE.split(surface) if p]


def is_name_tag(tag: str | None) -> bool:
    return tag is None or tag in NAME_TAGS


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def given_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 2 and _subsequence(short, long):
        return True
    return len(a) == len(b) and len(a) >= 2 and sum(x != y for x, y in zip(a, b)) <= 1


def full_names_conflict(fulls_a: list[str], fulls_b: list[str]) -> bool:
    """True when both sides know dotted full names and none of them can be the same person."""
    pa = [name_parts(f) for f in fulls_a]
    pb = [name_parts(f) for f in fulls_b]
    pa = [p for p in pa if len(p) > 1]
    pb = [p for p in pb if len(p) > 1]
    if not pa or not pb:
        return False
    for x in pa:
        for y in pb:
            if x[-1] == y[-1] and given_compatible(x[0], y[0]):
                return False
    return True


_START, _END = operator.attrgetter("start"), operator.attrgetter("end")


class TokenIndex:
    """Token lookups by character offset for one paragraph."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.starts = list(map(_START, tokens))
        self.bounds = set(self.starts).union(map(_END, tokens))

    @cached_property
    def person_words(self) -> list[int]:
        """Indexes of the tokens jieba tags as person names; only the speaker rule asks, so on demand."""
        return [k for k, t in enumerate(self.tokens) if t.pos == "nr" or t.pos == "nrfg"]

    def covering(self, i: int) -> Token | None:
        k = bisect.bisect_right(self.starts, i) - 1
        if k >= 0 and self.tokens[k].start <= i < self.tokens[k].end:
            return self.tokens[k]
        return None

    def index_of(self, i: int) -> int:
        return bisect.bisect_right(self.starts, i) - 1
