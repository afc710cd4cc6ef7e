"""bench/compare.py: two trees take turns on the same files and the sums are set side by side."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the clone")
def test_compare_runs_both_trees_in_turns_and_prints_ratios():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "compare.py"), "--base", str(ROOT), "--tree", str(ROOT),
         "--corpus", str(CORPUS), "--limit", "3", "--workers", "1", "--rounds", "1"],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    turns = [line for line in out.splitlines() if line.startswith("round 1 ")]
    assert [t.split()[2] for t in turns] == ["base", "this"]
    read = {line.split()[-1] for line in turns for line in [line.split(" articles,")[0]]}
    assert len(read) == 1 and int(read.pop()) > 0  # the same articles for both trees
    table = out.split("== sums over 1 rounds (3 files, --workers 1) ==")[1]
    rows = {line.split()[0]: line.split() for line in table.strip().splitlines()[1:]}
    assert {"articles/s", "entities", "link", "store"} <= set(rows)
    cpu = next(line.split() for line in table.splitlines() if line.strip().startswith("CPU, processes"))
    base, this, ratio = (float(x) for x in cpu[-3:])
    assert base > 0 and this > 0 and ratio == pytest.approx(this / base, rel=0.02)  # of the printed, rounded figures
    tail = next(line.split() for line in table.splitlines() if line.strip().startswith("tail, wall s"))
    assert float(tail[-3]) > 0 and float(tail[-2]) > 0  # the writer's time after the last batch, both trees
