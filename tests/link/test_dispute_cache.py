"""The store's cache of built dispute statements (link.disputes.cache): what it returns is what
building from the rows gives now, or nothing."""

from __future__ import annotations

import json

from storyline.ingest import ingest
from storyline.link.disputes.cache import StatementCache
from storyline.link.disputes.rules import DisputeLexicon
from storyline.link.disputes import DisputeLinker
from storyline.store import open_store


def _seeded(tmp_path, seeds_dir):
    db = str(tmp_path / "s.db")
    ingest(open_store(db), [str(seeds_dir)])
    return open_store(db)


def _by_article(statements) -> dict[str, list]:
    out: dict[str, list] = {}
    for s in statements:
        out.setdefault(s.article_id, []).append(s)
    return out


def test_an_ingest_caches_every_article_as_built_from_the_rows(tmp_path, seeds_dir):
    """Its claims and counters: the statements that can be related (the rest never are)."""
    store = _seeded(tmp_path, seeds_dir)
    linker = DisputeLinker(store)
    ids = [r["id"] for r in store.rows("SELECT id FROM articles WHERE duplicate_of IS NULL ORDER BY id")]
    cached = linker.cache.get(ids)
    assert sorted(cached) == ids
    nodes = [s for s in linker.statements("a.duplicate_of IS NULL", ()) if s.claim and not s.counter or s.counter]
    assert cached == {a: _by_article(nodes).get(a, []) for a in ids}
    # the speakers they were built with: every linked entity a cached statement names
    named = {s.by_id for ss in cached.values() for s in ss if s.by_id}
    assert named <= {r["entity_id"] for r in store.rows("SELECT entity_id FROM dispute_speakers")}
    store.close()


def test_a_changed_side_drops_the_rows_of_articles_that_mention_the_entity(tmp_path, seeds_dir):
    store = _seeded(tmp_path, seeds_dir)
    linker = DisputeLinker(store)
    row = store.rows("SELECT q.speaker_entity_id AS e, q.article_id AS a FROM quotes q "
                     "WHERE q.speaker_entity_id IS NOT NULL ORDER BY q.id LIMIT 1")[0]
    record = json.loads(store.rows("SELECT record FROM entities WHERE id = ?", (row["e"],))[0]["record"])
    mentioning = {r["article_id"] for r in store.rows("SELECT article_id FROM mentions WHERE entity_id = ?", (row["e"],))}
    total = store.scalar("SELECT COUNT(*) FROM dispute_statements")
    with store.transaction():
        linker.entities_saved([record])  # the same name and side: nothing goes
    assert store.scalar("SELECT COUNT(*) FROM dispute_statements") == total
    with store.transaction():
        linker.entities_saved([{**record, "country": "冰岛", "type": "PERSON"}])
    left = {r["article_id"] for r in store.rows("SELECT article_id FROM dispute_statements")}
    assert row["a"] in mentioning and not (left & mentioning)
    assert len(left) == total - len(mentioning)
    store.close()


def test_rows_of_another_lexicon_are_not_used(tmp_path, seeds_dir):
    store = _seeded(tmp_path, seeds_dir)
    ids = [r["id"] for r in store.rows("SELECT id FROM articles")]
    lex = DisputeLexicon()
    assert StatementCache(store, lex).get(ids)
    raw = _raw()
    other = DisputeLexicon({**raw, "counter_cues": raw["counter_cues"] + ["绝无此事"]})  # one more cue
    assert other.fingerprint != lex.fingerprint
    assert StatementCache(store, other).get(ids) == {}
    store.close()


def test_replacing_an_article_drops_its_row(tmp_path, seeds_dir):
    from storyline.store import writer

    store = _seeded(tmp_path, seeds_dir)
    aid = store.scalar("SELECT article_id FROM dispute_statements ORDER BY article_id LIMIT 1")
    with store.transaction():
        writer.delete_annotations(store, aid)
    assert not store.scalar("SELECT COUNT(*) FROM dispute_statements WHERE article_id = ?", (aid,))
    store.close()


def _raw() -> dict:
    from importlib import resources

    import yaml

    return yaml.safe_load((resources.files("storyline.link") / "data" / "disputes.yaml").read_text(encoding="utf-8"))
