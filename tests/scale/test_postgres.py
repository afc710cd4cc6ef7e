"""The store contract on both backends: the same tests run on SQLite and on PostgreSQL.

PostgreSQL runs come from STORYLINE_TEST_PG (set by .ci/run); locally they skip without it.
"""

from __future__ import annotations

import json

import pytest

from storyline.link.dedup import Deduper
from storyline.model import Article, Doc, EntityMention, EventMention, Paragraph, TimeExpr
from storyline.store import SchemaTooNew, StoreError, open_store, queries
from storyline.store import writer
from storyline.store.base import SCHEMA_VERSION


def _article(aid: str, paragraphs: list[str], published: str | None = "2022-02-01") -> Article:
    return Article(
        id=aid, path=f"{aid}.txt", source_key=f"/x/{aid}.txt", format="text", outlet="观察者网", title="标题",
        author=None, published=published, published_inferred=False, url=None, language="zh-Hans",
        paragraphs=paragraphs, content_hash=aid + "h",
    )


def _doc(art: Article) -> Doc:
    return Doc(article=art, paragraphs=[Paragraph(i, p, p) for i, p in enumerate(art.paragraphs)])


def test_fresh_store_is_migrated_and_reopens(store_target):
    store = open_store(store_target)
    assert store.schema_version() == SCHEMA_VERSION
    store.close()
    store = open_store(store_target)
    assert store.schema_version() == SCHEMA_VERSION
    assert queries.count(store, "articles") == 0
    store.close()


def test_newer_schema_is_refused_and_left_untouched(store_target):
    store = open_store(store_target)
    with store.transaction():
        writer.upsert_article(store, _article("a1", ["一段文字。"]))
        store.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 5),))
    store.close()
    with pytest.raises(SchemaTooNew, match="newer"):
        open_store(store_target)
    # Look underneath the Store: the version and the data are as they were.
    raw = _raw_rows(store_target, "SELECT value FROM meta WHERE key = 'schema_version'")
    assert raw == [(str(SCHEMA_VERSION + 5),)]
    assert _raw_rows(store_target, "SELECT id FROM articles") == [("a1",)]


def _raw_rows(target: str, sql: str) -> list[tuple]:
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            return [tuple(r) for r in conn.execute(sql).fetchall()]
    import sqlite3

    conn = sqlite3.connect(target)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_rewriting_annotations_never_doubles_rows(store_target):
    store = open_store(store_target)
    art = _article("a1", ["美国总统拜登8日与法国总统马克龙通电话。"])
    doc = _doc(art)
    doc.mentions = [EntityMention(0, 4, 6, "拜登", "PERSON", "拜登")]
    doc.times = [TimeExpr(0, 6, 8, "8日", "DATE", "2022-02-08")]
    for _ in range(3):
        with store.transaction():
            writer.upsert_article(store, art)
            writer.write_annotations(store, doc)
    assert queries.count(store, "articles") == 1
    assert queries.count(store, "mentions") == 1
    assert queries.count(store, "times") == 1
    assert [t["value"] for t in queries.iter_times(store)] == ["2022-02-08"]


def test_failed_transaction_leaves_nothing(store_target):
    store = open_store(store_target)
    with pytest.raises(RuntimeError):
        with store.transaction():
            writer.upsert_article(store, _article("a1", ["一段文字。"]))
            raise RuntimeError("crash mid-batch")
    assert queries.count(store, "articles") == 0
    with store.transaction():  # the connection is usable again after the rollback
        writer.upsert_article(store, _article("a2", ["另一段文字。"]))
    assert queries.count(store, "articles") == 1


def test_near_duplicate_found_and_different_text_not(store_target):
    store = open_store(store_target)
    dd = Deduper()
    base = ["俄罗斯外长拉夫罗夫周四在日内瓦会见美国国务卿布林肯，双方就乌克兰局势交换意见。" * 3,
            "会谈持续约一个半小时，双方同意继续保持接触，但未能取得突破。" * 3]
    with store.transaction():
        writer.upsert_article(store, _article("a1", base))
        writer.write_signature(store, "a1", dd.signature(base))
    edited = _article("a2", [base[0], base[1].replace("一个半", "两个")])
    assert writer.find_duplicate(store, edited, dd.signature(edited.paragraphs)) == "a1"
    other = _article("a3", ["波兰总理莫拉维茨基表示，波兰将向邻国提供人道主义援助和天然气供应。" * 3])
    assert writer.find_duplicate(store, other, dd.signature(other.paragraphs)) is None


