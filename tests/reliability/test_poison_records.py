"""One unstorable record must cost itself, never the batch (issue #29, defect 1).

PostgreSQL refuses a NUL character in text ("text fields cannot contain NUL") and a b-tree
index row over ~2.7 KB (a 3,000-character outlet, a 9,000-character URL in the unique source
key); SQLite takes all of them. Before the fix one such record rolled back the whole batch on
PostgreSQL, so the good file beside it was never stored, and every re-run failed the same way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from storyline.serve.cli import app
from storyline.store import open_store

BODIES = [
    "俄罗斯总统普京周一在莫斯科会见法国总统马克龙，双方就乌克兰局势举行了长达五个小时的会谈。",
    "美国国务卿布林肯周三在柏林与德国外长贝尔伯克举行会谈，讨论对俄制裁的具体方案。",
    "北约秘书长斯托尔滕贝格周四表示，北约将向东欧成员国增派部队，以加强集体防御。",
    "乌克兰总统泽连斯基周五在基辅发表讲话，呼吁西方国家提供更多防空系统和弹药。",
]


def _write_corpus(folder: Path) -> None:
    folder.mkdir()
    poison = [
        {"title": "空字符\u0000标题", "content": BODIES[0] + "\u0000", "author": "记\u0000者",
         "url": "https://example.com/a0", "date": "2022-02-07"},
        {"title": "长媒体名", "content": BODIES[1], "outlet": "新" * 3000, "url": "https://example.com/a1",
         "date": "2022-02-09"},
        {"title": "长链接", "content": BODIES[2], "url": "https://example.com/" + "x" * 9000, "date": "2022-02-10"},
    ]
    for i, rec in enumerate(poison):
        (folder / f"p{i}.json").write_text(json.dumps(rec, ensure_ascii=True), encoding="utf-8")
    (folder / "good.md").write_text("# 好文章\n\n" + BODIES[3] + "\n", encoding="utf-8")


def _summary(out: str) -> dict[str, int]:
    m = re.search(r"read (\d+), new (\d+), updated (\d+), unchanged (\d+), duplicate (\d+), failed (\d+)", out)
    assert m, out
    return dict(zip(["read", "new", "updated", "unchanged", "duplicate", "failed"], map(int, m.groups())))


def _articles(target: str) -> list[dict]:
    result = CliRunner().invoke(app, ["export", "articles", "--db", target])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_poison_records_cost_nothing_but_themselves(tmp_path, store_target):
    corpus = tmp_path / "c"
    _write_corpus(corpus)
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(corpus), "--db", store_target])
    assert first.exit_code == 0, first.output
    assert _summary(first.stdout)["new"] == 4, first.output
    arts = {Path(a["path"]).name: a for a in _articles(store_target)}
    assert set(arts) == {"good.md", "p0.json", "p1.json", "p2.json"}
    assert arts["good.md"]["paragraphs"] == [BODIES[3]]
    # what no store can hold (NUL) is U+FFFD, one for one, on both backends: offsets stay valid
    assert "\x00" not in json.dumps(arts["p0.json"], ensure_ascii=False)
    assert arts["p0.json"]["title"] == "空字符\ufffd标题"
    assert arts["p0.json"]["author"] in ("记\ufffd者", None)
    assert arts["p1.json"]["outlet"].startswith("新" * 100)
    assert arts["p2.json"]["url"] == "https://example.com/" + "x" * 9000  # the column is not indexed: kept whole
    # a re-run finds every record unchanged: the stored keys are the ones the reader makes again
    second = runner.invoke(app, ["ingest", str(corpus), "--db", store_target])
    assert second.exit_code == 0, second.output
    assert _summary(second.stdout) == {"read": 4, "new": 0, "updated": 0, "unchanged": 4, "duplicate": 0,
                                       "failed": 0}, second.output


def _refuse_titles(target: str, title: str) -> None:
    """Make the store itself refuse one article row (a trigger), as a driver refuses a value it
    cannot hold: the ingest's per-record safety net must take it, whatever the reason."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute(
                "CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN IF NEW.title = '"
                + title + "' THEN RAISE EXCEPTION 'poison row' USING ERRCODE = '22000'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql")
            conn.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON articles "
                         "FOR EACH ROW EXECUTE FUNCTION refuse_poison()")
    else:
        import sqlite3

        conn = sqlite3.connect(target)
        conn.execute(f"CREATE TRIGGER refuse_poison BEFORE INSERT ON articles WHEN NEW.title = '{title}' "
                     "BEGIN SELECT RAISE(ABORT, 'poison row'); END")
        conn.commit()
        conn.close()


def test_a_refused_record_is_named_and_the_rest_is_stored(tmp_path, store_target):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i, body in enumerate(BODIES):
        (corpus / f"a{i}.md").write_text(f"# 标题{i}\n\n{body}\n", encoding="utf-8")
    runner = CliRunner()
    open_store(store_target).close()  # creates the schema
    _refuse_titles(store_target, "标题1")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", store_target])
    assert result.exit_code == 0, result.output
    assert _summary(result.stdout)["new"] == 3 and _summary(result.stdout)["failed"] == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if "a1.md" in ln]
    assert len(lines) == 1 and "cannot store this record" in lines[0] and "poison row" in lines[0], result.stderr
    assert sorted(Path(a["path"]).name for a in _articles(store_target)) == ["a0.md", "a2.md", "a3.md"]
    # the refused article left nothing behind: no annotation rows point at it
    entities = runner.invoke(app, ["export", "quotes", "--db", store_target])
    assert "a1.md" not in entities.stdout
