"""EventGraph.neighbours finds exactly the events a comparison with every stored event finds
(the candidate pruning: two shared actors' windows, or a shared article)."""

from __future__ import annotations

import datetime as dt
import json
import random

from storyline.link.stories.graph import EventGraph
from storyline.link.stories.relations import related
from storyline.store import open_store

ACTORS = ["e_us", "e_ru", "e_ua", "e_fr", "e_de", "e_cn"]  # few actors: many shared pairs


def _random_event(rng: random.Random, n: int) -> dict:
    day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(0, 120))
    date = rng.choice([day.isoformat(), day.isoformat()[:7], None])
    actors = [{"entity_id": e, "role": "actor"} for e in rng.sample(ACTORS, rng.randrange(0, 4))]
    mentions = [{"article_id": f"a{rng.randrange(40)}"} for _ in range(rng.randrange(1, 3))]
    return {"id": f"ev{n:03d}", "type": "MEET", "date": date, "actors": actors, "mentions": mentions}


def test_neighbours_equal_a_scan_of_every_event(tmp_path):
    rng = random.Random(11)
    store = open_store(str(tmp_path / "s.db"))
    events = [_random_event(rng, n) for n in range(300)]
    with store.transaction():
        for ev in events:
            store.execute("INSERT INTO events (id, type, date, record) VALUES (?,?,?,?)",
                          (ev["id"], ev["type"], ev["date"], json.dumps(ev)))
            for a in ev["actors"]:
                store.execute("INSERT INTO event_actors (event_id, entity_id) VALUES (?,?)", (ev["id"], a["entity_id"]))
            for k, m in enumerate(ev["mentions"]):
                store.execute(
                    "INSERT INTO event_mentions (id, article_id, paragraph, start_pos, end_pos, text, type, actors, "
                    "event_id) VALUES (?,?,?,?,?,?,?,?,?)",
                    (f"{ev['id']}m{k}", m["article_id"], 0, 0, 1, "x", "MEET", "[]", ev["id"]))
    graph = EventGraph(store)
    graph.load_many({ev["id"] for ev in events})
    total = 0
    for ev in events:
        expected = {o["id"] for o in events if o["id"] != ev["id"] and related(ev, o)}
        assert graph.neighbours(ev["id"]) == expected, ev
        total += len(expected)
    assert total > 300  # the random store has plenty of relations to get right
    store.close()
