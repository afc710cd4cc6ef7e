"""Crash safety: SIGKILL an ingest at several points, resume it, and get exactly a clean run's store.

Kill points (one database, killed again and again, then run to completion):
  1. early: a moment after start, before any batch is committed;
  2. inside the first batch transaction, just before linking (`STORYLINE_TEST_PAUSE=flush:1`);
  3. mid-batch: as soon as another connection sees the first batch committed, while the next
     batch is being analysed (found by polling the committed row count, no hook);
  4. inside the resumed run's batch after linking, just before COMMIT (`STORYLINE_TEST_PAUSE=commit:1`).
Each ingest runs in its own process group and the whole group is killed, pool workers included.
Then the resumed store must give byte-identical exports of every SPEC kind, the same row count in
every table (nothing lost, nothing doubled) and no orphan rows.
"""

from __future__ import annotations

import os
import time

import pytest

from tests.reliability.helpers import (
    SPEC_KINDS, committed_articles, export_all, integrity, kill_group, orphans, run_ingest, start_ingest,
    table_counts, wait_for,
)

# Full run (STORYLINE_RELIABILITY_FULL=1): STORYLINE_CRASH_FILES files (default 120) in batches of
# STORYLINE_CRASH_BATCH (default 50), four kill points. The default CI run: 60 files, batches of 25,
# two kill points (inside the first transaction, and mid-batch after the first commit).
FULL = bool(os.environ.get("STORYLINE_RELIABILITY_FULL"))
N_FILES = int(os.environ.get("STORYLINE_CRASH_FILES", 120 if FULL else 60))
BATCH = int(os.environ.get("STORYLINE_CRASH_BATCH", 50 if FULL else 25))
ENV = {"STORYLINE_BATCH": str(BATCH)}


def _paused(stderr, point: str):
    return lambda: f"storyline-test-pause: {point}" in stderr.read_text(encoding="utf-8", errors="replace")


def test_sigkill_then_resume_equals_clean_run(tmp_path, copy_sample):
    copy_sample(tmp_path / "in", N_FILES)
    clean_db, db = tmp_path / "clean.db", tmp_path / "crash.db"
    clean = run_ingest("in", str(clean_db), tmp_path, env=ENV)
    assert clean.returncode == 0, clean.stderr
    total = committed_articles(clean_db)
    assert total > 2 * BATCH, "the sample must span more than two batches"

    log = tmp_path / "stderr.txt"
    kills = []
    if FULL:  # 1. early
        proc = start_ingest("in", str(db), tmp_path, log, env=ENV)
        time.sleep(1.5)
        kill_group(proc)
        kills.append(("early", committed_articles(db)))
    # 2. inside the first transaction, before linking
    proc = start_ingest("in", str(db), tmp_path, log, env={**ENV, "STORYLINE_TEST_PAUSE": "flush:1"})
    try:
        wait_for(_paused(log, "flush:1"), proc)
        assert committed_articles(db) == 0  # the open batch is invisible to others
    finally:
        kill_group(proc)
    kills.append(("flush", committed_articles(db)))
    # 3. mid-batch: the first batch is committed, the second is being analysed
    proc = start_ingest("in", str(db), tmp_path, log, env=ENV)
    try:
        wait_for(lambda: committed_articles(db) > 0, proc)
    finally:
        kill_group(proc)
    kills.append(("mid-batch", committed_articles(db)))
    assert kills[-1][1] == BATCH, kills  # exactly one whole batch survived
    if FULL:  # 4. the resumed run's batch: after linking, before COMMIT
        proc = start_ingest("in", str(db), tmp_path, log, env={**ENV, "STORYLINE_TEST_PAUSE": "commit:1"})
        try:
            wait_for(_paused(log, "commit:1"), proc)
        finally:
            kill_group(proc)
        kills.append(("commit", committed_articles(db)))
        assert kills[-1][1] == BATCH, kills

    assert integrity(db) == "ok"
    assert orphans(db) == {}
    final = run_ingest("in", str(db), tmp_path, env=ENV)
    assert final.returncode == 0, final.stderr
    assert f"unchanged {BATCH}," in final.stdout, final.stdout  # the surviving batch was not redone

    assert integrity(db) == "ok"
    assert orphans(db) == {}
    assert orphans(clean_db) == {}
    assert table_counts(db) == table_counts(clean_db)
    resumed, reference = export_all(db), export_all(clean_db)
    differing = [k for k in SPEC_KINDS if resumed[k] != reference[k]]
    assert not differing, f"{differing} differ after kills {kills}"
    for kind in SPEC_KINDS:
        assert reference[kind], f"clean run exported no {kind}"


def test_sigkill_before_dispute_linking_then_rerun(tmp_path, copy_sample):
    """Every batch committed, the link queue (stories, disputes) not yet worked through: the next
    ingest, with nothing new to read, finishes it and the store equals a clean run's."""
    copy_sample(tmp_path / "in", N_FILES)
    clean_db, db = tmp_path / "clean.db", tmp_path / "crash.db"
    clean = run_ingest("in", str(clean_db), tmp_path, env=ENV)
    assert clean.returncode == 0, clean.stderr
    log = tmp_path / "stderr.txt"
    proc = start_ingest("in", str(db), tmp_path, log, env={**ENV, "STORYLINE_TEST_PAUSE": "link"})
    try:
        wait_for(_paused(log, "link:1"), proc)
    finally:
        kill_group(proc)
    assert committed_articles(db) == committed_articles(clean_db)
    killed = table_counts(db)
    assert killed["link_queue"] > 0 and killed["disputes"] == 0 and killed["stories"] == 0
    final = run_ingest("in", str(db), tmp_path, env=ENV)
    assert final.returncode == 0, final.stderr
    assert "new 0," in final.stdout, final.stdout
    assert table_counts(db) == table_counts(clean_db)
    assert table_counts(db)["link_queue"] == 0
    resumed, reference = export_all(db), export_all(clean_db)
    assert resumed["disputes"] == reference["disputes"] and resumed["events"] == reference["events"]  # story ids
