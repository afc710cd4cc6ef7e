"""The annotated evaluation set must stay at or above the quality target."""

import importlib.util
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "eval" / "evaluate_time.py"


def _module():
    spec = importlib.util.spec_from_file_location("evaluate_time", EVAL)
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate_time"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_exact_value_accuracy_target():
    result = _module().evaluate()
    assert result["gold"] >= 150
    assert result["exact"] >= 0.95, result["errors"]
    assert result["precision"] >= 0.9 and result["recall"] >= 0.9, result["errors"]


def test_heldout_set_target():
    module = _module()
    result = module.evaluate(EVAL.parent / "data" / "time_heldout.tsv")
    assert result["exact"] >= 0.9, result["errors"]
