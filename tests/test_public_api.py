"""The public Python API (docs/python-api.md): storyline.analyse without a store, and
storyline.open_store's read queries, on our own news-style sentences."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import storyline

sys.path.insert(0, str(Path(__file__).resolve().parent / "api"))  # the API tests' hand-made store

import fixture_store  # noqa: E402

TEXT = "美国总统拜登12日与俄罗斯总统普京通电话，双方讨论了乌克兰局势。\n\n克里姆林宫新闻发言人佩斯科夫表示，双方同意继续保持接触。"


@pytest.fixture(scope="module")
def result():
    return storyline.analyse(TEXT, published="2022-02-13", outlet="测试日报")


def test_analyse_returns_offsets_into_the_paragraphs(result):
    assert result.paragraphs == TEXT.split("\n\n") and result.outlet == "测试日报"
    for group in (result.entities, result.times, result.events, result.quotes):
        assert group
        for rec in group:
            assert result.paragraphs[rec["paragraph"]][rec["start"]:rec["end"]] == rec["text"]
    people = {e["text"] for e in result.entities if e["type"] == "PERSON"}
    assert {"拜登", "普京", "佩斯科夫"} <= people


def test_analyse_resolves_relative_dates_against_published(result):
    twelfth = next(t for t in result.times if t["text"] == "12日")
    assert twelfth["value"] == "2022-02-12"
    call = next(e for e in result.events if e["type"] == "CONSULT")
    assert call["date"] == "2022-02-12" and call["date_from_context"] is False  # 12日 is in its clause
    assert result.paragraphs[call["paragraph"]][call["trigger_start"]:call["trigger_end"]] == call["trigger"]
    assert {a["name"] for a in call["actors"]} == {"拜登", "普京"}


def test_analyse_quote_has_its_speaker(result):
    quote = result.quotes[0]
    assert quote["speaker"]["name"] == "佩斯科夫"
    para = result.paragraphs[quote["speaker"]["paragraph"]]
    assert para[quote["speaker"]["start"]:quote["speaker"]["end"]] == "佩斯科夫"


def test_analysis_is_json_and_keeps_the_model(result):
    import json

    assert json.loads(json.dumps(result.to_dict(), ensure_ascii=False))["events"][0]["type"] == "CONSULT"
    assert result.doc is not None and len(result.doc.paragraphs) == 2


def test_bad_published_is_a_filter_error():
    with pytest.raises(storyline.FilterError, match="bad published date 'yesterday'"):
        storyline.analyse("普京发表讲话。", published="yesterday")


SCRIPT = """
import storyline
{first}
{second}
doc = storyline.analyse("俄罗斯总统普京12日与法国总统马克龙通电话。", published="2022-02-13")
assert any(e["type"] == "CONSULT" for e in doc.events), doc.events
assert EntityRecognizer.__module__.startswith("storyline.analyse.entities")
assert callable(storyline.analyse) and hasattr(storyline.analyse, "segment")
print("ok")
"""
ANALYSE_FIRST = "doc0 = storyline.analyse('普京发表讲话。')"
IMPORT_FIRST = "from storyline.analyse.entities import EntityRecognizer"


@pytest.mark.parametrize("first,second", [(ANALYSE_FIRST, IMPORT_FIRST), (IMPORT_FIRST, ANALYSE_FIRST)],
                         ids=["analyse-then-import", "import-then-analyse"])
def test_callable_package_survives_either_import_order(first, second):
    """A fresh process each: the order in which `storyline.analyse` is first touched matters."""
    script = SCRIPT.format(first=first, second=second)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_import_storyline_stays_light():
    done = subprocess.run([sys.executable, "-c", "import sys, storyline; print('storyline.analyse' in sys.modules)"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False"


@pytest.fixture
def reader(tmp_path):
    path = fixture_store.build(tmp_path / "pub.db")
    with storyline.open_store(str(path)) as store:
        yield store


def test_store_reader_queries(reader):
    assert [a["id"] for a in reader.articles(limit=2)] == ["a_hostile", "a_call"]
    assert reader.article("a_ca")["mentions"][0]["text"] == "拜登"
    assert reader.entity("Vladimir Putin")["id"] == "e_putin"
    assert reader.entity("普丁")["id"] == "e_putin"
    assert [e["id"] for e in reader.events(entity="拜登", date_from="2022-02")] == ["ev_call"]
    assert [e["id"] for e in reader.timeline(type="consult")] == ["ev_call"]
    assert {q["speaker"]["name"] for q in reader.quotes(speaker="佩斯科夫")} == {"佩斯科夫"}
    assert [d["id"] for d in reader.disputes(entity="马克龙")] == ["dp_1"]
    assert [e["name"] for e in reader.entities(type="person", limit=1)] == ["佩斯科夫"]
    page = reader.search("普京 通电话")
    assert page["total"] == 1 and page["hits"][0]["article_id"] == "a_call"
    assert reader.stories() == []


@pytest.mark.parametrize("call,message", [
    (lambda r: r.events(date_from="2022-13-45"), "bad from date '2022-13-45': no such day in the calendar"),
    (lambda r: r.events(type="FOO"), "unknown event type 'FOO'"),
    (lambda r: r.timeline(entity="不存在的人"), "no entity named '不存在的人'"),
    (lambda r: r.search("普京", kind="paragraph"), "unknown kind 'paragraph'"),
])
def test_store_reader_validates_filters_like_the_cli(reader, call, message):
    with pytest.raises(storyline.FilterError) as err:
        call(reader)
    assert message in str(err.value)
    assert isinstance(err.value, ValueError)


def test_open_store_refuses_what_is_not_a_store(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("备忘录\n", encoding="utf-8")
    with pytest.raises(storyline.FilterError, match="not a storyline database"):
        storyline.open_store(str(notes))
