"""Issue #30 item 2: an inferred publication date is stored with its clue (schema v11), shown by
`storyline articles` / `show` and the API record, and eval/check_published.py finds any
inferred date after its evidence. Fixtures are our own sentences."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.serve.cli import app
from storyline.store import open_store, queries

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
UNDATED = ("市政府2021年11月3日公布了新的交通规划。\n\n"
           "有关部门表示，新线路计划到2030年全部建成，届时将覆盖全市。\n\n"
           "多名市民在接受采访时表示欢迎。\n")
DATED = "---\ntitle: 桥梁开通\ndate: 2022-03-01\n---\n\n新桥于今天正式通车，市长出席了仪式。\n"


@pytest.fixture
def store_db(tmp_path) -> str:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (corpus / "dated.md").write_text(DATED, encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def _article(db: str, name: str) -> dict:
    store = open_store(db, readonly=True)
    try:
        return next(a for a in queries.iter_articles(store) if a["path"].endswith(name))
    finally:
        store.close()


def test_clue_is_stored_and_exported(store_db):
    undated = _article(store_db, "undated.txt")
    # the newest past date, not the 2030 target
    assert undated["published"] == "2021-11-03" and undated["published_inferred"] is True
    assert "2021年11月3日" in undated["published_clue"] and "paragraph 0" in undated["published_clue"]
    dated = _article(store_db, "dated.md")
    assert dated["published_inferred"] is False and dated["published_clue"] is None
    exported = CliRunner().invoke(app, ["export", "articles", "--db", store_db])
    rows = [json.loads(line) for line in exported.stdout.splitlines() if line.strip()]
    assert {r["path"].rsplit("/", 1)[-1]: r["published_clue"] for r in rows}["dated.md"] is None


def test_cli_lists_the_clue(store_db):
    listed = CliRunner().invoke(app, ["articles", "--db", store_db])
    assert listed.exit_code == 0, listed.output
    assert "2021-11-03?" in listed.stdout and "2021年11月3日" in listed.stdout


def test_api_record_has_the_clue(store_db):
    from fastapi.testclient import TestClient

    from storyline.serve.api import create_app

    art = _article(store_db, "undated.txt")
    client = TestClient(create_app(store_db))
    record = client.get(f"/api/articles/{art['id']}").json()
    assert record["published_inferred"] is True and "2021年11月3日" in record["published_clue"]
    listed = client.get("/api/articles").json()["items"]
    assert any(i["published_clue"] for i in listed)


def test_check_finds_no_date_after_evidence(store_db, repo_script):
    inferred, total, problems = repo_script("eval/check_published.py").check(store_db, date.today())
    assert (inferred, total, problems) == (1, 2, [])


def test_check_flags_a_date_after_evidence(store_db, repo_script):
    store = open_store(store_db)
    try:
        with store.transaction():
            store.execute("UPDATE articles SET published = '2030-01-01' WHERE published_inferred = 1")
    finally:
        store.close()
    _, _, problems = repo_script("eval/check_published.py").check(store_db, date(2026, 1, 1))
    assert len(problems) == 2 and all(p.startswith(next(iter(problems))[:20]) for p in problems)
    assert "after the ingest day" in problems[0] and "after the newest past date 2021-11-03" in problems[1]


def test_check_on_a_corpus_sample(tmp_path, repo_script):
    """A sample of the shared corpus: no inferred date after its evidence."""
    corpus = SHARED / "corpus2"
    if not corpus.is_dir():
        pytest.skip("shared corpus2 is missing")
    listed = SHARED / "heldout.txt"
    heldout = set(listed.read_text(encoding="utf-8").split()) if listed.exists() else set()
    files = [p for p in sorted(corpus.rglob("*")) if p.is_file() and not p.name.startswith(".")
             and p.relative_to(SHARED).as_posix() not in heldout][::60][:40]
    checker = repo_script("eval/check_published.py")
    assert checker.main([*map(str, files), "--workers", "1"]) == 0
