"""The stored dispute state (labels, best claims, near edges) equals what the in-memory graph
computes from every statement at once, however the articles arrived: in two ingests, one file
per batch, with an article replaced in between."""

from __future__ import annotations

import json

from storyline.ingest import ingest
from storyline.link.disputes.graph import DisputeGraph
from storyline.link.disputes import DisputeLinker, select_disputes
from storyline.store import open_store


def _graph(store) -> DisputeGraph:
    linker = DisputeLinker(store)
    ids = [r["id"] for r in store.rows("SELECT id FROM articles WHERE duplicate_of IS NULL ORDER BY id")]
    graph = DisputeGraph(linker.lexicon)
    by_article: dict[str, list] = {a: [] for a in ids}
    for s in linker.statements("a.duplicate_of IS NULL", ()):  # built from the rows, not the cache
        by_article[s.article_id].append(s)
    for aid in ids:
        graph.add_article(aid, by_article[aid])
    return graph


def _stored(store) -> tuple[dict, dict, set]:
    labels, bests = {}, {}
    for r in store.rows("SELECT key, role, label, best, score, topic FROM dispute_nodes"):
        if r["role"] == "claim":
            labels[r["key"]] = r["label"]
        elif r["best"] is not None:
            bests[r["key"]] = (r["best"], r["score"], r["topic"])
    edges = {(r["key"], r["other"]) for r in store.rows("SELECT key, other FROM dispute_near")}
    return labels, bests, edges


def test_stored_state_equals_the_graph_of_all_statements(tmp_path, seeds_dir, monkeypatch):
    files = sorted(str(p) for p in seeds_dir.iterdir() if p.is_file())
    db = str(tmp_path / "s.db")
    monkeypatch.setenv("STORYLINE_BATCH", "1")
    ingest(open_store(db), files[:3])
    ingest(open_store(db), files[3:])
    store = open_store(db)
    try:
        graph = _graph(store)
        labels, bests, edges = _stored(store)
        assert labels == graph.label and len(labels) > 50
        assert bests == {q: (b[1], b[2], b[3]) for q, b in graph.best.items()} and len(bests) > 5
        assert edges == {(k, n) for k, ns in graph.adj.items() for n in ns} and edges
    finally:
        store.close()


def test_replacing_an_article_keeps_the_state_exact(tmp_path, seeds_dir):
    files = sorted(str(p) for p in seeds_dir.iterdir() if p.is_file())
    db = str(tmp_path / "s.db")
    ingest(open_store(db), files)
    store = open_store(db)
    try:
        # the article with the most near claims is taken out and linked again, as a re-ingest does
        aid = store.scalar("SELECT n.article_id FROM dispute_near e JOIN dispute_nodes n ON n.key = e.key "
                           "GROUP BY n.article_id ORDER BY COUNT(*) DESC, n.article_id LIMIT 1")
        assert aid
        before = _stored(store)
        linker = DisputeLinker(store)
        with store.transaction():
            linker.forget(aid)
            assert not store.scalar("SELECT COUNT(*) FROM dispute_nodes WHERE article_id = ?", (aid,))
            linker.note(aid)
            linker.flush()
        assert _stored(store) == before
        graph = _graph(store)
        assert before[0] == graph.label
    finally:
        store.close()


def test_a_sweep_killed_midway_then_run_again_gives_the_clean_state(tmp_path, seeds_dir, monkeypatch):
    import storyline.link.disputes as disputes

    files = sorted(str(p) for p in seeds_dir.iterdir() if p.is_file())
    clean = str(tmp_path / "clean.db")
    ingest(open_store(clean), files)
    store = open_store(clean)
    want = (_stored(store), store.rows("SELECT id, record FROM disputes ORDER BY id"))
    # the same store with every article queued again and its disputes gone
    with store.transaction():
        store.execute("DELETE FROM disputes")
        store.execute("DELETE FROM dispute_articles")
        for r in store.rows("SELECT id FROM articles WHERE duplicate_of IS NULL"):
            store.execute("INSERT INTO link_queue (kind, item_id) VALUES ('dispute', ?)", (r["id"],))
    monkeypatch.setattr(disputes, "STEP_KEYS", 20)  # many small steps
    steps = []
    real = disputes.DisputeLinker._finish

    def dies_on_the_third(self, articles, on_done):
        steps.append(len(articles))
        if len(steps) == 3:
            raise KeyboardInterrupt  # as a kill would, inside the step's transaction
        real(self, articles, on_done)

    monkeypatch.setattr(disputes.DisputeLinker, "_finish", dies_on_the_third)
    try:
        DisputeLinker(store).link_all()
    except KeyboardInterrupt:
        pass
    assert len(steps) == 3
    assert store.scalar("SELECT COUNT(*) FROM link_queue WHERE kind = 'dispute'")  # work left queued
    monkeypatch.setattr(disputes.DisputeLinker, "_finish", real)
    DisputeLinker(store).link_all()
    assert not store.scalar("SELECT COUNT(*) FROM link_queue WHERE kind = 'dispute'")
    assert (_stored(store), store.rows("SELECT id, record FROM disputes ORDER BY id")) == want
    store.close()


