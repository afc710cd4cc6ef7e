"""The draft line format: surfaces become offsets, ambiguity and absence are refused (own sentences)."""

import pytest

from storyline.annotate.anchor import span_ok, text_hash
from storyline.annotate.draft import DraftError, parse_draft

PARAS = [
    "外交部发言人王小明周二表示，中方反对美方的做法。",
    "王小明说，中方将与俄方举行会谈，俄方也同意。美方则拒绝评论。",
    "他还指出，双方会谈定于下周举行。",
]
HEAD = "# file: corpus/x.md\n"


def test_surfaces_become_offsets_and_hashes():
    d = parse_draft(HEAD + "ENT p0 PERSON 王小明\nENT p1 GPE 俄方*\nENT * GPE 美方\n", PARAS)
    texts = [(PARAS[m["p"]][m["s"]:m["e"]], m["p"]) for m in d.entities]
    assert texts == [("王小明", 0), ("俄方", 1), ("俄方", 1), ("美方", 0), ("美方", 1)]
    assert all(span_ok(PARAS, m) for m in d.entities)
    assert d.entities[0]["h"] == text_hash("王小明")


def test_kth_occurrence_and_other_paragraph():
    d = parse_draft(HEAD + "ENT p1 GPE 俄方#2\n", PARAS)
    assert d.entities[0]["s"] == PARAS[1].rindex("俄方")
    with pytest.raises(DraftError, match="occurs 2 times"):
        parse_draft(HEAD + "ENT p1 GPE 俄方#3\n", PARAS)


def test_event_arguments_nearest_trigger_pronoun_and_zero_subject():
    d = parse_draft(HEAD + "EV p1 CONSULT trigger=会谈 src=中方 tgt=俄方 status=planned\n"
                    "EV p2 CONSULT trigger=会谈 src=他=>王小明@p0 status=planned date=2026-W50\n"
                    "EV p1 REJECT trigger=拒绝 src=美方 status=occurred\n", PARAS)
    first, second, third = d.events
    src = first["args"][0]["span"]
    assert (src["p"], PARAS[1][src["s"]:src["e"]]) == (1, "中方")
    tgt = first["args"][1]["span"]
    assert tgt["s"] == PARAS[1].index("俄方")  # the occurrence nearest the trigger (#2 names the other)
    arg = second["args"][0]
    assert PARAS[2][arg["span"]["s"]:arg["span"]["e"]] == "他" and arg["ref"]["p"] == 0
    assert second["date"] == "2026-W50" and third["status"] == "occurred"


def test_quote_content_between_start_and_end():
    d = parse_draft(HEAD + "Q p0 content=中方~~做法 cue=表示 speaker=王小明 indirect stance=deny\n", PARAS)
    q = d.quotes[0]
    assert PARAS[0][q["content"]["s"]:q["content"]["e"]] == "中方反对美方的做法"
    assert q["stance"] == "deny" and not q["direct"] and q["speaker"]["span"]["p"] == 0


@pytest.mark.parametrize("line, message", [
    ("ENT p0 PERSON 李四", "not in paragraph 0"),
    ("ENT p9 PERSON 王小明", "no paragraph 9"),
    ("ENT p0 NAME 王小明", "entity type"),
    ("EV p1 HUG trigger=会谈", "not a PLOVER type"),
    ("EV p1 CONSULT trigger=会谈 status=maybe", "status"),
    ("Q p0 content=中方 stance=shout", "stance"),
    ("TIME p0 周二", "needs '= VALUE'"),
])
def test_bad_lines_are_refused_with_their_number(line, message):
    with pytest.raises(DraftError, match=message) as exc:
        parse_draft(HEAD + line + "\n", PARAS)
    assert "line 2" in str(exc.value)


def test_overlapping_entities_are_refused():
    with pytest.raises(DraftError, match="overlapping"):
        parse_draft(HEAD + "ENT p0 ORG 外交部\nENT p0 ORG 外交部发言人\n", PARAS)


def test_time_type_from_value():
    d = parse_draft(HEAD + "TIME p0 周二 = 2026-12-08\nTIME p2 下周 = 2026-W51\n", PARAS)
    assert [t["type"] for t in d.times] == ["DATE", "DATE"]
    d = parse_draft(HEAD + "TIME p2 下周 = P1W\n", PARAS)
    assert d.times[0]["type"] == "DURATION"


def test_reference_values_are_dates():
    d = parse_draft(HEAD + "TIME p2 下周 = FUTURE_REF\n", PARAS)
    assert d.times[0]["type"] == "DATE"
