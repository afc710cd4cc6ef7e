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


def test_real_error_listing_counts_as_the_scorer_and_refuses_test(repo_script):
    import pytest

    module = repo_script("eval/evaluate_time.py")
    assert module.main(["--real", "test"]) == 2  # test is reported, never listed for tuning
    shared = Path(__file__).resolve().parents[2].parent / "shared"
    if not (shared / "corpus").is_dir():
        pytest.skip("shared corpus missing")
    lines, found, right = module.real_errors("dev")
    value_errors = [line for line in lines if line.startswith("value\t")]
    assert found - right == len(value_errors)  # one listed line per expression found with a wrong value
    assert right / found >= 0.9
