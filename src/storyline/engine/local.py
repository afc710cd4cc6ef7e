"""The local engine: the per-article stages in a process pool on this machine.

Workers are forked at the start of an ingest (while the writer is still small), each loads one
Pipeline, and files go to them in windows; results come back in input order to the single
writer. While the next result is not ready the writer may work ahead (`idle`, Linker.idle), and
the workers run at a lower CPU priority than the writer (`worker_nice`).
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from pathlib import Path
from typing import Callable, Iterator

from storyline.engine.work import merge_seconds, process_one, take_stage_seconds
from storyline.gc_pacing import pace_this_process
from storyline.pipeline import FileResult, Pipeline, StageTimer, drop_tokens

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
    pace_this_process()  # a forked worker inherits the writer's pace, a spawned one does not
    os.nice(worker_nice())  # the single writer is the critical path: workers yield the CPU to it
    _Worker.pipeline = Pipeline()
    _Worker.known = known


def _process(item: tuple[Path, str]) -> tuple[FileResult, dict[str, float]]:
    result = drop_tokens(process_one(_Worker.pipeline, _Worker.known, item))  # less to pickle
    return result, take_stage_seconds(_Worker.pipeline)


def _process_all(items: list[tuple[Path, str]]) -> list[tuple[FileResult, dict[str, float]]]:
    return [_process(item) for item in items]


def local_results(
    items: list[tuple[Path, str]], known: dict[str, str], workers: int, timer: StageTimer | None = None,
    idle: Callable[[], bool] | None = None,
) -> Iterator[FileResult]:
    """Each file's result, in input order. With a pool, `idle()` (the writer's work ahead,
    Linker.idle) is called whenever the next result is not ready yet; once it returns False
    (nothing to do ahead now), that result is simply waited for."""
    if workers <= 1 or len(items) < 4:
        pipeline = Pipeline()
        for item in items:
            result = process_one(pipeline, known, item)
            merge_seconds(timer, take_stage_seconds(pipeline))
            yield result
        return
    ctx = mp.get_context("fork")
    # Pool.imap alone would read ahead without limit: when the single writer is the slower side,
    # every analysed article would wait in memory. Windows of WINDOW files, at most two in flight
    # (the next one is submitted before the current one is consumed, so workers never idle).
    window = max(WINDOW, workers * 16)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(known,)) as pool:
        in_flight: deque = deque()
        for i in range(0, len(items), window):
            part = items[i:i + window]
            # tasks of CHUNK files, as imap(chunksize=CHUNK) would send, but its own iterator:
            # imap with a chunksize returns a generator, which cannot be polled (_drain)
            in_flight.append(pool.imap(_process_all, [part[j:j + CHUNK] for j in range(0, len(part), CHUNK)]))
            if len(in_flight) < 2:
                continue
            for result, seconds in _drain(in_flight.popleft(), idle):
                merge_seconds(timer, seconds)
                yield result
        while in_flight:
            for result, seconds in _drain(in_flight.popleft(), idle):
                merge_seconds(timer, seconds)
                yield result


def _drain(results, idle: Callable[[], bool] | None) -> Iterator:
    """The items of each task's list, in order (`results`: a pool's IMapIterator), calling
    `idle()` while the next list is not ready; when it has nothing to do (False), simply waits."""
    while True:
        try:
            done = results.next(timeout=0) if idle else next(results)
        except mp.TimeoutError:
            if idle():
                continue
            try:
                done = next(results)
            except StopIteration:
                return
        except StopIteration:
            return
        yield from done