def test_article_order_and_values_round_trip(store_target):
    """Undated articles sort last on both backends; JSON, booleans and floats come back exact."""
    store = open_store(store_target)
    undated = _article("a0", ["没有日期的文章。"], published=None)
    later = _article("a2", ["较晚的文章。"], published="2022-03-01")
    earlier = _article("a1", ["较早的文章，含“引号”与\\反斜杠。"], published="2022-02")
    earlier.published_inferred = True
    doc = _doc(later)
    doc.events = [EventMention(0, 0, 5, "较晚的文章", "CONSULT", "文章", 3, 5, duration_minutes=97.3)]
    with store.transaction():
        for art in (undated, later, earlier):
            writer.upsert_article(store, art)
        writer.write_annotations(store, doc)
    got = list(queries.iter_articles(store))
    assert [a["id"] for a in got] == ["a1", "a2", "a0"]
    assert got[0]["paragraphs"] == earlier.paragraphs
    assert got[0]["published_inferred"] is True and got[1]["published_inferred"] is False
    row = store.rows("SELECT duration_minutes FROM event_mentions")[0]
    assert row["duration_minutes"] == 97.3


def test_bad_postgres_url_is_a_clear_error():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot connect") as info:
        open_store("postgresql://someone:secret@127.0.0.1:1/nowhere")
    assert "secret" not in str(info.value)


def test_ingest_and_exports_identical_on_both_backends(pg_url, pipeline_ready, tmp_path, seeds_dir, corpus_dir):
    """`storyline ingest/export --db postgresql://...` behaves like the SQLite store, kind by kind."""
    from typer.testing import CliRunner

    from storyline.serve.cli import app

    sample = sorted(str(p) for p in (corpus_dir / "hexo").rglob("*") if p.is_file())[:6]
    paths = [str(seeds_dir), *sample]
    runner = CliRunner()
    outputs = {}
    for target in (str(tmp_path / "s.db"), pg_url):
        result = runner.invoke(app, ["ingest", *paths, "--db", target])
        assert result.exit_code == 0, result.output
        again = runner.invoke(app, ["ingest", *paths, "--db", target])  # a re-run changes nothing
        assert ", new 0, updated 0," in again.output
        exports = {}
        for kind in ("articles", "entities", "times", "events", "quotes", "disputes", "framing"):
            out = runner.invoke(app, ["export", kind, "--db", target])
            assert out.exit_code == 0, (kind, out.output)
            exports[kind] = out.output
        outputs[target.startswith("postgresql")] = (result.output.splitlines()[-1], exports)
    assert outputs[True][0] == outputs[False][0]
    assert json.loads(outputs[True][1]["articles"].splitlines()[0])["id"]
    for kind, text in outputs[False][1].items():
        assert outputs[True][1][kind] == text, kind


def test_iter_rows_reads_what_rows_reads_in_batches(store_target):
    store = open_store(store_target)
    with store.transaction():
        for i in range(7):
            writer.upsert_article(store, _article(f"it{i}", [f"第{i}段。"]))
    query = "SELECT id, title FROM articles ORDER BY id"
    assert list(store.iter_rows(query, size=3)) == store.rows(query)  # 7 rows: batches of 3, 3 and 1
    assert [r["id"] for r in store.iter_rows("SELECT id FROM articles WHERE id > ? ORDER BY id", ("it4",), size=2)] == [
        "it5", "it6"]
    store.close()


def test_disputes_are_paged_and_filtered_by_speaker_in_sql(store_target):
    store = open_store(store_target)

    def dispute(did: str, claim_by: str | None, counter_by: str | None, note: str = "") -> dict:
        return {"id": did, "claim": {"by": {"name": "甲", "entity_id": claim_by}, "text": note},
                "counter": {"by": {"name": "乙", "entity_id": counter_by}, "text": ""}, "mentions": []}

    records = [dispute("d1", "e_a", "e_b"), dispute("d2", "e_b", "e_c"), dispute("d3", None, "e_a"),
               dispute("d4", "e_c", None, note="e_a named only in the text")]
    with store.transaction():
        for rec in records:
            store.execute("INSERT INTO disputes (id, record) VALUES (?, ?)", (rec["id"], writer.dumps(rec)))
    assert queries.page_disputes(store, 2, 0) == (4, records[:2])
    assert queries.page_disputes(store, 2, 2) == (4, records[2:])
    assert queries.page_disputes(store, 50, 0, ["e_a"]) == (2, [records[0], records[2]])  # not d4: text only
    assert queries.page_disputes(store, 1, 1, ["e_a", "e_c"]) == (4, [records[1]])
    assert queries.page_disputes(store, 50, 0, []) == (0, [])
    store.close()


def test_writer_work_ahead_on_postgres_gives_the_sqlite_disputes(pg_url, tmp_path, monkeypatch):
    """The writer's work ahead (statements built and cached between batches) on PostgreSQL: the
    disputes equal SQLite's without it, and the dispute linking after the batches builds none
    of those statements again."""
    from tests.story.test_build_ahead import _run

    plain, _, _, _ = _run(tmp_path / "plain.db", False, monkeypatch)
    ahead, cached, built_in_finish, _ = _run(pg_url, True, monkeypatch)
    assert plain and ahead == plain
    assert cached == {"a1", "b1"} and built_in_finish == []
