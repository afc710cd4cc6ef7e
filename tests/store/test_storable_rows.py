"""storable.rows: the column-wise check of executemany rows finds what the value-wise one finds."""

from __future__ import annotations

from storyline.store import storable


class Label(str):
    pass


def test_clean_rows_come_back_unchanged():
    rows = [("ar_1", 1, "普京表示", None, 0.5), ("ar_2", 2, "拜登说", "x", 1.5)]
    assert storable.rows(rows) is rows


def test_nul_and_lone_surrogates_are_replaced_in_any_column():
    rows = [("ar_1", 1, "好", None), ("ar_2", 2, "坏\x00字", "x"), ("ar_3", 3, "好", "半\ud800")]
    fixed = storable.rows(rows)
    assert fixed[1][2] == "坏\ufffd字" and fixed[2][3] == "半\ufffd"
    assert fixed[0] == rows[0] and [len(r[2]) for r in fixed] == [len(r[2]) for r in rows]


def test_a_string_subclass_and_a_mixed_column_are_checked():
    assert storable.rows([(Label("a\x00"),)])[0][0] == "a\ufffd"
    assert storable.rows([(None,), (1,), ("b\ud900",)])[2][0] == "b\ufffd"


def test_a_generator_of_rows_is_read_once():
    fixed = storable.rows((("a", i) for i in range(3)))
    assert fixed == [("a", 0), ("a", 1), ("a", 2)]
