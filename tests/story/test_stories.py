from __future__ import annotations

import json

from storyline.link.stories import StoryLinker, related
from storyline.link.stories.reads import story_for_event
from storyline.store import linked


def _event(eid, date, actors, articles, type_="CONSULT"):
    return {
        "id": eid, "type": type_, "mode": None, "date": date, "date_end": None, "status": "occurred",
        "actors": [{"entity_id": a, "name": a.upper(), "role": "participant"} for a in actors],
        "location": None, "duration_minutes": None, "summary": "", "outlets": [],
        "mentions": [{"article_id": art, "paragraph": 0, "start": 0, "end": 1, "text": "x"} for art in articles],
    }


def _save(store, *events):
    """The merged events and, as the writer stores them, one event_mentions row per report."""
    with store.transaction():
        for e in events:
            linked.save_event(store, e)
            store.execute("DELETE FROM event_mentions WHERE event_id = ?", (e["id"],))
            for n, m in enumerate(e["mentions"]):
                store.execute(
                    "INSERT INTO event_mentions (id, article_id, paragraph, start_pos, end_pos, text, type, actors, "
                    "event_id) VALUES (?,?,?,?,?,?,?,?,?)",
                    (f"{e['id']}-{n}", m["article_id"], m["paragraph"], m["start"], m["end"], m["text"], e["type"],
                     "[]", e["id"]))


def _stored(store, eid):
    return json.loads(store.scalar("SELECT record FROM events WHERE id = ?", (eid,)))


