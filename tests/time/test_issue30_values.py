"""Issue #30 items 1 and 3 (second round): value classes found on the annotated train/dev articles,
each on our own invented sentences: 日前/最近 as 近日, a future cue that belongs to what was said,
原定, halves of years kept as years, an offset counted from an event is a duration, and the day of
an incident (案发当天) taken from wherever the text gives it."""

import pytest

from tests.time.conftest import make_doc


def _values(tagger, paragraphs, published):
    doc = make_doc(paragraphs, published)
    tagger(doc)
    return {t.text: t.value for t in doc.times}


@pytest.mark.parametrize("text, expr", [
    ("外交部日前宣布了新的签证政策。", "日前"),
    ("该公司最近被监管部门罚款。", "最近"),
    ("近来物价持续上涨。", "近来"),
])
def test_recent_words_are_the_publication_day(tagger, text, expr):
    doc = make_doc(text, "2021-06-15")
    tagger(doc)
    found = {t.text: t for t in doc.times}
    assert found[expr].value == "2021-06-15" and found[expr].mod == "APPROX"


@pytest.mark.parametrize("text, published, expr, value", [
    # published on a Friday: the Thursday he spoke on is yesterday, though what he promised lies ahead
    ("英国首相周四承诺将对该国实施更严厉的制裁。", "2022-02-25", "周四", "2022-02-24"),
    ("该国周四宣布将在明年召开党代会。", "2020-08-21", "周四", "2020-08-20"),
    # 原定于: the day first planned, now past
    ("原定于周一恢复的谈判没有举行。", "2022-04-05", "周一", "2022-04-04"),
    # a future cue with no verb of saying before it still points ahead
    ("双方周一将举行新一轮谈判。", "2022-04-05", "周一", "2022-04-11"),
])
def test_future_cue_after_a_verb_of_saying(tagger, text, published, expr, value):
    assert _values(tagger, text, published)[expr] == value


@pytest.mark.parametrize("text, expr, value", [
    ("他被判监10年半。", "10年半", "P10Y6M"),
    ("他在当地住了一年半。", "一年半", "P1Y6M"),
    ("合约为期半年。", "半年", "P6M"),
])
def test_half_units_keep_the_whole_units(tagger, text, expr, value):
    assert _values(tagger, text, "2021-06-15")[expr] == value


@pytest.mark.parametrize("text, expr, value", [
    # counted from an event: a duration
    ("记者被捕一周后获释。", "一周后", "P1W"),
    ("两地在交战八年后需要重建。", "八年后", "P8Y"),
    ("报社被迫解散的6个月后，当局又查封了另一家媒体。", "6个月后", "P6M"),
    # counted from the time the text is in (a clause start, 在): a date
    ("会议推迟了。两周后，双方再次会面。", "两周后", "2021-W26"),
])
def test_offset_after_an_event_is_a_duration(tagger, text, expr, value):
    assert _values(tagger, text, "2021-06-15")[expr] == value


def test_incident_day_from_later_in_the_text(tagger):
    # a court report: the incident's day is written out only at the end
    paragraphs = ["辩方指出，片段原显示案发当天凌晨商场附近的情况，随后跳至前一天凌晨的画面。",
                  "法官今日押后案件。",
                  "被告被控于前年9月5日在商场附近藏有攻击性武器。"]
    values = _values(tagger, paragraphs, "2021-12-15")
    assert values["当天凌晨"] == "2019-09-05TMO"
    assert values["前一天凌晨"] == "2019-09-04TMO"
    assert values["今日"] == "2021-12-15"


def test_incident_day_needs_one_day_to_point_at(tagger):
    # two far days written out: which one the incident was is not said, so the mention day stays as before
    paragraphs = ["案发当天有大批市民聚集。", "两人分别于2019年9月5日及2019年10月1日被捕。"]
    assert _values(tagger, paragraphs, "2021-12-15")["当天"] == "2021-12-15"


@pytest.mark.parametrize("text, published, expr, value", [
    ("北京将举办2022年冬季奥运会。", "2021-12-08", "2022年", "2022"),  # the games' name, not the winter
    ("2021年冬季将格外寒冷。", "2021-06-01", "2021年冬季", "2021-WI"),
    ("公元前44年，布鲁图参与了刺杀。", "2022-02-01", "公元前44年", "BC0044"),
    ("2021年粮价较前一年高出28%。", "2022-01-10", "前一年", "2020"),  # the year before the one told of
    ("他2015年入狱，次年获释。", "2021-01-01", "次年", "2016"),
])
def test_years_of_the_text(tagger, text, published, expr, value):
    assert _values(tagger, text, published)[expr] == value
