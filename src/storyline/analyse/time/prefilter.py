"""Required characters of a regex: a cheap, exact pre-filter for the time grammar.

Most paragraphs contain no time expression, yet every pattern of the grammar was run over every
paragraph. For each compiled pattern we derive a set of characters of which *every* match must
contain at least one (e.g. 年/月/日/digits for dates, 周/星期/礼拜 for weekdays); a paragraph that
contains none of them cannot match, so the pattern is skipped there. The derivation walks the
parse tree of the pattern (`re._parser`, the standard library's own parser): a literal requires
itself, a class of literals/short ranges requires its members, an alternation requires the union
of its branches, a sequence requires the most selective of its members, and anything optional,
zero-width or open-ended (negated classes, `.`, categories, back-references) requires nothing.
When anything is not understood the answer is None: no filtering, so the result never changes.
Hand-written because no library exposes "characters a regex must consume".
"""

from __future__ import annotations

import re

try:  # the parser is a private module; without it we simply do not filter
    from re import _constants as C, _parser as P
except ImportError:  # pragma: no cover - other Python versions
    C = P = None

_MAX_RANGE = 256  # a wider class ([\u4e00-\u9fff]) is no useful filter
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def required_chars(source: str) -> frozenset[str] | None:
    """Characters at least one of which every non-empty match of `source` contains, or None."""
    if P is None:
        return None
    try:
        return _sequence(list(P.parse(source)))
    except Exception:  # unknown opcode layout: do not filter
        return None


def _sequence(items: list) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    for op, av in items:
        found = _item(op, av)
        if found is not None and (best is None or len(found) < len(best)):
            best = found
    return best


def _item(op, av) -> frozenset[str] | None:
    name = str(op)
    if op is C.LITERAL:
        return frozenset(chr(av))
    if op is C.IN:
        out = set()
        for sub_op, sub_av in av:
            if sub_op is C.LITERAL:
                out.add(chr(sub_av))
            elif sub_op is C.RANGE and sub_av[1] - sub_av[0] <= _MAX_RANGE:
                out.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            else:  # NEGATE, CATEGORY, wide ranges
                return None
        return frozenset(out) if out else None
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _sequence(list(sub))
    if name == "ATOMIC_GROUP":
        return _sequence(list(av))
    if op is C.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if name in _REPEATS:
        low, _high, sub = av
        return _sequence(list(sub)) if low >= 1 else None
    return None  # assertions, anchors, any-char, categories, back-references


def compile_filter(pattern: re.Pattern[str]) -> frozenset[str] | None:
    if pattern.flags & re.IGNORECASE:
        return None
    return required_chars(pattern.pattern)


# ---- first characters: let `re` skip the positions where no match can start -------------------
# Most time patterns begin with an optional group ((?P<zone>...)?, (?P<scope>...)?) or a lookbehind.
# `re` then finds no first character to skip ahead by and tries the whole pattern at every position
# of the paragraph. The set of characters a match can start with is known from the parse tree; a
# lookahead `(?=[...])` of that class in front gives `re` its fast skip, and since every match starts
# with one of those characters anyway, the matches (spans and groups) are exactly the same.
# Only for patterns that begin with something optional: the others already have a prefix `re` uses.


def _firsts(items: list) -> tuple[list[tuple[int, int]], bool] | None:
    """(code point ranges a match of the sequence can start with, whether it can be empty) or None."""
    out: list[tuple[int, int]] = []
    for op, av in items:
        found = _first_item(op, av)
        if found is None:
            return None
        ranges, nullable = found
        out += ranges
        if not nullable:
            return out, False
    return out, True


def _first_item(op, av) -> tuple[list[tuple[int, int]], bool] | None:
    name = str(op)
    if op is C.LITERAL:
        return [(av, av)], False
    if op is C.IN:
        ranges = []
        for sub_op, sub_av in av:
            if sub_op is C.LITERAL:
                ranges.append((sub_av, sub_av))
            elif sub_op is C.RANGE:
                ranges.append(tuple(sub_av))
            else:  # NEGATE, CATEGORY: not worth it
                return None
        return ranges, False
    if op is C.SUBPATTERN:
        return None if av[1] or av[2] else _firsts(list(av[3]))
    if name == "ATOMIC_GROUP":
        return _firsts(list(av))
    if op is C.BRANCH:
        out: list[tuple[int, int]] = []
        nullable = False
        for branch in av[1]:
            found = _firsts(list(branch))
            if found is None:
                return None
            out += found[0]
            nullable = nullable or found[1]
        return out, nullable
    if name in _REPEATS:
        low, _high, sub = av
        found = _firsts(list(sub))
        return None if found is None else (found[0], low == 0 or found[1])
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return [], True  # zero-width: the first character comes from what follows
    return None  # any-char, back-references, conditionals


def with_first_chars(source: str) -> str:
    """`source`, behind a lookahead on its possible first characters when it starts with something
    optional and every match has a known first character; else `source` unchanged."""
    if P is None:
        return source
    try:
        tree = list(P.parse(source))
        first_op, first_av = tree[0]
        optional = first_op in (C.ASSERT, C.ASSERT_NOT) or (str(first_op) in _REPEATS and first_av[0] == 0)
        found = _firsts(tree) if optional else None
    except Exception:  # unknown parse tree layout: leave the pattern alone
        return source
    if found is None or found[1] or not found[0]:
        return source
    cls = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                  for a, b in sorted(set(found[0])))
    return f"(?=[{cls}])(?:{source})"
