"""Issue #30, third round of value classes from the annotated train/dev articles (our own sentences):
short offsets after an earlier time are lengths, 近年来 is a span of years, 这几天 / 最近几天 are the
publication day, 前两天 / 半年前 / 大约一周前 are points back from it, 接下来的一周 is a calendar week,
新的一年 the dateline's year."""

import pytest

from tests.time.conftest import make_doc


def _times(tagger, paragraphs, published):
    doc = make_doc(paragraphs, published)
    tagger(doc)
    return {t.text: t for t in doc.times}


@pytest.mark.parametrize("text, expr, value", [
    ("这名嫌犯3月2日从医院溜走，54个小时后被警方逮捕。", "54个小时后", "PT54H"),
    ("会议3月2日召开。但3分钟后，会场再次响起掌声。", "3分钟后", "PT3M"),
])
def test_short_offset_after_an_earlier_time_is_a_length(tagger, text, expr, value):
    t = _times(tagger, text, "2022-03-05")[expr]
    assert (t.type, t.value) == ("DURATION", value)


def test_short_offset_alone_is_still_a_point(tagger):
    t = _times(tagger, "他2小时后就回来了。", "2018-08-30T14:16:03")["2小时后"]
    assert t.type == "TIME" and t.value.startswith("2018-08-30T16:16")


@pytest.mark.parametrize("text, expr, value, mod", [
    ("近年来，这座城市的房价不断上涨。", "近年来", "PXY", None),
    ("这几天，白俄罗斯各地都有群众上街。", "这几天", "2020-08-19", "APPROX"),
    ("最近几天，双方都表现出一些乐观情绪。", "最近几天", "2020-08-19", "APPROX"),
    ("我前两天刚被封了一个账号。", "前两天", "2020-08-17", None),
    ("他曾在半年前的庭审中透露了这一点。", "半年前", "2020-02", None),
    ("半个月前，有关方面开始调查此事。", "半个月前", "2020-08-04", None),
    ("总理大约一周前撤销了这项命令。", "大约一周前", "2020-W33", "APPROX"),
    ("新的一年，浙江将稳中求进。", "新的一年", "2020", None),
])
def test_relative_words_of_the_news(tagger, text, expr, value, mod):
    t = _times(tagger, text, "2020-08-19")[expr]
    assert (t.value, t.mod) == (value, mod)


@pytest.mark.parametrize("published, week", [
    ("2022-02-14", "2022-W07"),  # a Monday: the rest of this week
    ("2022-03-13", "2022-W11"),  # a Sunday: the week that starts tomorrow
])
def test_the_coming_week_is_a_calendar_week(tagger, published, week):
    t = _times(tagger, "美国认为俄罗斯在接下来的一周内就可能发动进攻。", published)["接下来的一周内"]
    assert t.value == week


@pytest.mark.parametrize("text, expr, value", [
    ("国安处人员早上约6时前往他的住所。", "早上约6时", "2021-11-19T06:00"),
    ("至傍晚近6时，被告步出房间。", "傍晚近6时", "2021-11-19T18:00"),
    ("2019年3月18日凌晨约2时45分，两列列车相撞。", "2019年3月18日凌晨约2时45分", "2019-03-18T02:45"),
    ("上午大概十点半，代表团抵达。", "上午大概十点半", "2021-11-19T10:30"),
    ("截至18日24时，全省新增确诊病例3例。", "18日24时", "2021-11-18T24:00"),
    ("总统在周四凌晨12点左右发表声明。", "周四凌晨12点", "2021-11-18T00:00"),
])
def test_clock_times_with_an_approximating_word_and_midnight(tagger, text, expr, value):
    assert _times(tagger, text, "2021-11-19")[expr].value == value


def test_then_after_this_year_is_an_undated_past(tagger):
    # 今年 brings the text back to the present: 当时 after it tells of an earlier time it does not date
    found = _times(tagger, ["2019年，他曾公开质疑警方。", "今年他再次发声，他说当时社会上很多人都有质疑。"], "2021-12-06")
    assert found["当时"].value == "PAST_REF"


def test_then_after_an_explicit_date_is_that_date(tagger):
    found = _times(tagger, "2019年11月13日，示威者聚集，当时现场很混乱。", "2021-12-06")
    assert found["当时"].value == "2019-11-13"


@pytest.mark.parametrize("text, expr, value", [
    ("据报道，总统 2021 年 11 月 7 日发表讲话。", "2021 年 11 月 7 日", "2021-11-07"),
    ("这是去年 2 月和平抗议活动的后果。", "去年 2 月", "2021-02"),
    ("截至 12 月 3 日，相关描述才被添加。", "12 月 3 日", "2021-12-03"),
    ("到 11 月底，工作已经完成。", "11 月底", "2021-11"),
])
def test_numerals_spaced_from_their_units(tagger, text, expr, value):
    # some outlets set a space between an Arabic numeral and 年 / 月 / 日
    assert _times(tagger, text, "2022-02-24")[expr].value == value


