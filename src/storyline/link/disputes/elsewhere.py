"""The queued articles' dispute statements built in a second process during the writer's tail.

After the last batch the writer works alone (Linker.finish): it re-merges events, links stories,
then links disputes, whose first step is building the statements of every queued article not
cached yet (`build_ahead` caches only what the writer's idle moments allowed). The workers have
exited by then, so one core idles. `start` hands the uncached queued articles to a helper
process (spawned: a fork would count the writer's pages twice in every RSS figure) that builds
their claims and counters from the committed store with its own read-only connection, while the
writer re-merges and links stories; `take` then caches them, as `build_ahead` would have.

Why the statements are what a build after the re-merge would give: between the last batch and
the dispute linking, the writer changes nothing a statement is built from (quotes, event
mentions, mentions, entity records, articles) except the merged event of re-merged event
mentions; an event statement's id is that event, so `take` gives each statement of a renamed
mention its new event, as StatementCache.rename_events does for cached rows. The helper may
read some rows before a re-merge commit and some after: a renamed id is set either way.

Hand-written: a process pool of one, from the standard library.
"""

from __future__ import annotations

import dataclasses
import multiprocessing as mp
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from storyline.link.disputes.rules import DisputeLexicon, Statement
from storyline.link.disputes.statements import StatementSource
from storyline.store import Store, open_store

if TYPE_CHECKING:
    from storyline.link.disputes import DisputeLinker

PAGE = 200  # articles per task (the writer takes the finished ones, builds what is left itself)
MIN_ARTICLES = 400  # fewer than this: building them in the writer costs less than a process start
WATCH = 0.5  # seconds between the helper's checks that the writer is still there

Built = tuple[dict[str, list[Statement]], dict[str, tuple[str, str | None]]]


class _Builder(StatementSource):
    """A StatementSource over a read-only connection (the helper process's one object)."""

    current: "_Builder | None" = None  # set once per helper process by `_init`

    def __init__(self, target: str, lexicon: DisputeLexicon) -> None:
        self.store = open_store(target, readonly=True)
        self.lexicon = lexicon
        self._entities, self._memo, self._shared, self._asked = {}, {}, {}, None


def _init(target: str, lexicon: DisputeLexicon) -> None:
    # Ctrl-C is the writer's to handle; and a killed writer must not leave the helper behind
    # (a pool's process waits for tasks forever once its parent is gone): it watches its parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    _Builder.current = _Builder(target, lexicon)


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH)
    os._exit(1)


def _build(ids: list[str]) -> Built:
    """These articles' claims and counters, and the name and side of each entity read for them
    (as DisputeLinker._build_and_cache passes them to the cache)."""
    builder = _Builder.current
    assert builder is not None
    built, asked = builder.claims_and_counters(ids)
    return built, builder.speakers(asked)


class Elsewhere:
    """Statements being built in a helper process: `start`, later `take` (or `close`)."""

    def __init__(self, pool: ProcessPoolExecutor, futures: list[Future]) -> None:
        self.pool, self.futures = pool, futures

    @classmethod
    def start(cls, linker: "DisputeLinker") -> "Elsewhere | None":
        """Start building the statements of the queued articles that are neither cached nor
        known to have none; None when there are too few or the store cannot be read from
        another process (an in-memory SQLite store)."""
        store: Store = linker.store
        if store.dialect == "sqlite" and (store.target == ":memory:" or store.target.startswith("file:")):
            return None
        ids = [a for a in linker.cache.uncached(sorted(linker.dirty)) if a not in linker._none]
        if len(ids) < MIN_ARTICLES:
            return None
        pool = ProcessPoolExecutor(1, mp_context=mp.get_context("spawn"), initializer=_init,
                                   initargs=(store.target, linker.lexicon))
        return cls(pool, [pool.submit(_build, ids[i:i + PAGE]) for i in range(0, len(ids), PAGE)])

    def take(self, linker: "DisputeLinker", renamed: dict[str, str]) -> int:
        """Cache what the helper has built (the tasks it has not started are dropped: the writer
        builds those articles itself when it needs them), each event statement of a mention in
        `renamed` (event mention id -> its new event) given its new event. In one transaction.
        Returns the articles taken (what the helper failed to build, the writer builds too)."""
        for future in self.futures:
            future.cancel()  # only those not started yet
        taken = 0
        try:
            with linker.store.transaction():
                for future in self.futures:
                    if future.cancelled():
                        continue
                    try:
                        built, speakers = future.result()
                    except Exception:  # the helper failed or died (out of memory): the writer builds these
                        continue
                    built = {a: _renamed(found, renamed) for a, found in built.items()}
                    linker.cache.put({a: found for a, found in built.items() if found}, speakers)
                    linker._none |= {a for a, found in built.items() if not found}
                    taken += len(built)
        finally:
            self.close()
        return taken

    def close(self) -> None:
        for future in self.futures:
            future.cancel()
        self.pool.shutdown(wait=True, cancel_futures=True)


def _renamed(statements: list[Statement], renamed: dict[str, str]) -> list[Statement]:
    if not renamed:
        return statements
    return [dataclasses.replace(s, id=renamed[s.key]) if s.kind == "event" and s.key in renamed else s
            for s in statements]
