"""Ingest: find files, run the per-article pipeline (optionally in a process pool), then link
and store in one writer, one transaction per batch.

Why one writer: SQLite allows one writer at a time, and cross-article linking (entities,
duplicates, events) must see every earlier article, so it is done sequentially in file order;
that also makes the result independent of the number of workers.

The per-article stages can run in this process, in a local process pool (`engine="local"`), or
as Ray Data batches on a cluster (`engine="ray"`, see storyline.engine); every engine yields
results in input order to the same writer, so the store and its exports do not depend on it.
Pass a `StageTimer` as `timer` to collect seconds per stage (bench/pipeline.py does).

Robustness: each file's reading and each article's analysis run under a time budget
(`STORYLINE_FILE_TIMEOUT` seconds, default 30; 0 disables it), enforced with SIGALRM in whichever
process runs the stage when that is the main thread (pool workers, the CLI; not the API's upload
thread). An article over budget costs that article, reported as `path: analysis took too long`.
The alarm fires between Python bytecodes, so a stall inside one C call is only caught after it.
A store error during a batch (e.g. a full disk) rolls the batch back and is raised as StoreError.

Test hooks (environment, read only here): `STORYLINE_TEST_PAUSE=flush` or `commit` (optionally
`:N` for the N-th batch) sleeps at that point inside the batch transaction, so crash tests can
SIGKILL the writer there (`link`: after the last batch, before the link queue of stories and
disputes is worked through); `STORYLINE_MAX_PAGES=N` caps a SQLite store at N pages to simulate a
full disk (PRAGMA max_page_count is per connection, so it must be set by the writer itself);
`STORYLINE_BATCH=N` sets the articles per transaction (default BATCH).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from storyline.clock import clock
from storyline.gc_pacing import pace_this_process, seldom_collected
from storyline.link.linker import Linker, MemoryCaps
from storyline.link.dedup import Deduper
from storyline.pipeline import FileResult, Pipeline, StageTimer, drop_tokens
from storyline.store import Store, StoreError
from storyline.store import writer

BATCH = 200  # articles per transaction: bounded memory, and a crash loses at most one batch
WINDOW = 256  # files per slice handed to the process pool (at most two slices in flight)
DEFAULT_FILE_TIMEOUT = 30.0


def batch_size() -> int:
    """BATCH, or `STORYLINE_BATCH` (crash tests use small batches to span several on few files)."""
    try:
        return max(1, int(os.environ.get("STORYLINE_BATCH", BATCH)))
    except ValueError:
        return BATCH


class OverBudget(Exception):
    """Raised by the SIGALRM handler when one file or article exceeds its time budget."""


def file_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("STORYLINE_FILE_TIMEOUT", DEFAULT_FILE_TIMEOUT)))
    except ValueError:
        return DEFAULT_FILE_TIMEOUT


@contextmanager
def time_budget(seconds: float, again: float = 1.0) -> Iterator[None]:
    """Raise OverBudget in the block after `seconds`, and every `again` seconds after that until
    the block ends; a no-op off the main thread or if `seconds` is 0.

    The repeat is there because Python drops an exception raised while it runs a garbage
    collector callback or a `__del__` (it only prints "Exception ignored"): CI lost the one alarm
    that way (a test library had a gc callback installed) and the 30 s budget became 408 s."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, again)
    try:
        yield
    finally:
        _disarm(previous)


def _disarm(previous) -> None:
    """Stop the repeating timer and restore the old handler, even if one last alarm is handled
    while doing so (it raises OverBudget here: try again; the block's own exception, if any,
    goes on propagating after the caller's `finally`)."""
    while True:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            return
        except OverBudget:
            continue


def _test_pause(point: str, batch: int) -> None:
    """Crash-test hook: sleep at a named point of the n-th batch (see the module docstring)."""
    wanted = os.environ.get("STORYLINE_TEST_PAUSE")
    if not wanted:
        return
    name, _, nth = wanted.partition(":")
    if name == point and batch == int(nth or 1):
        print(f"storyline-test-pause: {point}:{batch}", file=sys.stderr, flush=True)
        time.sleep(600)


