"""Cached dispute statements dropped because a speaker's record changed (dispute_cache
`speakers_changed`) are built again while the writer waits for the workers (Linker.idle), not
by link_all after the last batch, when the writer works alone; the disputes are the same as
when link_all builds them. Our own sentences on hand-built docs (tests/story/conftest.py)."""

from __future__ import annotations

from storyline.store import linked
from tests.story.conftest import ENTITIES
from tests.story.writer_run import claim_and_denial, finish, stored

RENAMED = {**ENTITIES[0], "name": "让-伊夫·勒德里昂", "country": "法国"}  # e_ledrian's record names him otherwise


def _run(path, monkeypatch, ahead_after_rename: bool):
    store, linker, _ = stored(path, claim_and_denial)
    while linker.idle():  # both built and cached ahead
        pass
    with store.transaction():  # a later batch saves e_ledrian under another name (Linker.flush)
        linker.disputes.entities_saved([RENAMED])
        linked.save_entities(store, [RENAMED], recount=False)
    cached = {r["article_id"] for r in store.rows("SELECT article_id FROM dispute_statements")}
    calls = 0
    if ahead_after_rename:
        while linker.idle():
            calls += 1
    disputes, built_in_finish = finish(store, linker, monkeypatch)
    return disputes, cached, built_in_finish, calls


def test_statements_dropped_by_a_renamed_speaker_are_built_again_ahead(tmp_path, monkeypatch):
    plain, cached_plain, built_plain, _ = _run(tmp_path / "plain.db", monkeypatch, False)
    ahead, cached_ahead, built_ahead, calls = _run(tmp_path / "ahead.db", monkeypatch, True)
    assert cached_plain == cached_ahead == {"b1"}  # a1's row went with the old name
    assert [(d["claim"]["by"]["name"], d["counter"]["by"]["name"]) for d in plain] == [("让-伊夫·勒德里昂", "扎哈罗娃")]
    assert ahead == plain
    assert built_plain == ["a1"]
    assert calls == 1 and built_ahead == []  # built while waiting: link_all builds nothing
