"""Ingest guards: the per-file time budget, symlink loops, and bad files reported as `path: reason`.

Permission tests (chmod 000) are not here: CI runs as root, which reads any file regardless of mode;
an unreadable file is covered by a dangling symlink instead (the same OSError path for the reader)."""

from __future__ import annotations

import os
import signal
import time

import pytest

from storyline.engine.work import OverBudget, process_one, time_budget
from storyline.ingest import discover, ingest
from storyline.store import open_store
from tests.reliability.test_fuzz import pipeline


def test_time_budget_skips_a_slow_article(tmp_path, monkeypatch):
    path = tmp_path / "slow.txt"
    path.write_text("俄罗斯总统普京周二在莫斯科与法国总统马克龙举行会谈。\n" * 400, encoding="utf-8")
    monkeypatch.setenv("STORYLINE_FILE_TIMEOUT", "0.001")
    result = process_one(pipeline(), {}, (path, "slow.txt"))
    assert result.docs == []
    assert result.error in ("analysis took too long (>0.001 s)", "reading took too long (>0.001 s)")
    monkeypatch.setenv("STORYLINE_FILE_TIMEOUT", "30")
    result = process_one(pipeline(), {}, (path, "slow.txt"))
    assert result.error is None and result.docs and result.docs[0].mentions


def test_symlink_loops_and_dangling_links_do_not_hang(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "ok.txt").write_text("外交部发言人汪文斌周一表示，中方一贯主张通过对话解决问题。\n", encoding="utf-8")
    os.symlink(root, root / "sub" / "loop")  # directory loop
    os.symlink(root / "a", root / "b")  # a -> b -> a
    os.symlink(root / "b", root / "a")
    os.symlink(tmp_path / "missing", root / "dangling.txt")
    files, errors = discover([str(root)])
    names = sorted(os.path.basename(f[1]) for f in files)
    assert "ok.txt" in names and "loop" not in [os.path.basename(str(f[0])) for f in files if f[0].is_dir()]
    store = open_store(str(tmp_path / "g.db"))
    try:
        summary = ingest(store, [str(root)])
    finally:
        store.close()
    assert summary.new == 1
    for line in summary.failures:  # each bad entry is one `path: reason` line
        path, _, reason = line.partition(": ")
        assert path.startswith(str(root)) and reason
    assert {os.path.basename(line.split(": ")[0]) for line in summary.failures} >= {"a", "b", "dangling.txt"}


def test_time_budget_fires_again_when_an_alarm_is_swallowed():
    # Python drops exceptions raised inside gc callbacks and __del__: the budget must not rely on
    # its first alarm landing in ordinary code. Here the block swallows the first one itself.
    swallowed = []
    started = time.monotonic()
    with pytest.raises(OverBudget):
        with time_budget(0.05, again=0.05):
            while time.monotonic() - started < 5:
                try:
                    time.sleep(0.01)
                except OverBudget:
                    if swallowed:
                        raise
                    swallowed.append(time.monotonic() - started)
    assert len(swallowed) == 1
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # disarmed: no stray alarm later
    assert signal.getsignal(signal.SIGALRM) is not None and time.monotonic() - started < 5


def test_time_budget_leaves_the_previous_handler_and_no_timer():
    before = signal.getsignal(signal.SIGALRM)
    with time_budget(10, again=0.01):
        pass
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
