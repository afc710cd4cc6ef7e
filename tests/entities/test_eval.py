"""The entities evaluation on our own annotated set meets its targets."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "eval" / "evaluate_entities.py"


def test_evaluation_thresholds(capsys):
    spec = importlib.util.spec_from_file_location("evaluate_entities", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    res = mod.evaluate()
    assert res["mention_ALL_f1"] >= 0.9
    assert res["linking_b3_f1"] >= 0.9
    assert res["unknown_name_share"] >= 0.3  # at least ~1/3 of gold names are not in the gazetteer
    assert res["unknown_recall"] >= 0.85
