"""Timeline renderers: plain text, Markdown, JSON Lines and a standalone HTML page.

The HTML page has inline CSS and no scripts or external assets, so it can be mailed or opened
offline; every value from the store goes through html.escape. Each source links to its original
article when the store has its URL (http and https only: a `javascript:` URL from a hostile feed
must not become a link).
"""

from __future__ import annotations

import json
from html import escape

CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.5}
h1{font-size:1.4rem}.event{border-left:4px solid #3b6ea5;padding:.3rem 0 .3rem 1rem;margin:1rem 0}
.date{font-weight:bold;color:#3b6ea5}.type{font-family:monospace;background:#eef;padding:0 .3rem;border-radius:3px}
.status-denied .summary{text-decoration:line-through}.meta{color:#666;font-size:.9rem}
ul.sources{margin:.3rem 0;padding-left:1.2rem;font-size:.9rem}.src{color:#666;font-family:monospace}
.note{color:#666;font-style:italic}
a.orig{font-size:.85rem;margin-left:.3rem;word-break:break-all}
"""
LINKABLE = ("http://", "https://")


def _participants(event: dict) -> str:
    return "、".join(a["name"] for a in event.get("actors", [])) or "-"


def _outlets(event: dict) -> str:
    return "、".join(event.get("outlets") or []) or "-"


def _mentions(event: dict) -> str:
    n = len(event["mentions"])
    return f"{n} mention{'' if n == 1 else 's'}"


def _flags(event: dict) -> list[str]:
    """What the reader should weigh: a status other than occurred, a single-source event."""
    flags = [] if event.get("status") in (None, "occurred") else [event["status"]]
    return flags + (["unconfirmed"] if event.get("unconfirmed") else [])


def line(event: dict) -> str:
    """One text line per event: date, type/mode, participants, summary, mentions, outlets, and
    the id (`storyline story <id>` takes it)."""
    kind = event["type"] + (f"/{event['mode']}" if event.get("mode") else "")
    flags = "".join(f" [{f}]" for f in _flags(event))
    return (f"{event.get('date') or '????-??-??'}  {kind}{flags}  {_participants(event)}  "
            f"{event.get('summary') or ''}  ({_mentions(event)}; {_outlets(event)})  {event['id']}")


def split_dated(events: list[dict]) -> tuple[list[dict], list[dict]]:
    dated = sorted((e for e in events if e.get("date")), key=lambda e: (e["date"], e["id"]))
    undated = sorted((e for e in events if not e.get("date")), key=lambda e: e["id"])
    return dated, undated


def render_text(events: list[dict]) -> str:
    dated, undated = split_dated(events)
    out = [line(e) for e in dated]
    if undated:
        out.append(f"-- {len(undated)} undated event{'' if len(undated) == 1 else 's'} --")
        out += [line(e) for e in undated]
    return "\n".join(out) + ("\n" if out else "")


def _md_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def render_md(events: list[dict], title: str = "Timeline") -> str:
    dated, undated = split_dated(events)
    out = [f"# {title}", "", "| date | type | participants | summary | mentions | outlets |", "|---|---|---|---|---|---|"]
    for e in dated + undated:
        kind = e["type"] + (f"/{e['mode']}" if e.get("mode") else "")
        kind += "".join(f" ({f})" for f in _flags(e))
        out.append("| " + " | ".join(_md_cell(x) for x in (
            e.get("date") or "undated", kind, _participants(e), e.get("summary") or "", str(len(e["mentions"])),
            _outlets(e))) + " |")
    return "\n".join(out) + "\n"


def render_jsonl(events: list[dict]) -> str:
    dated, undated = split_dated(events)
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in dated + undated)


def render_html(events: list[dict], title: str = "Timeline", urls: dict[str, str] | None = None) -> str:
    """The page; `urls` (article id -> original URL) turns each source into a link."""
    dated, undated = split_dated(events)
    parts = ["<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
             f"<title>{escape(title)}</title><style>{CSS}</style></head><body>", f"<h1>{escape(title)}</h1>",
             f'<p class="meta">{len(dated)} dated event{"" if len(dated) == 1 else "s"}'
             + (f", {len(undated)} undated (at the end)" if undated else "")
             + "</p>"]
    for i, e in enumerate(dated + undated):
        if i == len(dated) and undated:
            parts.append('<p class="note">Undated events</p>')
        parts.append(_event_html(e, urls or {}))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _event_html(e: dict, urls: dict[str, str]) -> str:
    kind = e["type"] + (f"/{e['mode']}" if e.get("mode") else "")
    status = e.get("status") or "occurred"
    head = (f'<div class="event status-{escape(status)}" id="{escape(e["id"])}">'
            f'<span class="date">{escape(e.get("date") or "undated")}</span> '
            f'<span class="type">{escape(kind)}</span> '
            f'<span class="summary">{escape(e.get("summary") or "")}</span>'
            f'<div class="meta">{escape(_participants(e))} · {_mentions(e)} · {escape(_outlets(e))}'
            + "".join(f" · {escape(f)}" for f in _flags(e)) + "</div>")
    items = []
    for m in e["mentions"]:
        src = f"{m['article_id']} ¶{m['paragraph']}" + (f" {m['outlet']}" if m.get("outlet") else "")
        url = urls.get(m["article_id"]) or ""
        link = (f' <a class="orig" href="{escape(url)}" rel="noopener noreferrer">original article</a>'
                if url.lower().startswith(LINKABLE) else "")
        items.append(f'<li><span class="src">{escape(src)}</span> {escape(m.get("text") or "")}{link}</li>')
    return head + '<ul class="sources">' + "".join(items) + "</ul></div>"
