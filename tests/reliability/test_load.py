"""The load test itself, short: bench/load.py with 10 clients for 3 s on the seeds must see zero errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_short_load_run_has_no_errors(seeds, tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), "--clients", "10", "--duration", "3",
                             "--sample", "0"], capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = next(line for line in result.stdout.splitlines() if line.startswith("clients 10"))
    assert summary.endswith("errors 0"), summary
    requests = int(summary.split("requests ")[1].split(",")[0])
    assert requests >= 30, summary  # the clients really ran for the whole time
