"""Dispute records: what the disputes table and `storyline export disputes` hold.

A record is built from one claim cluster and the counters of one camp against it (see
dispute_graph): every statement as a mention with its score, the most telling claim/counter
pair shown, and an id derived from the cluster's first claim and the camp, so the same input
always gives the same ids. Split from disputes.py (the linker) to keep each file readable.
"""

from __future__ import annotations

from storyline.link.disputes.graph import DisputeGraph
from storyline.link.disputes.rules import DisputeLexicon, Statement
from storyline.store.writer import stable_id


def _mention(s: Statement, role: str, score: int) -> dict:
    return {"role": role, **side_record(s), "key": s.key, "score": score, "kind": s.kind, "start": s.start,
            "outlet": s.outlet, "embedded": s.embedded}


def _record(cluster: list[Statement], camp: str, pairs: list[tuple[int, str, Statement, Statement]]) -> dict:
    scores: dict[str, int] = {}
    for score, _, c, k in pairs:
        scores[c.key] = max(scores.get(c.key, 0), score)
        scores[k.key] = max(scores.get(k.key, 0), score)
    mentions = [_mention(c, "claim", scores.get(c.key, 0)) for c in cluster]
    mentions += [_mention(k, "counter", scores[k.key]) for k in {p[3].key: p[3] for p in pairs}.values()]
    # shown: what the other side said (a quote, in its own words) before a narrated event
    score, topic, claim, counter = min(pairs, key=lambda p: (
        p[3].kind != "quote", p[3].embedded, -p[0], p[2].article_id != p[3].article_id,
        abs(p[2].paragraph - p[3].paragraph), p[2].key, p[3].key))
    return _finish({"topic": topic, "claim": side_record(claim), "counter": side_record(counter), "score": score,
                    "camp": camp, "mentions": mentions})


def _finish(rec: dict) -> dict:
    ms = sorted(rec["mentions"], key=lambda m: (m["role"], m["article_id"], m["paragraph"], m["start"], m["key"]))
    rec["mentions"] = ms
    rec["outlets"] = sorted({m["outlet"] for m in ms if m.get("outlet")})
    rec["id"] = stable_id("dp", min(m["key"] for m in ms if m["role"] == "claim"), rec["camp"])
    order = ("id", "topic", "claim", "counter", "outlets", "score", "camp", "mentions")
    return {k: rec[k] for k in order}


def merge_records(new: dict, old: dict) -> dict:
    """One dispute from two computed at different times: every mention, the stronger pair shown."""
    seen = {(m["role"], m["key"]): m for m in old["mentions"]}
    for m in new["mentions"]:
        prev = seen.get((m["role"], m["key"]))
        seen[(m["role"], m["key"])] = m if prev is None or m["score"] >= prev["score"] else prev
    best = new if new["score"] >= old["score"] else old
    return _finish({**best, "mentions": list(seen.values())})


def side_record(s: Statement) -> dict:
    ref = {"quote_id": s.id} if s.kind == "quote" else {"event_id": s.id}
    return {**ref, "by": {"entity_id": s.by_id, "name": s.by_name}, "text": s.text, "date": s.date,
            "article_id": s.article_id, "paragraph": s.paragraph, "side": s.side}


def select_disputes(lex: DisputeLexicon, pool: list[Statement]) -> list[dict]:
    """The disputes among `pool` (all statements given at once), as the linker would store them."""
    graph = DisputeGraph(lex)
    by_article: dict[str, list[Statement]] = {}
    for s in pool:
        by_article.setdefault(s.article_id, []).append(s)
    for aid in sorted(by_article):
        graph.add_article(aid, by_article[aid])
    return sorted((_record(claims, camp, pairs) for lb in sorted(set(graph.label.values()))
                   for claims, camp, pairs in graph.groups(lb)), key=lambda r: r["id"])
