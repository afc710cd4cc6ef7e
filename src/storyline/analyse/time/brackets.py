"""A weekday with its date in brackets, 周一（11月8日）上午, told as the annotations tell it: up to three
expressions, the weekday (周一 = the day), the bracketed date (11月8日 = the day) and the part of
day or clock after it (上午 = the day's morning). The annotated train/dev articles write them so 48
times in 48; one expression for all three left the date and the part of day unfound.

The grammar still reads the whole as one match (the bracket is what fixes the weekday's day); this
only cuts the resolved match into its pieces, by the bracket characters.

`bracketed_next` finds the same kind of bracket after 当天 / 同日 (当天（2020年4月8日）): the date in
it is the day 当天 names, whatever day the text told of before.
"""

from __future__ import annotations

from dataclasses import dataclass

_OPEN = "（("
_CLOSE = "）)"


@dataclass
class Piece:
    start: int
    end: int
    type: str
    value: str | None


def weekday_pieces(norm: str, start: int, end: int, value: str | None, type_: str) -> list[Piece] | None:
    """The pieces of a resolved weekday match with a bracketed date, or None to keep it whole (no
    bracket, or no day resolved)."""
    if not value or len(value) < 10:
        return None
    text = norm[start:end]
    lp = next((i for i, ch in enumerate(text) if ch in _OPEN), -1)
    rp = next((i for i, ch in enumerate(text) if ch in _CLOSE and i > lp), -1) if lp > 0 else -1
    if lp <= 0 or rp <= lp + 1:
        return None
    day = value[:10]
    pieces = [Piece(start, start + lp, "DATE", day), Piece(start + lp + 1, start + rp, "DATE", day)]
    tail = start + rp + 1
    while tail < end and norm[tail] == " ":
        tail += 1
    if tail < end:
        pieces.append(Piece(tail, end, type_, value))
    return pieces


def bracketed_next(norm: str, end: int, following) -> bool:
    """The match `following` (or None) is a date in brackets right after the one ending at `end`."""
    if following is None or following.kind != "date" or norm[end:end + 1] not in _OPEN:
        return False
    gap = norm[end + 1:following.start]  # 昨日（即2月26日）: "that is" inside the bracket
    return gap in ("", "即") and norm[following.end:following.end + 1] in _CLOSE
