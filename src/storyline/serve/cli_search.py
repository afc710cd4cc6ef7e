"""CLI full-text search: `storyline search QUERY` with highlighted hits."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.text import Text

from storyline.serve import validate
from storyline.serve.common import DbOption, checked, console, fail, opened
from storyline.store import search as search_index

KIND_LABEL = {"title": "标题", "sentence": "句", "quote": "引语"}


def register(app: typer.Typer) -> None:
    """Adds `search` to the app."""
    app.command()(search)


def search(
    words: Annotated[Optional[list[str]], typer.Argument(
        metavar="QUERY", help="Words to find, quoted or not (every term must match).")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="Published on or after (ISO date).")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="Published on or before (ISO date).")] = None,
    entity: Annotated[Optional[str], typer.Option(help="Only spans mentioning this entity (any alias).")] = None,
    type_: Annotated[Optional[str], typer.Option("--type", help="Only spans reporting an event of this type.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="title, sentence or quote.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    reindex: Annotated[bool, typer.Option("--reindex", help="Rebuild the search index from stored articles.")] = False,
    db: DbOption = None,
) -> None:
    """Full-text search over titles, sentences and quotes, ranked by BM25, hits highlighted."""
    query = " ".join(words or [])  # `search 入侵 乌克兰` is `search "入侵 乌克兰"`
    if reindex:
        with opened(db) as store:
            n = search_index.reindex(store)
        console.print(f"reindexed {n} articles")
        if not query:
            return
    if not query.strip():
        fail("give a query")
    checked(validate.search_kind, kind, search_index.KINDS)
    type_ = checked(validate.event_type, type_, "type")
    checked(validate.date_range, date_from, date_to)
    with opened(db, readonly=True) as store:
        ids = checked(validate.entity_ids, store, entity, "entity")
        filters = search_index.SearchFilters(outlet, date_from, date_to, ids, type_, kind)
        page = search_index.search(store, query, filters, limit, offset)
    if page.note:
        console.print(page.note, style="yellow", markup=False)
    hits = "hit" if page.total == 1 and page.exact else "hits"
    console.print(f"{page.total}{'' if page.exact else '+'} {hits} for {' '.join(page.terms)}", style="bold", markup=False)
    for i, hit in enumerate(page.hits, offset + 1):
        where = "title" if hit["paragraph"] < 0 else f"¶{hit['paragraph']} [{hit['start']}:{hit['end']}]"
        head = Text(f"{i:>3}. ", style="dim")
        head.append(hit["article_id"], style="bold")
        head.append(f"  {where}  {(hit['published'] or '-')[:10]}  {hit['outlet'] or '-'}  "
                    f"{KIND_LABEL.get(hit['kind'], hit['kind'])}  {' '.join((hit['title'] or '').split())}", style="dim")
        console.print(head)
        console.print(Text("     ") + highlighted(hit))


def highlighted(hit: dict) -> Text:
    text, base = hit["snippet"], hit["snippet_start"]
    out, pos = Text(), 0
    for start, end in hit["highlights"]:
        s, e = start - base, end - base
        out.append(text[pos:s])
        out.append(text[s:e], style="bold black on yellow")
        pos = e
    out.append(text[pos:])
    return out
