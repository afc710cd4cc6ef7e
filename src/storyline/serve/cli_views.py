"""Read-only CLI views: articles, show, entities, entity, events."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from storyline.serve import validate
from storyline.serve.common import DbOption, checked, console, fail, opened, plural
from storyline.store import queries

STYLES = {
    "PERSON": "bold cyan", "ORG": "bold magenta", "GPE": "bold green", "LOC": "green",
    "TIME": "bold yellow", "EVENT": "reverse red", "QUOTE": "italic blue",
}


def register(app: typer.Typer) -> None:
    app.command()(articles)
    app.command()(show)
    app.command()(entities)
    app.command()(entity)
    app.command()(events)
    app.command()(quotes)


def articles(
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    db: DbOption = None,
) -> None:
    """List articles, newest first."""
    with opened(db, readonly=True) as store:
        rows = queries.list_articles(store, limit, offset, outlet)
        total = queries.count(store, "articles")
    table = Table(title=plural(total, "article"), show_lines=False)
    for col in ("id", "published", "outlet", "title"):
        table.add_column(col, overflow="fold")
    for r in rows:
        date = (r["published"] or "")[:10] + ("?" if r["published_inferred"] else "")
        title = r["title"] or "(untitled) " + r["path"]
        if r["duplicate_of"]:
            title += f"  [dim](duplicate of {r['duplicate_of']})[/dim]"
        if r.get("published_clue"):  # the evidence of an inferred date (issue #30)
            title += f"  [dim](date: {escape(r['published_clue'])})[/dim]"
        table.add_row(r["id"], date, r["outlet"] or "", title)
    console.print(table)


def show(article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")], db: DbOption = None) -> None:
    """One article with its analysis highlighted: entities, times, events and quotes."""
    with opened(db, readonly=True) as store:
        art = queries.get_article(store, article_id)
        if art is None:
            fail(f"no article {article_id!r}")
        ann = queries.article_annotations(store, art["id"])
    console.print(Text(art["title"] or "(untitled)", style="bold underline"))
    meta = [f"id {art['id']}", f"outlet {art['outlet'] or '-'}", f"published {art['published'] or '-'}"
            + (f" (inferred: {art['published_clue'] or '-'})" if art["published_inferred"] else ""), f"author {art['author'] or '-'}",
            f"format {art['format']}", f"path {art['path']}"]
    if art["duplicate_of"]:
        meta.append(f"duplicate of {art['duplicate_of']}")
    console.print(" | ".join(meta), style="dim")
    legend = Text("legend: ")
    for label, style in STYLES.items():
        legend.append(label, style=style).append(" ")
    console.print(legend)
    for i, para in enumerate(art["paragraphs"]):
        console.print(Text(f"[{i}] ", style="dim") + _highlight(para, i, ann))
    _print_list("Times", [f"[{t['paragraph']}] {t['text']} -> {t['value']}"
                          + (f" .. {t['range_end']}" if t["range_end"] else "") + (f" ({t['mod']})" if t["mod"] else "")
                          for t in ann["times"]])
    _print_list("Events", [f"[{e['paragraph']}] {e['type']}/{e['mode'] or '-'} {e['status']} {e['date'] or '?'} "
                           + ", ".join(f"{a['name']}({a['role']})" for a in e["actors"]) + f"  «{e['trigger']}»"
                           for e in ann["events"]])
    _print_list("Quotes", [f"[{q['paragraph']}] {q['speaker']['name']} {q['cue']}"
                           + (f" (via {q['via']})" if q["via"] else "") + f": {q['text'][:80]}"
                           for q in ann["quotes"]])


def _highlight(para: str, index: int, ann: dict) -> Text:
    text = Text(para)
    for q in ann["quotes"]:
        if q["paragraph"] == index:
            text.stylize(STYLES["QUOTE"], q["start"], q["end"])
    for e in ann["events"]:
        if e["paragraph"] == index and e["trigger_start"] is not None:
            text.stylize(STYLES["EVENT"], e["trigger_start"], e["trigger_end"])
    for t in ann["times"]:
        if t["paragraph"] == index:
            text.stylize(STYLES["TIME"], t["start"], t["end"])
    for m in ann["mentions"]:
        if m["paragraph"] == index:
            text.stylize(STYLES.get(m["type"], "bold"), m["start"], m["end"])
    return text


def _print_list(title: str, lines: list[str]) -> None:
    console.print(Text(f"\n{title} ({len(lines)})", style="bold"))
    for line in lines:
        console.print("  " + line, markup=False)


def entities(
    type: Annotated[Optional[str], typer.Option("--type", "-t", help="PERSON, ORG, GPE or LOC")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 100,
    db: DbOption = None,
) -> None:
    """List canonical entities, most mentioned first."""
    type = checked(validate.entity_type, type, "type")
    with opened(db, readonly=True) as store:
        rows = list(queries.iter_entities(store, type))
    table = Table(title=plural(len(rows), "entity", "entities"))
    for col in ("name", "type", "mentions", "articles", "aliases", "english"):
        table.add_column(col, overflow="fold")
    for r in rows[:limit]:
        aliases = "、".join(a for a in r["aliases"] if a != r["name"])
        table.add_row(r["name"], r["type"], str(r["mentions"]), str(r["articles"]), aliases, r["english"] or "")
    console.print(table)


def entity(name: Annotated[str, typer.Argument(help="Any alias, the canonical or English name, or the id.")],
           db: DbOption = None) -> None:
    """One entity's profile: aliases, roles, events and quotes."""
    with opened(db, readonly=True) as store:
        rec = queries.find_entity(store, name)
        if rec is None:
            fail(validate.no_entity(name))
        from storyline.store import profiles

        prof = profiles.entity_profile(store, rec["id"])
    console.print(Text(f"{rec['name']}  [{rec['type']}]", style="bold underline"))
    console.print(f"id {rec['id']} | english {rec['english'] or '-'} | {plural(rec['mentions'], 'mention')} in "
                  f"{plural(rec['articles'], 'article')}", markup=False)
    console.print("aliases: " + "、".join(rec["aliases"]), markup=False)
    if rec["roles"]:
        console.print("roles: " + "; ".join(f"{r.get('of') or ''}{r['title']}" for r in rec["roles"]), markup=False)
    _print_list("Events", [f"{e['date'] or '?'} {e['type']}{_unconfirmed(e)} " + ", ".join(a["name"] for a in e["actors"])
                           + f"  ({plural(len(e['mentions']), 'mention')})  {e['id']}" for e in prof["events"]])
    _print_list("Quotes", [f"{q['date'] or '?'} {q['cue']}: {q['text'][:90]}" for q in prof["quotes"]])


