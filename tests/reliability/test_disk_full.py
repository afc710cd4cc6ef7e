"""A full disk mid-batch: clear `storyline: DB: database or disk is full`, non-zero exit, the store
still consistent (integrity_check ok, the failed batch wholly absent), and a re-run with room ends
identical to a clean run. The full disk is simulated with SQLite's max_page_count, set by the
ingest writer from STORYLINE_MAX_PAGES (1 = no growth beyond the current size)."""

from __future__ import annotations

from tests.reliability.helpers import (
    SPEC_KINDS, committed_articles, export_all, integrity, orphans, run_ingest, table_counts,
)


def test_disk_full_rolls_back_cleanly_and_rerun_completes(tmp_path, copy_sample):
    copy_sample(tmp_path / "a", 12)
    copy_sample(tmp_path / "a" / "more", 12, offset=3)
    db, clean_db = tmp_path / "full.db", tmp_path / "clean.db"
    first = run_ingest("a/more", str(db), tmp_path, workers=1)
    assert first.returncode == 0, first.stderr
    before = export_all(db)
    count = committed_articles(db)

    full = run_ingest("a", str(db), tmp_path, env={"STORYLINE_MAX_PAGES": "1"}, workers=1)
    assert full.returncode != 0
    message = " ".join(full.stderr.split())  # rich may wrap a long line on a narrow terminal
    assert f"storyline: {db.name}" in message.replace(str(tmp_path) + "/", ""), full.stderr
    assert message.endswith("database or disk is full"), full.stderr
    assert "Traceback" not in full.stderr
    assert integrity(db) == "ok"
    assert orphans(db) == {}
    assert committed_articles(db) == count
    assert export_all(db) == before  # the failed batch left nothing behind

    again = run_ingest("a", str(db), tmp_path, workers=1)
    assert again.returncode == 0, again.stderr
    assert run_ingest("a/more", str(clean_db), tmp_path, workers=1).returncode == 0
    assert run_ingest("a", str(clean_db), tmp_path, workers=1).returncode == 0
    assert table_counts(db) == table_counts(clean_db)
    resumed, reference = export_all(db), export_all(clean_db)
    for kind in SPEC_KINDS:
        assert resumed[kind] == reference[kind], kind
