"""Entity records' mention and article counts are kept by the registry as it links and replaces
articles (no recount of the whole store per batch); they must always equal a recount."""

from __future__ import annotations

import json
import shutil

from storyline.ingest import ingest
from storyline.store import open_store


def _mismatches(store) -> list[tuple]:
    recount = {r["entity_id"]: (r["n"], r["a"]) for r in store.rows(
        "SELECT entity_id, COUNT(*) AS n, COUNT(DISTINCT article_id) AS a FROM mentions "
        "WHERE entity_id IS NOT NULL GROUP BY entity_id")}
    out = []
    for r in store.rows("SELECT id, record FROM entities"):
        rec = json.loads(r["record"])
        if (rec["mentions"], rec["articles"]) != recount.get(r["id"], (0, 0)):
            out.append((rec["name"], rec["mentions"], rec["articles"], recount.get(r["id"])))
    return out


def test_counts_equal_a_recount_after_edits_and_removals(tmp_path, seeds_dir):
    folder = tmp_path / "in"
    shutil.copytree(seeds_dir, folder)
    store = open_store(str(tmp_path / "s.db"))
    ingest(store, [str(folder)], caps=None)
    assert _mismatches(store) == []

    # one article loses its second half, another becomes a copy of a third: both replace their
    # stored mentions, and the entities they named must lose exactly those
    files = sorted(folder.iterdir())
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text[: len(text) // 2], encoding="utf-8")
    files[2].write_text(files[3].read_text(encoding="utf-8"), encoding="utf-8")
    before = store.scalar("SELECT COUNT(*) FROM mentions")
    summary = ingest(store, [str(folder)])
    assert summary.updated + summary.duplicate >= 2, summary.line()
    assert store.scalar("SELECT COUNT(*) FROM mentions") < before  # the edit removed mentions
    assert _mismatches(store) == []
    store.close()
