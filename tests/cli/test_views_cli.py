"""What the CLI views print: event ids where `story` needs one, single-source events marked
unconfirmed, counts in the right number, unquoted search words, --version, --limit, units."""

from __future__ import annotations

import io

from rich.console import Console
from typer.testing import CliRunner

from storyline import __version__
from storyline.serve import cli, common
from storyline.serve.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"storyline {__version__}"


def wide(monkeypatch) -> None:
    """Tables one line per row: the shared console's width, not the test terminal's 80."""
    monkeypatch.setattr(common.console, "_width", 200)


def test_events_list_ids_and_unconfirmed(cli_db, monkeypatch):
    wide(monkeypatch)
    result = run("events", "--db", cli_db)
    assert result.exit_code == 0, result.output
    assert "2 events" in result.output
    lines = result.output.splitlines()
    lone = next(line for line in lines if "ev_lone" in line)
    call = next(line for line in lines if "ev_call" in line)
    assert "unconfirmed" in lone and "unconfirmed" not in call


def test_timeline_lines_end_with_the_id_story_takes(cli_db):
    result = run("timeline", "--db", cli_db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines == [
        "2022-02-09  ACCUSE [unconfirmed]  佩斯科夫、马克龙  佩斯科夫指责马克龙  (1 mention; 环球观察)  ev_lone",
        "2022-02-12  CONSULT/phone  拜登、普京  拜登与普京通电话  (1 mention; 测试日报)  ev_call",
    ]


def test_timeline_limit_and_type(cli_db):
    result = run("timeline", "--limit", "1", "--db", cli_db)
    assert result.exit_code == 0
    assert [line.rsplit(" ", 1)[-1] for line in result.stdout.splitlines()] == ["ev_lone"]
    assert "1 of 2 events shown" in result.output
    result = run("timeline", "--type", "consult", "--db", cli_db)
    assert [line.rsplit(" ", 1)[-1] for line in result.stdout.splitlines()] == ["ev_call"]


def test_events_limit_says_what_is_left_out(cli_db, monkeypatch):
    wide(monkeypatch)
    result = run("events", "--limit", "1", "--db", cli_db)
    assert "2 events (first 1 shown" in result.output
    assert "ev_lone" in result.output and "ev_call" not in result.output


def test_timeline_markdown_marks_unconfirmed(cli_db):
    result = run("timeline", "-f", "md", "--db", cli_db)
    assert "| ACCUSE (unconfirmed) |" in result.stdout


def test_search_words_without_quotes(cli_db):
    unquoted = run("search", "普京", "通电话", "--db", cli_db)
    quoted = run("search", "普京 通电话", "--db", cli_db)
    assert unquoted.exit_code == 0, unquoted.output
    assert unquoted.output == quoted.output
    assert unquoted.output.startswith("1 hit for 普京 通电话")


def test_counts_agree_with_their_number(cli_db):
    result = run("entities", "--type", "person", "--db", cli_db)
    assert "4 entities" in result.output
    result = run("entity", "拜登", "--db", cli_db)
    assert "1 mention in 1 article" in result.output and "(1 mention)  ev_call" in result.output


def test_progress_bar_names_its_units(monkeypatch, tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.txt").write_text(f"测试新闻{i}\n\n外交部发言人在记者会上介绍了第{i}次会谈的情况。\n",
                                                   encoding="utf-8")
    buffer = io.StringIO()
    real = cli._progress  # forced on a console writing to `buffer` (the test's stderr is no terminal)
    monkeypatch.setattr(cli, "_progress", lambda: real(Console(file=buffer, width=200), force=True))
    result = run("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "p.db"))
    assert result.exit_code == 0, result.output
    shown = buffer.getvalue()
    assert "3/3 files, 3 articles" in shown, shown
    assert "read 3," in result.stdout



def test_quotes_listing_with_limit_and_any_speaker_name(cli_db, monkeypatch):
    wide(monkeypatch)
    result = run("quotes", "--speaker", "Dmitry Peskov", "--db", cli_db)
    assert result.exit_code == 0, result.output
    assert "2 quotes" in result.output and "双方同意继续保持接触" in result.output and "马克龙" not in result.output
    result = run("quotes", "--limit", "1", "--db", cli_db)
    assert "3 quotes (1 shown from 1; --limit/--offset)" in result.output
