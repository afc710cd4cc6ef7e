from __future__ import annotations

from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "eval" / "evaluate_disputes.py"


def test_dispute_pairing_meets_targets(repo_script):
    mod = repo_script("eval/evaluate_disputes.py")
    dev = mod.evaluate()
    # #32 made pairing stricter for precision on real text (a counter apart from its claim must deny
    # as an act, a polemic word only when it cites the claimant, and answer the claim's side):
    # recall on these invented pairs went 0.917 -> 0.5 (eval/evaluate_disputes_corpus.py measures real text)
    assert dev["precision"] >= 0.9 and dev["recall"] >= 0.4  # 0.5 -> 0.417 in session 19 (a counter in another article names whose claim it contests)
    # written after the lexicon and threshold were fixed: never tuned on
    held = mod.evaluate(EVAL.parent / "data" / "disputes_heldout.jsonl")
    assert held["precision"] >= 0.9 and held["f1"] >= 0.3  # 0.889 -> 0.333 with #32
    # written before the review fix (first run: P 0.400 R 1.000 F1 0.571)
    review = mod.evaluate(EVAL.parent / "data" / "disputes_heldout_review.jsonl")
    assert review["precision"] >= 0.85 and review["recall"] >= 0.3  # 0.833 -> 0.333 with #32


def test_corpus_recall_matches_stores_ingested_from_any_folder(repo_script):
    mod = repo_script("eval/evaluate_disputes_corpus.py")
    # the annotations write paths from the corpus folder on; a store may hold them absolute
    assert mod._relative("/work/shared/corpus2/dw/agora0/a.html") == "corpus2/dw/agora0/a.html"
    assert mod._relative("../shared/corpus/gfw-md/pages/n1.md") == "corpus/gfw-md/pages/n1.md"
