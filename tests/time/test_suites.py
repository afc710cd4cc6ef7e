"""The public Chinese time suites (shared/benchmarks/time) through bench/time_suites.py: floors at
the figures reached for issue #30 (MS Recognizers-Text DateTimeModel: relaxed F1 97.9, lenient
value accuracy 95.1), and the speed: the suite must take seconds, not minutes."""

import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT.parent / "shared" / "benchmarks" / "time"


@pytest.mark.skipif(not SUITE.is_dir(), reason="shared/benchmarks/time is missing")
def test_recognizers_model_suite_floors(repo_script):
    bench = repo_script("bench/time_suites.py")
    t0 = time.perf_counter()
    result = bench.run(["ms_model"])
    assert time.perf_counter() - t0 < 10
    r = result["ms_model"]
    assert r["gold"] == 293
    assert r["relaxed"]["F1"] >= 0.978, r["relaxed"]
    assert r["value_acc_lenient"] >= 0.950, r["value_acc_lenient"]
    jionlp = bench.peer_seconds("jionlp", ["ms_model"])
    if jionlp:
        assert result["_seconds"]["ms_model"] * 5 <= jionlp + 0.05  # at least 5x jionlp (its recorded run)
