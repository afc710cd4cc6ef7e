"""Ingest: find files, run the per-article pipeline (optionally in a process pool), then link
and store in one writer, one transaction per batch.

Why one writer: SQLite allows one writer at a time, and cross-article linking (entities,
duplicates, events) must see every earlier article, so it is done sequentially in file order;
that also makes the result independent of the number of workers.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from storyline.link.linker import Linker
from storyline.link.dedup import Deduper
from storyline.pipeline import FileResult, Pipeline
from storyline.store import Store
from storyline.store import writer

BATCH = 200  # articles per transaction: bounded memory, and a crash loses at most one batch


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
    _Worker.pipeline = Pipeline()
    _Worker.known = known


def _process(item: tuple[Path, str]) -> FileResult:
    return process_one(_Worker.pipeline, _Worker.known, item)


def process_one(pipeline: Pipeline, known: dict[str, str], item: tuple[Path, str]) -> FileResult:
    path, given = item
    try:
        result = pipeline.process_file(path, given)
    except Exception as exc:  # a reader bug must cost one file, never the batch
        return FileResult(given, [], f"internal error while reading: {type(exc).__name__}: {exc}")
    for doc in result.docs:
        if known.get(doc.article.source_key) == doc.article.content_hash:
            doc.extras["unchanged"] = True
            continue
        try:
            pipeline.analyse(doc)
        except Exception as exc:
            doc.extras["analysis_error"] = f"{type(exc).__name__}: {exc}"
    return result


def _results(items: list[tuple[Path, str]], known: dict[str, str], workers: int) -> Iterator[FileResult]:
    if workers <= 1 or len(items) < 4:
        pipeline = Pipeline()
        for item in items:
            yield process_one(pipeline, known, item)
        return
    ctx = mp.get_context("fork")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(known,)) as pool:
        yield from pool.imap(_process, items, chunksize=8)


def ingest(
    store: Store,
    paths: Iterable[str],
    workers: int = 1,
    on_file: Callable[[FileResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Summary:
    summary = Summary()
    files, errors = discover(paths)
    for line in errors:
        summary.failed += 1
        summary.failures.append(line)
    if on_start:
        on_start(len(files))
    known = writer.known_hashes(store)
    deduper = Deduper()
    linker = Linker(store)
    pending: list = []

    def flush() -> None:
        with store.transaction():
            for doc in pending:
                _store_doc(store, doc, deduper, linker, summary)
            linker.flush()
        pending.clear()

    for result in _results(files, known, workers):
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
        if len(pending) >= BATCH:
            flush()
    if pending:
        flush()
    return summary


def _store_doc(store: Store, doc, deduper: Deduper, linker, summary: Summary) -> None:
    article = doc.article
    exists = store.scalar("SELECT content_hash FROM articles WHERE id = ?", (article.id,))
    if exists == article.content_hash:  # the same file twice in one run
        summary.unchanged += 1
        return
    sig = deduper.signature(article.paragraphs)
    article.duplicate_of = writer.find_duplicate(store, article, sig)
    if exists is not None:
        linker.forget(article.id)
    writer.delete_annotations(store, article.id)
    if article.duplicate_of:
        summary.duplicate += 1
        writer.upsert_article(store, article)
        writer.write_signature(store, article.id, sig)
        return
    if exists is None:
        summary.new += 1
    else:
        summary.updated += 1
    linker.link(doc)
    writer.upsert_article(store, article, analysis=doc.extras.get("analysis_error") and {"error": doc.extras["analysis_error"]})
    writer.write_signature(store, article.id, sig)
    writer.write_annotations(store, doc)
