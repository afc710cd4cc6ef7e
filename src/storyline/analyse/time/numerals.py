"""Numbers inside recognised time expressions.

cn2an converts Chinese numerals, but only ever on the short span the grammar matched: run on
whole text it rewrites idioms (一寸也不 -> 1寸也不). Digit-by-digit years (二〇二二) are not
cn2an's "smart" input, so they are mapped here directly.
"""

from __future__ import annotations

import unicodedata

import cn2an

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_VAGUE = {"几", "数", "多", "若干", "十几", "几十", "数十", "数百", "几百"}


def to_number(span: str | None) -> float | None:
    """A number from digits or Chinese numerals; None for vague amounts (几, 数十) or junk."""
    if not span:
        return None
    span = unicodedata.normalize("NFKC", span)
    if span in _VAGUE:
        return None
    try:
        return float(span)
    except ValueError:
        pass
    if len(span) == 2 and all(ch in _DIGITS for ch in span) and _DIGITS[span[1]] == _DIGITS[span[0]] + 1:
        return None  # 三四年, 八九个月: "three or four", a vague amount, not 34
    if len(span) == 4 and all(ch in _DIGITS for ch in span):  # 二〇二二
        return float("".join(str(_DIGITS[ch]) for ch in span))
    try:
        return float(cn2an.cn2an(span, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def to_int(span: str | None) -> int | None:
    value = to_number(span)
    return None if value is None else int(value)
