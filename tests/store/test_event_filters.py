from __future__ import annotations

from storyline.store import open_store
from storyline.store import linked, profiles


def _event(eid: str, date: str | None) -> dict:
    return {"id": eid, "type": "CONSULT", "date": date, "actors": [{"entity_id": "e_a", "name": "甲", "role": "participant"}],
            "mentions": [{"article_id": "a"}]}


def test_mixed_precision_date_filters_and_paging(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    with store.transaction():
        for eid, date in [("e1", "2022-01-31"), ("e2", "2022-02"), ("e3", "2022-02-12"), ("e4", "2022-03-01"),
                          ("e5", None)]:
            linked.save_event(store, _event(eid, date))
    ids = lambda **kw: [e["id"] for e in profiles.filter_events(store, **kw)]
    assert ids() == ["e1", "e2", "e3", "e4", "e5"]
    assert ids(date_from="2022-02-01") == ["e2", "e3", "e4"]
    assert ids(date_from="2022-02-01", date_to="2022-02-28") == ["e2", "e3"]
    assert ids(date_to="2022-02") == ["e1", "e2", "e3"]
    assert ids(date_from="2022-02-01", limit=2, offset=1) == ["e3", "e4"]
    assert ids(type="accuse") == []
