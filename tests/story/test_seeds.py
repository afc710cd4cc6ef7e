"""Integration on ../shared/seeds through the CLI. Parts depend on upstream stages; when one is
missing the test fails with `upstream stage missing: ...` naming it, rather than a bare assert."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.serve.cli import app
from storyline.store import open_store

runner = CliRunner()
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

STAGES = {
    "entities": ("SELECT COUNT(*) FROM mentions WHERE entity_id IS NOT NULL",
                 "analyse/entities + link/entities (no mention is linked to an entity)"),
    "times": ("SELECT COUNT(*) FROM times WHERE value IS NOT NULL", "analyse/time (no resolved time expression)"),
    "events": ("SELECT COUNT(*) FROM event_mentions", "extract/events (no event mention)"),
    "quotes": ("SELECT COUNT(*) FROM quotes", "extract/quotes (no quote)"),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    path = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", path])
    assert result.exit_code == 0, result.output
    assert "read 5," in result.stdout
    return path


def _require(db: str, *stages: str) -> None:
    store = open_store(db, readonly=True)
    try:
        for stage in stages:
            query, what = STAGES[stage]
            if not store.scalar(query):
                pytest.fail(f"upstream stage missing: {what}", pytrace=False)
    finally:
        store.close()


def _events(db: str, *args: str) -> list[dict]:
    out = runner.invoke(app, ["timeline", "--db", db, "--format", "jsonl", *args])
    assert out.exit_code == 0, out.output
    return [json.loads(line) for line in out.stdout.splitlines()]


def _names(event: dict) -> set[str]:
    return {a["name"] for a in event["actors"]}


def _consult(events: list[dict], day: str, *names: str) -> list[dict]:
    return [e for e in events if e["type"] == "CONSULT" and (e["date"] or "").startswith(day)
            and set(names) <= _names(e)]


def _mention_sentences(event: dict) -> set[tuple[str, int, int]]:
    return {(m["article_id"], m["paragraph"], m["start"]) for m in event["mentions"]}


# -- needs only read + clean -------------------------------------------------------------------
def test_compare_shows_scare_quoted_invasion(db):
    out = runner.invoke(app, ["export", "framing", "--db", db])
    assert out.exit_code == 0, out.output
    recs = {(r["outlet"], r["key"]): r for r in map(json.loads, out.stdout.splitlines())
            if r["feature"] == "scare_quote"}
    guancha, epoch = recs.get(("观察者网", "入侵")), recs.get(("大纪元", "入侵"))
    assert guancha and epoch, "入侵 not compared between 观察者网 and 大纪元 (outlet detection in read?)"
    assert guancha["quoted"] > guancha["plain"] and guancha["value"] > 0.5
    assert epoch["quoted"] == 0 and epoch["plain"] >= 3
    assert all("入侵" in x["text"] for x in guancha["examples"] + epoch["examples"])
    table = runner.invoke(app, ["compare", "--db", db, "--outlets", "观察者网,大纪元"])
    assert table.exit_code == 0 and "入侵" in table.stdout and "0 quoted" in table.stdout


# -- needs entities, times and events ----------------------------------------------------------
def test_feb12_calls_appear_once_with_all_mentions(db):
    _require(db, "entities", "times", "events")
    events = _events(db, "--from", "2022-02-12", "--to", "2022-02-12")
    for partner, least in (("拜登", 3), ("马克龙", 3), ("卢卡申科", 2)):
        found = _consult(events, "2022-02-12", "普京", partner)
        assert len(found) == 1, f"普京-{partner} call of 2022-02-12 appears {len(found)} times"
        # 002 reports each call in several sentences: all of them are sources of the one event
        assert len(_mention_sentences(found[0])) >= least, (partner, found[0]["mentions"])
        assert "观察者网" in found[0]["outlets"]
    text = runner.invoke(app, ["timeline", "--db", db, "--from", "2022-02-12", "--to", "2022-02-12"]).stdout
    assert sum("拜登" in line and "普京" in line and "CONSULT" in line for line in text.splitlines()) == 1


def test_feb7_macron_putin_talks_once(db):
    _require(db, "entities", "times", "events")
    found = _consult(_events(db, "--entity", "马克龙"), "2022-02-07", "马克龙", "普京")
    assert len(found) == 1, f"马克龙-普京 talks of 2022-02-07 appear {len(found)} times"


def test_feb1_meetings_once(db):
    _require(db, "entities", "times", "events")
    events = _events(db, "--from", "2022-02-01", "--to", "2022-02-01")
    orban = _consult(events, "2022-02-01", "普京")
    orban = [e for e in orban if any("欧尔班" in n for n in _names(e))]
    assert len(orban) == 1, (f"普京-欧尔班 meeting of 2022-02-01 appears {len(orban)} times; upstream analyse/time + "
                             "extract/events must date 001 (no publication date) from its text")
    calls = _consult(events, "2022-02-01", "拉夫罗夫", "布林肯")
    assert len(calls) == 1, f"拉夫罗夫-布林肯 call of 2022-02-01 appears {len(calls)} times"


def test_feb12_calls_form_one_story(db):
    _require(db, "entities", "times", "events")
    events = _events(db)
    assert all(e.get("story_id") for e in events)
    biden = _consult(events, "2022-02-12", "普京", "拜登")
    macron = _consult(events, "2022-02-12", "普京", "马克龙")
    assert biden and macron
    out = runner.invoke(app, ["story", biden[0]["id"], "--db", db])
    assert out.exit_code == 0, out.output
    assert biden[0]["story_id"] == macron[0]["story_id"]


# -- needs entities and quotes -----------------------------------------------------------------
def _disputes(db: str) -> list[dict]:
    out = runner.invoke(app, ["export", "disputes", "--db", db])
    assert out.exit_code == 0, out.output
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_macron_assurance_is_disputed(db):
    _require(db, "entities", "quotes")
    found = [d for d in _disputes(db) if "马克龙" in d["claim"]["by"]["name"]
             and any(k in d["counter"]["by"]["name"] for k in ("佩斯科夫", "克里姆林宫", "俄罗斯"))
             and "协议" in d["counter"]["text"]]
    assert found, "no dispute between 马克龙's 保证 claim and the Kremlin's 未达成任何协议"
    assert "保证" in found[0]["claim"]["text"] or "普京" in found[0]["claim"]["text"]
    assert found[0]["outlets"] == ["观察者网"]


def test_written_reply_is_disputed(db):
    _require(db, "entities", "quotes")
    found = [d for d in _disputes(db) if "书面回复" in d["claim"]["text"]
             and any(k in d["counter"]["text"] for k in ("搞错", "理解错", "混淆视听", "不实"))]
    assert found, "no dispute between 收到了俄罗斯的书面回复 and the Kremlin's denial"
    assert any(k in found[0]["counter"]["by"]["name"] for k in ("佩斯科夫", "克里姆林宫"))
    table = runner.invoke(app, ["disputes", "--db", db])
    assert table.exit_code == 0 and "书面回复" in table.stdout


def test_disputes_are_few_and_sound(db):
    _require(db, "entities", "quotes")
    from storyline.link.disputes import DisputeLexicon

    lex = DisputeLexicon()
    found = _disputes(db)
    assert 1 <= len(found) <= 10, [(d["claim"]["text"], d["counter"]["text"]) for d in found]
    for d in found:
        counters = [m for m in d["mentions"] if m["role"] == "counter"]
        # a refusal to comment (拒绝透露细节) contests nothing
        assert not any(lex.is_refusal(m["text"]) and not lex.is_counter(m["text"]) for m in counters), d
        sides = {m["side"] for m in d["mentions"] if m["role"] == "claim"}
        assert not any(lex.same_camp(a, m["side"]) for a in sides for m in counters), d
        # conditionals (如果…就应该) are no claims
        assert lex.is_claim_text(d["claim"]["text"]), d["claim"]["text"]


def test_invasion_warning_is_disputed_once(db):
    _require(db, "entities", "quotes")
    # The US warnings of an imminent invasion (沙利文's 24-48 hours, 拜登's "入侵") are answered by the
    # Russian denials; each counter answers one warning only (the counter citing "入侵" answers the
    # claim that uses that word), and the denials come from at least three Russian officials.
    found = [d for d in _disputes(db) if any(k in d["claim"]["by"]["name"] for k in ("沙利文", "拜登"))]
    assert any("沙利文" in d["claim"]["by"]["name"] for d in found), "沙利文's warning is not disputed"
    counters = [(m["by"]["name"], m["text"]) for d in found for m in d["mentions"] if m["role"] == "counter"]
    assert len(counters) == len(set(counters)), "a counter answers two warnings"
    names = {name for name, _ in counters}
    assert "安东诺夫" in names and len(names) >= 3, names
    written = [d for d in _disputes(db) if "书面回复" in d["claim"]["text"]]
    assert len(written) == 1 and len([m for m in written[0]["mentions"] if m["role"] == "counter"]) >= 3
