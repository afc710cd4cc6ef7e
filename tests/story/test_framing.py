from __future__ import annotations

from storyline.link.framing import UNKNOWN, framing_records


def _by(records, feature, outlet=None, key=None):
    return [r for r in records if r["feature"] == feature and (outlet is None or r["outlet"] == outlet)
            and (key is None or r["key"] == key)]


def _two_outlets(build):
    a = build.article("a1", ["西方不断渲染俄罗斯即将“吞并”顿巴斯，泽伦斯基则呼吁冷静。",
                             "所谓“吞并”之说没有证据。"], "2022-02-10", "甲报")
    build.mention(a, 0, "泽伦斯基", "e_zelensky")
    build.quote(a, 1, "所谓“吞并”之说没有证据", "扎哈罗娃", "e_zakharova")
    build.event(a, 0, "泽伦斯基则呼吁冷静", "REQUEST", [("泽伦斯基", "e_zelensky", "source")], date="2022-02-10",
                event_id="ev_only_a")
    b = build.article("b1", ["分析人士担心俄罗斯将吞并顿巴斯地区。", "泽连斯基表示，乌克兰不会让步，吞并不会被承认。"],
                      "2022-02-11", "乙报")
    build.mention(b, 1, "泽连斯基", "e_zelensky")
    build.quote(b, 1, "乌克兰不会让步，吞并不会被承认", "泽连斯基", "e_zelensky")
    c = build.article("c1", ["一份没有来源的文本提到“吞并”。"], None, None)
    return a, b, c


def _events(store, *events):
    from storyline.store import linked

    with store.transaction():
        for e in events:
            linked.save_event(store, e)


def test_scare_quotes_name_variants_speakers(store, build):
    _two_outlets(build)
    build.write()
    records = framing_records(store)
    a = _by(records, "scare_quote", "甲报", "吞并")[0]
    b = _by(records, "scare_quote", "乙报", "吞并")[0]
    assert (a["quoted"], a["plain"], a["value"]) == (2, 0, 1.0)
    assert (b["quoted"], b["plain"], b["value"]) == (0, 2, 0.0)
    assert a["examples"][0]["article_id"] == "a1" and "“吞并”" in a["examples"][0]["text"]
    assert "“" not in b["examples"][0]["text"]
    assert _by(records, "scare_quote", UNKNOWN, "吞并")[0]["quoted"] == 1  # no-outlet text is grouped, not lost
    names = {(r["outlet"], r["key"]): r["value"] for r in _by(records, "name_variant")}
    assert names == {("甲报", "泽伦斯基"): 1, ("乙报", "泽连斯基"): 1}
    assert _by(records, "speaker_share", "乙报", "泽连斯基")[0]["value"] == 1.0
    assert _by(records, "speaker_country_share", "甲报", "俄罗斯")[0]["count"] == 1
    assert all(len(r["examples"]) <= 3 for r in records)


def test_outlet_filter_and_only_here(store, build):
    _two_outlets(build)
    build.write()
    _events(store, {
        "id": "ev_only_a", "type": "REQUEST", "date": "2022-02-10", "actors": [], "summary": "泽伦斯基呼吁",
        "mentions": [{"article_id": "a1", "paragraph": 0, "start": 0, "end": 3, "text": "泽伦斯基则呼吁冷静"}],
    }, {
        "id": "ev_both", "type": "REQUEST", "date": "2022-02-10", "actors": [], "summary": "",
        "mentions": [{"article_id": "a1", "paragraph": 0, "start": 0, "end": 3, "text": "x"},
                     {"article_id": "b1", "paragraph": 0, "start": 0, "end": 3, "text": "y"}],
    })
    records = framing_records(store, ["甲报", "乙报"])
    assert {r["outlet"] for r in records} == {"甲报", "乙报"}
    blind = _by(records, "only_here")
    assert [(r["outlet"], r["key"]) for r in blind] == [("甲报", "ev_only_a")]
    assert _by(records, "event_type_share", "甲报", "REQUEST")[0]["value"] == 1.0
    assert _by(framing_records(store, ["甲报"]), "only_here") == []  # nothing to compare with


def test_counts_cover_every_use_and_examples_are_the_first_three(store, build):
    """Records count every use but keep the first three examples (in article, paragraph, position
    order): the counts must not depend on how many examples are kept."""
    _two_outlets(build)
    build.article("d1", [f"第{i}段：吞并不会被承认，吞并不会发生。" for i in range(4)], "2022-02-12", "乙报")
    build.write()
    b = _by(framing_records(store), "scare_quote", "乙报", "吞并")[0]
    assert (b["quoted"], b["plain"]) == (0, 2 + 8)
    assert [(e["article_id"], e["paragraph"]) for e in b["examples"]] == [("b1", 0), ("b1", 1), ("d1", 0)]
