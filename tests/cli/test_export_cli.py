"""Exports for people: CSV that Excel opens (BOM, flat cells, corroboration as columns) and an
HTML timeline whose sources link to the original articles; JSON Lines stays the full record."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from storyline.serve.cli import app
from storyline.serve.exporting import flat_row

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def read_csv(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), raw[:20]  # the UTF-8 byte-order mark
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_has_a_bom_and_flat_cells(cli_db, tmp_path):
    out = tmp_path / "events.csv"
    result = run("export", "events", "-f", "csv", "-o", str(out), "--db", cli_db)
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in read_csv(out)}
    call = rows["ev_call"]
    assert call["actors"] == "拜登 (source); 普京 (target)"
    assert call["mentions"] == "a_call ¶0" and call["outlets"] == "测试日报"
    for row in rows.values():
        for value in row.values():
            assert not (value or "").lstrip().startswith(("[", "{")), row


def test_csv_flattens_corroboration_into_columns(cli_db, tmp_path):
    out = tmp_path / "events.csv"
    run("export", "events", "-f", "csv", "-o", str(out), "--db", cli_db)
    rows = {r["id"]: r for r in read_csv(out)}
    lone = rows["ev_lone"]
    assert lone["unconfirmed"] == "True"
    assert (lone["corroboration_mentions"], lone["corroboration_articles"], lone["corroboration_outlets"],
            lone["corroboration_date_agreement"], lone["corroboration_actor_agreement"]) == ("1", "1", "1", "1.0", "0.5")
    assert "corroboration" not in lone


def test_csv_nested_objects_become_columns(cli_db, tmp_path):
    out = tmp_path / "quotes.csv"
    run("export", "quotes", "-f", "csv", "-o", str(out), "--db", cli_db)
    rows = read_csv(out)
    assert {r["speaker_name"] for r in rows} == {"佩斯科夫", "马克龙"}
    assert "speaker" not in rows[0]


def test_flat_row_rules():
    assert flat_row({"a": [1, 2], "b": {"c": None, "d": ["x"]}, "roles": [{"title": "总统", "of": "俄罗斯"}]}) == {
        "a": "1; 2", "b_c": None, "b_d": "x", "roles": "俄罗斯总统"}
    history = [{"status": "occurred", "article_id": "a1", "published": "2022-02-01"}]
    assert flat_row({"history": history}) == {"history": "status occurred, article_id a1, published 2022-02-01"}


def test_csv_to_stdout_has_the_bom_too(cli_db):
    result = run("export", "entities", "-f", "csv", "--db", cli_db)
    assert result.stdout.startswith("\ufeffid,name,type,aliases")


def test_jsonl_keeps_the_full_record(cli_db):
    result = run("export", "events", "--db", cli_db)
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert records["ev_lone"]["corroboration"]["actor_agreement"] == 0.5
    assert records["ev_call"]["actors"][0] == {"entity_id": "e_biden", "name": "拜登", "role": "source"}


def test_html_timeline_links_sources_to_original_articles(cli_db, tmp_path):
    out = tmp_path / "t.html"
    result = run("timeline", "-f", "html", "-o", str(out), "--db", cli_db)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<a class="orig" href="https://news.example.com/2022/call.html" rel="noopener noreferrer">' in page
    assert "javascript:" not in page  # a hostile URL is not turned into a link
    assert "<script" not in page
    assert "unconfirmed" in page
