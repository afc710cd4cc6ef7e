"""The queued articles' dispute statements built by a helper process during the writer's tail
(link/disputes/elsewhere.py): the same cached statements and disputes as when the writer builds
them itself, and the writer builds none of them again."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from storyline.ingest import ingest
from storyline.link.disputes import DisputeLinker, Statement
from storyline.link.disputes import elsewhere
from storyline.store import open_store

# our own sentences, news style: a claim, its denial, and a few more statements
ARTICLES = {
    "a1.md": ("法国外长称俄方承诺暂停炮击", "2022-03-03",
              "法国外长勒德里昂3日对记者说：“俄方已经承诺暂停炮击马里乌波尔。”他说，双方将继续通话。"),
    "b1.md": ("俄外交部否认承诺暂停炮击", "2022-03-04",
              "俄罗斯外交部发言人扎哈罗娃4日表示，莫斯科从未承诺暂停炮击马里乌波尔，这一说法完全不实。"),
    "c1.md": ("美国国务卿谈援助", "2022-03-05",
              "美国国务卿布林肯5日宣布，美国将向乌克兰提供新一批军事援助。乌克兰总统泽连斯基对此表示欢迎。"),
    "d1.md": ("克里姆林宫否认达成协议", "2022-03-06",
              "克里姆林宫发言人佩斯科夫6日说，俄法两国元首没有达成任何协议。马克龙此前称普京向他作出了保证。"),
}


def _corpus(folder):
    folder.mkdir()
    for name, (title, day, text) in ARTICLES.items():
        (folder / name).write_text(f"---\ntitle: {title}\ndate: {day}\n---\n\n{text}\n", encoding="utf-8")
    return folder


def _run(path, corpus, monkeypatch, helper: bool):
    built_here: list[str] = []
    original = DisputeLinker.claims_and_counters

    def spy(self, article_ids):
        built_here.extend(article_ids)
        return original(self, article_ids)

    monkeypatch.setattr(DisputeLinker, "claims_and_counters", spy)
    if helper:
        monkeypatch.setattr(elsewhere, "MIN_ARTICLES", 1)
    else:
        monkeypatch.setattr(elsewhere.Elsewhere, "start", classmethod(lambda cls, linker: None))
    store = open_store(str(path))
    ingest(store, [str(corpus)], workers=1)  # one process: nothing is built ahead
    monkeypatch.undo()
    disputes = [r["record"] for r in store.rows("SELECT record FROM disputes ORDER BY id")]
    cached = {r["article_id"]: json.loads(r["data"]) for r in store.rows("SELECT article_id, data FROM dispute_statements")}
    state = [tuple(r) for r in store.rows("SELECT * FROM dispute_nodes ORDER BY 1")]
    store.close()
    return disputes, cached, state, built_here


def test_statements_built_by_the_helper_are_the_writers_and_not_built_again(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "in")
    plain = _run(tmp_path / "plain.db", corpus, monkeypatch, helper=False)
    helped = _run(tmp_path / "helped.db", corpus, monkeypatch, helper=True)
    assert plain[1], "the articles have claims or counters to cache"
    assert helped[:3] == plain[:3]
    assert plain[3] and helped[3] == []  # with the helper the writer builds none


def test_a_renamed_event_mention_takes_its_new_event():
    s = Statement(kind="event", id="ev_old", key="em_1", by_id=None, by_name="普京", side="俄罗斯", text="俄军撤出",
                  date="2022-03-04", article_id="a1", paragraph=0, outlet=None, counter=False, terms=frozenset(),
                  concepts=frozenset(), about=frozenset())
    q = Statement(kind="quote", id="em_1", key="em_1", by_id=None, by_name="普京", side="俄罗斯", text="撤出",
                  date="2022-03-04", article_id="a1", paragraph=0, outlet=None, counter=False, terms=frozenset(),
                  concepts=frozenset(), about=frozenset())
    out = elsewhere._renamed([s, q], {"em_1": "ev_new"})
    assert [x.id for x in out] == ["ev_new", "em_1"]  # only an event statement names an event
    assert elsewhere._renamed([s], {}) == [s]


def test_no_helper_for_an_in_memory_store_or_a_few_articles(tmp_path):
    store = open_store(":memory:")
    linker = DisputeLinker(store)
    linker.dirty = {f"a{i}" for i in range(elsewhere.MIN_ARTICLES + 1)}
    assert elsewhere.Elsewhere.start(linker) is None
    store.close()
    store = open_store(str(tmp_path / "few.db"))
    linker = DisputeLinker(store)
    linker.dirty = {"a1", "a2"}
    assert elsewhere.Elsewhere.start(linker) is None
    store.close()


HELPER_ALONE = """
import sys, time
from storyline.link.disputes import DisputeLinker, elsewhere
from storyline.store import open_store
linker = DisputeLinker(open_store(sys.argv[1]))
elsewhere.MIN_ARTICLES = 1
linker.dirty = {"x1"}
e = elsewhere.Elsewhere.start(linker)
e.futures[0].result()  # the helper is up (and has built the statements of no article)
print(*[p.pid for p in e.pool._processes.values()], flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        status = open(f"/proc/{pid}/status").read()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited


def test_a_killed_writer_leaves_no_helper_behind(tmp_path):
    open_store(str(tmp_path / "s.db")).close()
    writer = subprocess.Popen([sys.executable, "-c", HELPER_ALONE, str(tmp_path / "s.db")], stdout=subprocess.PIPE,
                              text=True)
    try:
        helper = int(writer.stdout.readline())
        assert _alive(helper)
    finally:
        writer.kill()
        writer.wait()
    deadline = time.time() + 20
    while _alive(helper) and time.time() < deadline:
        time.sleep(0.2)
    assert not _alive(helper)


def test_a_failing_helper_costs_nothing_but_its_work(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "in")
    plain = _run(tmp_path / "plain.db", corpus, monkeypatch, helper=False)
    monkeypatch.setattr(elsewhere, "_build", _fail)  # pickled by name: the helper runs this one
    failed = _run(tmp_path / "failed.db", corpus, monkeypatch, helper=True)
    assert failed[:3] == plain[:3]
    assert sorted(failed[3]) == sorted(plain[3])  # the writer built them all itself


def _fail(ids):
    raise RuntimeError("the helper cannot read the store")
