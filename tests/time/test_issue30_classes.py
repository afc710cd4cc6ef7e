"""Issue #30: each class of time expression the public suites showed missing, on our own sentences."""

import pytest


@pytest.mark.parametrize(
    "text, published, expr, value",
    [
        # holidays and lunar dates -> the Gregorian day of the right year
        ("今年春节期间，返乡人数明显回升。", "2022-02-09", "今年春节", "2022-02-01"),
        ("去年中秋节，两岸民众同赏明月。", "2022-02-09", "去年中秋节", "2021-09-21"),
        ("国庆节当天，天安门广场举行升旗仪式。", "2021-10-05", "国庆节当天", "2021-10-01"),
        ("农历2020年十月初一，村民按习俗祭祖。", "2022-02-09", "农历2020年十月初一", "2020-11-15"),
        ("元旦当天，新规正式实施。", "2022-01-05", "元旦当天", "2022-01-01"),
        ("除夕夜，央视春晚如期播出。", "2022-02-05", "除夕夜", "2022-01-31"),
        # clock times
        ("会议于9点半开始。", "2022-02-09", "9点半", "2022-02-09T09:30"),
        ("记者20:30获悉，谈判已经结束。", "2022-02-09", "20:30", "2022-02-09T20:30"),
        ("今晨5点，救援队抵达现场。", "2022-02-09", "今晨5点", "2022-02-09T05:00"),
        ("航班于下午5:40降落。", "2022-02-09", "下午5:40", "2022-02-09T17:40"),
        ("爆炸发生在16时40分50秒。", "2022-02-09", "16时40分50秒", "2022-02-09T16:40:50"),
        ("列车晚上七点一刻出发。", "2022-02-09", "晚上七点一刻", "2022-02-09T19:15"),
        # two-digit and historical years, decades, half-years, quarters, ordinal weeks
        ("他05年以后就移居海外。", "2022-02-09", "05年以后", "2005"),
        ("九七年香港回归时，他还在读书。", "2022-02-09", "九七年", "1997"),
        ("上世纪80年代，这里还是一片农田。", "2022-02-09", "上世纪80年代", "198"),
        ("今年上半年，出口同比增长两成。", "2022-08-09", "今年上半年", "2022-H1"),
        ("2021年第三季度，该公司营收下滑。", "2022-02-09", "2021年第三季度", "2021-Q3"),
        ("2021年的第一周，疫情再度反弹。", "2022-02-09", "2021年的第一周", "2021-W01"),
        # reign and era years
        ("乾隆十年五月，朝廷下诏减免赋税。", "2022-02-09", "乾隆十年五月", "1745-05"),
        ("民国38年，他随部队抵达台湾。", "2022-02-09", "民国38年", "1949"),
        ("令和元年5月1日，德仁天皇即位。", "2022-02-09", "令和元年5月1日", "2019-05-01"),
        # ordinal sub-periods of a year
        ("2020年的第二个月，疫情迅速蔓延。", "2022-02-09", "2020年的第二个月", "2020-02"),
        # numeric forms
        ("文件落款日期为13.5.2015。", "2022-02-09", "13.5.2015", "2015-05-13"),
        ("信件写于05/06/89，至今未寄出。", "2022-02-09", "05/06/89", "1989-06-05"),
        ("两千零八年八月八日，北京奥运会开幕。", "2022-02-09", "两千零八年八月八日", "2008-08-08"),
        ("零点，新年钟声敲响。", "2022-02-09", "零点", "2022-02-09T00:00"),
        ("端午假期，景区游客爆满。", "2022-06-08", "端午假期", "2022-06-03"),
        ("二零零四年八月十五，他第一次来到北京。", "2022-02-09", "二零零四年八月十五", "2004-08-15"),
        # Cantonese and colloquial deictics
        ("大后天将迎来寒潮。", "2022-02-09", "大后天", "2022-02-12"),
        ("听日会有更多示威者上街。", "2022-02-09", "听日", "2022-02-10"),
        ("佢上上个周三已经离港。", "2022-02-09", "上上个周三", "2022-01-26"),
        ("今个星期三立法会再开会。", "2022-02-09", "今个星期三", "2022-02-09"),
    ],
)
def test_point_values(tag, text, published, expr, value):
    found = tag(text, published)
    assert expr in found, sorted(found)
    assert found[expr].value == value


def test_hours_ago_is_a_point_not_a_duration(tag):
    t = tag("3小时前，首批物资已经运抵灾区。", "2022-02-09T15:20:00+08:00")["3小时前"]
    assert (t.type, t.value) == ("TIME", "2022-02-09T12:20+08:00")
    t = tag("10分钟之前，警方封锁了路口。", "2022-02-09")["10分钟之前"]
    assert (t.type, t.value) == ("TIME", "2022-02-09")  # no clock in the dateline: its day


