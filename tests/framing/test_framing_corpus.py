"""Outlet comparison at corpus scale: scare quotes ranked by quoted share with minimums and a stop
list, name variants compared across scripts, blind spots only where the silent outlet was looking."""

from __future__ import annotations

from typer.testing import CliRunner

from storyline.link.framing import FramingSettings, framing_records, wilson_lower
from storyline.serve.cli import app


def _settings(**scare) -> FramingSettings:
    data = {"scare_quotes": {"min_quoted": 3, "min_uses": 10, "thresholds_from_articles": 1, "min_plain_share": 0.2,
                             "stop": ["我们", "没有"], **scare},
            "blind_spots": {"window_days": 3, "per_outlet": 50, "min_reporting_outlets": 2}}
    return FramingSettings(data)


def _by(records, feature, outlet=None, key=None):
    return [r for r in records if r["feature"] == feature and (outlet is None or r["outlet"] == outlet)
            and (key is None or r["key"] == key)]


def _quotes_corpus(build):
    # 甲报 quotes 入侵 three times in four; 乙报 writes it plainly; both quote the slogan 共同繁荣 always;
    # 我们 is quoted once and written plainly everywhere; 泽连斯基 is an entity name.
    build.article("a1", ["西方所谓的“入侵”并无根据，“入侵”之说是炒作。", "我们注意到“我们”的说法。",
                         "“共同繁荣”是目标。", "所谓“入侵”，不过是宣传；入侵一词被滥用。"], "2022-02-20", "甲报")
    build.article("a2", ["“泽连斯基”发表讲话。", "“泽连斯基”再次表示。", "“泽连斯基”称。"], "2022-02-21", "甲报")
    build.article("b1", ["俄军入侵乌克兰，入侵持续。", "入侵第二天，我们看到入侵扩大，没有停火。", "“共同繁荣”写在文件里。",
                         "入侵、入侵、入侵。", "我们我们我们。", "“没有”“没有”“没有”", "泽连斯基说。"], "2022-02-24", "乙报")
    build.article("b2", ["“共同繁荣”再被提起。"], "2022-02-25", "乙报")


def test_scare_quotes_rank_by_quoted_share_with_minimums_and_stop_list(store, build):
    _quotes_corpus(build)
    build.write()
    records = _by(framing_records(store, settings=_settings()), "scare_quote")
    keys = [r["key"] for r in records]
    assert keys[0] == "入侵" and records[0]["outlet"] == "甲报"  # the term's best outlet first
    a = _by(records, "scare_quote", "甲报", "入侵")[0]
    b = _by(records, "scare_quote", "乙报", "入侵")[0]
    assert (a["quoted"], a["plain"], a["percent"]) == (3, 1, 75.0)
    assert (b["quoted"], b["plain"], b["percent"]) == (0, 7, 0.0)
    assert a["elsewhere_percent"] == 0.0 and a["score"] > 0 >= b["score"]
    assert "我们" not in keys and "没有" not in keys  # stop list
    assert "共同繁荣" not in keys  # always quoted: a slogan, not a scare quote
    # 泽连斯基 is quoted three times by 甲报 but is an entity name (stored alias): a citation, not a scare quote
    assert "泽连斯基" not in keys


def test_minimum_quoted_count_and_wilson_bound(store, build):
    _quotes_corpus(build)
    build.write()
    # three quotations are not enough once the minimum is four
    assert not _by(framing_records(store, settings=_settings(min_quoted=4)), "scare_quote", key="入侵")
    assert wilson_lower(2, 2) < wilson_lower(21, 35) + 0.05 and wilson_lower(0, 10) == 0.0
    assert wilson_lower(30, 30) > wilson_lower(3, 3)


