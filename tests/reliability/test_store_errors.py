"""A store error anywhere in an ingest is one line, with `--workers 2` too (issue #29, defect 8).

With a pool, the writer works ahead while it waits for the workers (Linker.idle writes the
dispute statements' cache). A full disk or a lock hit there escaped as a 60-line traceback:
only the batch transaction turned driver errors into `storyline: <store>: <reason>`.
"""

from __future__ import annotations

from tests.reliability.helpers import committed_articles, integrity, run_ingest


def test_full_disk_with_a_pool_is_one_line(tmp_path, copy_sample):
    copy_sample(tmp_path / "a", 8)
    copy_sample(tmp_path / "b", 8, offset=5)
    db = tmp_path / "full.db"
    assert run_ingest("a", str(db), tmp_path, workers=2).returncode == 0
    count = committed_articles(db)
    full = run_ingest("b", str(db), tmp_path, env={"STORYLINE_MAX_PAGES": "1"}, workers=2)
    assert full.returncode == 1, full.stderr
    lines = full.stderr.strip().splitlines()
    assert "Traceback" not in full.stderr and len(lines) == 1, full.stderr
    assert lines[0].startswith(f"storyline: {db}: ") and lines[0].endswith("database or disk is full"), lines
    assert integrity(db) == "ok" and committed_articles(db) == count


def test_a_store_error_while_working_ahead_is_one_line(tmp_path, copy_sample, monkeypatch):
    """The work-ahead path itself: the driver's error raised where Linker.idle writes."""
    import sqlite3

    from typer.testing import CliRunner

    from storyline.link.linker import Linker
    from storyline.serve.cli import app

    def full(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Linker, "idle", full)
    copy_sample(tmp_path / "a", 12)
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "a"), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stderr.strip() == f"storyline: {db}: database or disk is full", result.stderr
