"""The ingest contract from SPEC.md, end to end through the real CLI."""

from __future__ import annotations

import json
import re
import shutil

from typer.testing import CliRunner

from storyline.serve.cli import app

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    return result


def summary(output: str) -> dict[str, int]:
    m = re.search(r"read (\d+), new (\d+), updated (\d+), unchanged (\d+), duplicate (\d+), failed (\d+)", output)
    assert m, output
    return dict(zip(["read", "new", "updated", "unchanged", "duplicate", "failed"], map(int, m.groups())))


def export(db: str, kind: str) -> list[dict]:
    result = run("export", kind, "--db", db)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_seeds_ingest_then_reingest_is_unchanged(tmp_path, seeds_dir):
    db = str(tmp_path / "s.db")
    first = run("ingest", str(seeds_dir), "--db", db)
    assert first.exit_code == 0, first.output
    assert summary(first.stdout) == {"read": 5, "new": 5, "updated": 0, "unchanged": 0, "duplicate": 0, "failed": 0}
    before = {k: export(db, k) for k in ("articles", "entities", "times", "events", "quotes")}
    second = run("ingest", str(seeds_dir), "--db", db)
    assert summary(second.stdout) == {"read": 5, "new": 0, "updated": 0, "unchanged": 5, "duplicate": 0, "failed": 0}
    after = {k: export(db, k) for k in before}
    assert after == before


def test_seed_articles_have_right_metadata(tmp_path, seeds_dir):
    db = str(tmp_path / "s.db")
    run("ingest", str(seeds_dir), "--db", db)
    by_file = {a["path"].rsplit("/", 1)[-1][:3]: a for a in export(db, "articles")}
    assert by_file["000"]["title"] == "马克龙：普京向我保证……俄：没有"
    assert by_file["000"]["outlet"] == "观察者网"
    assert by_file["000"]["published"].startswith("2022-02-09")
    assert by_file["004"]["outlet"] == "大纪元"
    assert by_file["004"]["author"] == "张婷"
    assert by_file["004"]["published"].startswith("2022-02-21")
    assert by_file["001"]["title"] is None and by_file["001"]["outlet"] is None
    assert by_file["001"]["published_inferred"] in (True, False)
    for art in by_file.values():
        assert art["path"].startswith(str(seeds_dir))
        for para in art["paragraphs"]:
            assert "责任编辑" not in para and "原文链接" not in para and "点击查看大图" not in para
            assert "不得转载" not in para


def test_edited_file_updates_and_copy_is_duplicate(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = "\n".join([
        "法国总统马克龙周一在巴黎会见德国总理朔尔茨，双方就欧洲安全问题交换了意见。",
        "马克龙表示，欧洲必须在自身安全问题上发出统一的声音。",
        "朔尔茨说，德国愿意与法国一道推动对话，避免局势进一步升级。",
    ])
    (folder / "a.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert summary(run("ingest", str(folder), "--db", db).stdout)["new"] == 1
    (folder / "a.txt").write_text(text + "\n两国领导人还同意下月再次举行会晤。", encoding="utf-8")
    assert summary(run("ingest", str(folder), "--db", db).stdout)["updated"] == 1
    shutil.copy(folder / "a.txt", folder / "b.txt")
    s = summary(run("ingest", str(folder), "--db", db).stdout)
    assert s["duplicate"] == 1 and s["unchanged"] == 1
    arts = export(db, "articles")
    assert len(arts) == 2
    dup = [a for a in arts if a["duplicate_of"]]
    assert len(dup) == 1 and dup[0]["path"].endswith("b.txt")


def test_bad_files_get_one_line_each_and_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (folder / "good.txt").write_text("乌克兰外长库列巴周二表示，基辅欢迎一切旨在缓和局势的外交努力。", encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = run("ingest", str(folder), str(tmp_path / "missing"), "--db", db)
    assert result.exit_code == 0, result.output
    s = summary(result.stdout)
    assert s["new"] == 1 and s["failed"] == 3
    lines = result.output.splitlines()
    for name in ("empty.txt", "binary.bin", "missing"):
        matching = [l for l in lines if name in l and ": " in l]
        assert len(matching) == 1, (name, result.output)


def test_nothing_readable_exits_nonzero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 1
    assert summary(result.stdout)["failed"] == 1


def test_show_and_articles_views(tmp_path, seeds_dir):
    db = str(tmp_path / "s.db")
    run("ingest", str(seeds_dir), "--db", db)
    listing = run("articles", "--db", db)
    assert listing.exit_code == 0 and "5 articles" in listing.output
    art = next(a for a in export(db, "articles") if a["outlet"] == "大纪元")
    shown = run("show", art["id"][:8], "--db", db)
    assert shown.exit_code == 0
    assert "普京拜登是否举行峰会" in shown.output and "Times (" in shown.output
    assert run("show", "nope", "--db", db).exit_code != 0


def test_export_formats(tmp_path, seeds_dir):
    db = str(tmp_path / "s.db")
    run("ingest", str(seeds_dir), "--db", db)
    out = tmp_path / "a.csv"
    assert run("export", "articles", "--format", "csv", "-o", str(out), "--db", db).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith("\ufeffid,path,format")  # BOM for Excel
    assert run("export", "bogus", "--db", db).exit_code == 2


def test_store_of_an_older_minhash_scheme_is_resigned_once_and_says_so(tmp_path, seeds_dir):
    import sqlite3

    db = str(tmp_path / "s.db")
    assert run("ingest", str(seeds_dir), "--db", db).exit_code == 0
    before = export(db, "articles")
    con = sqlite3.connect(db)
    with con:  # what a store written before signatures named their scheme holds
        con.execute("UPDATE article_minhash SET signature = substr(signature, 3)")
        con.execute("DELETE FROM meta WHERE key = 'minhash_scheme'")  # that version kept no such row
    con.close()
    again = run("ingest", str(seeds_dir), "--db", db)
    assert again.exit_code == 0, again.output
    assert "re-signed 5 stored articles" in again.output
    assert summary(again.stdout)["unchanged"] == 5
    assert export(db, "articles") == before
    con = sqlite3.connect(db)
    assert {r[0][:2] for r in con.execute("SELECT signature FROM article_minhash")} == {"2:"}
    con.close()
    third = run("ingest", str(seeds_dir), "--db", db)
    assert "re-signed" not in third.output