def test_window_after_the_dateline(tag):
    t = tag("之后5分钟，现场恢复了平静。", "2022-02-09T10:00:00")["之后5分钟"]
    assert (t.value, t.range_end) == ("2022-02-09T10:00", "2022-02-09T10:05")


@pytest.mark.parametrize(
    "text, expr, value, range_end",
    [
        ("1998 - 2001年，他在英国留学。", "1998 - 2001年", "1998", "2001"),
        ("2016年和2019年之间，房价翻了一番。", "2016年和2019年之间", "2016", "2019"),
        ("门诊时间为下午2:00到5:30。", "下午2:00到5:30", "2022-02-09T14:00", "2022-02-09T17:30"),
        ("2022年3月4日晚上8:00到10:00举行开幕式。", "2022年3月4日晚上8:00到10:00", "2022-03-04T20:00", "2022-03-04T22:00"),
        ("从2016到2019，他在海外工作。", "2016到2019", "2016", "2019"),
        ("今晚八点到九点将有雷雨。", "今晚八点到九点", "2022-02-09T20:00", "2022-02-09T21:00"),
        ("周一上午10点到12点开放参观。", "周一上午10点到12点", "2022-02-07T10:00", "2022-02-07T12:00"),
        ("去年的前3周，口岸几乎停摆。", "去年的前3周", "2021-01-04", "2021-01-24"),
        ("2020年的最后两个月，订单大增。", "2020年的最后两个月", "2020-11", "2020-12"),
    ],
)
def test_ranges_not_cut(tag, text, expr, value, range_end):
    t = tag(text, "2022-02-09")[expr]
    assert (t.value, t.range_end) == (value, range_end)


def test_compound_duration_is_one_expression(tag):
    found = tag("距离大选还剩两年又三个月零10天。", "2022-02-09")
    assert found["两年又三个月零10天"].value == "P2Y3M10D"
    assert found["两年又三个月零10天"].type == "DURATION"


@pytest.mark.parametrize("text", ["比分最终定格在3:1。", "双方达成三点共识。", "这一点上我们没有分歧。"])
def test_scores_and_counts_are_not_clocks(tag, text):
    assert not [t for t in tag(text, "2022-02-09").values() if t.type == "TIME"]


def test_a_year_of_twelve_months_is_not_a_sum(tag):
    found = tag("会员一年12个月的费用只有20美元。", "2022-02-09")
    assert "一年12个月" not in found and found["12个月"].value == "P12M"


def test_more_or_less_is_not_one_o_clock(tag):
    assert not [t for t in tag("他比我更早一点到达。", "2022-02-09").values() if t.type == "TIME"]
    assert tag("早8点，机场重新开放。", "2022-02-09")["早8点"].value == "2022-02-09T08:00"


def test_minutes_after_the_time_in_discussion_are_a_length(tag):
    # was the day in discussion (2022-02-03); the annotated train/dev articles read such offsets as
    # their length 5 times in 6 (54个小时后被逮捕, 但3分钟后), and a day says nothing of the minutes
    found = tag("2月3日，警方抵达现场，15分钟后开始清场。", "2022-02-09T12:00:00")
    assert (found["15分钟后"].type, found["15分钟后"].value) == ("DURATION", "PT15M")


def test_mentioned_three_points_is_no_clock_and_spaced_decades(tag):
    assert not [t for t in tag("他在文中提到三点，一是加强监管。", "2022-02-09").values() if t.type == "TIME"]
    assert tag("在 1990 年代，私有化浪潮席卷全国。", "2022-02-09")["1990 年代"].value == "199"


@pytest.mark.parametrize(
    "text, published, expr, value",
    [
        ("营收较上年同期增长5%。", "2022-02-09", "上年", "2021"),
        ("两个钟前，警方已封锁现场。", "2022-02-09T18:00:00", "两个钟前", "2022-02-09T16:00"),
        ("复活节当天，教堂举行弥撒。", "2022-05-01", "复活节当天", "2022-04-17"),
        ("会议定于3pm开始。", "2022-02-09", "3pm", "2022-02-09T15:00"),
        ("佢晏昼三点返嚟。", "2022-02-09", "晏昼三点", "2022-02-09T15:00"),
        ("前日，特首会见记者。", "2022-02-09", "前日", "2022-02-07"),
    ],
)
def test_more_colloquial_and_calendar_forms(tag, text, published, expr, value):
    assert tag(text, published)[expr].value == value


def test_young_people_are_not_last_year(tag):
    assert "上年" not in tag("他爱上年轻人的音乐。", "2022-02-09")
    assert "上年" not in tag("60岁以上年龄段的接种率仍然偏低。", "2022-02-09")


@pytest.mark.parametrize("text", ["01:02:17 主持人：欢迎收看本期节目。", "白宫称总统存在一点轻微症状。", "我从两点分析这件事。"])
def test_time_codes_and_points_are_not_clocks(tag, text):
    assert not [t for t in tag(text, "2022-02-09").values() if t.type == "TIME"]
