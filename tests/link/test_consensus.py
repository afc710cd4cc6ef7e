"""Merged events by consensus of independent sources, and their corroboration (issue #32 item 1).
Our own sentences on hand-built docs."""

from __future__ import annotations

import itertools
import json

from storyline.link.consensus import consensus_date, weights
from storyline.link.events import EventLinker
from storyline.model import Actor, Article, Doc, EventMention, Paragraph
from storyline.store import open_store

NAMES = {"e_ru": "俄罗斯", "e_ua": "乌克兰", "e_xi": "习近平", "e_by": "白俄罗斯"}


def doc(aid: str, outlet: str | None, published: str, mention: EventMention) -> Doc:
    art = Article(id=aid, path=aid, source_key=aid, format="text", outlet=outlet, title=None, author=None,
                  published=published, published_inferred=False, url=None, language="zh-Hans",
                  paragraphs=[mention.text], content_hash=aid + "-text")
    d = Doc(article=art, paragraphs=[Paragraph(0, mention.text, mention.text)])
    d.events = [mention]
    return d


def attack(text: str, date: str | None, *extra: tuple[str, str]) -> EventMention:
    actors = [Actor("俄罗斯", "source", entity_id="e_ru"), Actor("乌克兰", "target", entity_id="e_ua")]
    actors += [Actor(NAMES[e], role, entity_id=e) for e, role in extra]
    return EventMention(paragraph=0, start=0, end=len(text), text=text, type="ASSAULT", trigger="入侵",
                        trigger_start=2, trigger_end=4, status="occurred", date=date, actors=actors)


def linked(tmp_path, docs: list[Doc], name: str = "s.db") -> list[dict]:
    store = open_store(str(tmp_path / name))
    linker = EventLinker(store)
    with store.transaction():
        for d in docs:
            linker.link_doc(d, NAMES.get)
        linker.flush()
    return [json.loads(r["record"]) for r in store.rows("SELECT record FROM events ORDER BY id")]


def test_an_outlying_report_adds_no_actor(tmp_path):
    docs = [doc("a1", "甲报", "2022-02-24", attack("俄罗斯入侵乌克兰", "2022-02-24")),
            doc("b1", "乙报", "2022-02-24", attack("俄军入侵乌克兰领土", "2022-02-24")),
            doc("c1", "丙台", "2022-02-24", attack("俄罗斯全面入侵乌克兰，习近平", "2022-02-24", ("e_xi", "participant")))]
    (ev,) = linked(tmp_path, docs)
    assert len(ev["mentions"]) == 3  # the outlying report stays a report of the event ...
    assert [(a["name"], a["role"]) for a in ev["actors"]] == [("俄罗斯", "source"), ("乌克兰", "target")]  # ... not an actor
    assert ev["corroboration"]["actor_agreement"] < 1.0


def test_an_outlet_counts_once_however_many_articles_repeat_it(tmp_path):
    # one outlet names Belarus in three articles, two other outlets do not: one voice of three
    docs = [doc(f"a{i}", "甲报", "2022-02-24", attack(f"俄罗斯与白俄罗斯入侵乌克兰{i}", "2022-02-24", ("e_by", "participant")))
            for i in range(3)]
    docs += [doc("b1", "乙报", "2022-02-24", attack("俄罗斯入侵乌克兰", "2022-02-24")),
             doc("c1", "丙台", "2022-02-24", attack("俄军入侵乌克兰", "2022-02-24"))]
    events = linked(tmp_path, docs)
    big = max(events, key=lambda e: len(e["mentions"]))
    assert "白俄罗斯" not in {a["name"] for a in big["actors"]}


def test_corroboration_record_and_single_source_events(tmp_path):
    one = [doc("a1", "甲报", "2022-02-24", attack("俄罗斯入侵乌克兰", "2022-02-24")),
           doc("a2", "甲报", "2022-02-25", attack("俄罗斯24日入侵乌克兰", "2022-02-24"))]
    (ev,) = linked(tmp_path, one, "one.db")
    assert ev["corroboration"] == {"mentions": 2, "articles": 2, "outlets": 1, "date_agreement": 1.0,
                                   "actor_agreement": 1.0, "agreement": 1.0}
    assert ev["unconfirmed"] is True and ev["confirmed"] is False
    two = one + [doc("b1", "乙报", "2022-02-24", attack("俄军入侵乌克兰", "2022-02-24"))]
    (ev,) = linked(tmp_path, two, "two.db")
    assert ev["corroboration"]["outlets"] == 2 and ev["unconfirmed"] is False and ev["confirmed"] is True
    store = open_store(str(tmp_path / "two.db"))
    assert store.rows("SELECT sources, unconfirmed FROM events") == [{"sources": 2, "unconfirmed": 0}]


def test_a_date_inherited_from_the_next_days_paper_backs_the_day_before():
    # told without a date in three papers of the 25th, and dated the 24th by one of the 24th
    ms = [{"date": "2022-02-25", "published": "2022-02-25T08:00", "outlet": o, "article_id": o} for o in "甲乙丙"]
    ms.append({"date": "2022-02-24", "published": "2022-02-24T20:00", "outlet": "丁", "article_id": "丁"})
    assert consensus_date(ms, weights(ms)) == "2022-02-24"
    # a stated date is not moved, and a lone report of the day keeps its day
    stated = [{**m, "date_explicit": True} for m in ms[:3]]
    assert consensus_date(stated + ms[3:], weights(stated + ms[3:])) == "2022-02-25"
    assert consensus_date(ms[:1], weights(ms[:1])) == "2022-02-25"


def test_the_merged_record_does_not_depend_on_the_order_of_reading(tmp_path):
    docs = [doc("a1", "甲报", "2022-02-25", attack("俄罗斯入侵乌克兰", "2022-02-25")),
            doc("b1", "乙报", "2022-02-24", attack("俄军入侵乌克兰", "2022-02-24", ("e_xi", "participant"))),
            doc("b2", "乙报", "2022-02-24", attack("俄军入侵乌克兰", "2022-02-24")),  # the same sentence again
            doc("c1", None, "2022-02-24", attack("俄罗斯对乌克兰发动入侵", None))]
    records = set()
    for n, order in enumerate(itertools.permutations(docs)):
        for d in docs:
            d.events[0].event_id = None
        # the id hashes the first report read (its text, not its path): compared as what it holds
        events = [{k: v for k, v in e.items() if k != "id"} for e in linked(tmp_path, list(order), f"{n}.db")]
        records.add(json.dumps(events, sort_keys=True, ensure_ascii=False))
    assert len(records) == 1
    (ev,) = json.loads(records.pop())
    assert ev["repeats"] == 1 and [m["article_id"] for m in ev["mentions"]] == ["b1", "c1", "a1"]
    assert ev["corroboration"]["outlets"] == 3  # an article without an outlet is its own source
