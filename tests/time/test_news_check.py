"""Issue #30 news check: classes of value errors found on the annotated train/dev articles, each on
our own invented sentences (docs/annotation.md "Times" is the convention)."""

import pytest

from tests.time.conftest import make_doc
from storyline.analyse.time import TimeTagger


@pytest.fixture(scope="module")
def tagger() -> TimeTagger:
    return TimeTagger()


def _times(tagger, text, published):
    doc = make_doc(text, published)
    tagger(doc)
    return {t.text: t for t in doc.times}


@pytest.mark.parametrize(
    "text, published, expr, value",
    [
        # 近日: the guidelines read it as the publication day (mod APPROX), not PAST_REF
        ("市场监管部门近日查处了一批违规商户。", "2021-06-15", "近日", "2021-06-15"),
        # parts of day: noon is a clock (TIMEX3 T12:00); 黎明 and 半夜 after a day
        ("示威者中午聚集在市政厅外。", "2021-06-15", "中午", "2021-06-15T12:00"),
        ("军队自周一黎明起开始推进。", "2021-06-16", "周一黎明", "2021-06-14TMO"),
        ("周二半夜，消防员仍在灭火。", "2021-06-16", "周二半夜", "2021-06-15TNI"),
        # 早些时候 / 早先 / 早盘: "earlier" and the morning session are no part of day
        ("白宫15日早些时候宣布了新的制裁措施。", "2021-06-16", "15日", "2021-06-15"),
        ("恒指今日早盘低开。", "2021-06-16", "今日", "2021-06-16"),
        # after 为期 / 連續 / 长达, N日 is a length, not a day of the month
        ("政府宣布實施為期14日的封城措施。", "2021-06-16", "14日", "P14D"),
        ("当地连续5日录得暴雨。", "2021-06-16", "5日", "P5D"),
    ],
)
def test_value(tagger, text, published, expr, value):
    found = _times(tagger, text, published)
    assert expr in found, list(found)
    assert found[expr].value == value


def test_singer_name_is_no_dawn(tagger):
    assert [t.text for t in make_doc_times(tagger, "歌手黎明下月举行演唱会。", "2021-06-16")] == ["下月"]


def test_near_days_is_approx(tagger):
    assert _times(tagger, "警方近日拘捕三人。", "2021-06-16")["近日"].mod == "APPROX"


def make_doc_times(tagger, text, published):
    doc = make_doc(text, published)
    tagger(doc)
    return doc.times


def _values(tagger, paragraphs, published):
    doc = make_doc(paragraphs, published)
    tagger(doc)
    return [(t.text, t.value) for t in doc.times]


def test_story_of_a_past_day_keeps_its_month(tagger):
    # a court report published in 2024 about a day written out in full in 2019: the year-less days
    # that follow within two weeks are that story's, not the publication month's
    paragraphs = ["2019年11月17日下午，防暴警察包围校园。",
                  "警方于17日晚上7时完成封锁。直至11月29日，行动才告结束。",
                  "18日晚上9时许，部分人士获准离开。"]
    assert _values(tagger, paragraphs, "2024-07-18") == [
        ("2019年11月17日下午", "2019-11-17TAF"), ("17日晚上7时", "2019-11-17T19:00"),
        ("11月29日", "2019-11-29"), ("18日晚上9时", "2019-11-18T21:00")]


def test_story_ends_at_a_day_near_publication(tagger):
    paragraphs = ["2019年11月17日，防暴警察包围校园。", "法官昨天宣判，被告18日将提出上诉。"]
    values = dict(_values(tagger, paragraphs, "2024-07-16"))
    assert values["18日"] == "2024-07-18"


def test_today_bracket_is_publication_day(tagger):
    paragraphs = ["2019年12月1日，两人在旺角被捕。", "裁判官今（20日）判两人罪成。"]
    assert dict(_values(tagger, paragraphs, "2021-12-20"))["20日"] == "2021-12-20"


def test_bare_hour_after_evening_clock_goes_on(tagger):
    values = dict(_values(tagger, "警方晚上7时完成封锁，原定8时开始拘捕，最终推迟至10时。", "2021-06-16"))
    assert values["8时"] == "2021-06-16T20:00" and values["10时"] == "2021-06-16T22:00"


def test_morning_hours_stay_morning(tagger):
    values = dict(_values(tagger, "会议上午9时开始，11时结束。", "2021-06-16"))
    assert values["11时"] == "2021-06-16T11:00"


def test_listed_day_takes_month_of_date_before(tagger):
    values = dict(_values(tagger, "他于10月2日、9日两度到政府门前请愿。", "2020-12-08"))
    assert values["9日"] == "2020-10-09"


@pytest.mark.parametrize("text, expr, value", [
    ("3月2日，美方宣布制裁。同一天，欧盟也发表声明。", "同一天", "2022-03-02"),
    ("3月2日凌晨，炮声响起。那天晚上我一夜无眠。", "那天晚上", "2022-03-02TNI"),
])
def test_same_day_anaphora(tagger, text, expr, value):
    assert dict(_values(tagger, text, "2022-03-05"))[expr] == value


@pytest.mark.parametrize("text, published, expr, value", [
    # a year-less date takes the publication year unless the text says otherwise: not next year's
    ("病毒自3月以来已令全国停摆。", "2020-12-01", "3月", "2020-03"),
    ("为什么会有1月3日的训诫？", "2020-09-19", "1月3日", "2020-01-03"),
    # ... and this year's later month over last year's when nothing says past
    ("法官提到他9月底有重大案件要处理。", "2023-04-26", "9月底", "2023-09"),
    # a future cue still reaches into next year
    ("新法将于1月1日起实施。", "2020-11-20", "1月1日", "2021-01-01"),
])
def test_year_of_yearless_date(tagger, text, published, expr, value):
    assert dict(_values(tagger, text, published))[expr] == value


@pytest.mark.parametrize("text, expr, value", [
    ("法官宣布下周二及周三均不开庭。", "周三", "2023-05-03"),
    ("他上周一、周四两度出庭。", "周四", "2023-04-20"),
])
def test_listed_weekday_shares_the_week(tagger, text, expr, value):
    assert dict(_values(tagger, text, "2023-04-26"))[expr] == value
