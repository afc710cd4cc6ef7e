"""What a merged event says, by consensus of its independent sources, and how well it is supported.

A merged event collects every report (mention) that the linker judged to be the same event. Its
date, actors, roles and details are not the union of what the reports say (one wrong report
would poison the record: 习近平 as a participant of the invasion) but what they support, each
*source* voting once: an outlet is one source however many of its articles repeat the report (a
wire story copied across an outlet's pages is one witness), and an article without an outlet is
its own source. A source's vote is split evenly between its mentions, so one outlet saying A in
three articles and B in one gives A 0.75 and B 0.25.

An actor is kept when more than a third of the sources' weight names it (one of three sources
is outvoted; of two disagreeing sources both stay: nothing tells which is right; a third rather
than a half keeps more of the actors that tie an event to its story, measured with
eval/evaluate_merge.py); its role is the best-supported one. Outlying
mentions stay in the event as mentions; they just add no actors. The date is the best-supported
day-precise date (a date the clause states counts EXPLICIT times one inherited from the
dateline; such a date backs the day before nearly as much, see _day_before_publication), else
the best-supported coarser one; ties go to the earliest, so the result depends only on the set
of mentions, never on their order.

`corroboration` says how many mentions, articles and independent sources support the event and
how well they agree: `date_agreement` is the weighted share of dated mentions whose date fits the
event's (the same day, a coarser date containing it, or the next day inherited from the dateline), `actor_agreement` the weighted mean
Jaccard overlap of each mention's actors with the event's. `agreement` (SPEC.md) is their mean.
An event reported by a single source is `unconfirmed` (and not `confirmed`): kept and shown,
never dropped.

Hand-written: this is a weighted vote over a handful of fields, no library fits it better.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Callable, Iterable

from storyline.link.dates import day_of

EXPLICIT = 3.0  # weight of a date the reporting clause states, against one inherited from context
DAY_BEFORE = 0.9  # support a date inherited from the publication day gives the day before
KEEP_SHARE = 1 / 3  # an actor needs more than this share of all sources' weight
DETAILS = ("mode", "location", "duration_minutes", "date_end")


def source_of(mention: dict) -> str:
    """The independent source a mention counts for: its outlet, else its own article."""
    return mention.get("outlet") or "article:" + str(mention.get("article_id"))


def weights(mentions: list[dict]) -> list[float]:
    """Each mention's share of its source's single vote."""
    per_source: dict[str, int] = defaultdict(int)
    for m in mentions:
        per_source[source_of(m)] += 1
    return [1.0 / per_source[source_of(m)] for m in mentions]


def actor_key(actor: dict) -> str:
    return actor.get("entity_id") or "name:" + (actor.get("name") or "")


def _best(votes: dict, tie=lambda v: v) -> object:
    """The value with the most support; ties by `tie` (smallest first), so never by order."""
    return min(votes, key=lambda v: (-round(votes[v], 9), tie(v)))


def date_fits(value: str | None, event_date: str | None) -> bool:
    """A mention's date fits the event's: equal, or one is a coarser prefix of the other."""
    if not value or not event_date:
        return True
    short, long_ = sorted((value, event_date), key=len)
    return long_.startswith(short)


def consensus_date(mentions: list[dict], w: list[float]) -> str | None:
    votes: dict[str, float] = defaultdict(float)
    for m, wt in zip(mentions, w):
        if not m.get("date"):
            continue
        votes[m["date"]] += wt * (EXPLICIT if m.get("date_explicit") else 1.0)
        before = _day_before_publication(m)
        if before:
            votes[before] += wt * DAY_BEFORE
    if not votes:
        return None
    days = {d: v for d, v in votes.items() if len(d) >= 10}
    if days:
        # a coarser date that contains a day supports that day too (2022-02 backs 2022-02-24)
        for d in days:
            days[d] += sum(v for c, v in votes.items() if len(c) < 10 and d.startswith(c))
        return _best(days)
    return _best(votes, tie=lambda d: (-len(d), d))


def _day_before_publication(m: dict) -> str | None:
    """For a date inherited from the article's own day (no date in the clause): the day before.
    A report is about something up to a day old (the invasion of the 24th, told without a date
    in papers of the 25th, came out as the 25th), so it backs the day before nearly as much."""
    if m.get("date_explicit") or len(m["date"]) != 10 or (m.get("published") or "")[:10] != m["date"]:
        return None
    day = day_of(m["date"])
    return (day - timedelta(days=1)).isoformat() if day else None


def consensus_actors(mentions: list[dict], w: list[float], fallback: list[dict],
                     name_of: Callable[[str], str | None] | None = None) -> list[dict]:
    """The actors enough sources name, each with its best-supported role, ordered by support.
    Mentions stored before mentions carried their actors (`actors` missing) keep `fallback`."""
    if any("actors" not in m for m in mentions):
        return fallback
    support: dict[str, float] = defaultdict(float)
    roles: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    names: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for m, wt in zip(mentions, w):
        seen: set[str] = set()
        for a in m["actors"]:
            k = actor_key(a)
            roles[k][a.get("role") or "participant"] += wt
            names[k][a.get("name") or ""] += wt
            if k not in seen:  # an actor named twice in one clause is one vote
                support[k] += wt
                seen.add(k)
    total = sum(w)
    kept = [k for k in support if support[k] > KEEP_SHARE * total + 1e-9]
    if not kept and support:  # the sources name no common actor: the best-supported ones stand
        top = max(support.values())
        kept = [k for k in support if support[k] >= top - 1e-9]
    kept.sort(key=lambda k: (-round(support[k], 9), k))
    out = []
    for k in kept:
        entity_id = None if k.startswith("name:") else k
        name = (name_of(entity_id) if name_of and entity_id else None) or _best(names[k])
        out.append({"entity_id": entity_id, "name": name, "role": _best(roles[k])})
    return out


def consensus_details(mentions: list[dict], w: list[float]) -> dict:
    """mode, location, duration and end date: the best-supported value among those given."""
    out: dict = {}
    for field in DETAILS:
        votes: dict = defaultdict(float)
        for m, wt in zip(mentions, w):
            if m.get(field) is not None:
                votes[m[field]] += wt
        out[field] = _best(votes, tie=str) if votes else None
    return out


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def corroboration(mentions: list[dict], w: list[float], date: str | None, actors: list[dict]) -> dict:
    dated = [(m, wt) for m, wt in zip(mentions, w) if m.get("date")]
    dated_weight = sum(wt for _, wt in dated)
    fits = [wt for m, wt in dated if date_fits(m["date"], date) or (date and _day_before_publication(m) == date)]
    date_agreement = (sum(fits) / dated_weight
                      if dated_weight else 1.0)
    keys = {actor_key(a) for a in actors}
    with_actors = [(m, wt) for m, wt in zip(mentions, w) if "actors" in m]
    total = sum(wt for _, wt in with_actors)
    actor_agreement = (sum(wt * _jaccard({actor_key(a) for a in m["actors"]}, keys) for m, wt in with_actors) / total
                       if total else 1.0)
    return {
        "mentions": len(mentions),
        "articles": len({m.get("article_id") for m in mentions}),
        "outlets": len({source_of(m) for m in mentions}),
        "date_agreement": round(date_agreement, 3),
        "actor_agreement": round(actor_agreement, 3),
        "agreement": round((date_agreement + actor_agreement) / 2, 3),
    }


def apply(event: dict, name_of: Callable[[str], str | None] | None = None) -> None:
    """Recompute `event`'s consensus fields and corroboration from its mentions, in place."""
    ms = event["mentions"]
    if not ms:
        return
    w = weights(ms)
    event["date"] = consensus_date(ms, w)
    event["actors"] = consensus_actors(ms, w, event.get("actors", []), name_of)
    for field, value in consensus_details(ms, w).items():
        if value is not None or all(field in m for m in ms):  # legacy mentions: keep what it had
            event[field] = value
    event["corroboration"] = corroboration(ms, w, event["date"], event["actors"])
    event["unconfirmed"] = event["corroboration"]["outlets"] <= 1
    event["confirmed"] = not event["unconfirmed"]


def sources(mentions: Iterable[dict]) -> set[str]:
    return {source_of(m) for m in mentions}
