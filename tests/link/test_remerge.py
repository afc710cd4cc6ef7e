"""Merged events as a function of the set of reports (issue #32 item 2, link/remerge.py). Our own
sentences on hand-built docs (tests/link/test_consensus.py builds them)."""

from __future__ import annotations

import itertools
import json

from storyline.link.events import EventLinker
from storyline.link.remerge import Remerger
from storyline.model import Actor, EventMention
from storyline.store import open_store
from tests.link.test_consensus import NAMES, attack, doc


def _linked(tmp_path, docs, name: str, remerge: bool) -> list[str]:
    store = open_store(str(tmp_path / name))
    linker = EventLinker(store)
    with store.transaction():
        for d in docs:
            linker.link_doc(d, NAMES.get)
        touched = set(linker.dirty)
        linker.flush()
        if remerge:
            Remerger(linker).run(touched, NAMES.get)
    events = [json.loads(r["record"]) for r in store.rows("SELECT record FROM events ORDER BY id")]
    store.close()
    return sorted(json.dumps(e, sort_keys=True, ensure_ascii=False) for e in events)


def _docs():
    # an undated report joins whichever compatible event exists when it is read: read first, it
    # makes an undated event that the report of the 24th then joins, and the report of the 26th
    # is two days off it; read last, it chooses between the events of the 24th and the 26th
    return [doc("u1", "甲报", "2022-02-27", attack("俄军入侵乌克兰", None)),
            doc("a1", "乙报", "2022-02-24", attack("俄罗斯24日入侵乌克兰", "2022-02-24")),
            doc("b1", "丙台", "2022-02-26", attack("俄罗斯26日再次入侵乌克兰", "2022-02-26"))]


def test_greedy_merging_depends_on_the_order_without_the_remerge(tmp_path):
    results = {json.dumps(_linked(tmp_path, list(order), f"g{n}.db", remerge=False))
               for n, order in enumerate(itertools.permutations(_docs()))}
    assert len(results) > 1  # what the remerge is for


def test_remerged_events_are_the_same_in_every_order(tmp_path):
    results = {json.dumps(_linked(tmp_path, list(order), f"r{n}.db", remerge=True))
               for n, order in enumerate(itertools.permutations(_docs()))}
    assert len(results) == 1


def _call(partner: str, entity: str) -> EventMention:
    text = "普京当天还分别与马克龙和卢卡申科通电话"
    return EventMention(paragraph=0, start=0, end=len(text), text=text, type="CONSULT", trigger="通电话",
                        trigger_start=17, trigger_end=20, status="occurred", date="2022-02-12", mode="phone",
                        actors=[Actor("普京", "participant", entity_id="e_pu"), Actor(partner, "participant", entity_id=entity)])


def test_two_calls_told_in_one_clause_stay_two_events(tmp_path):
    d = doc("c1", "甲报", "2022-02-12", _call("马克龙", "e_ma"))
    d.events = [_call("马克龙", "e_ma"), _call("卢卡申科", "e_lu")]
    names = {**NAMES, "e_pu": "普京", "e_ma": "马克龙", "e_lu": "卢卡申科"}
    store = open_store(str(tmp_path / "c.db"))
    linker = EventLinker(store)
    with store.transaction():
        linker.link_doc(d, names.get)
        linker.flush()
    partners = sorted(sorted(a["name"] for a in json.loads(r["record"])["actors"])
                      for r in store.rows("SELECT record FROM events"))
    assert partners == [["卢卡申科", "普京"], ["普京", "马克龙"]]  # one clause's id seed no longer collides


def _two_days_of_invasion(path):
    """A store with one invasion told on two days by two outlets; the ids its linking touched."""
    docs = [doc("a1", "乙报", "2022-02-24", attack("俄罗斯24日入侵乌克兰", "2022-02-24")),
            doc("a2", "丙台", "2022-02-25", attack("俄罗斯25日继续入侵乌克兰", "2022-02-25"))]
    store = open_store(str(path))
    linker = EventLinker(store)
    with store.transaction():
        for d in docs:
            linker.link_doc(d, NAMES.get)
        seeds = set(linker.dirty)
        linker.flush()
    return store, seeds


def test_a_reports_days_are_read_in_one_query_per_entity(tmp_path):
    # a report's neighbourhood asks three consecutive dates of each of its entities, whose
    # three-day reads overlap: a fresh linker reads those five days once per (type, entity)
    store, seeds = _two_days_of_invasion(tmp_path / "q.db")
    fresh = EventLinker(store)
    reads, real = [], fresh._read

    def spy(type_, ids, where, params, by_day=False):
        if by_day:
            reads.extend((type_, i) for i in ids)
        return real(type_, ids, where, params, by_day)

    fresh._read = spy
    with store.transaction():
        Remerger(fresh).run(seeds, NAMES.get)
    store.close()
    assert sorted(reads) == [("ASSAULT", "e_ru"), ("ASSAULT", "e_ua")]


def test_an_entitys_days_are_looked_up_once(tmp_path):
    # the three dates `_keys` asks of each report entity make one index look-up, not three
    # `_candidates` calls; the neighbourhood found is the same (both reports' event)
    store, seeds = _two_days_of_invasion(tmp_path / "n.db")
    fresh = EventLinker(store)
    calls, real = [], fresh._candidates
    fresh._candidates = lambda *a: calls.append(a) or real(*a)
    remerger = Remerger(fresh)
    with store.transaction():
        groups = [remerger._neighbourhood(s) for s in sorted(seeds)]
    store.close()
    assert groups == [seeds] and len(seeds) == 1
    assert calls == []
