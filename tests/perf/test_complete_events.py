"""An event linker that began on a store with no events holds every stored event (`EventLinker.
complete`): linking and re-merging then read no stored events, with the same results as a linker
that reads them. Our own sentences on hand-built docs (tests/link/test_consensus.py builds them)."""

from __future__ import annotations

import json

from storyline.link.events import EventLinker
from storyline.link.remerge import Remerger
from storyline.store import open_store
from tests.link.test_consensus import NAMES, attack, doc

DOCS = [doc("a1", "甲报", "2022-02-24", attack("俄罗斯24日入侵乌克兰", "2022-02-24")),
        doc("b1", "乙报", "2022-02-25", attack("俄军25日继续入侵乌克兰", "2022-02-25")),
        doc("c1", "丙台", "2022-02-25", attack("俄罗斯入侵乌克兰，白俄罗斯参与", "2022-02-25", ("e_by", "participant"))),
        doc("d1", "丁网", "2022-04-10", attack("俄罗斯4月10日再次入侵乌克兰", "2022-04-10")),
        doc("e1", "甲报", "2022-04-11", attack("俄罗斯入侵乌克兰", None))]


def _run(tmp_path, name: str, complete: bool | None) -> tuple[list[str], list[tuple]]:
    """Link DOCS one flush each, then re-merge what they touched; the stored event records and
    the stored-event reads made (`complete` None: as the linker found the store)."""
    store = open_store(str(tmp_path / name))
    linker = EventLinker(store)
    if complete is not None:
        linker.complete = complete
    reads: list[tuple] = []
    real_read, real_loose = linker._read, linker._read_loose
    linker._read = lambda *a, **k: reads.append(a[:2]) or real_read(*a, **k)
    linker._read_loose = lambda t: reads.append((t,)) or real_loose(t)
    touched: set[str] = set()
    for d in DOCS:
        with store.transaction():
            linker.link_doc(d, NAMES.get)
            touched |= linker.dirty
            linker.flush()
    with store.transaction():
        Remerger(linker).run(touched, NAMES.get)
    events = sorted(json.dumps(json.loads(r["record"]), sort_keys=True, ensure_ascii=False)
                    for r in store.rows("SELECT record FROM events"))
    store.close()
    return events, reads


def test_a_linker_on_an_empty_store_reads_no_stored_events_and_links_the_same(tmp_path):
    fast, fast_reads = _run(tmp_path, "fast.db", None)
    slow, slow_reads = _run(tmp_path, "slow.db", False)
    assert fast_reads == [] and slow_reads  # the reads it skips are made otherwise
    assert fast == slow and len(fast) >= 2


def test_a_store_with_events_or_a_trim_that_drops_some_reads_again(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    first = EventLinker(store)
    assert first.complete
    with store.transaction():
        first.link_doc(DOCS[0], NAMES.get)
        first.flush()
    assert not EventLinker(store).complete  # another linker would not hold these
    first._recent_keys.clear()  # nothing looked up since: a trim to 0 drops every event
    assert first.trim(0) and not first.complete
    with store.transaction():
        first.link_doc(DOCS[1], NAMES.get)  # reads the dropped event back and joins it
        first.flush()
    assert store.scalar("SELECT COUNT(*) FROM events") == 1
    store.close()
