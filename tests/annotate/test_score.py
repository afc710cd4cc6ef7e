"""Scoring of `storyline eval` and `annotate agree`: one-to-one matching per layer."""

from storyline.evaluate.items import Entity, Event, Items, Quote, Time
from storyline.evaluate.score import score_items


def ev(p, s, etype, src, tgt, date=None, status="occurred"):
    return Event(p, s, s + 2, etype, frozenset(src), frozenset(tgt), date, status)


def test_entities_exact_and_per_type():
    gold = Items([Entity(0, 0, 2, "PERSON"), Entity(0, 5, 8, "GPE")], [], [], [])
    pred = Items([Entity(0, 0, 2, "PERSON"), Entity(0, 5, 7, "GPE"), Entity(1, 0, 2, "ORG")], [], [], [])
    s = score_items(gold, pred)
    assert (s["entities"].tp, s["entities"].fp, s["entities"].fn) == (1, 2, 1)
    assert s["entities:PERSON"].f1 == 1.0 and s["entities:GPE"].recall == 0.0


def test_events_need_type_and_both_actor_sets_full_needs_date_and_status():
    gold = Items([], [], [ev(0, 10, "CONSULT", {"普京"}, {"马克龙"}, "2022-02-07")], [])
    right = Items([], [], [ev(0, 11, "CONSULT", {"普京"}, {"马克龙"}, "2022-02-08")], [])
    s = score_items(gold, right)
    assert s["events"].f1 == 1.0 and s["events.full"].f1 == 0.0 and s["events.trigger"].tp == 1
    wrong_actor = Items([], [], [ev(0, 10, "CONSULT", {"法国"}, {"马克龙"}, "2022-02-07")], [])
    assert score_items(gold, wrong_actor)["events"].tp == 0


def test_duplicate_prediction_is_a_false_positive():
    gold = Items([], [], [ev(0, 10, "ASSAULT", {"俄罗斯"}, {"乌克兰"})], [])
    pred = Items([], [], [ev(0, 10, "ASSAULT", {"俄罗斯"}, {"乌克兰"})] * 2, [])
    c = score_items(gold, pred)["events"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)


def test_quotes_half_overlap_and_speaker():
    gold = Items([], [], [], [Quote(2, 10, 30, "泽连斯基")])
    assert score_items(gold, Items([], [], [], [Quote(2, 12, 32, "泽连斯基")]))["quotes"].tp == 1
    assert score_items(gold, Items([], [], [], [Quote(2, 12, 32, "马克龙")]))["quotes"].tp == 0
    assert score_items(gold, Items([], [], [], [Quote(2, 12, 32, "马克龙")]))["quotes.content"].tp == 1
    assert score_items(gold, Items([], [], [], [Quote(2, 0, 80, "泽连斯基")]))["quotes"].tp == 0


def test_times_need_overlap_and_value():
    gold = Items([], [Time(0, 3, 6, "2022-02-24")], [], [])
    assert score_items(gold, Items([], [Time(0, 3, 5, "2022-02-24")], [], []))["times"].tp == 1
    assert score_items(gold, Items([], [Time(0, 3, 6, "2022-02-25")], [], []))["times"].tp == 0


def test_participants_compare_as_one_unordered_set():
    gold = Items([], [], [ev(0, 10, "CONSULT", {"普京"}, {"马克龙"})], [])
    sym = Event(0, 10, 12, "CONSULT", frozenset(), frozenset(), None, "occurred", frozenset({"马克龙", "普京"}))
    assert score_items(gold, Items([], [], [sym], []))["events"].tp == 1
    other = Event(0, 10, 12, "CONSULT", frozenset(), frozenset(), None, "occurred", frozenset({"普京"}))
    assert score_items(gold, Items([], [], [other], []))["events"].tp == 0


def test_time_values_compare_in_one_spelling():
    from storyline.evaluate.items import time_value

    assert time_value("PT210M", None) == time_value("PT3H30M", None)
    assert time_value("P1W", None) == time_value("P7D", None)
    assert time_value("PRESENT_REF", "2022-02-24T09:00+08:00") == "2022-02-24"
    assert time_value("PXM", None) == "PXM" and time_value("2022-02", None) == "2022-02"
    assert time_value("PT2H", None) != time_value("PT3H", None)
