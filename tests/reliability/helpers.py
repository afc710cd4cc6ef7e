"""Shared helpers and fixtures for the reliability tests: corpus samples, subprocess ingests, byte exports.

The corpus is only READ from ../shared/corpus and copied into pytest's tmp_path, never into the repo.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SPEC_KINDS = ("articles", "entities", "times", "events", "quotes", "disputes", "framing")
# every table whose rows belong to an article, and every index table that points at another table
ORPHAN_CHECKS = {
    "mentions": "SELECT COUNT(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)",
    "times": "SELECT COUNT(*) FROM times WHERE article_id NOT IN (SELECT id FROM articles)",
    "event_mentions": "SELECT COUNT(*) FROM event_mentions WHERE article_id NOT IN (SELECT id FROM articles)",
    "quotes": "SELECT COUNT(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)",
    "article_bands": "SELECT COUNT(*) FROM article_bands WHERE article_id NOT IN (SELECT id FROM articles)",
    "article_minhash": "SELECT COUNT(*) FROM article_minhash WHERE article_id NOT IN (SELECT id FROM articles)",
    "event_actors": "SELECT COUNT(*) FROM event_actors WHERE event_id NOT IN (SELECT id FROM events)",
    "entity_aliases": "SELECT COUNT(*) FROM entity_aliases WHERE entity_id NOT IN (SELECT id FROM entities)",
    "dispute_articles": "SELECT COUNT(*) FROM dispute_articles WHERE dispute_id NOT IN (SELECT id FROM disputes)",
    "story_events": "SELECT COUNT(*) FROM story_events WHERE story_id NOT IN (SELECT id FROM stories)",
    "search_units": "SELECT COUNT(*) FROM search_units WHERE article_id NOT IN (SELECT id FROM articles)",
    "duplicate_of": "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL "
                    "AND duplicate_of NOT IN (SELECT id FROM articles)",
}


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus not present")
    return CORPUS


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    return SEEDS


def sample_files(corpus: Path, n: int, max_bytes: int = 6000, offset: int = 0) -> list[Path]:
    """A deterministic spread of `n` one-article markdown files (smallish, so tests stay fast)."""
    files = sorted(p for p in corpus.rglob("*.md") if p.is_file() and p.stat().st_size <= max_bytes)
    step = max(1, len(files) // n)
    return files[offset::step][:n]


@pytest.fixture
def copy_sample(corpus: Path) -> Callable[..., Path]:
    def copy(dest: Path, n: int, offset: int = 0) -> Path:
        for src in sample_files(corpus, n, offset=offset):
            target = dest / src.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
        return dest
    return copy


def ingest_cmd(folder: str, db: str, workers: int = 2) -> list[str]:
    return [sys.executable, "-m", "storyline", "ingest", folder, "--db", db, "--workers", str(workers)]


def run_ingest(folder: str, db: str, cwd: Path, env: dict | None = None, workers: int = 2,
               timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(ingest_cmd(folder, db, workers), cwd=cwd, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=timeout)


def start_ingest(folder: str, db: str, cwd: Path, stderr: Path, env: dict | None = None,
                 workers: int = 2) -> subprocess.Popen:
    """An ingest in its own process group, so a kill takes its pool workers with it."""
    return subprocess.Popen(ingest_cmd(folder, db, workers), cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=stderr.open("w"), start_new_session=True)


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


def wait_for(predicate: Callable[[], bool], proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert proc.poll() is None, f"ingest ended (rc {proc.returncode}) before the kill point"
        assert time.monotonic() < deadline, "kill point never reached"
        time.sleep(0.05)


def committed_articles(db: Path) -> int:
    """Rows visible to another connection: only what a COMMIT made durable."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0
    finally:
        conn.close()


def export_all(db: Path, kinds=SPEC_KINDS) -> dict[str, bytes]:
    """Each export kind as the exact bytes `storyline export KIND` writes (same writer, in process)."""
    from storyline.serve.exporting import records_for, write_records
    from storyline.store import open_store

    store = open_store(str(db), readonly=True)
    out = {}
    try:
        for kind in kinds:
            buf = io.StringIO()
            real = sys.stdout
            sys.stdout = buf
            try:
                write_records(records_for(store, kind), "jsonl", None)
            finally:
                sys.stdout = real
            out[kind] = buf.getvalue().encode("utf-8")
    finally:
        store.close()
    return out


def table_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_fts%' "
            "AND name NOT LIKE 'sqlite_%'")]
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in sorted(tables)}
    finally:
        conn.close()


def orphans(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found = {name: conn.execute(sql).fetchone()[0] for name, sql in ORPHAN_CHECKS.items()}
    finally:
        conn.close()
    return {k: v for k, v in found.items() if v}


def integrity(db: Path) -> str:
    conn = sqlite3.connect(str(db))
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
