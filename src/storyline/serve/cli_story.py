"""CLI views over linked data: timeline, disputes, compare, and the story thread of an event."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from storyline.serve import validate
from storyline.serve.common import DbOption, checked, console, err_console, fail, opened, plural, printable

FORMATS = ("text", "md", "jsonl", "html")


def register(app: typer.Typer) -> None:
    """Adds `timeline`, `disputes`, `compare` and `story` to the app."""
    app.command()(timeline)
    app.command()(disputes)
    app.command()(compare)
    app.command()(story)


def timeline(
    entity: Annotated[Optional[str], typer.Option("--entity", "-e", help="Any alias of a participant.")] = None,
    type: Annotated[Optional[str], typer.Option("--type", "-t", help="PLOVER type, e.g. CONSULT")] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="YYYY[-MM[-DD]]")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="YYYY[-MM[-DD]]")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many events (dated first).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, md, jsonl or html")] = "text",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    db: DbOption = None,
) -> None:
    """Chronological storyline of merged events with their sources (undated events last).
    Each text line ends with the event's id, for `storyline story`."""
    from storyline.serve import timeline_html as render
    from storyline.store import profiles, queries

    checked(validate.output_format, format, FORMATS)
    type = checked(validate.event_type, type, "type")
    checked(validate.date_range, date_from, date_to)
    with opened(db, readonly=True) as store:
        checked(validate.entity_ids, store, entity, "entity")
        total = sum(profiles.count_events(store, type, entity, date_from, date_to))
        events = profiles.filter_events(store, type=type, entity=entity, date_from=date_from, date_to=date_to,
                                        limit=limit)
        urls = queries.article_urls(store, {m["article_id"] for e in events for m in e["mentions"]}) \
            if format == "html" else {}
    title = "Timeline" + (f": {entity}" if entity else "") + (f" {date_from or ''}…{date_to or ''}" if date_from or date_to else "")
    if format == "text":
        text = render.render_text(events)
    elif format == "md":
        text = render.render_md(events, title)
    elif format == "jsonl":
        text = render.render_jsonl(events)
    else:
        text = render.render_html(events, title, urls)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(printable(text) if format in ("text", "md") else text)  # jsonl/html escape their own
    if not events:
        err_console.print("no events" + (" for these filters" if entity or type or date_from or date_to else ""),
                          style="dim")
    elif len(events) < total:
        err_console.print(f"{len(events)} of {plural(total, 'event')} shown (--limit)", style="dim")


def disputes(
    limit: Annotated[int, typer.Option(min=1)] = 200,
    db: DbOption = None,
) -> None:
    """Claims and the counter-claims that contest them, side by side."""
    from storyline.store import queries

    with opened(db, readonly=True) as store:
        rows = list(queries.iter_records(store, "disputes"))
    rows.sort(key=lambda d: (d["claim"].get("date") or "9999", d["id"]))
    table = Table(title=plural(len(rows), "dispute"), show_lines=True)
    for col in ("topic", "claim", "counter-claim", "outlets"):
        table.add_column(col, overflow="fold", ratio=1 if col in ("topic", "outlets") else 3)
    for d in rows[:limit]:
        table.add_row(d["topic"], _side(d["claim"]), _side(d["counter"]), "、".join(d["outlets"]) or "-")
    console.print(table)


def _side(s: dict) -> str:
    from rich.markup import escape

    head = f"[bold]{escape(s['by']['name'] or '?')}[/bold] {escape(s.get('date') or '')}"
    return f"{head}\n{escape(s['text'])}\n[dim]{escape(s['article_id'])} ¶{s.get('paragraph', '?')}[/dim]"


def compare(
    outlets: Annotated[Optional[str], typer.Option("--outlets", help="Comma-separated outlets, e.g. 观察者网,大纪元; "
                                                  "'(unknown)' stands for articles without an outlet.")] = None,
    top: Annotated[int, typer.Option(min=1, help="Rows per feature.")] = 15,
    db: DbOption = None,
) -> None:
    """Side-by-side framing of outlets: scare quotes, name variants, speakers, event types, blind spots."""
    from storyline.link.framing import framing_records

    wanted = [o.strip() for o in outlets.split(",") if o.strip()] if outlets else None
    with opened(db, readonly=True) as store:
        records = framing_records(store, wanted)
    if not records:
        console.print("nothing to compare" + (f" for {outlets}" if outlets else ""), style="dim")
        return
    names = wanted or sorted({r["outlet"] for r in records})
    by_feature: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_feature[r["feature"]].append(r)
    for feature, cell in (("scare_quote", _quote_cell), ("name_variant", None), ("speaker_share", _share_cell),
                          ("speaker_country_share", _share_cell), ("event_type_share", _share_cell)):
        if feature in by_feature:
            _feature_table(feature, by_feature[feature], names, cell, top)
    if "only_here" in by_feature:
        table = Table(title="only_here: events only one of these outlets reports")
        for col in ("outlet", "date", "type", "summary", "mentions"):
            table.add_column(col, overflow="fold")
        for r in by_feature["only_here"][: top * len(names)]:
            table.add_row(r["outlet"], r.get("date") or "?", r.get("type") or "", r.get("summary") or "", str(r["value"]))
        console.print(table)


def _quote_cell(r: dict) -> str:
    return f"{r['quoted']} quoted / {r['plain']} plain"


def _share_cell(r: dict) -> str:
    return f"{r['value']:.0%} ({r['count']})"


def _feature_table(feature: str, records: list[dict], outlets: list[str], cell, top: int) -> None:
    if feature == "name_variant":
        # rows are entities; a cell lists the aliases that outlet uses, most used first
        rows: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for r in records:
            rows[r["entity"]][r["outlet"]].append(f"{r['key']}×{r['value']}")
        keys = sorted(rows)[:top]
        values = {k: {o: "、".join(v) for o, v in rows[k].items()} for k in keys}
    else:
        weight: dict[str, float] = defaultdict(float)
        values = defaultdict(dict)
        for r in records:
            values[r["key"]][r["outlet"]] = cell(r)
            weight[r["key"]] += r.get("quoted", 0) + r.get("plain", 0) if feature == "scare_quote" else r["value"]
        keys = sorted(weight, key=lambda k: (-weight[k], k))[:top]
    table = Table(title=feature)
    table.add_column("entity" if feature == "name_variant" else "key", overflow="fold")
    for o in outlets:
        table.add_column(o, overflow="fold")
    for k in keys:
        table.add_row(k, *(values[k].get(o, "") for o in outlets))
    console.print(table)


def story(event_id: Annotated[str, typer.Argument(help="A merged event id (see `timeline --format jsonl`).")],
          db: DbOption = None) -> None:
    """The storyline (thread of related events) an event belongs to."""
    from storyline.link.stories.reads import story_for_event
    from storyline.serve.timeline_html import render_text

    with opened(db, readonly=True) as store:
        thread = story_for_event(store, event_id)
    if thread is None:
        fail(f"no story for event {event_id!r}")
    console.print(f"{thread['title']}  {thread['start'] or '?'} … {thread['end'] or '?'}  "
                  f"({plural(len(thread['event_ids']), 'event')}, {plural(len(thread['article_ids']), 'article')})",
                  markup=False)
    sys.stdout.write(printable(render_text(thread["events"])))
    for label, found in (("continued from", thread["previous"]), ("continues in", thread["next"])):
        for other in found:  # stories are a month long: the same thread's months around this one
            console.print(f"{label} {other['period']}: {other['title']} ({plural(other['events'], 'event')}): "
                          f"storyline story {other['first_event']}", markup=False, soft_wrap=True)
