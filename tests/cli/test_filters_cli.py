"""Bad filters on the command line: exit 2 with the validation layer's line, the same text the
API puts in its 422 (issue #31: they used to print "0 events" and exit 0)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.serve.api import create_app
from storyline.serve.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def api_message(db: str, url: str, params: dict) -> str:
    response = TestClient(create_app(db)).get(url, params=params)
    assert response.status_code == 422, response.text
    return response.json()["detail"][0]["msg"]


CASES = [
    (["events", "--from", "2022-13-45"], "/api/events", {"from": "2022-13-45"}),
    (["events", "--from", "yesterday"], "/api/events", {"from": "yesterday"}),
    (["timeline", "--from", "2022/02/01"], "/api/timeline", {"from": "2022/02/01"}),
    (["events", "--type", "FOO"], "/api/events", {"type": "FOO"}),
    (["events", "--entity", "不存在的人"], "/api/events", {"entity": "不存在的人"}),
    (["timeline", "--entity", "不存在的人"], "/api/timeline", {"entity": "不存在的人"}),
    (["timeline", "--from", "2022-03", "--to", "2022-02"], "/api/timeline", {"from": "2022-03", "to": "2022-02"}),
    (["search", "普京", "--to", "yesterday"], "/api/search", {"q": "普京", "to": "yesterday"}),
    (["search", "普京", "--entity", "不存在的人"], "/api/search", {"q": "普京", "entity": "不存在的人"}),
    (["entities", "--type", "ALIEN"], "/api/entities", {"type": "ALIEN"}),
    (["search", "普京", "--kind", "paragraph"], "/api/search", {"q": "普京", "kind": "paragraph"}),
]


@pytest.mark.parametrize("args,url,params", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_bad_filter_exits_2_with_the_apis_message(cli_db, args, url, params):
    result = run(*args, "--db", cli_db)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == "storyline: " + api_message(cli_db, url, params)
    assert "0 events" not in result.output


def test_bad_format_is_the_layers_message(cli_db):
    result = run("timeline", "--format", "xml", "--db", cli_db)
    assert result.exit_code == 2
    assert result.output.strip() == "storyline: unknown format 'xml'; choose one of text, md, jsonl, html"
    result = run("export", "events", "--format", "xlsx", "--db", cli_db)
    assert result.exit_code == 2 and "unknown format 'xlsx'; choose one of jsonl, csv, parquet" in result.output


def test_good_filters_still_work(cli_db):
    result = run("events", "--type", "consult", "--entity", "拜登", "--from", "2022-02", "--to", "2022-02-12",
                 "--db", cli_db)
    assert result.exit_code == 0 and "ev_call" in result.output and "ev_lone" not in result.output


@pytest.mark.parametrize("name", ["Vladimir Putin", "普丁", "e_putin", "俄罗斯总统普京"])
def test_entity_by_any_listed_name(cli_db, name):
    result = run("entity", name, "--db", cli_db)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("普京  [PERSON]")
    assert "1 mention in 1 article" in result.output and "1 mentions" not in result.output


def test_entity_filter_by_english_name(cli_db):
    result = run("timeline", "--entity", "Vladimir Putin", "--db", cli_db)
    assert result.exit_code == 0 and "ev_call" in result.output


def test_not_a_database_and_unsupported_url(cli_db, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("这不是数据库\n", encoding="utf-8")
    result = run("events", "--db", str(notes))
    assert result.exit_code == 2
    assert "not a storyline database" in result.output and "migration" not in result.output
    result = run("ingest", str(tmp_path / "nothing"), "--db", str(notes))
    assert result.exit_code == 2 and "not a storyline database" in result.output
    result = run("events", "--db", "mysql://reader:secret@db.example.com/news")
    assert result.exit_code == 2
    assert "unsupported store URL 'mysql://reader:***@db.example.com/news'" in result.output
    assert "secret" not in result.output and "no such database" not in result.output


def test_serve_refuses_a_file_that_is_not_a_store_at_start(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("备忘录\n", encoding="utf-8")
    result = run("serve", "--db", str(notes), "--port", "1")
    assert result.exit_code == 2
    assert result.output.strip() == f"storyline: {notes}: not a storyline database (not a SQLite file)"
