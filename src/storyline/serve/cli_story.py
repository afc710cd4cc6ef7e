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
    """Merged events in date order with their sources (undated last); each line ends with the event id `story` takes."""
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
    events: Annotated[Optional[str], typer.Option("--events", help="Tag file of events (TSV: relative_path, "
                                                  "event; e.g. corpus2/EVENTS.tsv): per-event framing of "
                                                  "those groups instead of the merged events.")] = None,
    db: DbOption = None,
) -> None:
    """Side-by-side framing of outlets: scare quotes, name variants, speakers, event types, blind spots,
    and per event who reports it and how each outlet tells it."""
    from storyline.link.framing import framing_records, read_groups

    wanted = [o.strip() for o in outlets.split(",") if o.strip()] if outlets else None
    tags = read_groups(events) if events else None
    with opened(db, readonly=True) as store:
        records = framing_records(store, wanted, tags=tags)
    if not records:
        console.print("nothing to compare" + (f" for {outlets}" if outlets else ""), style="dim")
        return
    names = wanted or sorted({r["outlet"] for r in records})
    by_feature: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_feature[r["feature"]].append(r)
    # side by side while the columns stay readable; else one row per outlet with its first keys
    wide = len(names) <= SIDE_BY_SIDE
    quotes = by_feature.get("scare_quote", [])
    _per_outlet("scare_quote: terms each outlet puts in quotation marks more than the others (quoted share; "
                "others' share)", [r for r in quotes if r["quoted"] and r["score"] > 0], names, _quote_short, top)
    if wide and quotes:
        _side_by_side("scare_quote by term", quotes, names, _quote_cell, top)
    _name_variants(by_feature.get("name_variant", []), names, top, wide)
    for feature, title in (("speaker_share", "speaker_share: whose statements each outlet quotes"),
                           ("speaker_country_share", "speaker_country_share: the countries of those speakers"),
                           ("event_type_share", "event_type_share: the kinds of events each outlet reports")):
        if wide:
            _side_by_side(title, by_feature.get(feature, []), names, _share_cell, top)
        else:
            _per_outlet(title, by_feature.get(feature, []), names, _share_short, 5)
    _coverage(by_feature, names, top)
    _event_framing(by_feature.get("event_coverage", []), by_feature.get("event_framing", []), top)


SIDE_BY_SIDE = 6  # outlets shown as columns at most


def _event_framing(coverage: list[dict], framing: list[dict], top: int) -> None:
    """Per event: who reports it (and who, publishing then, is silent), then one row per outlet:
    its distinctive words, the voices it quotes, its quoted terms, its articles' titles."""
    from rich.markup import escape

    by_event: dict[str, list[dict]] = defaultdict(list)
    for r in framing:
        by_event[r["key"]].append(r)
    for ev in coverage[:top]:
        silent = "; silent while publishing: " + "、".join(ev["silent"]) if ev.get("silent") else ""
        table = Table(title=f"event: {ev['key']} ({ev['articles']} articles, {ev['value']} outlets{silent})",
                      show_lines=True)
        for col, ratio in (("outlet", 1), ("distinctive words", 3), ("quoted voices", 2), ("in quotation marks", 2),
                           ("articles", 3)):
            table.add_column(col, overflow="fold", ratio=ratio)
        for r in by_event.get(ev["key"], []):
            words = "、".join(w["word"] for w in r["words"]) or "-"
            voices = "、".join(f"{v['name']} {v['count']}" for v in r["voices"]) or "-"
            quoted = "、".join(f"「{q['term']}」{q['count']}" for q in r["scare_quotes"]) or "-"
            titles = "\n".join(escape(a["title"] or a["article_id"]) for a in r["articles"][:3])
            more = len(r["articles"]) - 3
            table.add_row(f"{r['outlet']} ({r['value']})", escape(words), escape(voices), escape(quoted),
                          titles + (f"\n… {more} more" if more > 0 else ""))
        console.print(table)


def _quote_cell(r: dict) -> str:
    return f"{r['percent']:.0f}% · {r['quoted']} quoted / {r['plain']} plain"


def _quote_short(r: dict) -> str:
    others = "" if r.get("elsewhere_percent") is None else f"; others {r['elsewhere_percent']:.0f}%"
    return f"{r['key']} {r['percent']:.0f}% ({r['quoted']}/{r['quoted'] + r['plain']}{others})"


def _share_cell(r: dict) -> str:
    return f"{r['percent']:.0f}% ({r['count']})"


def _share_short(r: dict) -> str:
    return f"{r['key']} {r['percent']:.0f}%"