@dataclass
class Summary:
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"read {self.read}, new {self.new}, updated {self.updated}, unchanged {self.unchanged}, "
            f"duplicate {self.duplicate}, failed {self.failed}"
        )


def discover(paths: Iterable[str]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Files under the given paths, in a stable order, and `path: reason` lines for bad paths."""
    files, errors = [], []
    for given in paths:
        p = Path(given)
        if p.is_file():
            files.append((p, given))
        elif p.is_dir():
            found = []
            # followlinks=False: a symlink loop cannot trap the walk
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    found.append(Path(root) / name)
            for f in sorted(found):
                rel = os.path.join(given, os.path.relpath(f, p))
                files.append((f, rel))
        elif p.is_symlink():
            errors.append(f"{given}: broken symbolic link")
        else:
            errors.append(f"{given}: no such file or directory")
    return files, errors


class _Worker:
    """Per-process state for the pool: the loaded pipeline and the known content hashes."""

    pipeline: Pipeline | None = None
    known: dict[str, str] = {}


def _init_worker(known: dict[str, str]) -> None:
    pace_this_process()  # a forked worker inherits the writer's pace, a spawned one does not
    _Worker.pipeline = Pipeline()
    _Worker.known = known


def _process(item: tuple[Path, str]) -> tuple[FileResult, dict[str, float]]:
    result = drop_tokens(process_one(_Worker.pipeline, _Worker.known, item))  # less to pickle
    return result, take_stage_seconds(_Worker.pipeline)


def take_stage_seconds(pipeline: Pipeline) -> dict[str, float]:
    """The stage seconds a worker's pipeline accumulated since the last call (then reset)."""
    seconds = pipeline.timer.seconds
    pipeline.timer = StageTimer()
    return seconds


def merge_seconds(timer: StageTimer | None, seconds: dict[str, float]) -> None:
    if timer is not None:
        for stage, value in seconds.items():
            timer.seconds[stage] = timer.seconds.get(stage, 0.0) + value


def process_one(pipeline: Pipeline, known: dict[str, str], item: tuple[Path, str]) -> FileResult:
    path, given = item
    budget = file_timeout()
    try:
        with time_budget(budget):
            result = pipeline.process_file(path, given)
    except OverBudget:
        return FileResult(given, [], f"reading took too long (>{budget:g} s)")
    except Exception as exc:  # a reader bug must cost one file, never the batch
        return FileResult(given, [], f"internal error while reading: {type(exc).__name__}: {exc}")
    kept = []
    for doc in result.docs:
        kept.append(doc)
        if known.get(doc.article.source_key) == doc.article.content_hash:
            doc.extras["unchanged"] = True
            continue
        try:
            with time_budget(budget):
                pipeline.analyse(doc)
        except OverBudget:  # a pathological article costs itself, not its file's other records
            kept.pop()
            result.error = f"analysis took too long (>{budget:g} s)"
        except Exception as exc:
            doc.extras["analysis_error"] = f"{type(exc).__name__}: {exc}"
    result.docs = kept
    return result


def _results(
    items: list[tuple[Path, str]], known: dict[str, str], workers: int, timer: StageTimer | None = None
) -> Iterator[FileResult]:
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
            in_flight.append(pool.imap(_process, items[i:i + window], chunksize=8))
            if len(in_flight) < 2:
                continue
            for result, seconds in in_flight.popleft():
                merge_seconds(timer, seconds)
                yield result
        while in_flight:
            for result, seconds in in_flight.popleft():
                merge_seconds(timer, seconds)
                yield result


def _engine_results(
    engine: str, address: str | None, items: list[tuple[Path, str]], known: dict[str, str], workers: int,
    timer: StageTimer | None,
) -> Iterator[FileResult]:
    if engine == "local":
        return _results(items, known, workers, timer)
    if engine == "ray":
        from storyline.engine.ray_engine import ray_results

        return ray_results(items, known, workers=workers, address=address, timer=timer)
    raise ValueError(f"unknown engine {engine!r}; choose local or ray")


@seldom_collected()  # a context manager as decorator: a fresh one per call
def ingest(
    store: Store,
    paths: Iterable[str],
    workers: int = 1,
    on_file: Callable[[FileResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    engine: str = "local",
    address: str | None = None,
    timer: StageTimer | None = None,
    caps: MemoryCaps | None = None,
    on_link_start: Callable[[int], None] | None = None,
    on_link: Callable[[int], None] | None = None,
) -> Summary:
    """`caps`: how much linking state the writer keeps between batches (link.linker.MemoryCaps).
    After the last batch, the queued stories and disputes are linked (Linker.finish):
    `on_link_start(total)` then `on_link(n)` per chunk of n queued items (a progress bar's
    second phase). The collector runs seldom meanwhile (storyline.gc_pacing)."""
    summary = Summary()
    files, errors = discover(paths)
    for line in errors:
        summary.failed += 1
        summary.failures.append(line)
    if on_start:
        on_start(len(files))
    known = writer.known_hashes(store)
    deduper = Deduper()
    if store.dialect == "sqlite" and os.environ.get("STORYLINE_MAX_PAGES"):
        store.execute(f"PRAGMA max_page_count = {int(os.environ['STORYLINE_MAX_PAGES'])}")
    linker = Linker(store, caps)
    pending: list = []
    batches = 0

    def flush() -> None:
        nonlocal batches
        batches += 1
        started = clock()
        link_timer = StageTimer()
        try:
            with store.transaction():
                for doc in pending:
                    _store_doc(store, doc, deduper, linker, summary, link_timer)
                _test_pause("flush", batches)
                t = clock()
                linker.flush()
                link_timer.add("link", t)
                _test_pause("commit", batches)
        except Exception as exc:
            _raise_store_error(store, exc)
            raise
        pending.clear()
        if timer is not None:  # the writer's time: linking, dedup, and the rest is SQL ("store")
            merge_seconds(timer, link_timer.seconds)
            timer.add("store", started)
            timer.seconds["store"] -= sum(link_timer.seconds.values())

    for result in _engine_results(engine, address, files, known, workers, timer):
        if result.error:
            summary.failed += 1
            summary.failures.append(f"{result.given}: {result.error}")
        for doc in result.docs:
            summary.read += 1
            if doc.extras.get("unchanged"):
                summary.unchanged += 1
                continue
            pending.append(doc)
        if on_file:
            on_file(result)
        if len(pending) >= batch_size():
            flush()
    if pending:
        flush()
    _test_pause("link", 1)  # every batch committed, the link queue not yet worked through
    started = clock()
    if on_link_start:
        on_link_start(linker.pending())
    try:
        linker.finish(on_link)
    except Exception as exc:
        _raise_store_error(store, exc)
        raise
    if timer is not None:
        timer.add("link", started)
    return summary


def _raise_store_error(store: Store, exc: Exception) -> None:
    """Driver errors (disk full, database locked) are raised as a StoreError naming the store."""
    if type(exc).__module__.split(".")[0] in ("sqlite3", "psycopg"):
        raise StoreError(f"{store.target}: {exc}") from exc


def _store_doc(
    store: Store, doc, deduper: Deduper, linker, summary: Summary, timer: StageTimer | None = None
) -> None:
    timer = timer or StageTimer()
    article = doc.article
    exists = store.scalar("SELECT content_hash FROM articles WHERE id = ?", (article.id,))
    if exists == article.content_hash:  # the same file twice in one run
        summary.unchanged += 1
        return
    t = clock()
    sig = doc.extras.pop("signature", None) or deduper.signature(article.paragraphs)  # worker-made
    article.duplicate_of = writer.find_duplicate(store, article, sig)
    timer.add("dedup", t)
    if exists is not None:
        linker.forget(article.id)
    if article.duplicate_of:
        if exists is not None:  # a stored article that is now a copy keeps no annotations
            writer.delete_annotations(store, article.id)
        summary.duplicate += 1
        writer.upsert_article(store, article)
        writer.write_signature(store, article.id, sig)
        return
    if exists is None:
        summary.new += 1
    else:
        summary.updated += 1
    t = clock()
    linker.link(doc)
    timer.add("link", t)
    writer.upsert_article(store, article, analysis=doc.extras.get("analysis_error") and {"error": doc.extras["analysis_error"]})
    writer.write_signature(store, article.id, sig)
    writer.write_annotations(store, doc, replace=exists is not None)  # replaces an earlier version's
