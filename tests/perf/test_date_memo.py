"""The linkers' day parsing is memoised (link/dates.day_of: the writer's tail asks millions of
times for a few thousand dates) and `dates_compatible` answers two equal dates without parsing:
the same answers as parsing every time."""

from __future__ import annotations

from datetime import date as Date

from storyline.link.dates import day_of
from storyline.link.matching import dates_compatible

VALUES = ["2022-03-04", "2022-03-04T10:15:00+08:00", "2022-03", "2022", "2022-02-30", "2022-13-01x",
          "not a date", "", None, "2022-03-05", "2022-03-03"]


def _parsed(value):
    if value and len(value) >= 10:
        try:
            return Date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def test_day_of_is_parsed_once_per_value_with_the_same_answers():
    for value in VALUES:
        assert day_of(value) == _parsed(value)
    assert day_of("2022-03-04") is day_of("2022-03-04")  # one object, not one parse per call


def test_dates_compatible_on_equal_and_unequal_values():
    def slow(a, b):  # the rule as written before the shortcut for equal values
        if not a or not b:
            return True
        da, db = _parsed(a), _parsed(b)
        if da and db:
            return abs((da - db).days) <= 1
        short, long_ = sorted((a, b), key=len)
        return long_.startswith(short)

    for a in VALUES:
        for b in VALUES:
            assert dates_compatible(a, b) == slow(a, b), (a, b)
