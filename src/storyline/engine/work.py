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
    nests too). A file with fewer '<' than the limit cannot exceed it and costs one count. The
    file is read in chunks: a streamed JSON file may be far larger than memory should hold."""
    try:
        if sum(chunk.count(b"<") for chunk in _chunks(path)) <= limit:
            return None
        depth = deepest = 0
        tail = b""
        for chunk in _chunks(path):
            data = tail + chunk
            cut = data.rfind(b"<")  # a tag cut by the chunk's end is scanned with the next chunk
            cut = cut if cut >= 0 and b">" not in data[cut:] and len(data) - cut < _SCAN_CHUNK else len(data)
            data, tail = data[:cut], data[cut:]
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
    except OSError:
        return None  # the reader says why, in its own words
    return None


_SCAN_CHUNK = 8 << 20


def _chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while chunk := fh.read(_SCAN_CHUNK):
            yield chunk


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
    """The whole file's result at once (a pool task's file; a streamed file's parts joined)."""
    parts = list(process_parts(pipeline, known, item))
    if len(parts) == 1:
        return parts[0]
    errors = [p.error for p in parts if p.error]
    return FileResult(item[1], [d for p in parts for d in p.docs], "; ".join(dict.fromkeys(errors)) or None)


def process_parts(pipeline: Pipeline, known: dict[str, str], item: tuple[Path, str]) -> Iterator[FileResult]:
    """The file's results as the pipeline reads them: one for most files, parts of a streamed
    JSON Lines file / JSON array (Pipeline.file_parts), each part read and then analysed under
    its own budget; errors carried to the last part (carry_errors)."""
    path, given = item
    budget = file_timeout()
    too_deep = nesting_refused(path)
    if too_deep:
        yield FileResult(given, [], too_deep)
        return

    def analysed() -> Iterator[FileResult]:
        for result in budgeted(pipeline.file_parts(path, given), given, budget):
            analyse_part(pipeline, known, result, budget)
            yield result

    yield from carry_errors(analysed())


def budgeted(parts: Iterator[FileResult], given: str, budget: float) -> Iterator[FileResult]:
    """The parts of one file, each read under the budget; a part over it, or a reader bug, ends
    the file with that error (the parts before it stay)."""
    while True:
        try:
            with time_budget(budget):
                result = next(parts, None)
        except OverBudget:
            result = FileResult(given, [], f"reading took too long (>{budget:g} s)")
        except Exception as exc:  # a reader bug must cost one file, never the batch
            result = FileResult(given, [], failure_reason("reading", exc))
        if result is None:
            return
        yield result
        if not result.more:
            return


def carry_errors(results: Iterator[FileResult]) -> Iterator[FileResult]:
    """An error of a streamed file's earlier part moves to its last part, so ingest counts and
    prints the file's failure once, as for any other file."""
    carried: list[str] = []
    for result in results:
        if result.error:
            carried.append(result.error)
        result.error = None if result.more else "; ".join(dict.fromkeys(carried)) or None
        if not result.more:
            carried = []
        yield result


def analyse_part(pipeline: Pipeline, known: dict[str, str], result: FileResult, budget: float | None = None) -> None:
    """Analyse the result's articles in place, each under the budget; an article known with the
    same content hash is marked unchanged and not analysed."""
    budget = file_timeout() if budget is None else budget
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
