"""bench/pipeline.py runs on a small slice and skips the one-core section when asked to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the clone")
def test_pipeline_bench_without_the_one_core_section():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "pipeline.py"), "--corpus", str(CORPUS), "--limit", "6",
         "--workers", "1", "--append", "0", "--ratio-articles", "0"],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "== end to end: 6 files" in out
    assert "== one core" not in out
    table = out.split("== figures vs targets ==")[1]
    jieba_row = next(line for line in table.splitlines() if "pipeline / jieba.lcut" in line)
    assert "not run" in jieba_row and "MISSED" not in jieba_row
