"""Ingest: find files, run the per-article pipeline (optionally in a process pool), then link
and store in one writer, one transaction per batch.

Why one writer: SQLite allows one writer at a time, and cross-article linking (entities,
duplicates, events) must see every earlier article, so it is done sequentially in file order;
that also makes the result independent of the number of workers.

The per-article stages can run in this process, in a local process pool (`engine="local"`,
engine/local.py), or as Ray Data batches on a cluster (`engine="ray"`, engine/ray_engine.py);
every engine yields results in input order to the same writer, so the store and its exports do
not depend on it. Pass a `StageTimer` as `timer` to collect seconds per stage (bench/pipeline.py
does). With a local pool the writer works ahead while it waits for results (Linker.idle).

Robustness: each file's reading and each article's analysis run under a time budget
(engine/work.py). A store error during a batch (e.g. a full disk) rolls the batch back and is
raised as StoreError.

Test hooks (environment, read only here): `STORYLINE_TEST_PAUSE=flush` or `commit` (optionally
`:N` for the N-th batch, and `:S` for S seconds instead of 600) sleeps at that point inside the batch transaction, so crash tests can
SIGKILL the writer there (`link`: after the last batch, before the link queue of stories and
disputes is worked through); `STORYLINE_MAX_PAGES=N` caps a SQLite store at N pages to simulate a
full disk (PRAGMA max_page_count is per connection, so it must be set by the writer itself);
`STORYLINE_BATCH=N` sets the articles per transaction (default BATCH).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from storyline.clock import clock
from storyline.engine.local import local_results
from storyline.engine.work import merge_seconds
from storyline.gc_pacing import seldom_collected
from storyline.link.linker import Linker, MemoryCaps
from storyline.link.dedup import Deduper
from storyline.pipeline import FileResult, StageTimer
from storyline.store import Store, StoreError
from storyline.store.base import refuses_record
from storyline.store import writer

BATCH = 200  # articles per transaction: bounded memory, and a crash loses at most one batch


def batch_size() -> int:
    """BATCH, or `STORYLINE_BATCH` (crash tests use small batches to span several on few files)."""
    try:
        return max(1, int(os.environ.get("STORYLINE_BATCH", BATCH)))
    except ValueError:
        return BATCH


def _test_pause(point: str, batch: int) -> None:
    """Crash-test hook: sleep at a named point of the n-th batch (see the module docstring)."""
    wanted = os.environ.get("STORYLINE_TEST_PAUSE")
    if not wanted:
        return
    name, _, rest = wanted.partition(":")
    nth, _, seconds = rest.partition(":")
    if name == point and batch == int(nth or 1):
        print(f"storyline-test-pause: {point}:{batch}", file=sys.stderr, flush=True)
        time.sleep(float(seconds or 600))


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


SYMLINK_SKIPPED = "symbolic link skipped (--follow-symlinks reads it)"


def discover(paths: Iterable[str], follow_symlinks: bool = False) -> tuple[list[tuple[Path, str]], list[str]]:
    """Files under the given paths, in a stable order, and `path: reason` lines for bad paths.

    A symbolic link, given or met in a folder, is skipped with a reason unless `follow_symlinks`:
    `ln -s /etc/shadow corpus/x.md` must not turn a private file into a searchable article.
    Without following links nothing found can resolve outside the given roots. Anything but a
    regular file or a folder (a FIFO, a device, a socket) is skipped too: reading one can block
    forever or never end. Followed folder links are walked once each (a loop cannot trap it)."""
    files, errors = [], []
    for given in paths:
        p = Path(given)
        if p.is_symlink() and not follow_symlinks:
            errors.append(f"{given}: {SYMLINK_SKIPPED if p.exists() else 'broken symbolic link'}")
        elif p.is_file():
            files.append((p, given))
        elif p.is_dir():
            found: list[Path] = []
            _walk(p, follow_symlinks, found, errors, given, seen=set())
            for f in sorted(found):
                files.append((f, os.path.join(given, os.path.relpath(f, p))))
        elif p.is_symlink():
            errors.append(f"{given}: broken symbolic link")
        elif p.exists():
            errors.append(f"{given}: not a regular file")
        else:
            errors.append(f"{given}: no such file or directory")
    return files, errors


def _walk(folder: Path, follow: bool, found: list[Path], errors: list[str], given: str, seen: set) -> None:
    """Regular files under `folder` (hidden names skipped) into `found`; skipped entries as
    `path: reason` into `errors` (paths shown as given on the command line)."""
    try:
        st = folder.stat()
        if (st.st_dev, st.st_ino) in seen:  # a followed link back into a folder walked already
            return
        seen.add((st.st_dev, st.st_ino))
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        errors.append(f"{given}: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        shown = os.path.join(given, entry.name)
        try:
            link = entry.is_symlink()
            if link and not follow:
                errors.append(f"{shown}: {SYMLINK_SKIPPED}")
            elif entry.is_dir(follow_symlinks=follow):
                _walk(Path(entry.path), follow, found, errors, shown, seen)
            elif entry.is_file(follow_symlinks=follow):
                found.append(Path(entry.path))
            elif link and not os.path.exists(entry.path):
                errors.append(f"{shown}: broken symbolic link")
            else:
                errors.append(f"{shown}: not a regular file")
        except OSError as exc:  # a link loop (a -> b -> a), permissions
            errors.append(f"{shown}: {exc.strerror or exc}")


def _engine_results(
    engine: str, address: str | None, items: list[tuple[Path, str]], known: dict[str, str], workers: int,
    timer: StageTimer | None, idle: Callable[[], bool] | None = None,
) -> Iterator[FileResult]:
    if engine == "local":
        return local_results(items, known, workers, timer, idle)
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
    on_upgrade: Callable[[int, int], None] | None = None,
    follow_symlinks: bool = False,
    on_wait: Callable[[str], None] | None = None,
) -> Summary:
    """`caps`: how much linking state the writer keeps between batches (link.linker.MemoryCaps).
    After the last batch, the queued stories and disputes are linked (Linker.finish):
    `on_link_start(total)` then `on_link(n)` per chunk of n queued items (a progress bar's
    second phase). The collector runs seldom meanwhile (storyline.gc_pacing). A store written
    with an older MinHash scheme is re-signed first: `on_upgrade(done, total)` per chunk.
    Symbolic links are skipped unless `follow_symlinks` (discover). One ingest writes to a
    store at a time: another one waits for it (`on_wait(message)` once, Store.writer_lock)."""
    with store.writer_lock(on_wait):
        try:
            return _ingest(store, paths, workers, on_file, on_start, engine, address, timer, caps, on_link_start,
                           on_link, on_upgrade, follow_symlinks)
        except Exception as exc:  # a driver error anywhere (the work ahead while waiting for workers
            _raise_store_error(store, exc)  # too, Linker.idle): one StoreError line, not a traceback
            raise


def _ingest(store, paths, workers, on_file, on_start, engine, address, timer, caps, on_link_start, on_link,
            on_upgrade, follow_symlinks) -> Summary:
    summary = Summary()
    files, errors = discover(paths, follow_symlinks)
    for line in errors:
        summary.failed += 1
        summary.failures.append(line)
    if on_start:
        on_start(len(files))
    known = writer.known_hashes(store)
    deduper = Deduper()
    writer.upgrade_signatures(store, deduper, on_upgrade)
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
        to_index: list = []  # search spans written last (writer.index_docs)
        try:
            with store.transaction():
                for doc in pending:
                    _store_doc(store, doc, deduper, linker, summary, link_timer, to_index)
                _test_pause("flush", batches)
                t = clock()
                linker.flush()
                link_timer.add("link", t)
                writer.index_docs(store, to_index)
                _test_pause("commit", batches)
        except Exception as exc:
            _raise_store_error(store, exc)
            raise
        pending.clear()
        if timer is not None:  # the writer's time: linking, dedup, and the rest is SQL ("store")
            merge_seconds(timer, link_timer.seconds)
            timer.add("store", started)
            timer.seconds["store"] -= sum(link_timer.seconds.values())

    def idle() -> bool:  # the writer's work ahead while it waits for the workers
        started = clock()
        more = linker.idle()
        if timer is not None:
            timer.add("link", started)
        return more

    for result in _engine_results(engine, address, files, known, workers, timer, idle):
        if result.error:
            summary.failed += 1
            summary.failures.append(f"{result.given}: {result.error}")
        for doc in result.docs:
            summary.read += 1
            if doc.extras.get("unchanged"):
                summary.unchanged += 1
                continue
            pending.append(doc)
        if on_file and not result.more:  # once per file: a streamed file's earlier parts (pipeline.py) go on
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
        raise StoreError(f"{store.label}: {one_line(exc)}") from exc


def _store_doc(
    store: Store, doc, deduper: Deduper, linker, summary: Summary, timer: StageTimer | None = None,
    to_index: list | None = None,
) -> None:
    """Store one analysed doc inside the batch transaction. Its article row goes first, in a
    savepoint and before the linker sees the doc: if the store refuses that record (a value no
    index can hold, bad data), the record alone is rolled back and reported as failed, and
    the batch and every other file in it go on (store/base.py refuses_record). With `to_index`,
    its search spans are not written now but queued there for writer.index_docs."""
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
    analysis = doc.extras.get("analysis_error") and {"error": doc.extras["analysis_error"]}
    try:
        with store.savepoint():
            writer.upsert_article(store, article, analysis=None if article.duplicate_of else analysis)
    except Exception as exc:
        if not refuses_record(exc):
            raise
        summary.failed += 1
        summary.failures.append(f"{article.path}: cannot store this record: {one_line(exc)}")
        return
    if exists is not None:
        linker.forget(article.id)
        if to_index:  # an earlier version of it in this batch: only the last one is indexed
            to_index[:] = [x for x in to_index if x[0].article.id != article.id]
    if article.duplicate_of:
        if exists is not None:  # a stored article that is now a copy keeps no annotations
            writer.delete_annotations(store, article.id)
        summary.duplicate += 1
        writer.write_signature(store, article.id, sig)
        return
    if exists is None:
        summary.new += 1
    else:
        summary.updated += 1
    t = clock()
    linker.link(doc)
    timer.add("link", t)
    writer.write_signature(store, article.id, sig)
    # replaces an earlier version's; its search spans now, or queued for the batch's end
    writer.write_annotations(store, doc, replace=exists is not None, index=to_index is None)
    if to_index is not None:
        to_index.append((doc, exists is not None))


def one_line(exc: BaseException) -> str:
    """A driver's message on one line (psycopg adds DETAIL/HINT lines)."""
    return " ".join(str(exc).split()) or type(exc).__name__
