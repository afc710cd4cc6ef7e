"""The local engine: results are taken in order while the writer works ahead (`_drain`), and
pool workers run at a lower CPU priority than the writer (`worker_nice`)."""

from __future__ import annotations

import multiprocessing as mp
import os

from storyline.engine import local


class _Results:
    """A pool's IMapIterator stand-in: each task's list becomes ready after `polls` polls."""

    def __init__(self, tasks: list[list[int]], polls: int) -> None:
        self.tasks, self.polls, self.waited = list(tasks), polls, 0
        self.left = polls

    def next(self, timeout=None):
        if not self.tasks:
            raise StopIteration
        if timeout is not None and self.left > 0:
            self.left -= 1
            raise mp.TimeoutError
        if timeout is None:
            self.waited += 1
        self.left = self.polls
        return self.tasks.pop(0)

    def __next__(self):
        return self.next()


def test_drain_works_ahead_while_results_are_not_ready_and_keeps_their_order():
    calls = []

    def idle() -> bool:
        calls.append(1)
        return True

    results = _Results([[1, 2], [3], [4, 5]], polls=2)
    assert list(local._drain(results, idle)) == [1, 2, 3, 4, 5]
    assert len(calls) == 6  # two polls found nothing before each of the three tasks
    assert results.waited == 0  # never blocked: there was always work ahead


def test_drain_waits_once_there_is_nothing_to_do_ahead():
    calls = []

    def idle() -> bool:
        calls.append(1)
        return len(calls) < 2  # one unit of work, then nothing

    results = _Results([[1], [2], [3]], polls=3)
    assert list(local._drain(results, idle)) == [1, 2, 3]
    assert results.waited == 3  # each task: polled, then waited for once idle had nothing
    assert list(local._drain(_Results([[7, 8]], polls=5), None)) == [7, 8]


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
