"""Full-text search, the writing side: an article's spans (title, sentences, quotes), built and
segmented ahead in the workers (`prepare_doc`) and inserted by the writer (`index_doc`).
"""

from __future__ import annotations

from storyline.model import Doc
from storyline.store.base import Store
from storyline.store.search.backends import backend_for
from storyline.store.search.tokens import Tokenizer, tokenizer
from storyline.store.search.units import Unit, segmented



def doc_units(doc: Doc, tok: Tokenizer) -> list[Unit]:
    from storyline.store.writer import stable_id  # the writer imports this package: import late

    aid, units = doc.article.id, []
    if doc.article.title:
        units.append(Unit(aid, "title", -1, 0, len(doc.article.title), doc.article.title,
                          tok.normalise(doc.article.title)))
    by_index = {}
    for para in doc.paragraphs:
        by_index[para.index] = para
        norm = para.norm.lower() if len(para.norm) == len(para.text) else tok.normalise(para.text)
        spans = [(s.start, s.end) for s in para.sentences] or [(0, len(para.text))]
        for start, end in spans:
            if para.text[start:end].strip():
                units.append(Unit(aid, "sentence", para.index, start, end, para.text[start:end], norm[start:end]))
    seen = set()
    for q in doc.quotes:
        para = by_index.get(q.paragraph)
        if para is None or (q.paragraph, q.start, q.end) in seen or q.end <= q.start:
            continue
        seen.add((q.paragraph, q.start, q.end))
        text = para.text[q.start : q.end]
        units.append(Unit(aid, "quote", q.paragraph, q.start, q.end, text, tok.normalise(text),
                          stable_id("q", aid, q.paragraph, q.start, q.end)))
    return units


PREPARED = "search_units"  # Doc.extras key of the units prepare_doc made


def prepare_doc(doc: Doc) -> None:
    """Build and segment an article's search spans ahead of storing (a pure function of the
    doc): the per-article workers run it, so the single writer only inserts rows."""
    tok = tokenizer()
    units = doc_units(doc, tok)
    for u in units:
        u.words, u.grams = segmented(u, tok)
    doc.extras[PREPARED] = units


def index_doc(store: Store, doc: Doc, replace: bool = True) -> None:
    """(Re)index one stored article; called by writer.write_annotations inside its transaction
    (`replace=False`: the article is new, it has no spans to remove)."""
    backend = backend_for(store)
    backend.ensure(store)
    if replace:
        backend.remove(store, doc.article.id)
    tok = tokenizer()
    units = doc.extras.pop(PREPARED, None)
    backend.add(store, units if units is not None else doc_units(doc, tok), tok, doc.article.published)


def unindex_article(store: Store, article_id: str) -> None:
    """Drop an article's spans; called by writer.delete_annotations (re-ingest, duplicates)."""
    backend = backend_for(store)
    if backend.exists(store):
        backend.remove(store, article_id)
