"""Round trip through the CLI: export every kind, `storyline import` into a fresh store, export again.

The SPEC kinds must come back byte-identical; every table (derived indexes included) must have the
same row count; importing into a non-empty store (twice, or over the original) must not double
anything; search must work on the imported store (its index is rebuilt on import).
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from storyline.serve.cli import EXPORT_KINDS, app
from tests.reliability.helpers import SPEC_KINDS, integrity, orphans, table_counts

runner = CliRunner()


def _cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.output


def _export(db: Path, folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    for kind in EXPORT_KINDS:
        _cli("export", kind, "--db", str(db), "-o", str(folder / f"{kind}.jsonl"))
    return {kind: (folder / f"{kind}.jsonl").read_bytes() for kind in EXPORT_KINDS}


def _searchable(db: Path) -> dict[str, int]:
    from storyline.store import open_store, search

    store = open_store(str(db), readonly=True)
    try:
        return {q: search.search(store, q).total for q in ("普京", "乌克兰", "拜登")}
    finally:
        store.close()


def test_export_import_export_is_identical(tmp_path, seeds):
    original = tmp_path / "orig.db"
    _cli("ingest", str(seeds), "--db", str(original))
    first = _export(original, tmp_path / "out1")
    for kind in SPEC_KINDS:
        assert first[kind], f"seeds exported no {kind}"

    copy = tmp_path / "copy.db"
    summary = _cli("import", str(tmp_path / "out1"), "--db", str(copy))
    n_articles = first["articles"].count(b"\n")
    assert f"articles {n_articles}," in summary, summary
    second = _export(copy, tmp_path / "out2")
    for kind in EXPORT_KINDS:
        assert second[kind] == first[kind], f"{kind} differs after the round trip"
    assert table_counts(copy) == table_counts(original)
    assert orphans(copy) == {} and integrity(copy) == "ok"
    assert _searchable(copy) == _searchable(original)
    assert any(_searchable(copy).values())

    # upsert by id: importing again, or over the original store, doubles nothing and changes nothing
    _cli("import", str(tmp_path / "out1"), "--db", str(copy))
    _cli("import", str(tmp_path / "out1"), "--db", str(original))
    for db in (copy, original):
        assert table_counts(db) == table_counts(tmp_path / "orig.db")
        assert _export(db, tmp_path / f"again_{db.stem}") == first


def _flat(output: str) -> str:
    return output.replace("\n", "")  # rich wraps long lines at the test terminal's width


def test_import_reports_a_bad_folder_in_one_line(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "articles.jsonl").write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0
    assert "articles.jsonl:1: not JSON" in _flat(result.output)
    result = runner.invoke(app, ["import", str(tmp_path / "absent"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0 and "no such folder" in _flat(result.output)
    (bad / "articles.jsonl").write_text('{"id": "a_1"}\n', encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "not an exported articles record" in _flat(result.output)


def test_import_of_an_older_export_signs_its_articles_again(tmp_path, seeds):
    """An export written before signatures named their scheme (no `2:` prefix) is imported with
    signatures of the current scheme, the same ones an ingest of the same text stores."""
    import json
    import sqlite3

    original = tmp_path / "orig.db"
    _cli("ingest", str(seeds), "--db", str(original))
    _export(original, tmp_path / "out")
    keys = tmp_path / "out" / "article_keys.jsonl"
    rows = [json.loads(line) for line in keys.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        r["signature"] = r["signature"].split(":", 1)[1]  # as the older version exported it
    keys.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")

    copy = tmp_path / "copy.db"
    _cli("import", str(tmp_path / "out"), "--db", str(copy))

    def signatures(db: Path) -> dict[str, str]:
        con = sqlite3.connect(db)
        try:
            return dict(con.execute("SELECT article_id, signature FROM article_minhash"))
        finally:
            con.close()

    assert signatures(copy) == signatures(original) and len(signatures(copy)) == 5
