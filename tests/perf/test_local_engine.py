"""The local engine: while the next result is not ready the writer works ahead (`_PoolRun._wait`), and
pool workers run at a lower CPU priority than the writer (`worker_nice`)."""

from __future__ import annotations

import multiprocessing as mp
import os

from storyline.engine import local


class _Future:
    """A concurrent.futures.Future stand-in: done after `polls` calls of done()."""

    def __init__(self, value: list[int], polls: int) -> None:
        self.value, self.left, self.blocked = value, polls, 0

    def done(self) -> bool:
        if self.left > 0:
            self.left -= 1
            return False
        return True

    def result(self):
        if self.left > 0:
            self.blocked += 1  # result() before done(): the writer waited
        return self.value


def _pool(idle):
    pool = object.__new__(local._PoolRun)  # no processes: only the waiting logic is under test
    pool.idle = idle
    return pool


def test_the_writer_works_ahead_while_a_result_is_not_ready():
    calls = []

    def idle() -> bool:
        calls.append(1)
        return True

    future = _Future([1, 2], polls=2)
    assert _pool(idle)._wait(future) == [1, 2]
    assert len(calls) == 2  # two polls found it not done, the writer worked ahead each time
    assert future.blocked == 0  # never blocked: there was always work ahead


def test_the_writer_waits_once_there_is_nothing_to_do_ahead():
    calls = []

    def idle() -> bool:
        calls.append(1)
        return len(calls) < 2  # one unit of work, then nothing

    future = _Future([3], polls=5)
    assert _pool(idle)._wait(future) == [3]
    assert len(calls) == 2 and future.blocked == 1
    assert _pool(None)._wait(_Future([7, 8], polls=5)) == [7, 8]


def test_worker_nice_setting(monkeypatch):
    monkeypatch.delenv("STORYLINE_WORKER_NICE", raising=False)
    assert local.worker_nice() == local.DEFAULT_WORKER_NICE == 10
    for given, expected in (("0", 0), ("3", 3), ("-5", 0), (" 7 ", 7)):
        monkeypatch.setenv("STORYLINE_WORKER_NICE", given)
        assert local.worker_nice() == expected


def _niceness_after_init(queue) -> None:
    local._init_worker({})
    queue.put(os.nice(0))


def test_a_pool_worker_lowers_its_own_priority(monkeypatch):
    monkeypatch.setenv("STORYLINE_WORKER_NICE", "4")
    ctx = mp.get_context("fork")  # as the local engine starts its workers
    queue = ctx.Queue()
    child = ctx.Process(target=_niceness_after_init, args=(queue,))
    child.start()
    niceness = queue.get(timeout=120)
    child.join(30)
    assert niceness == min(19, os.nice(0) + 4)
    assert os.nice(0) != niceness  # the writer (this process) keeps its own