def events(
    type: Annotated[Optional[str], typer.Option("--type", "-t", help="PLOVER type, e.g. CONSULT")] = None,
    entity: Annotated[Optional[str], typer.Option("--entity", "-e", help="Any alias of a participant.")] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="YYYY[-MM[-DD]]")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="YYYY[-MM[-DD]]")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 200,
    db: DbOption = None,
) -> None:
    """List merged events with their sources; the id column is what `storyline story` takes."""
    from storyline.store import profiles

    type = checked(validate.event_type, type, "type")
    checked(validate.date_range, date_from, date_to)
    with opened(db, readonly=True) as store:
        checked(validate.entity_ids, store, entity, "entity")
        total = sum(profiles.count_events(store, type, entity, date_from, date_to))
        rows = profiles.filter_events(store, type=type, entity=entity, date_from=date_from, date_to=date_to,
                                      limit=limit)
    title = plural(total, "event") + (f" (first {len(rows)} shown; --limit shows more)" if len(rows) < total else "")
    table = Table(title=title)
    for col in ("date", "type", "mode", "status", "actors", "summary", "sources", "id"):
        table.add_column(col, overflow="fold")
    for e in rows:
        table.add_row(e["date"] or "?", e["type"], e["mode"] or "", e["status"] + _unconfirmed(e),
                      ", ".join(f"{a['name']}" for a in e["actors"]), e["summary"],
                      f"{len(e['mentions'])} / {', '.join(e['outlets'])}", e["id"])
    console.print(table)


def _unconfirmed(event: dict) -> str:
    """A merged event one source alone reports (the record's `unconfirmed`, when present)."""
    return " unconfirmed" if event.get("unconfirmed") else ""


def quotes(
    speaker: Annotated[Optional[str], typer.Option("--speaker", "-s", help="Any name of the speaker, or the name "
                                                   "as written.")] = None,
    article: Annotated[Optional[str], typer.Option(help="Only this article's quotes.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    db: DbOption = None,
) -> None:
    """List quotes by date with their speaker and source."""
    with opened(db, readonly=True) as store:
        rows = queries.page_quotes(store, speaker, article, limit, offset)
        total = queries.count_quotes(store, speaker, article)
    title = plural(total, "quote") + (f" ({len(rows)} shown from {offset + 1}; --limit/--offset)"
                                      if len(rows) < total else "")
    table = Table(title=title)
    for col in ("date", "speaker", "cue", "quote", "source"):
        table.add_column(col, overflow="fold")
    for q in rows:
        table.add_row(q["date"] or "?", q["speaker"]["name"] + (f" (via {q['via']})" if q["via"] else ""), q["cue"],
                      q["text"], f"{q['article_id']} ¶{q['paragraph']}")
    console.print(table)
