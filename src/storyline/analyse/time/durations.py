"""Durations (1小时40分钟, 将近5个小时, 六周, 未来三年内) -> ISO 8601 values plus minutes.

Format choice: hour/minute durations shorter than a day are written in minutes (PT100M,
PT120M) so they compare directly with `EventMention.duration_minutes`; from 24 hours up a
whole number of hours stays in hours (PT48H), the unit such deadlines are announced in.
Calendar units keep their own unit (P6W, P3Y). Vague amounts (几天, 数十年) use TIMEX3's X.
"""

from __future__ import annotations

from typing import Any

from storyline.analyse.time.numerals import to_number

_DECADE_WORDS = {"几十", "数十"}


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class DurationReader:
    def __init__(self, lex: dict[str, Any]) -> None:
        self.units: dict[str, list] = lex["units"]
        self.pre: dict[str, str] = lex["duration_pre_mods"]
        self.post: dict[str, str] = lex["duration_post_mods"]

    def unit(self, word: str) -> tuple[str, float]:
        entry = self.units.get(word) or self.units.get("个" + word) or self.units["天"]
        return entry[0], float(entry[1])

    def format(self, amount: float | None, unit: str, minutes: float | None, word: str = "") -> str:
        if amount is None:
            if word in _DECADE_WORDS and unit == "Y":
                return "PXDE"
            return f"PTX{unit[0]}" if unit in ("H", "MIN", "S") else f"PX{unit}"
        if unit in ("H", "MIN", "S"):
            assert minutes is not None
            if minutes < 1:
                return f"PT{_num(round(minutes * 60, 3))}S"
            if minutes >= 1440 and float(minutes / 60).is_integer():
                return f"PT{_num(minutes / 60)}H"
            return f"PT{_num(minutes)}M"
        if not float(amount).is_integer():  # 半年 -> P6M, 两年半 -> P2Y6M, 两个半月 -> P2M15D, 半个月 -> P15D
            smaller = {"Y": (12, "M"), "Q": (3, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H")}[unit]
            if unit == "D":  # 半天 P0.5D, 6天半 P6.5D: the annotators' (and ISO 8601's) decimal day
                return f"P{_num(amount)}D"
            whole = int(amount)
            if whole and unit in ("Y", "M"):  # the whole units kept, as said (10年半 is P10Y6M, not P126M)
                return f"P{whole}{unit}{_num((amount - whole) * smaller[0])}{smaller[1]}"
            return f"P{_num(amount * smaller[0])}{smaller[1]}"
        return f"P{_num(amount)}{unit}"

    def read(self, g: dict[str, str]) -> tuple[str, str | None, float | None, str | None]:
        """(value, mod, minutes, range_end) from the named groups of a duration match."""
        unit, per = self.unit(g["unit"])
        word = g.get("n", "")
        amount = 0.5 if "halfonly" in g else to_number(word)
        if amount is not None and ("half" in g or "half2" in g):
            amount += 0.5
        minutes = None if amount is None else amount * per
        if minutes is not None and g.get("n2"):
            extra = to_number(g["n2"])
            minutes = None if extra is None else minutes + extra
            unit = "MIN" if minutes is not None else unit
        value = self.format(amount, unit, minutes, word)
        end = None
        if "nr" in g:
            high = to_number(g["nr"])
            end = self.format(high, unit, None if high is None else high * per, g["nr"])
        mod = self.pre.get(g.get("pre", "")) or self.post.get(g.get("post", ""))
        if g.get("more") or "多" in g["unit"]:
            mod = mod or "AFTER"
        return value, mod, minutes, end
