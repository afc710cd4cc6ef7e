"""The stored dispute state (labels, best claims, near edges) equals what the in-memory graph
computes from every statement at once, however the articles arrived: in two ingests, one file
per batch, with an article replaced in between."""

from __future__ import annotations

from storyline.ingest import ingest
from storyline.link.dispute_graph import DisputeGraph
from storyline.link.disputes import DisputeLinker
from storyline.store import open_store


def _graph(store) -> DisputeGraph:
    linker = DisputeLinker(store)
    ids = [r["id"] for r in store.rows("SELECT id FROM articles WHERE duplicate_of IS NULL ORDER BY id")]
    graph = DisputeGraph(linker.lexicon)
    by_article: dict[str, list] = {a: [] for a in ids}
    for s in linker._statements_of(ids):
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
