"""Per-event framing (storyline.link.framing.events): who reports an event and how each outlet
tells it. Our own invented sentences; the store is written through the real writer (the story
tests' Builder)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from storyline.link.framing import framing_records, read_groups
from storyline.store import open_store

_spec = importlib.util.spec_from_file_location("story_conftest", Path(__file__).parents[1] / "story" / "conftest.py")
_conf = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("story_conftest", _conf)  # dataclasses look their module up
_spec.loader.exec_module(_conf)


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "ev.db"))
    yield s
    s.close()


def _summit(store):
    b = _conf.Builder(store)
    a = b.article("a1", ["两国元首举行视频峰会，“特别军事行动”并未被提及，会谈坦率。",
                         "官方媒体称会谈坦率、建设性，双方同意保持沟通，会谈坦率务实。", "评论说气氛坦率，态度坦率。"], "2021-11-16", "甲报")
    b.quote(a, 1, "会谈坦率、建设性", "扎哈罗娃", "e_zakharova")
    c = b.article("b1", ["两国元首举行视频峰会，分歧依旧，人权问题悬而未决。",
                         "布林肯表示，分歧依旧，人权问题必须解决，分歧明显。"], "2021-11-16", "乙报")
    b.quote(c, 1, "分歧依旧，人权问题必须解决", "布林肯", "e_blinken")
    b.article("c1", ["某地举行马拉松比赛。"], "2021-11-17", "丙报")  # publishing, but not on the summit
    b.article("d1", ["与峰会无关的旧闻。"], "2021-10-01", "丁报")  # not publishing then
    b.write()


def test_tagged_event_outlets_words_voices(store, tmp_path):
    _summit(store)
    tags = tmp_path / "EVENTS.tsv"
    tags.write_text("relative_path\tevent\nx/a1.txt\t2021-11-16 summit\nb1.txt\t2021-11-16 summit\n"
                    "missing.txt\t2022-01-01 nothing stored\n", encoding="utf-8")
    groups = read_groups(tags)
    assert groups["2021-11-16 summit"] == ["x/a1.txt", "b1.txt"]
    records = framing_records(store, tags=groups)
    cov = [r for r in records if r["feature"] == "event_coverage"]
    # a1.txt is stored as "a1.txt": the tag's longer path does not match it; b1 matches
    assert [(r["key"], r["reported_by"]) for r in cov] == [("2021-11-16 summit", ["乙报"])]
    tags.write_text("relative_path\tevent\na1.txt\t2021-11-16 summit\nb1.txt\t2021-11-16 summit\n", encoding="utf-8")
    records = framing_records(store, tags=read_groups(tags))
    cov = [r for r in records if r["feature"] == "event_coverage"][0]
    assert cov["reported_by"] == ["乙报", "甲报"] and cov["value"] == 2
    assert cov["silent"] == ["丙报"]  # 丁报 published nothing around the day: absent, not silent
    fr = {r["outlet"]: r for r in records if r["feature"] == "event_framing"}
    assert set(fr) == {"甲报", "乙报"}
    a_words = [w["word"] for w in fr["甲报"]["words"]]
    b_words = [w["word"] for w in fr["乙报"]["words"]]
    assert "坦率" in a_words and "坦率" not in b_words
    assert "分歧" in b_words and "峰会" not in a_words + b_words  # what both write sets nobody apart
    assert fr["乙报"]["voices"] == [{"name": "布林肯", "count": 1}]
    assert fr["甲报"]["scare_quotes"] == [{"term": "特别军事行动", "count": 1}]
    assert fr["甲报"]["articles"][0]["article_id"] == "a1"


def test_merged_events_make_the_groups_without_tags(store):
    from storyline.store import linked

    _summit(store)
    with store.transaction():
        linked.save_event(store, {
            "id": "ev_summit", "type": "MEET", "date": "2021-11-16", "actors": [], "summary": "两国元首视频峰会",
            "mentions": [{"article_id": a, "paragraph": 0, "start": 0, "end": 4, "text": "视频峰会"}
                         for a in ("a1", "b1", "c1")]})
    records = framing_records(store)
    cov = [r for r in records if r["feature"] == "event_coverage"]
    assert [(r["key"], r["event_id"], r["value"]) for r in cov] == [("2021-11-16 两国元首视频峰会", "ev_summit", 3)]


def test_compare_cli_prints_each_tagged_event(store, tmp_path):
    from typer.testing import CliRunner

    from storyline.serve.cli import app

    _summit(store)
    tags = tmp_path / "EVENTS.tsv"
    tags.write_text("relative_path\tevent\na1.txt\t2021-11-16 summit\nb1.txt\t2021-11-16 summit\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["compare", "--db", store.target, "--events", str(tags)], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    assert "event: 2021-11-16 summit (2 articles, 2 outlets; silent while publishing: 丙报)" in out.output
    assert "坦率" in out.output and "布林肯 1" in out.output and "「特别军事行动」1" in out.output


def test_api_compare_carries_the_tagged_events(store, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from storyline.serve.api import create_app

    _summit(store)
    tags = tmp_path / "EVENTS.tsv"
    tags.write_text("relative_path\tevent\na1.txt\t2021-11-16 summit\nb1.txt\t2021-11-16 summit\n", encoding="utf-8")
    monkeypatch.setenv("STORYLINE_EVENT_TAGS", str(tags))
    client = TestClient(create_app(store.target))
    got = client.get("/api/compare", params={"outlets": "甲报"}).json()["records"]
    cov = [r for r in got if r["feature"] == "event_coverage"]
    assert [c["key"] for c in cov] == ["2021-11-16 summit"]  # kept: 甲报 reports it
    assert {r["outlet"] for r in got if r["feature"] == "event_framing"} == {"甲报"}
