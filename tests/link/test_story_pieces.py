"""The pieces a broken story splits into (link.stories.pieces): connected by the stored links of
the events left, whichever side of a link stored it."""

from __future__ import annotations

from storyline.link.stories import pieces as story_pieces
from storyline.link.stories.pieces import decode, encode, kept_piece, pieces


def test_removing_a_bridge_splits_a_story_in_two():
    # a-b-c and d-e joined through x; each link stored on one side only
    links = {"a": ["b"], "b": [], "c": ["b"], "x": ["c", "d"], "d": [], "e": ["d"]}
    assert pieces(links, set()) == [{"a", "b", "c", "d", "e", "x"}]
    assert pieces(links, {"x"}) == [{"a", "b", "c"}, {"d", "e"}]


def test_links_to_events_outside_the_story_are_ignored():
    links = {"a": ["zz"], "b": ["a"], "c": ["zz"]}
    assert pieces(links, set()) == [{"a", "b"}, {"c"}]


def test_equal_pieces_are_ordered_by_smallest_event():
    links = {"q": ["r"], "r": [], "b": ["c"], "c": []}
    assert pieces(links, set()) == [{"b", "c"}, {"q", "r"}]


def test_a_small_remainder_is_not_kept(monkeypatch):
    links = {f"e{i}": [f"e{i + 1}"] for i in range(5)} | {"e5": []}
    monkeypatch.setattr(story_pieces, "MIN_PIECE", 4)
    assert kept_piece(links, {"e2"}) == set()  # pieces of 2 and 3
    assert kept_piece(links, {"e0"}) == {"e1", "e2", "e3", "e4", "e5"}


def test_links_round_trip_through_their_column():
    assert decode(encode({"ev2", "ev10"})) == ["ev10", "ev2"]
    assert encode(set()) is None and decode(None) == []
