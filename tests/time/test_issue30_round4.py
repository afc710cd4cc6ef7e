"""Issue #30, fourth round of value classes, found on train/dev (never test). Our own sentences."""

from __future__ import annotations

from tests.time.conftest import make_doc


def _values(tagger, paragraphs, published):
    doc = make_doc(paragraphs, published)
    tagger(doc)
    return {t.text: t.value for t in doc.times}


def test_a_holiday_inside_a_past_story_takes_the_story_year(tagger):
    # five years after the arrests: 三八国际妇女节 is the one two days after them, not this year's
    values = _values(tagger, ["2015年3月6日，五名活动人士在北京被警察带走。",
                              "她们原本准备于三八国际妇女节在多个城市举行宣传活动。"], "2020-03-06")
    assert values["国际妇女节"] == "2015-03-08"


def test_a_holiday_near_the_dateline_is_still_this_year(tagger):
    values = _values(tagger, ["市政府表示，将于三八国际妇女节举办展览。"], "2020-03-06")
    assert values["国际妇女节"] == "2020-03-08"


def test_a_day_just_before_the_story_day_continues_the_story(tagger):
    # 2015年3月7日 written out, then 3月6日晚: the evening before, in 2015, not March 2020
    values = _values(tagger, ["2015年3月7日，声援者在广州拍照，呼吁关注事件。",
                              "据她后来接受采访指，3月6日晚，警察突然来到她的公寓。"], "2020-03-06")
    assert values["3月6日晚"] == "2015-03-06TEV"


def test_the_pentagon_is_no_friday(tagger):
    values = _values(tagger, ["本周五角大楼发布的一份报告建议增加合作。"], "2021-12-02")
    assert values == {"本周": "2021-W48"}
    assert _values(tagger, ["本周五，国防部发布报告。"], "2021-12-02") == {"本周五": "2021-12-03"}


def test_a_date_in_brackets_after_the_same_day_names_it(tagger):
    values = _values(tagger, ["2020年4月7日，他在家中被带走。", "公安机关在当天（2020年4月8日）就以涉嫌寻衅滋事立案。"],
                     "2021-01-07")
    assert values["当天"] == "2020-04-08" and values["2020年4月8日"] == "2020-04-08"


def test_equal_durations_score_as_equal():
    # storyline eval compares durations by length: a year is twelve months, decimals are read
    from storyline.evaluate.items import time_value

    assert time_value("P1Y6M", None) == time_value("P18M", None) == time_value("P1.5Y", None)
    assert time_value("P6Y6M", None) == time_value("P6.5Y", None)
    assert time_value("P0.5D", None) == time_value("PT12H", None)
    assert time_value("P1Y", None) != time_value("P13M", None)


def test_a_clock_time_scores_without_its_offset():
    # the tagger adds the offset of a named zone (美国东部时间上午9点); the guidelines write none
    from storyline.evaluate.items import time_value

    assert time_value("2022-03-18T09:00-04:00", None) == time_value("2022-03-18T09:00", None)
    assert time_value("2022-02-24T22:00:30+08:00", None) == "2022-02-24T22:00:30"
    assert time_value("2022-03-18T10:00", None) != time_value("2022-03-18T09:00-04:00", None)


def test_a_month_dateline_gives_days_a_direction_only(tagger):
    paragraphs = ["昨天路透社公布了一组统计数据，上周欧洲的新增病例占全球一半。", "今天他说，24日的会议将推迟到下周。"]
    values = _values(tagger, paragraphs, "2021-11")
    assert values["昨天"] == "PAST_REF" and values["上周"] == "PAST_REF" and values["今天"] == "PRESENT_REF"
    assert values["下周"] == "FUTURE_REF" and values["24日"] == "2021-11-24"
    assert _values(tagger, paragraphs, "2021-11-25")["昨天"] == "2021-11-24"


def test_a_relative_year_date_keeps_its_part_of_day(tagger):
    values = _values(tagger, ["2018年8月起，她由两名被告照顾。她前年6月20日凌晨送院，不治死亡。"], "2021-11-17")
    assert values["前年6月20日凌晨"] == "2019-06-20TMO"


def test_a_year_with_de_before_its_date(tagger):
    values = _values(tagger, ["2017年的7月1日下午四点左右，她在出租屋休息时被带走。"], "2020-11-13")
    assert values["2017年的7月1日下午四点左右"] == "2017-07-01T16:00"


def test_at_the_earliest_leans_ahead(tagger):
    # 最快 / 最迟 (at the earliest / latest) set a day still to come
    values = _values(tagger, ["法国官员说，欧盟最快星期三推出新一轮的制裁措施。"], "2022-04-05")
    assert values["星期三"] == "2022-04-06"
    assert _values(tagger, ["法国官员说，欧盟星期三推出了新一轮制裁。"], "2022-04-05")["星期三"] == "2022-03-30"


def test_the_week_just_past_is_a_week_not_a_length(tagger):
    # BBC's weekly round-up, published on a Saturday: the week now ending; on a Monday, the last one
    assert _values(tagger, ["刚刚过去的一周，以下新闻内容受到读者的关注。"], "2022-03-12") == {"刚刚过去的一周": "2022-W10"}
    assert _values(tagger, ["刚刚过去的一周，市场大幅波动。"], "2022-03-14") == {"刚刚过去的一周": "2022-W10"}
    assert _values(tagger, ["在过去的一周里，病例增加了一倍。"], "2022-03-12") == {"过去的一周": "P1W"}
    assert _values(tagger, ["他刚过去的周日投票时表示处理有困难。"], "2021-12-22") == {"周日": "2021-12-19"}
