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
import re
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


MAX_NESTING = 10_000  # element levels; real pages stay under a few hundred
# an opening or closing tag: name, then anything up to '>' (one negated class: linear)
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9]{0,15})[^<>]*>")
# elements that never hold others (void) or that the parser closes by itself when the next opens
_FLAT = frozenset(b"area base br col embed hr img input link meta param source track wbr "
                  b"p li dt dd tr td th option".split())


def nesting_refused(path: Path, limit: int = MAX_NESTING) -> str | None:
    """Why a file is not parsed at all, or None. The HTML parser's time grows much faster than
    the nesting depth (200,000 levels took 145 s) inside one C call, which the SIGALRM budget
    cannot interrupt, and an upload runs with no alarm at all; so the depth is measured first
    by one linear scan of the bytes (whatever the format: HTML inside Markdown or a JSON field
    nests too). A file with fewer '<' than the limit cannot exceed it and costs one count."""
    try:
        data = path.read_bytes()
    except OSError:
        return None  # the reader says why, in its own words
    if data.count(b"<") <= limit:
        return None
    depth = deepest = 0
    for m in _TAG.finditer(data):
        if m.group(2).lower() in _FLAT or m.group(0).endswith(b"/>"):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return f"markup nested too deeply (over {limit:,} levels): not parsed"
    return None


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
    too_deep = nesting_refused(path)
    if too_deep:
        return FileResult(given, [], too_deep)
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
