"""Rebuilding the search index from what is stored (stores ingested before search existed, or
after a change of tokenizer): `storyline` re-derives every span from the articles and quotes.
Re-exported by the package's __init__.
"""

from __future__ import annotations

import json
import re

from storyline.store.base import Store
from storyline.store.search.backends import backend_for
from storyline.store.search.tokens import tokenizer
from storyline.store.search.units import Unit

# sentence ends for articles stored without sentence spans; one character class, linear
_SENT_END = re.compile(r"[。！？!?；;]+[”’」』\"']*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def reindex(store: Store) -> int:
    """Rebuild the index from stored articles and quotes (stores ingested before search existed)."""
    backend, tok = backend_for(store), tokenizer()
    n = 0
    with store.transaction():
        backend.ensure(store)
        rows = store.rows("SELECT id, title, published, paragraphs FROM articles WHERE duplicate_of IS NULL ORDER BY id")
        for row in rows:
            aid = row["id"]
            backend.remove(store, aid)
            paras = json.loads(row["paragraphs"])
            units = [Unit(aid, "title", -1, 0, len(row["title"]), row["title"], tok.normalise(row["title"]))] \
                if row["title"] else []
            for i, text in enumerate(paras):
                norm = tok.normalise(text)
                units += [Unit(aid, "sentence", i, s, e, text[s:e], norm[s:e])
                          for s, e in split_sentences(text) if text[s:e].strip()]
            for q in store.rows("SELECT id, paragraph, start_pos, end_pos FROM quotes WHERE article_id = ?", (aid,)):
                if 0 <= q["paragraph"] < len(paras) and q["end_pos"] > q["start_pos"]:
                    text = paras[q["paragraph"]][q["start_pos"] : q["end_pos"]]
                    units.append(Unit(aid, "quote", q["paragraph"], q["start_pos"], q["end_pos"], text,
                                      tok.normalise(text), q["id"]))
            backend.add(store, units, tok, row["published"])
            n += 1
    return n
