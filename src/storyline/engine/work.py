"""One file's work, wherever it runs: read it, then analyse each of its articles, each step
under a time budget (`STORYLINE_FILE_TIMEOUT` seconds, default 30; 0 disables it).

The budget is enforced with SIGALRM in whichever process runs the step when that is the main
thread (pool workers, Ray actors, the CLI; not the API's upload thread). An article over budget
costs that article, reported as `path: analysis took too long`. The alarm fires between Python
bytecodes, so a stall inside one C call is only caught after it. Shared by every engine
(engine/local.py, engine/ray_engine.py) and by ingest's in-process path.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from storyline.pipeline import FileResult, Pipeline, StageTimer
from storyline.store.storable import article_key

DEFAULT_FILE_TIMEOUT = 30.0


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


def take_stage_seconds(pipeline: Pipeline) -> dict[str, float]:
    """The stage seconds a worker's pipeline accumulated since the last call (then reset)."""
    seconds = pipeline.timer.seconds
    pipeline.timer = StageTimer()
    return seconds


def merge_seconds(timer: StageTimer | None, seconds: dict[str, float]) -> None:
    if timer is not None:
        for stage, value in seconds.items():
            timer.seconds[stage] = timer.seconds.get(stage, 0.0) + value


def failure_reason(stage: str, exc: Exception) -> str:
    """One line saying why a file or an article failed. Input the code cannot take is said to
    be the input's fault, not "internal error": nesting deeper than Python's recursion limit
    (JSON, HTML), text no UTF-8 encoder accepts (a lone surrogate from a `\\ud800` escape)."""
    if isinstance(exc, RecursionError):
        return f"{stage}: structure nested too deeply"
    if isinstance(exc, UnicodeError):
        reason = getattr(exc, "reason", "") or str(exc)
        return f"{stage}: text that cannot be encoded ({reason}; e.g. a lone surrogate escape in JSON)"
    message = " ".join(str(exc).split())
    return f"internal error while {stage}: {type(exc).__name__}: {message}"[:500]


def process_one(pipeline: Pipeline, known: dict[str, str], item: tuple[Path, str]) -> FileResult:
    path, given = item
    budget = file_timeout()
    try:
        with time_budget(budget):
            result = pipeline.process_file(path, given)
    except OverBudget:
        return FileResult(given, [], f"reading took too long (>{budget:g} s)")
    except Exception as exc:  # a reader bug must cost one file, never the batch
        return FileResult(given, [], failure_reason("reading", exc))
    kept = []
    for doc in result.docs:
        kept.append(doc)
        if known.get(article_key(doc.article.source_key)) == doc.article.content_hash:  # as stored
            doc.extras["unchanged"] = True
            continue
        try:
            with time_budget(budget):
                pipeline.analyse(doc)
        except OverBudget:  # a pathological article costs itself, not its file's other records
            kept.pop()
            result.error = f"analysis took too long (>{budget:g} s)"
        except Exception as exc:
            doc.extras["analysis_error"] = failure_reason("analysis", exc)
    result.docs = kept
    return result
