"""The local engine: the per-article stages in a process pool on this machine.

Workers are forked at the start of an ingest (while the writer is still small), each loads one
Pipeline, and files go to them in windows; results come back in input order to the single
writer. While the next result is not ready the writer may work ahead (`idle`, Linker.idle), and
the workers run at a lower CPU priority than the writer (`worker_nice`).

A large JSON Lines file or JSON array is streamed (issue #29 item 12): with one worker its parts
come from process_parts as they are read; with a pool the writer reads and cleans it itself, a
part at a time as the pool has room (reading is a small share of the work), and hands each part's
articles to a worker to analyse, so memory stays bounded and batches commit from the first parts.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterator

from storyline.engine.work import (analyse_part, budgeted, carry_errors, file_timeout, merge_seconds, nesting_refused,
                                   process_one, process_parts, take_stage_seconds)
from storyline.gc_pacing import pace_this_process
from storyline.pipeline import FileResult, Pipeline, StageTimer, drop_tokens, read_parts, stream_records

WINDOW = 256  # files per slice handed to the process pool (at most two slices in flight)
CHUNK = 8  # files per pool task
DEFAULT_WORKER_NICE = 10


def worker_nice() -> int:
    """How much lower the pool workers' CPU priority is than the writer's (`STORYLINE_WORKER_NICE`,
    default 10; 0: the same). With two workers and the writer on two cores, equal shares left
    the writer, which every article goes through, a third of the machine; yielding to it, the
    workers still get every cycle it leaves, and it has idle moments to work ahead in
    (Linker.idle)."""
    value = os.environ.get("STORYLINE_WORKER_NICE", "").strip()
    return max(0, int(value)) if value else DEFAULT_WORKER_NICE


class _Worker:
    """Per-process state for the pool: the loaded pipeline and the known content hashes."""

    pipeline: Pipeline | None = None
    known: dict[str, str] = {}


def _init_worker(known: dict[str, str]) -> None:
    # Ctrl-C is the writer's to handle (it stops the pool): a worker printing its own
    # KeyboardInterrupt traceback only buries the one line that matters
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pace_this_process()  # a forked worker inherits the writer's pace, a spawned one does not
    os.nice(worker_nice())  # the single writer is the critical path: workers yield the CPU to it
    _Worker.pipeline = Pipeline()
    _Worker.known = known


def _process(item: tuple[Path, str]) -> tuple[FileResult, dict[str, float]]:
    if os.environ.get("STORYLINE_TEST_KILL") == item[0].name:  # test hook: this file kills its worker
        os.kill(os.getpid(), signal.SIGKILL)
    result = drop_tokens(process_one(_Worker.pipeline, _Worker.known, item))  # less to pickle
    return result, take_stage_seconds(_Worker.pipeline)


def _process_all(items: list[tuple[Path, str]]) -> list[tuple[FileResult, dict[str, float]]]:
    return [_process(item) for item in items]


def _run_task(task: tuple[str, object]) -> list[tuple[FileResult, dict[str, float]]]:
    """A pool task: ("files", [(path, given), ...]) read and analysed, or ("part", FileResult)
    the articles of a streamed file's part, read and cleaned by the writer, analysed here."""
    kind, payload = task
    if kind == "files":
        return _process_all(payload)  # type: ignore[arg-type]
    analyse_part(_Worker.pipeline, _Worker.known, payload)  # type: ignore[arg-type]
    return [(drop_tokens(payload), take_stage_seconds(_Worker.pipeline))]  # type: ignore[arg-type]


def _tasks(items: list[tuple[Path, str]], timer: StageTimer | None) -> Iterator[tuple[str, object]]:
    """Pool tasks in input order: CHUNK files at a time; a streamed file's parts one by one, read
    by the writer only when the pool has room for them (the caller pulls lazily)."""
    group: list[tuple[Path, str]] = []
    for item in items:
        parts = _writer_parts(item, timer)
        if parts is None:
            group.append(item)
            if len(group) == CHUNK:
                yield "files", group
                group = []
            continue
        if group:
            yield "files", group
            group = []
        for part in parts:
            yield "part", part
    if group:
        yield "files", group


def _writer_parts(item: tuple[Path, str], timer: StageTimer | None) -> Iterator[FileResult] | None:
    path, given = item
    records = stream_records(path, given)
    if records is None:
        return None
    too_deep = nesting_refused(path)
    if too_deep:
        return iter([FileResult(given, [], too_deep)])
    return budgeted(read_parts(records, given, timer or StageTimer()), given, file_timeout())


def local_results(
    items: list[tuple[Path, str]], known: dict[str, str], workers: int, timer: StageTimer | None = None,
    idle: Callable[[], bool] | None = None,
) -> Iterator[FileResult]:
    """Each file's result, in input order. With a pool, `idle()` (the writer's work ahead,
    Linker.idle) is called whenever the next result is not ready yet; once it returns False
    (nothing to do ahead now), that result is simply waited for. A worker that dies (SIGKILL,
    the OOM killer) costs the file it was working on, reported as that file's error; the pool
    is rebuilt and every other file is still read (_PoolRun)."""
    if workers <= 1 or len(items) < 4:
        pipeline = Pipeline()
        for item in items:
            for result in process_parts(pipeline, known, item):  # a streamed file in parts
                merge_seconds(timer, take_stage_seconds(pipeline))
                yield result
        return
    run = _PoolRun(workers, known, idle)
    try:
        yield from carry_errors(_merged(run.results(_tasks(items, timer)), timer))
    finally:
        run.close()


