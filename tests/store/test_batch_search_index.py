"""A batch's search spans are written after its other writes (writer.index_docs): no savepoint
follows a write to the FTS5 table inside a transaction (each one made FTS5 flush a segment), and
what is indexed is what indexing article by article gave."""

from __future__ import annotations

from storyline.ingest import Summary, _store_doc, ingest
from storyline.link.dedup import Deduper
from storyline.link.linker import Linker
from storyline.model import Article, Doc, Paragraph
from storyline.store import open_store, writer

TEXTS = [
    "外交部发言人周一表示，中方一贯主张通过对话解决分歧。",
    "欧盟委员会主席周二在布鲁塞尔宣布了新的能源援助计划。",
    "联合国秘书长呼吁各方保持克制，尽快恢复和平谈判。",
    "日本首相周三会见来访的澳大利亚外长，双方讨论了地区安全。",
]


def _ingest_traced(tmp_path) -> tuple[list[str], object]:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text + "\n", encoding="utf-8")
    store = open_store(str(tmp_path / "s.db"))
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    summary = ingest(store, [str(folder)])
    store.conn.set_trace_callback(None)
    assert summary.new == len(TEXTS)
    return seen, store


def test_no_savepoint_after_a_search_write_in_a_batch(tmp_path):
    statements, store = _ingest_traced(tmp_path)
    fts_written = False
    for sql in statements:
        head = sql.lstrip().upper()
        if head.startswith(("COMMIT", "ROLLBACK")) and not head.startswith("ROLLBACK TO"):
            fts_written = False
        elif head.startswith("INSERT INTO SEARCH_FTS"):
            fts_written = True
        elif head.startswith("SAVEPOINT"):
            assert not fts_written, "a savepoint after the batch's first search write"
    assert store.scalar("SELECT COUNT(*) FROM search_units") >= len(TEXTS)
    store.close()


def _search_state(store) -> tuple[list, list]:
    # article and quote ids follow the input's path, which differs between the two stores
    units = [tuple(r.values()) for r in store.rows(
        "SELECT id, kind, paragraph, start_pos, end_pos, text, norm, words, grams FROM search_units ORDER BY id")]
    hits = [tuple(r.values()) for term in ("外长", "周一", "和平") for r in store.rows(
        "SELECT rowid, bm25(search_fts) AS score FROM search_fts WHERE search_fts MATCH ? ORDER BY rank, rowid",
        (f"words:{term}",))]
    return units, hits


def test_batch_index_equals_indexing_each_article(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _, batched = _ingest_traced(tmp_path / "a")
    import storyline.ingest as ingest_module

    plain = ingest_module._store_doc

    def each(*args, to_index=None, **kwargs):  # the spans written with each article, as before
        return plain(*args, **kwargs)

    def positional(store, doc, deduper, linker, summary, timer=None, to_index=None):
        return each(store, doc, deduper, linker, summary, timer)

    monkeypatch.setattr(ingest_module, "_store_doc", positional)
    _, one_by_one = _ingest_traced(tmp_path / "b")
    got, want = _search_state(batched), _search_state(one_by_one)
    assert got == want and got[0] and got[1]
    batched.close()
    one_by_one.close()


def _doc(aid: str, text: str, content_hash: str) -> Doc:
    art = Article(id=aid, path=f"{aid}.txt", source_key=f"/x/{aid}.txt", format="text", outlet=None, title=None,
                  author=None, published="2022-02-01", published_inferred=False, url=None, language="zh-Hans",
                  paragraphs=[text], content_hash=content_hash)
    return Doc(article=art, paragraphs=[Paragraph(0, text, text)])


def test_a_version_replaced_by_a_copy_in_the_same_batch_leaves_no_spans(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    linker = Linker(store)
    queued: list = []
    original = TEXTS[1] * 3
    with store.transaction():
        _store_doc(store, _doc("orig", original, "h0"), Deduper(), linker, Summary(), to_index=queued)
        _store_doc(store, _doc("a1", TEXTS[0] * 3, "h1"), Deduper(), linker, Summary(), to_index=queued)
        # the same article again in this batch, now a copy of `orig`: it keeps no annotations
        _store_doc(store, _doc("a1", original, "h2"), Deduper(), linker, Summary(), to_index=queued)
        linker.flush()
        writer.index_docs(store, queued)
    assert store.scalar("SELECT duplicate_of FROM articles WHERE id = 'a1'") == "orig"
    assert store.scalar("SELECT COUNT(*) FROM search_units WHERE article_id = 'a1'") == 0
    assert store.scalar("SELECT COUNT(*) FROM search_units WHERE article_id = 'orig'") > 0
    store.close()
