"""Re-anchoring: spans follow their text when the cleaner changes the paragraphs (own sentences)."""

from storyline.annotate.anchor import reanchor, span_ok
from storyline.annotate.draft import parse_draft

OLD = ["（本台记者北京8日电）外交部长李华与日本外相会谈。", "李华表示，双方同意加强合作。"]
DRAFT = ("# file: corpus/x.md\nENT p0 PERSON 李华\nENT p0 GPE 日本\nENT p1 PERSON 李华\n"
         "EV p0 CONSULT trigger=会谈 src=李华 tgt=日本 status=occurred\n"
         "Q p1 content=双方~~合作 cue=表示 speaker=李华 indirect\n")


def record():
    d = parse_draft(DRAFT, OLD)
    return {"entities": d.entities, "times": d.times, "events": d.events, "quotes": d.quotes}


def test_dateline_removed_and_caption_inserted():
    rec = record()
    new = ["图片说明：会场一角", "外交部长李华与日本外相会谈。", "李华表示，双方同意加强合作。"]
    assert reanchor(rec, new) == []
    assert [(m["p"], new[m["p"]][m["s"]:m["e"]]) for m in rec["entities"]] == [(1, "李华"), (1, "日本"), (2, "李华")]
    assert rec["events"][0]["trigger"]["p"] == 1 and span_ok(new, rec["events"][0]["trigger"])
    assert span_ok(new, rec["quotes"][0]["content"]) and len(rec["paragraphs"]) == 3


def test_unchanged_text_changes_nothing():
    rec = record()
    before = repr(rec)
    assert reanchor(rec, OLD) == []
    rec.pop("paragraphs")
    assert repr(rec) == before


def test_lost_text_is_reported_not_guessed():
    rec = record()
    problems = reanchor(rec, ["外交部长与外相会谈。", "李华表示，双方同意加强合作。"])
    assert problems and all("paragraph 0" in p for p in problems)


def test_drop_lost_removes_only_what_no_longer_anchors():
    from storyline.annotate.anchor import drop_lost

    rec = record()
    new = ["外交部长李华与日本外相会谈。", "双方同意加强合作。"]  # p1 lost its speaker and cue
    reanchor(rec, new)
    dropped = drop_lost(rec, new)
    assert dropped >= 2
    assert [new[m["p"]][m["s"]:m["e"]] for m in rec["entities"]] == ["李华", "日本"]
    assert len(rec["events"]) == 1 and len(rec["events"][0]["args"]) == 2
    (q,) = rec["quotes"]
    assert q["speaker"] is None and q["cue"] is None and span_ok(new, q["content"])
