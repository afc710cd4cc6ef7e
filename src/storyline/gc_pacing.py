"""Garbage-collector pacing for the long runs: ingest's writer and its analysis workers.

CPython runs a young collection every 700 new container objects and, in proportion, older ones
that walk every live object. The writer holds a large working set (merged events, dispute
statements, story graphs: hundreds of thousands of records on a large store) and decodes JSON
rows into millions of short-lived lists and dicts, so the default pace spends much of its time
walking records that will live on. Measured on the 100k benchmark store (the dispute sweep of
bench/append.py's 1,000 fortnight articles, replayed alone): 62.3 s at the default thresholds,
48.2 s at (100_000, 50, 100), same disputes, same peak RSS (417 MB). Decoding 20,000 cached
statement rows (JSON alone): 4.3 s at the default pace, 0.6 s without collections.

Collecting seldom costs no memory here because the records hold no reference cycles: reference
counting frees them as soon as they are dropped, and the collector only finds the rare cycle
later. The thresholds are restored on exit: a library call must not change its host's pace.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

# young collections every 100k new containers (not 700); an older one every 50 young, the
# oldest every 100 of those (CPython also waits until a quarter of the old objects are new)
THRESHOLDS = (100_000, 50, 100)


@contextmanager
def seldom_collected(thresholds: tuple[int, int, int] = THRESHOLDS) -> Iterator[None]:
    """Run the block with the collector paced at `thresholds`, then restore the old pace."""
    old = gc.get_threshold()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def pace_this_process(thresholds: tuple[int, int, int] = THRESHOLDS) -> None:
    """For a worker process of our own (a pool worker lives only for one ingest)."""
    gc.set_threshold(*thresholds)