def test_name_variants_compare_forms_across_scripts(store, build):
    a = build.article("a1", ["泽伦斯基和泽伦斯基的顾问。"], "2022-02-20", "甲报")
    build.mention(a, 0, "泽伦斯基", "e_zelensky")
    build.mention(a, 0, "泽伦斯基", "e_zelensky", nth=1)
    b = build.article("b1", ["泽连斯基发表讲话。"], "2022-02-21", "乙报")
    build.mention(b, 0, "泽连斯基", "e_zelensky")
    c = build.article("c1", ["泽连斯基与俄方会谈。"], "2022-02-21", "丙报")
    build.mention(c, 0, "泽连斯基", "e_zelensky")
    build.mention(c, 0, "俄方", "e_russia")
    build.write()
    names = _by(framing_records(store, settings=_settings()), "name_variant")
    assert [r["entity"] for r in names][0] == "泽连斯基"  # the most mentioned entity first
    a_rec = _by(names, "name_variant", "甲报")[0]
    assert (a_rec["key"], a_rec["form"], a_rec["value"], a_rec["percent"]) == ("泽伦斯基", "泽伦斯基", 2, 100.0)
    assert {r["outlet"]: r["form"] for r in names if r["entity"] == "泽连斯基"} == {
        "甲报": "泽伦斯基", "乙报": "泽连斯基", "丙报": "泽连斯基"}


def _event(eid, date, mentions, actors, summary, status="occurred"):
    return {"id": eid, "type": "ASSAULT", "date": date, "status": status, "summary": summary,
            "actors": [{"entity_id": e, "name": n, "role": "source"} for e, n in actors],
            "mentions": [{"article_id": a, "paragraph": 0, "start": 0, "end": 2, "text": "x"} for a in mentions]}


def _save(store, *events):
    from storyline.store import linked

    with store.transaction():
        for e in events:
            linked.save_event(store, e)


def test_blind_spots_only_where_the_silent_outlet_was_looking(store, build):
    for aid, outlet, day in (("a1", "甲报", "2022-02-24"), ("b1", "乙报", "2022-02-24")):
        doc = build.article(aid, ["俄罗斯军队越过边境。"], day, outlet)
        build.mention(doc, 0, "俄罗斯", "e_russia", "GPE")
    c = build.article("c1", ["俄罗斯外长发表讲话。"], "2022-02-26", "丙报")  # same period, same actor
    build.mention(c, 0, "俄罗斯", "e_russia", "GPE")
    d = build.article("d1", ["朔尔茨访问基辅。"], "2022-02-25", "丁报")  # same period, other topic
    build.mention(d, 0, "朔尔茨", "e_scholz")
    e = build.article("e1", ["俄罗斯发表声明。"], "2022-04-01", "戊报")  # same topic, another period
    build.mention(e, 0, "俄罗斯", "e_russia", "GPE")
    build.write()
    _save(store, _event("ev_1", "2022-02-24", ["a1", "b1"], [("e_russia", "俄罗斯")], "俄罗斯军队越过边境"),
          _event("ev_2", "2022-02-24", ["a1", "b1"], [("e_russia", "俄罗斯")], "俄军或将进攻", status="planned"),
          _event("ev_3", "2022-02-24", ["a1"], [("e_russia", "俄罗斯")], "只有甲报报道"))
    records = framing_records(store, settings=_settings())
    blind = _by(records, "blind_spot")
    assert [(r["outlet"], r["key"]) for r in blind] == [("丙报", "ev_1")]
    assert blind[0]["summary"] == "俄罗斯军队越过边境" and blind[0]["reported_by"] == ["乙报", "甲报"]
    only = _by(records, "only_here")
    assert [(r["outlet"], r["key"], r["silent"]) for r in only] == [("甲报", "ev_3", ["丙报", "乙报"])]
    cov = {(r["outlet"], r["key"]): r for r in _by(records, "coverage")}
    assert cov[("甲报", "events reported")]["value"] == 3
    assert cov[("甲报", "also reported by another outlet")]["percent"] == round(100 * 2 / 3, 1)
    assert cov[("丙报", "blind spots")]["value"] == 1 and cov[("丁报", "blind spots")]["value"] == 0


def test_compare_command_prints_percentages_and_summaries(store, build, monkeypatch):
    from storyline.link import framing

    test_blind_spots_only_where_the_silent_outlet_was_looking(store, build)
    _quotes_corpus(build)
    build.write()
    monkeypatch.setattr(framing, "FramingSettings", lambda: _settings())
    out = CliRunner().invoke(app, ["compare", "--db", store.target], env={"COLUMNS": "250"})
    assert out.exit_code == 0, out.output
    text = out.stdout
    assert "入侵 75% (3/4; others 0%)" in text  # quoted share as a percentage, with the others' share
    assert "75% · 3 quoted / 1 plain" in text
    assert "俄罗斯军队越过边境" in text and "ev_1" not in text  # the summary, never the id
    assert "0." not in text.replace("0.0", "")  # no raw fractions
