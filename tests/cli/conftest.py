"""A small store for the CLI view tests: the API tests' hand-annotated store (our own sentences)
plus one single-source event carrying the merged record's `corroboration` and `unconfirmed`,
and original URLs on two articles (one hostile)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "api"))  # the shared fixture_store module

import fixture_store  # noqa: E402

from storyline.store import linked, open_store  # noqa: E402

LONE_EVENT = {
    "id": "ev_lone", "type": "ACCUSE", "mode": None, "date": "2022-02-09", "date_end": None, "status": "occurred",
    "location": None, "duration_minutes": None, "summary": "佩斯科夫指责马克龙",
    "actors": [{"entity_id": "e_peskov", "name": "佩斯科夫", "role": "source"},
               {"entity_id": "e_macron", "name": "马克龙", "role": "target"}],
    "mentions": [{"article_id": "a_macron", "paragraph": 1, "start": 0, "end": 8, "text": "佩斯科夫随后否认称"}],
    "outlets": ["环球观察"],
    "corroboration": {"mentions": 1, "articles": 1, "outlets": 1, "date_agreement": 1.0, "actor_agreement": 0.5},
    "unconfirmed": True,
}


@pytest.fixture
def cli_db(tmp_path) -> str:
    path = fixture_store.build(tmp_path / "cli.db")
    store = open_store(str(path))
    try:
        with store.transaction():
            linked.save_event(store, LONE_EVENT)
            store.execute("UPDATE articles SET url = ? WHERE id = ?", ("https://news.example.com/2022/call.html", "a_call"))
            store.execute("UPDATE articles SET url = ? WHERE id = ?", ("javascript:alert(1)", "a_macron"))
    finally:
        store.close()
    return str(path)
