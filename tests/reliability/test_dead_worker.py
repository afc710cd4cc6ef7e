"""A pool worker that dies does not hang `ingest --workers N` (issue #29, defect 3).

Before the fix the local engine used multiprocessing.Pool, which replaces a SIGKILLed worker
but never fails its task: the ingest waited forever. Now the death is noticed, the file the
worker was on is reported as `path: worker process died ...`, the pool is rebuilt, and every
other file is stored.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

from tests.reliability.helpers import ingest_cmd


def _summary(out: str) -> dict[str, int]:
    m = re.search(r"read (\d+), new (\d+), updated (\d+), unchanged (\d+), duplicate (\d+), failed (\d+)", out)
    assert m, out
    return dict(zip(["read", "new", "updated", "unchanged", "duplicate", "failed"], map(int, m.groups())))


def test_a_file_that_kills_its_worker_costs_only_itself(tmp_path, copy_sample):
    """The OOM killer's choice, made deterministic: the worker that reads this file SIGKILLs itself."""
    folder = copy_sample(tmp_path / "in", 12)
    files = sorted(p for p in folder.rglob("*.md"))
    victim = files[5]
    env = {**os.environ, "STORYLINE_TEST_KILL": victim.name}
    run = subprocess.run(ingest_cmd(str(folder), str(tmp_path / "s.db"), workers=2), cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    counts = _summary(run.stdout)
    assert counts["failed"] == 1 and counts["read"] == len(files) - 1, run.stdout + run.stderr
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    assert lines == [f"{victim}: worker process died while reading or analysing this file "
                     "(killed, e.g. out of memory)"], run.stderr


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        out += [int(c) for c in children]
    return out


def test_a_worker_killed_from_outside_is_replaced_and_the_ingest_finishes(tmp_path, copy_sample):
    """kill -9 one worker while it works: nothing is lost (its files are read again)."""
    folder = copy_sample(tmp_path / "in", 150)  # enough work that the pool is still busy when one worker dies
    n = len(list(folder.rglob("*.md")))
    proc = subprocess.Popen(ingest_cmd(str(folder), str(tmp_path / "s.db"), workers=2), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not _children(proc.pid):
            assert proc.poll() is None and time.monotonic() < deadline, "no pool workers"
            time.sleep(0.05)
        time.sleep(0.5)  # the workers are loading their pipelines or reading files
        workers = _children(proc.pid)
        assert workers, "the pool finished before a worker could be killed: give it more files"
        os.kill(workers[0], signal.SIGKILL)
        out, err = proc.communicate(timeout=240)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, err
    counts = _summary(out)
    # every file is accounted for, and none is lost to the kill (a file that is itself unreadable,
    # like an empty post, may fail with its own reason)
    assert counts["read"] + counts["failed"] == n, out + err
    assert "worker process died" not in out + err, out + err