def _merged(results: Iterator[tuple[FileResult, dict[str, float]]], timer: StageTimer | None) -> Iterator[FileResult]:
    for result, seconds in results:
        merge_seconds(timer, seconds)
        yield result


class _PoolRun:
    """Files through a process pool in windows, results in input order, surviving dead workers.

    multiprocessing.Pool replaces a killed worker but never fails its task, so `ingest
    --workers N` waited forever; concurrent.futures notices the death (BrokenProcessPool) and
    fails every unfinished task. Those are resubmitted to a new pool. Work is handed out in
    submission order and at most workers + 1 tasks are with the workers at any time, so the dead
    worker's file is among the first workers + 1 unfinished tasks: their files are run again one
    at a time, alone in the pool, which names the file that kills its worker (it is reported
    failed and skipped) and clears the others; the rest go back to the pool as usual."""

    MAX_RESTARTS = 50  # a pool that cannot even start (every worker dies) must not loop forever

    def __init__(self, workers: int, known: dict[str, str], idle: Callable[[], bool] | None) -> None:
        self.workers, self.known, self.idle = workers, known, idle
        self.restarts = 0
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=mp.get_context("fork"), initializer=_init_worker,
                                   initargs=(self.known,))

    def _restart(self) -> None:
        self.restarts += 1
        if self.restarts > self.MAX_RESTARTS:
            raise RuntimeError(f"worker processes died {self.restarts} times; giving up")
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new_pool()

    def close(self) -> None:
        """Stop the pool. When the run is abandoned (Ctrl-C, a store error), the workers are
        stopped at once rather than left to finish files nobody will read (the executor has no
        public way to do it before Python 3.14, hence `_processes`)."""
        for process in list((getattr(self.pool, "_processes", None) or {}).values()):
            if process.is_alive():
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)

    def results(self, tasks: Iterator[tuple[str, object]]) -> Iterator[tuple[FileResult, dict[str, float]]]:
        # At most `limit` tasks in flight, so when the writer is the slower side analysed articles
        # do not pile up in memory (and a streamed file is read only as far as the pool has room
        # for); tasks of CHUNK files or of one streamed part (less pickling). The tasks are pulled
        # lazily from `tasks`, in input order.
        limit = 2 * max(WINDOW, self.workers * 16) // CHUNK
        in_flight: deque = deque()  # (task, future), in input order
        while True:
            while len(in_flight) < limit:
                task = next(tasks, None)
                if task is None:
                    break
                in_flight.append((task, self.pool.submit(_run_task, task)))
            if not in_flight:
                return
            task, future = in_flight.popleft()
            try:
                done = self._wait(future)
            except BrokenProcessPool:
                in_flight.appendleft((task, future))
                yield from self._recover(in_flight)
                continue
            yield from done

    def _wait(self, future):
        if self.idle is not None:
            while not future.done() and self.idle():
                pass
        return future.result()

    def _recover(self, in_flight: deque) -> Iterator[tuple[FileResult, dict[str, float]]]:
        """A worker died. In order: finished tasks are kept, the first workers + 1 unfinished
        ones (the dead worker's is among them) run file by file (or part by part) alone, and the
        tasks after the first other unfinished one go back in flight, resubmitted to the new pool."""
        entries = list(in_flight)
        in_flight.clear()
        self._restart()  # waits for the old pool: every one of its futures is settled now
        suspects = self.workers + 1
        i = 0
        while i < len(entries):
            task, future = entries[i]
            if _failed(future):
                if suspects == 0:
                    break
                suspects -= 1
                yield from self._alone(task)
            else:
                yield from future.result()
            i += 1
        for task, future in entries[i:]:
            in_flight.append((task, self.pool.submit(_run_task, task) if _failed(future) else future))

    def _alone(self, task: tuple[str, object]) -> Iterator[tuple[FileResult, dict[str, float]]]:
        """Each file (or the part) alone in the pool: if its worker dies, that file is the one."""
        kind, payload = task
        singles = [("files", [item]) for item in payload] if kind == "files" else [task]  # type: ignore[union-attr]
        for single in singles:
            try:
                yield from self.pool.submit(_run_task, single).result()
            except BrokenProcessPool:
                self._restart()
                part = single[1] if kind == "part" else None
                given = part.given if part is not None else single[1][0][1]  # type: ignore[index]
                yield FileResult(given, [], WORKER_DIED, more=bool(part and part.more)), {}


def _failed(future) -> bool:
    return future.cancelled() or future.exception() is not None


WORKER_DIED = "worker process died while reading or analysing this file (killed, e.g. out of memory)"