def test_a_later_bare_day_goes_on_in_the_month_of_the_paragraph(tagger):
    found = _times(tagger, "北京冬奥会将于2月4日举行开幕式，将于20日结束。", "2022-01-25")
    assert found["20日"].value == "2022-02-20"


def test_since_a_date_is_past(tagger):
    assert _times(tagger, "这是1月10日以来最好的消息。", "2020-11-10")["1月10日"].value == "2020-01-10"


def test_weeks_after_a_bare_year_count_from_the_dateline(tagger):
    found = _times(tagger, "2020年的选战仍在继续，两周后的辩论可能取消。", "2020-10-02")
    assert found["两周后"].value == "2020-W42"


@pytest.mark.parametrize("text, expr, value", [
    ("大律师表示需时半天。", "半天", "P0.5D"),
    ("本次会议会期6天半。", "6天半", "P6.5D"),
])
def test_half_days_are_decimal_days(tagger, text, expr, value):
    t = _times(tagger, text, "2022-03-04")[expr]
    assert (t.type, t.value) == ("DURATION", value) and t.minutes == float(value[1:-1]) * 1440


@pytest.mark.parametrize("text, expr, value", [
    ("法官今判两名被告罪成。", "今", "2021-11-02"),
    ("控方昨申请将案件押后。", "昨", "2021-11-01"),
    ("外交部昨（1）日表示，将继续关注事态。", "昨（1）日", "2021-11-01"),
    ("渔护署今（2）早表示，行动已经结束。", "今（2）早", "2021-11-02TMO"),
    ("中国至今仍不愿公开谴责。", "至今", "PRESENT_REF"),
    ("这在当下的香港尤其重要。", "当下", "PRESENT_REF"),
    ("现时的制度存在漏洞。", "现时", "PRESENT_REF"),
])
def test_single_day_characters_and_up_to_now(tagger, text, expr, value):
    assert _times(tagger, text, "2021-11-02")[expr].value == value


@pytest.mark.parametrize("text", ["西方迄今为止没有回应。", "今是昨非。", "这是承诺的兑现时间。"])
def test_no_day_in_words_that_contain_one(tagger, text):
    assert not [t for t in _times(tagger, text, "2021-11-02").values() if t.text in ("今", "昨", "现时")]


def test_until_this_year_is_not_up_to_now(tagger):
    found = _times(tagger, "措施将维持直至今年12月13日。", "2021-11-02")
    assert "至今" not in found and found["今年12月13日"].value == "2021-12-13"


@pytest.mark.parametrize("text", ["俄军曾出现在这个村庄。", "警方发现在场的人都已离开。"])
def test_now_inside_another_word_is_no_time(tagger, text):
    assert "现在" not in _times(tagger, text, "2021-11-02")


def test_booked_is_no_future_cue(tagger):
    assert _times(tagger, "俄气预定了周一晚上的输气运力。", "2022-04-05")["周一晚上"].value == "2022-04-04TNI"
    assert _times(tagger, "双方预定周一晚上举行会谈。", "2022-04-05")["周一晚上"].value == "2022-04-11TNI"


@pytest.mark.parametrize("text, found", [
    ("这关系到欧洲安全的未来。", False),
    ("很多人将会对未来失去希望。", False),
    ("国军未来在汉光演习中将加强防空。", True),
])
def test_the_future_as_a_noun_is_no_time(tagger, text, found):
    assert ("未来" in _times(tagger, text, "2022-02-24")) is found


@pytest.mark.parametrize("text, published, pieces", [
    ("周一（11月8日）发布暴雪橙色预警。", "2021-11-08", [("周一", "2021-11-08"), ("11月8日", "2021-11-08")]),
    ("星期五（10月2日）凌晨他在推特上宣布。", "2020-10-02",
     [("星期五", "2020-10-02"), ("10月2日", "2020-10-02"), ("凌晨", "2020-10-02TMO")]),
    ("渔护署周二（30日）晚上围封游乐场。", "2021-11-30",
     [("周二", "2021-11-30"), ("30日", "2021-11-30"), ("晚上", "2021-11-30TNI")]),
])
def test_a_weekday_its_bracketed_date_and_part_of_day_are_three(tagger, text, published, pieces):
    doc = make_doc(text, published)
    tagger(doc)
    assert [(t.text, t.value) for t in doc.times] == pieces
