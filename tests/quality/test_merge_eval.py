"""Cross-outlet merge quality (issue #32 item 5) holds its floors: eval/evaluate_merge.py on the
quick subset of ../shared/corpus2/EVENTS.tsv named in eval/data/merge_sets.json (about 60 files,
under a minute on two cores). The whole set's figures are in docs/linking.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETS = json.loads((ROOT / "eval" / "data" / "merge_sets.json").read_text(encoding="utf-8"))


def test_merge_figures_hold_their_floors(repo_script):
    em = repo_script("eval/evaluate_merge.py")
    if not (em.SHARED / "corpus2" / "EVENTS.tsv").exists():
        pytest.skip("../shared is missing")
    quick = SETS["quick"]
    out = em.run(per_group=quick["per_group"], groups=quick["groups"], unrelated=quick["unrelated"])
    assert out["files"] == quick["per_group"] * len(quick["groups"])
    for measure, floor in SETS["floors"].items():
        assert out[measure] >= floor, (measure, out[measure])
