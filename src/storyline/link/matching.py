"""Whether a report can join a merged event, and which event it joins: the rules the event linker
(link/events.py) applies to each report as it is read and link/remerge.py to each report of a
neighbourhood in canonical order. Same type and status, compatible sources and targets, actors
one within the other or sharing two, dates at most a day apart (or one coarser than the other),
compatible modes; the best is the one sharing most entities, then the same date, then the
smallest id. Hand-written: these are the project's own merging rules.
"""

from __future__ import annotations

from storyline.link.dates import day_of

SYMMETRIC_TYPES = {"CONSULT", "AGREE", "COOPERATE"}


def dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b or a == b:
        return True  # an undated report may join a dated event when its actors agree (and a date itself)
    da, db = day_of(a), day_of(b)
    if da and db:
        return abs((da - db).days) <= 1
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short)


def sources_compatible(m_src: set[str], e_src: set[str], m_tgt: set[str], e_tgt: set[str]) -> bool:
    """Directed events: the same sources, and targets one within the other. A report that names
    no source (乌克兰遭到入侵, 立场新闻遭搜查) joins one that does when they share a target: the
    passive voice drops the agent, and one outlet's passive report split the event it tells."""
    if not (not m_tgt or not e_tgt or m_tgt <= e_tgt or e_tgt <= m_tgt):
        return False
    if m_src == e_src:
        return True
    return (not m_src or not e_src) and bool(m_tgt & e_tgt)


def actors_compatible(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    return a <= b or b <= a or len(a & b) >= 2


# 会谈/会晤 (mode "meeting") is the generic word: reporters use it for a visit or a video summit
# too. A phone call is a distinct channel and never merges with a meeting.
GENERIC_MODE = "meeting"


def modes_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b or a == b:
        return True
    return GENERIC_MODE in (a, b) and "phone" not in (a, b)


# A plan can turn into a fact (planned -> occurred) and a conditional threat into a plan; but a
# denial or a hypothetical is not the same report as an occurrence, so those never merge.
MERGEABLE_STATUSES = {frozenset({"planned", "occurred"}), frozenset({"planned", "conditional"})}


def statuses_compatible(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in MERGEABLE_STATUSES


class Probe:
    """What `best_event` compares of a report: from a fresh EventMention or a stored entry."""

    __slots__ = ("type", "status", "mode", "date", "ids", "src", "tgt")

    @classmethod
    def of(cls, type_: str, status: str, mode: str | None, date: str | None, actors: list[tuple]) -> "Probe":
        p = cls()
        p.type, p.status, p.mode, p.date = type_, status, mode, date
        p.ids = {e for e, _ in actors if e}
        p.src = {e for e, r in actors if e and r == "source"}
        p.tgt = {e for e, r in actors if e and r == "target"}
        return p

    @classmethod
    def of_entry(cls, type_: str, entry: dict) -> "Probe":
        return cls.of(type_, entry["status"], entry.get("mode"), entry.get("date"),
                      [(a.get("entity_id"), a.get("role")) for a in entry.get("actors", [])])


def best_event(p: Probe, candidates: list[dict]) -> dict | None:
    """The compatible candidate event the report shares most with (ties: the smallest id).
    The tests are pure and all must pass, so their order only sets the cost: the date, status
    and mode tests (no sets built) go first, because in a busy neighbourhood of the re-merge
    (link/remerge.py) most candidates share an entity but lie on other days; then the actor
    sets, built in one pass over the event's actors."""
    directed = p.type not in SYMMETRIC_TYPES
    best, best_score = None, 0
    for event in candidates:
        if not statuses_compatible(p.status, event["status"]):
            continue
        if not dates_compatible(p.date, event["date"]):
            continue
        if not modes_compatible(p.mode, event["mode"]):
            continue
        ev_ids, e_src, e_tgt = set(), set(), set()
        for a in event["actors"]:
            entity = a["entity_id"]
            if entity:
                ev_ids.add(entity)
                role = a["role"]
                if role == "source":
                    e_src.add(entity)
                elif role == "target":
                    e_tgt.add(entity)
        if directed and not sources_compatible(p.src, e_src, p.tgt, e_tgt):
            continue
        if not actors_compatible(p.ids, ev_ids):
            continue
        score = len(p.ids & ev_ids) * 10 + (p.date == event["date"]) * 5
        if score > best_score or (score == best_score and best and event["id"] < best["id"]):
            best, best_score = event, score
    return best
