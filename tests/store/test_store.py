from __future__ import annotations

import sqlite3

import pytest

from storyline.link.dedup import Deduper, Signature
from storyline.model import Article, Doc, EntityMention, Paragraph, TimeExpr
from storyline.store import SchemaTooNew, open_store
from storyline.store import writer
from storyline.store.base import SCHEMA_VERSION


def _article(aid: str, paragraphs: list[str]) -> Article:
    return Article(
        id=aid, path=f"{aid}.txt", source_key=f"/x/{aid}.txt", format="text", outlet=None, title=None,
        author=None, published="2022-02-01", published_inferred=False, url=None, language="zh-Hans",
        paragraphs=paragraphs, content_hash=aid + "h",
    )


def test_fresh_store_is_migrated_and_reopens(tmp_path):
    db = tmp_path / "s.db"
    store = open_store(str(db))
    assert store.schema_version() == SCHEMA_VERSION
    store.close()
    store = open_store(str(db))
    assert store.schema_version() == SCHEMA_VERSION
    store.close()


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "s.db"
    open_store(str(db)).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 5),))
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer"):
        open_store(str(db))
    assert db.read_bytes() == before


def test_rewriting_annotations_never_doubles_rows(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    art = _article("a1", ["美国总统拜登8日与法国总统马克龙通电话。"])
    doc = Doc(article=art, paragraphs=[Paragraph(0, art.paragraphs[0], art.paragraphs[0])])
    doc.mentions = [EntityMention(0, 4, 6, "拜登", "PERSON", "拜登")]
    doc.times = [TimeExpr(0, 6, 8, "8日", "DATE", "2022-02-08")]
    for _ in range(3):
        with store.transaction():
            writer.upsert_article(store, art)
            writer.write_annotations(store, doc)
    assert store.scalar("SELECT COUNT(*) FROM articles") == 1
    assert store.scalar("SELECT COUNT(*) FROM mentions") == 1
    assert store.scalar("SELECT COUNT(*) FROM times") == 1


def test_failed_transaction_leaves_nothing(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    with pytest.raises(RuntimeError):
        with store.transaction():
            writer.upsert_article(store, _article("a1", ["一段文字。"]))
            raise RuntimeError("crash mid-batch")
    assert store.scalar("SELECT COUNT(*) FROM articles") == 0


def test_near_duplicate_found_and_different_text_not(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    dd = Deduper()
    base = ["俄罗斯外长拉夫罗夫周四在日内瓦会见美国国务卿布林肯，双方就乌克兰局势交换意见。" * 3,
            "会谈持续约一个半小时，双方同意继续保持接触，但未能取得突破。" * 3]
    original = _article("a1", base)
    with store.transaction():
        writer.upsert_article(store, original)
        writer.write_signature(store, "a1", dd.signature(base))
    edited = _article("a2", [base[0], base[1].replace("一个半", "两个")])
    assert writer.find_duplicate(store, edited, dd.signature(edited.paragraphs)) == "a1"
    other = _article("a3", ["波兰总理莫拉维茨基表示，波兰将向邻国提供人道主义援助和天然气供应。" * 3])
    assert writer.find_duplicate(store, other, dd.signature(other.paragraphs)) is None


def test_signatures_of_an_older_scheme_are_upgraded_before_lookup(tmp_path):
    """A store written with the SHA-1 shingle hash (no scheme prefix) is re-signed from its stored
    paragraphs, after which a near copy is found again; a second run has nothing to do."""
    store = open_store(str(tmp_path / "s.db"))
    dd = Deduper()
    texts = {f"a{i}": [f"第{i}篇：外交部发言人在例行记者会上表示，双方将于下周在维也纳举行第{i}轮会谈。" * 4]
             for i in range(5)}
    with store.transaction():
        for aid, paras in texts.items():
            writer.upsert_article(store, _article(aid, paras))
            old = Signature(tuple(v ^ 1 for v in dd.signature(paras).values), scheme=1)  # any old values
            writer.write_signature(store, aid, old)
    store.execute("UPDATE article_minhash SET signature = substr(signature, 3)")  # as old code wrote them
    near = _article("b", texts["a3"] + ["（记者报道）"])
    assert writer.find_duplicate(store, near, dd.signature(near.paragraphs)) is None  # old values: no match

    seen = []
    assert writer.upgrade_signatures(store, dd, lambda done, total: seen.append((done, total)), chunk=2) == 5
    assert seen == [(2, 5), (4, 5), (5, 5)]
    assert writer.find_duplicate(store, near, dd.signature(near.paragraphs)) == "a3"
    assert store.scalar("SELECT COUNT(*) FROM article_bands") == 5 * 16  # replaced, not added to
    assert writer.upgrade_signatures(store, dd) == 0
