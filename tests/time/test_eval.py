"""The annotated evaluation set must stay at or above the quality target."""

from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "eval" / "evaluate_time.py"


def test_exact_value_accuracy_target(repo_script):
    result = repo_script("eval/evaluate_time.py").evaluate()
    assert result["gold"] >= 150
    assert result["exact"] >= 0.95, result["errors"]
    assert result["precision"] >= 0.9 and result["recall"] >= 0.9, result["errors"]


def test_heldout_set_target(repo_script):
    module = repo_script("eval/evaluate_time.py")
    result = module.evaluate(EVAL.parent / "data" / "time_heldout.tsv")
    assert result["exact"] >= 0.9, result["errors"]
