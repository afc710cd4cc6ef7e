"""Ingest runs with the collector paced (storyline.gc_pacing) and gives its host back the pace
it had, also when the ingest fails; pool workers run at the same pace."""

from __future__ import annotations

import gc

import pytest

from storyline.engine import local as local_engine
from storyline.gc_pacing import THRESHOLDS, seldom_collected
from storyline.ingest import ingest
from storyline.store import open_store

ARTICLE = "标题：测试新闻\n日期：2022-02-08\n\n外交部发言人8日表示，双方将继续保持沟通。\n"


@pytest.fixture
def host_pace():
    old = gc.get_threshold()
    gc.set_threshold(321, 7, 5)  # an unusual pace, to tell it from both defaults
    yield (321, 7, 5)
    gc.set_threshold(*old)


def test_ingest_paces_the_collector_and_restores_the_hosts_pace(tmp_path, host_pace):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    seen = []
    summary = ingest(open_store(str(tmp_path / "s.db")), [str(tmp_path / "a.txt")],
                     on_file=lambda result: seen.append(gc.get_threshold()))
    assert summary.new == 1
    assert seen == [THRESHOLDS]
    assert gc.get_threshold() == host_pace


def test_the_pace_is_restored_when_the_block_raises(host_pace):
    with pytest.raises(RuntimeError):
        with seldom_collected():
            assert gc.get_threshold() == THRESHOLDS
            raise RuntimeError("store error")
    assert gc.get_threshold() == host_pace


def test_a_pool_worker_paces_its_own_process(host_pace, monkeypatch):
    monkeypatch.setenv("STORYLINE_WORKER_NICE", "0")  # this is the test process: leave its priority
    local_engine._init_worker({})
    assert gc.get_threshold() == THRESHOLDS