def _per_outlet(title: str, records: list[dict], outlets: list[str], cell, top: int) -> None:
    """One row per outlet: its first `top` keys in the records' order (the order of the feature)."""
    if not records:
        return
    table = Table(title=title)
    table.add_column("outlet", overflow="fold", ratio=1)
    table.add_column("first keys", overflow="fold", ratio=5)
    shown: dict[str, list[str]] = defaultdict(list)
    for r in sorted(records, key=lambda r: -r.get("score", 0)) if records[0].get("score") is not None else records:
        if len(shown[r["outlet"]]) < top:
            shown[r["outlet"]].append(cell(r))
    for o in outlets:
        if shown.get(o):
            table.add_row(o, "、".join(shown[o]))
    console.print(table)


def _side_by_side(title: str, records: list[dict], outlets: list[str], cell, top: int) -> None:
    """Rows are keys, in the records' order (first seen first), columns the outlets."""
    if not records:
        return
    values: dict[str, dict[str, str]] = {}
    weight: dict[str, float] = defaultdict(float)
    for r in records:
        values.setdefault(r["key"], {})[r["outlet"]] = cell(r)
        weight[r["key"]] += r.get("count", 0)
    keys = list(values)
    if any(weight.values()):  # shares: the keys most counted over the outlets first
        keys.sort(key=lambda k: -weight[k])
    table = Table(title=title)
    table.add_column("key", overflow="fold")
    for o in outlets:
        table.add_column(o, overflow="fold")
    for k in keys[:top]:
        table.add_row(k, *(values[k].get(o, "") for o in outlets))
    console.print(table)


def _name_variants(records: list[dict], outlets: list[str], top: int, wide: bool) -> None:
    """Entities (most mentioned first) whose outlets do not all write them the same way."""
    forms: dict[str, dict[str, list[str]]] = {}
    first: dict[str, dict[str, str]] = defaultdict(dict)  # entity -> outlet -> its most used form
    for r in records:
        forms.setdefault(r["entity"], defaultdict(list))[r["outlet"]].append(f"{r['key']} {r['percent']:.0f}%")
        first[r["entity"]].setdefault(r["outlet"], r.get("form", r["key"]))
    differ = [e for e in forms if len(set(first[e].values())) > 1][:top]
    if not differ:
        return
    table = Table(title="name_variant: how each outlet writes the names outlets write differently")
    table.add_column("entity", overflow="fold")
    if wide:
        for o in outlets:
            table.add_column(o, overflow="fold")
        for e in differ:
            table.add_row(e, *("、".join(forms[e].get(o, [])[:3]) for o in outlets))
    else:
        table.add_column("outlets by form", overflow="fold", ratio=5)
        for e in differ:
            by_form: dict[str, list[str]] = defaultdict(list)
            for o, form in first[e].items():
                by_form[form].append(o)
            table.add_row(e, "; ".join(f"{f}: {'、'.join(os)}" for f, os in
                                       sorted(by_form.items(), key=lambda kv: -len(kv[1]))))
    console.print(table)


def _coverage(by_feature: dict[str, list[dict]], outlets: list[str], top: int) -> None:
    counts: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in by_feature.get("coverage", []):
        counts[r["outlet"]][r["key"]] = r
    if counts:
        table = Table(title="coverage of the same merged events (blind spots: events others report while this outlet "
                            "covered the period and the actors)")
        for col in ("outlet", "events", "also reported elsewhere", "blind spots"):
            table.add_column(col, overflow="fold")
        for o in outlets:
            c = counts.get(o)
            if c:
                also = c["also reported by another outlet"]
                pct = "" if also.get("percent") is None else f" ({also['percent']:.0f}%)"
                table.add_row(o, str(c["events reported"]["value"]), f"{also['value']}{pct}", str(c["blind spots"]["value"]))
        console.print(table)
    for feature, title, who in (("blind_spot", "blind spots: reported by others, not by this outlet", "reported_by"),
                                ("only_here", "only here: reported by this outlet alone", "silent")):
        rows: dict[str, list[dict]] = defaultdict(list)
        for r in by_feature.get(feature, []):
            rows[r["outlet"]].append(r)
        if not rows:
            continue
        table = Table(title=title)
        for col in ("outlet", "date", "event", "reported by" if who == "reported_by" else "silent outlets"):
            table.add_column(col, overflow="fold")
        for o in outlets:
            for r in rows.get(o, [])[:max(1, top // 3)]:
                table.add_row(o, r.get("date") or "?", r.get("summary") or r.get("type") or "", "、".join(r[who]))
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