def _chain(n, date):
    """n events of one day, each sharing 普京 and an article with the next: one story, a chain (each
    of another type: the same act by 普京 on the same day would relate every two)."""
    types = ["CONSULT", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
             "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
    assert n <= len(types)
    return [_event(f"ev{i:02d}", date, ["pu", f"x{i}"], [f"a{i}", f"a{i + 1}"], types[i]) for i in range(n)]


def _linked(store, *events):
    """These events stored and their stories computed, by a new linker (returned)."""
    _save(store, *events)
    linker = StoryLinker(store)
    with store.transaction():
        linker.update({e["id"] for e in events})
    return linker


def _all_stories(store):
    return sorted(sorted(json.loads(r["record"])["event_ids"]) for r in store.rows("SELECT record FROM stories"))


def test_related_rules():
    a = _event("ev1", "2022-02-01", ["pu", "bi"], ["x"])
    assert related(a, _event("ev2", "2022-02-07", ["pu", "bi", "ma"], ["y"]))  # the pair again within a week
    # the pair again 11 days later in other articles: another happening (a month let one pair
    # chain a month of news into one story) ...
    assert not related(a, _event("ev9", "2022-02-12", ["pu", "bi", "ma"], ["y"]))
    assert related(a, _event("ev10", "2022-02-12", ["pu", "bi", "ma"], ["x"]))  # ... unless one article tells both
    assert not related(a, _event("ev3", "2022-05-12", ["pu", "bi"], ["y"]))  # too far apart
    assert not related(a, _event("ev4", "2022-02-02", ["pu", "ma"], ["y"]))  # one actor in common only
    assert related(a, _event("ev7", "2022-02-02", ["pu", "ma"], ["x"]))  # ... but the same round, same report
    assert not related(a, _event("ev8", "2022-02-05", ["pu", "ma"], ["x"]))
    assert related(a, _event("ev5", "2022-02-02", ["pu"], ["x"]))  # single-actor event in the same article
    assert not related(a, _event("ev6", "2022-02-02", ["pu"], ["z"]))


def _directed(eid, date, source, target, article, type_="ASSAULT"):
    event = _event(eid, date, [source, target], [article], type_)
    event["actors"][0]["role"], event["actors"][1]["role"] = "source", "target"
    return event


def test_the_same_act_by_the_same_party_on_the_same_day_is_one_story():
    """Russia invading Ukraine and Russia bombing Odesa on the same day, told in other articles."""
    invasion = _directed("ev1", "2022-02-24", "ru", "ua", "a1")
    assert related(invasion, _directed("ev2", "2022-02-24", "ru", "odesa", "a2"))
    assert not related(invasion, _directed("ev3", "2022-02-25", "ru", "odesa", "a2"))  # another day
    assert not related(invasion, _directed("ev4", "2022-02-24", "ru", "odesa", "a2", "SANCTION"))  # another act
    assert not related(invasion, _directed("ev5", "2022-02-24", "odesa", "ru", "a2"))  # the party in another role
    assert not related(invasion, _event("ev6", "2022-02", ["ru", "odesa"], ["a2"], "ASSAULT"))  # not one day


def test_same_day_acts_are_found_through_the_actor_index(store):
    _linked(store, _directed("ev1", "2022-02-24", "ru", "ua", "a1"), _directed("ev2", "2022-02-24", "ru", "odesa", "a2"),
            _directed("ev3", "2022-02-24", "ru", "kyiv", "a3", "SANCTION"))
    assert _all_stories(store) == [["ev1", "ev2"], ["ev3"]]


def test_one_article_relates_same_day_events_with_no_actor_in_common():
    """The raid by the police and the arrest of the paper's editors, told in one article: one story."""
    raid = _event("ev1", "2021-12-29", ["police", "paper"], ["x", "y"])
    assert related(raid, _event("ev2", "2021-12-29", ["editor1", "editor2"], ["x"]))
    assert related(raid, _event("ev3", "2021-12-30", ["lawmakers"], ["y"]))  # the next day's reaction
    assert not related(raid, _event("ev4", "2021-12-29", ["editor1"], ["z"]))  # no article in common
    assert not related(raid, _event("ev5", "2022-01-03", ["editor1"], ["x"]))  # days later: a thread of its own
    assert not related(raid, _event("ev6", "2021-12", ["editor1"], ["x"]))  # a month-precise date: not one day


def test_related_coarse_and_missing_dates():
    a = _event("ev1", "2022-02-01", ["pu", "bi"], ["x"])
    assert related(a, _event("ev2", "2022-03", ["pu", "bi"], ["y"]))  # March is within 30 days
    assert not related(a, _event("ev3", "2022-06", ["pu", "bi"], ["y"]))
    assert not related(a, _event("ev4", "2022", ["pu", "bi"], ["y"]))  # a bare year: as good as no date
    assert not related(a, _event("ev5", None, ["pu", "bi"], ["y"]))  # no date, another report: unknown
    assert related(a, _event("ev6", None, ["pu"], ["x"]))  # no date, but the same report
    assert not related(a, _event("ev7", None, ["ma"], ["x"]))  # ... and no actor in common


def test_undated_events_do_not_chain_years_together(store):
    old = _event("ev1", "2003-03-20", ["pu", "bi"], ["a1"])
    new = _event("ev2", "2022-02-12", ["pu", "bi"], ["a2"])
    undated = _event("ev3", None, ["pu", "bi"], ["a3"])
    beside = _event("ev4", None, ["pu"], ["a2"])
    _save(store, old, new, undated, beside)
    with store.transaction():
        stories = StoryLinker(store).update({"ev1", "ev2", "ev3", "ev4"})
    assert sorted(s["event_ids"] for s in stories) == [["ev1"], ["ev2", "ev4"], ["ev3"]]


def test_components_and_story_for_event(store):
    e1 = _event("ev1", "2022-02-06", ["pu", "bi"], ["a1"])
    e2 = _event("ev2", "2022-02-12", ["pu", "bi"], ["a2"])  # the pair again within a week
    e3 = _event("ev3", "2022-02-12", ["pu", "ma"], ["a2"])
    e4 = _event("ev4", "2022-02-08", ["ma", "ze"], ["a3"])
    _save(store, e1, e2, e3, e4)
    linker = StoryLinker(store)
    with store.transaction():
        stories = linker.update({"ev1", "ev2", "ev3", "ev4"})
    # ev3 joins through the same-day report in a2; ev4 shares only 马克龙 and no article
    assert sorted(len(s["event_ids"]) for s in stories) == [1, 3]
    thread = story_for_event(store, "ev2")
    assert thread["event_ids"] == ["ev1", "ev2", "ev3"]
    assert [e["id"] for e in thread["events"]] == ["ev1", "ev2", "ev3"]
    assert thread["start"] == "2022-02-06" and thread["end"] == "2022-02-12"
    assert thread["article_ids"] == ["a1", "a2"]
    assert thread["title"] == "PU、BI、MA：会谈"
    assert story_for_event(store, "ev4")["event_ids"] == ["ev4"]
    rec = json.loads(store.scalar("SELECT record FROM events WHERE id = 'ev1'"))
    assert rec["story_id"] == thread["id"]


def test_incremental_merge_and_split(store):
    e1 = _event("ev1", "2022-02-01", ["pu", "ma"], ["a1"])
    e3 = _event("ev3", "2022-02-14", ["ma", "ze"], ["a3"])
    _save(store, e1, e3)
    linker = StoryLinker(store)
    with store.transaction():
        linker.update({"ev1", "ev3"})
    assert store.scalar("SELECT COUNT(*) FROM stories") == 2
    # a new event with all three bridges both threads into one
    bridge = _event("ev2", "2022-02-08", ["pu", "ma", "ze"], ["a2"])
    _save(store, bridge)
    with store.transaction():
        linker.update({"ev2"})
    assert store.scalar("SELECT COUNT(*) FROM stories") == 1
    assert story_for_event(store, "ev3")["event_ids"] == ["ev1", "ev2", "ev3"]
    # the bridge's article is replaced and the event disappears: the thread splits again
    bridge["mentions"] = []
    _save(store, bridge)
    with store.transaction():
        linker.update({"ev2"})
    assert store.scalar("SELECT COUNT(*) FROM stories") == 2
    assert story_for_event(store, "ev2") is None
    assert story_for_event(store, "ev1")["event_ids"] == ["ev1"]
    assert store.scalar("SELECT COUNT(*) FROM story_events") == 2


def test_an_unchanged_story_joins_every_new_event_related_to_it(store):
    """A stored story is taken whole when an update reaches it; each new event related to any of
    its events must join it, even when the new events are not related to each other."""
    linker = _linked(store, _event("ev5", "2022-02-01", ["pu", "bi"], ["a1"]),
                     _event("ev6", "2022-02-03", ["pu", "bi", "ma"], ["a2"]))
    assert story_for_event(store, "ev5")["event_ids"] == ["ev5", "ev6"]
    # ev1 shares 普京/拜登 with ev5 only, ev2 shares 拜登/马克龙 with ev6 only; ev1 and ev2 share one
    # actor and no article: not related to each other
    n1 = _event("ev1", "2022-02-02", ["pu", "ze", "bi"], ["a3"])
    n2 = _event("ev2", "2022-02-04", ["bi", "ma"], ["a4"])
    _save(store, n1, n2)
    with store.transaction():
        linker.update({"ev1", "ev2"})
    assert story_for_event(store, "ev2")["event_ids"] == ["ev5", "ev1", "ev6", "ev2"]  # by date
    assert store.scalar("SELECT COUNT(*) FROM stories") == 1
    assert store.scalar("SELECT COUNT(*) FROM story_events") == 4


def test_an_event_that_only_gains_keeps_its_story_and_a_shrunk_one_is_recomputed(store):
    _linked(store, _event("ev1", "2022-02-01", ["pu", "bi"], ["a1"]),
            _event("ev2", "2022-02-03", ["pu", "bi"], ["a2"]))
    assert store.scalar("SELECT basis FROM story_events WHERE event_id = 'ev1'") == "2022-02-01|2"
    # ev1 is reported again with 马克龙 too: it only gains, so its story is kept whole and grows
    # through ev3, which shares 普京/马克龙 with ev1 only
    e1 = _stored(store, "ev1")  # as the event linker changes it: the stored record, story_id kept
    e1["actors"].append({"entity_id": "ma", "name": "MA", "role": "target"})
    kept = _linked(store, e1, _event("ev3", "2022-02-05", ["pu", "ma"], ["a3"]))
    assert story_for_event(store, "ev3")["event_ids"] == ["ev1", "ev2", "ev3"]
    assert "ev2" not in kept.graph.nbrs  # taken whole: the unchanged event's relations never computed
    assert store.scalar("SELECT basis FROM story_events WHERE event_id = 'ev1'") == "2022-02-01|3"
    # a changed date is no growth: the story is recomputed, and ev1 (moved to March) leaves it
    e1 = _stored(store, "ev1")
    e1["date"] = "2022-03-20"
    _linked(store, e1)
    assert story_for_event(store, "ev2")["event_ids"] == ["ev2"]
    assert story_for_event(store, "ev1")["event_ids"] == ["ev1"]


def test_a_broken_story_keeps_its_largest_piece_whole(store, monkeypatch):
    monkeypatch.setattr("storyline.link.stories.pieces.MIN_PIECE", 3)
    chain = _chain(10, "2022-02-10")
    _linked(store, *chain)
    assert _all_stories(store) == [[e["id"] for e in chain]]
    # ev07 moves to March: ev00..ev06 stay one story, kept whole; ev08-ev09 are searched again
    moved = _stored(store, "ev07")
    moved["date"] = "2022-03-25"
    linker = _linked(store, moved)
    assert _all_stories(store) == [[f"ev0{i}" for i in range(7)], ["ev07"], ["ev08", "ev09"]]
    assert not {f"ev0{i}" for i in range(1, 7)} & set(linker.graph.nbrs)  # the piece's relations never computed
    assert store.scalar("SELECT COUNT(*) FROM story_events") == 10


def test_events_queued_for_a_later_chunk_are_never_taken_whole(store, monkeypatch):
    """A stored story holding an event that changed but is queued for a later chunk may no
    longer be connected (or one month): that event is left out of what is kept whole, and no
    event ends up in two stories or in none."""
    monkeypatch.setattr("storyline.link.stories.pieces.MIN_PIECE", 3)
    chain = _chain(6, "2022-02-10")
    _linked(store, *chain)
    # ev03 moves to March (queued for a later chunk); ev10 joins ev00 in February, ev11 joins
    # ev03 in March: both in this chunk
    moved = _stored(store, "ev03")
    moved["date"] = "2022-03-25"
    feb = _event("ev10", "2022-02-11", ["pu", "x0"], ["a0"])
    mar = _event("ev11", "2022-03-25", ["pu", "x3"], ["a3"])
    _save(store, moved, feb, mar)
    linker = StoryLinker(store)
    linker.queue({"ev03", "ev10", "ev11"})
    with store.transaction():
        linker.update({"ev10", "ev11"}, changed=False)
        linker.done(["ev10", "ev11"])
        linker.update({"ev03"}, changed=False)
        linker.done(["ev03"])
    got = _all_stories(store)
    assert sorted(e for s in got for e in s) == sorted([e["id"] for e in chain] + ["ev10", "ev11"])
    with store.transaction():
        store.execute("DELETE FROM stories")
        store.execute("DELETE FROM story_events")
        StoryLinker(store).update({e["id"] for e in chain} | {"ev10", "ev11"})
    assert got == _all_stories(store)
