"""News-CMS story objects saved as JSON: an Arc XP ANS story (`content_elements` of typed
elements, `headlines.basic`, `first_publish_date`) and an API response with
`content.contentBlocks` (Apple Daily's app API: `title`, `pubDate` in epoch seconds).

Neither has the flat title/content fields the generic JSON reader looks for; both name their
publisher in a field (`canonical_website`, `owner.id`, `brandName`), which the outlet table
maps to a display name. Epoch and UTC times are given in the outlet's own offset when the
outlet table has one, so the calendar day is the outlet's day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from storyline.read.meta import MetaResources, normalise_date

_BR = re.compile(r"<br\s{0,2}/?>", re.I)
_WS = re.compile(r"\s+")


def _get(doc: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(doc, dict):
            return None
        doc = doc.get(key)
    return doc


def _local(value: Any, tz: str | None) -> str | None:
    """An epoch (seconds, as number or digit string) or ISO time, in the outlet's offset."""
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    stamp = normalise_date(value)
    if not stamp or len(stamp) <= 10 or not tz:
        return stamp
    try:
        parsed = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        sign = 1 if tz[0] == "+" else -1
        offset = dt.timezone(sign * dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6])))
        return parsed.astimezone(offset).isoformat()
    except ValueError:
        return stamp


def story_fields(doc: Any, meta: MetaResources) -> dict[str, Any] | None:
    """title, content (HTML of the text elements), published, url, outlet, categories; or None."""
    if not isinstance(doc, dict):
        return None
    if isinstance(doc.get("content_elements"), list):  # Arc XP ANS
        texts = [e.get("content") for e in doc["content_elements"]
                 if isinstance(e, dict) and e.get("type") in ("text", "header") and isinstance(e.get("content"), str)]
        publisher = [doc.get("canonical_website"), _get(doc, "owner", "id"), _get(doc, "source", "name")]
        title = _get(doc, "headlines", "basic")
        date = doc.get("first_publish_date") or doc.get("publish_date") or doc.get("display_date")
        url = doc.get("canonical_url") or doc.get("website_url")
        label = _get(doc, "label", "basic", "text")
    elif isinstance(_get(doc, "content", "contentBlocks"), list):  # Next Digital app API
        story = doc["content"]
        texts = [b.get("content") for b in story["contentBlocks"]
                 if isinstance(b, dict) and isinstance(b.get("content"), str)]
        publisher = [story.get("brandName")]
        title = story.get("title")
        date = story.get("pubDate") or story.get("displayTime")
        url = _get(story, "sharing", "url")
        label = story.get("label")
    else:
        return None
    texts = [t for t in texts if t and t.strip()]
    if not texts:
        return None
    outlet = meta.outlet_from_marker(*[p for p in publisher if isinstance(p, str)]) or meta.outlet_from_url(url)
    tz = meta.timezones.get(outlet or "")
    if isinstance(title, str):
        title = _WS.sub(" ", _BR.sub(" ", title)).strip() or None
    return {"title": title if isinstance(title, str) else None,
            "content": "\n".join(f"<p>{t}</p>" for t in texts),
            "published": _local(date, tz), "url": url if isinstance(url, str) else None, "outlet": outlet,
            "categories": [label] if isinstance(label, str) and label else []}
