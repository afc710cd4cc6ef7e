"""Bounded linker memory must not change results: a run that drops its cross-article state after
every small batch (caps of one record) gives the same store, export for export, as a run that
keeps everything. This also pins the dispute graph's loading rule: loading stored statements
rewrites nothing, and a dispute is rebuilt only once the weeks around each of its statements are
loaded (an article loaded for one statement can hold others dated far away: a lost dispute
showed it, with 23-article batches)."""

from __future__ import annotations

import json
import pytest

from storyline.ingest import ingest
from storyline.link.linker import Linker, MemoryCaps
from storyline.serve.exporting import records_for
from storyline.store import open_store

KINDS = ("articles", "entities", "times", "events", "quotes", "disputes", "framing")
SAMPLE_STEP = 13  # every 13th corpus file: all folders, many outlets and years
SAMPLE = 200


def _sample(corpus_dir) -> list[str]:
    files = sorted(str(p) for p in corpus_dir.rglob("*") if p.is_file() and p.parent != corpus_dir)
    return files[::SAMPLE_STEP][:SAMPLE]


def _exports(db: str) -> dict[str, list[str]]:
    store = open_store(db, readonly=True)
    try:
        return {k: [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records_for(store, k)] for k in KINDS}
    finally:
        store.close()


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    from tests.conftest import CORPUS, SEEDS

    if not (SEEDS.is_dir() and CORPUS.is_dir()):
        pytest.skip("../shared is not present")
    seeds_dir, corpus_dir = SEEDS, CORPUS
    paths = [str(seeds_dir), *_sample(corpus_dir)]
    base = tmp_path_factory.mktemp("caps")
    mp = pytest.MonkeyPatch()
    try:
        mp.setenv("STORYLINE_BATCH", "200")
        keep = ingest(open_store(str(base / "keep.db")), paths, workers=2)
        mp.setenv("STORYLINE_BATCH", "23")
        drop = ingest(open_store(str(base / "drop.db")), paths, workers=2, caps=MemoryCaps(1, 1, 1))
    finally:
        mp.undo()
    return keep, drop, _exports(str(base / "keep.db")), _exports(str(base / "drop.db"))


def test_tiny_caps_give_the_same_store(runs):
    keep, drop, a, b = runs
    assert keep.new == drop.new > 300
    # the comparison has substance (disputes: fewer since the stricter pairing of #32)
    assert len(a["disputes"]) > 3 and len(a["events"]) > 300
    for kind in KINDS:
        assert a[kind] == b[kind], kind


def test_trim_drops_only_the_memo_and_only_above_the_cap(tmp_path, seeds_dir):
    db = str(tmp_path / "s.db")
    ingest(open_store(db), [str(seeds_dir)])
    store = open_store(db)
    linker = Linker(store, MemoryCaps(events=10_000, story_events=10_000, statements=10_000))
    linker.disputes.cache.clear()  # built from the rows, not read from the store's cache
    built = linker.disputes._statements_of([r["id"] for r in store.rows("SELECT id FROM articles")])
    held = len(linker.disputes._memo)  # statements built, by their inputs: a pure cache
    assert held >= len(built) > 0
    assert not linker.disputes.trim(held)  # at the cap: kept
    assert linker.disputes.trim(held - 1)  # above it: dropped
    assert not linker.disputes._memo
    store.close()


def test_the_sweep_holds_a_window_not_the_store(tmp_path, seeds_dir):
    """Linking every seed statement again with a window that drops past days as soon as it can
    holds about a month of statements at a time: the seeds' statements span December to February,
    so the window is smaller than their total, and the disputes are the same."""
    db = str(tmp_path / "s.db")
    ingest(open_store(db), [str(seeds_dir)])
    store = open_store(db)
    before = [r["record"] for r in store.rows("SELECT record FROM disputes ORDER BY id")]
    linker = Linker(store)
    linker.disputes.window_keep = 0
    with store.transaction():
        for r in store.rows("SELECT id FROM articles"):
            linker.disputes.note(r["id"])
    linker.disputes.link_all()
    dated = store.scalar("SELECT COUNT(*) FROM dispute_nodes WHERE day IS NOT NULL")
    assert 0 < linker.disputes.peak_window < dated
    assert [r["record"] for r in store.rows("SELECT record FROM disputes ORDER BY id")] == before
    store.close()