# Corpus articles whose claims and counters meet across articles (counters answering another
# outlet's claim, near-identical claims reported twice): the seeds have no such pair.
CROSSING = [
    "hexo/Rock-Candy-Tea+RSSHUB-PAGE/source/_posts/新媒体/观察者网/头条/普京拜登通话1小时，克宫：美国歇斯底里达到顶峰.md",
    "gfw-md/easy2view+epoch-news/pages/ncid1078159/n13553693.md",
    "gfw-md/easy2view+epoch-news/pages/ncid277/n13555352.md",
    "gfw-md/easy2view+epoch-comment/pages/nsc1025/n13548362.md",
    "gfw-md/easy2view+epoch-news/pages/ncid1078159/n13572594.md",
    "gfw-md/easy2view+epoch-news/pages/nf1412576/n13571639.md",
    "gfw-md/easy2view+epoch-news/pages/ncid1078159/n13547044.md",
    "gfw-md/easy2view+epoch-news/pages/ncid277/n13646157.md",
    "gfw-md/easy2view+epoch-news/pages/ncid1078159/n13650420.md",
    "gfw-md/easy2view+epoch-news/pages/ncid277/n13646324.md",
    "gfw-md/easy2view+epoch-news/pages/ncid1078159/n13653607.md",
    "gfw-md/easy2view+epoch-news/pages/ncid1349362/n13622668.md",
    "gfw-md/easy2view+epoch-comment/pages/nsc1025/n13654414.md",
    "gfw-md/easy2view+epoch-news/pages/ncid1078159/n13617845.md",
    "gfw-md/easy2view+epoch-news/pages/ncid1078159/n13602852.md",
    "gfw-md/easy2view+epoch-news/pages/nf1412576/n13602624.md",
    "gfw-md/easy2view+epoch-news/pages/nf1412576/n13607542.md",
    "gfw-md/easy2view+epoch-news/pages/nf1412576/n13607072.md",
]


def _crossing(store) -> tuple[int, int]:
    near = store.scalar("SELECT COUNT(*) FROM dispute_near e JOIN dispute_nodes a ON a.key = e.key "
                        "JOIN dispute_nodes b ON b.key = e.other WHERE a.article_id <> b.article_id")
    best = store.scalar("SELECT COUNT(*) FROM dispute_nodes q JOIN dispute_nodes c ON c.key = q.best "
                        "WHERE q.article_id <> c.article_id")
    return near, best


def test_relations_between_stored_and_new_articles_are_found(tmp_path, corpus_dir, monkeypatch):
    """Every other article first, the rest in a second ingest (one file per batch): each
    relation between the two halves is found from the stored side of the second sweep. The
    state equals the graph of all statements, and so do the stored disputes. (Not those of one
    ingest of all: entity linking depends on the order articles arrive in.)"""
    files = [str(corpus_dir / f) for f in CROSSING]
    db = str(tmp_path / "two.db")
    monkeypatch.setenv("STORYLINE_BATCH", "1")
    ingest(open_store(db), files[::2])
    store = open_store(db)
    before = _crossing(store)
    store.close()
    ingest(open_store(db), files[1::2])
    store = open_store(db)
    try:
        near, best = _crossing(store)
        # found across the two ingests: near claims always; cross-article counters are rare
        # since #32 (a counter apart from its claim must cite it, name its source or negate it)
        assert near > before[0] and best >= before[1]
        graph = _graph(store)
        labels, bests, edges = _stored(store)
        assert labels == graph.label
        assert bests == {q: (b[1], b[2], b[3]) for q, b in graph.best.items()}
        assert edges == {(k, n) for k, ns in graph.adj.items() for n in ns}
        linker = DisputeLinker(store)
        want = select_disputes(linker.lexicon, linker.statements("a.duplicate_of IS NULL", ()))
        stored = [json.loads(r["record"]) for r in store.rows("SELECT record FROM disputes ORDER BY id")]
        # (these articles held disputes spanning two articles before #32's stricter pairing; the
        # state's equality with the graph is what this test is about)
        assert stored == want and want
    finally:
        store.close()
