from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.link.disputes import DisputeLinker
from storyline.serve.cli import app
from storyline.store import linked

runner = CliRunner()


def _event(eid, date, names, mentions, type_="CONSULT", mode="phone", summary=""):
    return {
        "id": eid, "type": type_, "mode": mode, "date": date, "date_end": None, "status": "occurred",
        "actors": [{"entity_id": f"e_{n}", "name": n, "role": "participant"} for n in names],
        "location": None, "duration_minutes": None, "summary": summary,
        "outlets": sorted({m["outlet"] for m in mentions if m.get("outlet")}), "mentions": mentions,
    }


def _m(aid, para, text, outlet=None):
    return {"article_id": aid, "paragraph": para, "start": 0, "end": len(text), "text": text, "outlet": outlet}


def _seed(store):
    with store.transaction():
        linked.save_entities(store, [{"id": "e_拜登", "name": "拜登", "type": "PERSON", "aliases": ["拜登", "拜登总统"]},
                                     {"id": "e_普京", "name": "普京", "type": "PERSON", "aliases": ["普京", "普丁"]}])
        linked.save_event(store, _event("ev_b", "2022-02-12", ["拜登", "普京"],
                                        [_m("a1", 0, "拜登与普京12日通电话。", "甲报"),
                                         _m("a2", 3, "两国元首周六通话一小时<script>", "乙报")],
                                        summary="拜登与普京通电话"))
        linked.save_event(store, _event("ev_a", "2021-12-07", ["拜登", "普京"], [_m("a3", 1, "双方举行视频会晤。")],
                                        mode="video", summary="拜登与普京举行视频会晤"))
        linked.save_event(store, _event("ev_u", None, ["普京"], [_m("a3", 2, "普京曾多次通话。")], summary="普京通话"))
        for n, (eid, art) in enumerate([("ev_b", "a1"), ("ev_b", "a2"), ("ev_a", "a3"), ("ev_u", "a3")]):
            store.execute(  # the writer's per-report rows, which the story linker reads by article
                "INSERT INTO event_mentions (id, article_id, paragraph, start_pos, end_pos, text, type, actors, "
                "event_id) VALUES (?,?,0,0,1,'x','CONSULT','[]',?)", (f"m{n}", art, eid))


def test_timeline_formats_and_filters(store, tmp_path):
    _seed(store)
    db = ["--db", store.target]
    out = runner.invoke(app, ["timeline", *db])
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[0].startswith("2021-12-07  CONSULT/video  拜登、普京  拜登与普京举行视频会晤  (1 mention; -)  ev_a")
    assert lines[1].startswith("2022-02-12  CONSULT/phone") and "2 mentions; 乙报、甲报" in lines[1]
    assert "undated" in lines[2] and lines[3].startswith("????-??-??")
    out = runner.invoke(app, ["timeline", *db, "--from", "2022-01", "--entity", "普丁", "--format", "jsonl"])
    recs = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r["id"] for r in recs] == ["ev_b"]
    out = runner.invoke(app, ["timeline", *db, "--format", "md"])
    assert "| 2022-02-12 | CONSULT/phone | 拜登、普京 | 拜登与普京通电话 | 2 | 乙报、甲报 |" in out.stdout
    page = tmp_path / "t.html"
    out = runner.invoke(app, ["timeline", *db, "--format", "html", "-o", str(page)])
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html  # store text is escaped
    assert "a2 ¶3 乙报" in html and "http" not in html  # sources listed; no external assets
    assert runner.invoke(app, ["timeline", *db, "--format", "pdf"]).exit_code == 2


def test_disputes_and_compare_commands(store, build):
    a = build.article("a1", ["法国外长勒德里昂称，俄方已经承诺暂停炮击，西方担心“吞并”。"], "2022-03-03", "甲报")
    build.quote(a, 0, "俄方已经承诺暂停炮击", "勒德里昂", "e_ledrian")
    b = build.article("b1", ["俄外交部发言人扎哈罗娃驳斥说，莫斯科从未承诺暂停任何行动。分析称俄或将吞并更多领土。"],
                      "2022-03-04", "乙报")
    build.quote(b, 0, "莫斯科从未承诺暂停任何行动", "扎哈罗娃", "e_zakharova", stance="deny")
    build.write()
    linker = DisputeLinker(store)
    linker.note("b1")
    with store.transaction():
        linker.flush()
    out = runner.invoke(app, ["disputes", "--db", store.target])
    assert out.exit_code == 0, out.output
    assert " 1 dispute " in out.stdout and "1 disputes" not in out.stdout
    assert "勒德里昂" in out.stdout and "扎哈罗娃" in out.stdout
    out = runner.invoke(app, ["compare", "--db", store.target, "--outlets", "甲报,乙报"])
    assert out.exit_code == 0, out.output
    assert "scare_quote" in out.stdout and "1 quoted / 0 plain" in out.stdout and "0 quoted / 1 plain" in out.stdout
    out = runner.invoke(app, ["export", "framing", "--db", store.target])
    recs = [json.loads(x) for x in out.stdout.splitlines()]
    assert {"outlet": "乙报", "feature": "scare_quote", "key": "吞并"}.items() <= recs[1].items() or any(
        r["outlet"] == "乙报" and r["key"] == "吞并" and r["plain"] == 1 for r in recs)


def test_story_command(store):
    _seed(store)
    from storyline.link.stories import StoryLinker

    with store.transaction():
        StoryLinker(store).update({"ev_a", "ev_b", "ev_u"})
    # the undated single-actor event joins the December talks through their shared article; the
    # February call is more than 30 days later and forms its own thread
    out = runner.invoke(app, ["story", "ev_u", "--db", store.target])
    assert out.exit_code == 0, out.output
    assert "2 events" in out.stdout and "2021-12-07" in out.stdout and "2022-02-12" not in out.stdout
    assert "(1 event, 2 articles)" in runner.invoke(app, ["story", "ev_b", "--db", store.target]).stdout
    assert runner.invoke(app, ["story", "nope", "--db", store.target]).exit_code == 2
