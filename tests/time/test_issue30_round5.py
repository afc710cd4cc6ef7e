"""Issue #30, fifth round of value classes (session 18), found on train/dev (never test). Our own sentences."""

from __future__ import annotations

from tests.time.conftest import make_doc


def _values(tagger, paragraphs, published):
    doc = make_doc(paragraphs, published)
    tagger(doc)
    return {t.text: t.value for t in doc.times}


def test_a_later_month_of_the_story_year_stays_in_it(tagger):
    # the text is in 2016 (its last mention is 同年10月): 5月20日 is that May, not this year's
    values = _values(tagger, ["2016年3月2日，三名维权人士在上海被带走。",
                              "联合国原本计划于同年10月召开相关会议。",
                              "在国际舆论压力下，5月20日深夜，三人被释放。",
                              "一年后，三人的案件才正式了结。"], "2021-03-02")
    assert values["5月20日深夜"] == "2016-05-20TNI"
    assert values["一年后"] == "2017"


def test_a_month_after_a_return_to_the_present_is_this_year(tagger):
    # 今年 brings the text back: 5月20日 after it is the dateline's year
    values = _values(tagger, ["2016年3月2日，三名维权人士在上海被带走。",
                              "今年，他们再次发起抗议，并于5月20日获准出境。"], "2021-06-02")
    assert values["5月20日"] == "2021-05-20"


def test_the_same_year_after_a_season(tagger):
    # 同年 after 2018年秋天 is 2018, not the year mentioned before the season
    values = _values(tagger, ["2015年3月7日，他第一次被捕。", "2018年秋天，他获大学录取，并于同年11月出境。"],
                     "2021-03-06")
    assert values["同年11月"] == "2018-11"


def test_a_year_less_day_long_before_the_dateline_starts_a_story(tagger):
    # 今年3月……3月10日 places the story in March; 12日晚 later on goes on in that March, not in
    # the dateline's month
    values = _values(tagger, ["今年3月，一名男子在接种疫苗后死亡。友人指他在3月10日打完第一针。",
                              "至12日晚，友人因未能联络他，遂报警求助。"], "2021-11-02")
    assert values["3月10日"] == "2021-03-10"
    assert values["12日晚"] == "2021-03-12TEV"


def test_a_relative_day_with_its_date_in_brackets_is_that_date(tagger):
    # 昨日（即3月10日） in reported speech: the bracket names the day, not the day before the dateline
    values = _values(tagger, ["友人供称，死者当时表示昨日（即3月10日）已打完第一针。"], "2021-11-02")
    assert values["昨日"] == "2021-03-10"
    # and keeps its part of the day: 昨晚（25日） is the evening of the 25th
    values = _values(tagger, ["她说，昨晚（25日）通话时对方正是白天。"], "2022-02-28")
    assert values["昨晚"] == "2022-02-25TNI"


def test_a_plain_yesterday_is_still_the_day_before(tagger):
    assert _values(tagger, ["警方昨日表示，案件仍在调查。"], "2021-11-02")["昨日"] == "2021-11-01"


def test_a_four_digit_number_of_years_after_exceeding_is_a_year(tagger):
    # 超过2018年平昌冬奥会的水平: the 2018 games, not a length of 2018 years
    values = _values(tagger, ["今年的收视率未能超过2018年平昌冬奥会的水平。"], "2022-02-22")
    assert values["超过2018年"] == "2018"
    values = _values(tagger, ["书中记载由1970年代至2017年多项大事。"], "2021-12-06")
    assert values["2017年多"] == "2017"


def test_a_length_of_thousands_of_years_stays_a_length(tagger):
    assert _values(tagger, ["这座古城已有超过2000年的历史。"], "2022-02-22")["超过2000年"] == "P2000Y"
    assert _values(tagger, ["中国已有2000多年的历史。"], "2022-02-22")["2000多年"] == "P2000Y"


def test_a_part_of_day_without_a_cue_is_not_on_a_future_day(tagger):
    # the hearing is adjourned to next February; the four were bailed this evening
    values = _values(tagger, ["法官今天把案件押后至明年2月25日再讯。此外，同案4人傍晚陆续获准保释。"], "2021-12-30")
    assert values["明年2月25日"] == "2022-02-25"
    assert values["傍晚"] == "2021-12-30TEV"
    # with its own future cue it still goes with that day
    values = _values(tagger, ["会议定于明年2月25日举行，将于傍晚开幕。"], "2021-12-30")
    assert values["傍晚"] == "2022-02-25TEV"


def test_then_after_a_word_for_today_is_an_undated_past(tagger):
    # 那天 names no date (read as the publication day); 当时 after it tells of an earlier time the
    # text does not date
    values = _values(tagger, ["他被判刑的那天，才有人向他道歉。但是，当时那种愤怒，谁也无法压抑。"], "2020-10-04")
    assert values["当时"] == "PAST_REF"


def test_then_after_a_written_day_or_clock_is_that_day(tagger):
    values = _values(tagger, ["周五（3月18日）上午十点半，航母出现在金门西南面。", "当时，甲板上没有飞机。"], "2022-03-18")
    assert values["当时"] == "2022-03-18"


def test_some_units_back_with_more_is_a_past_reference(tagger):
    # 多 gives no count to step by: the annotations write PAST_REF (十多年前, 三个多星期前)
    values = _values(tagger, ["许多房屋是在三个多星期前被毁的。", "十多年前，他来到香港。", "两个多月后，工程才重新开始。"],
                     "2022-04-04")
    assert values["三个多星期前"] == "PAST_REF"
    assert values["十多年前"] == "PAST_REF"
    assert values["两个多月后"] == "FUTURE_REF"
    # hours with 多 are still about that many hours back: the dateline's day with no clock in it
    values = _values(tagger, ["两个多小时前，他在社交媒体上发文。"], "2022-04-04")
    assert values["两个多小时前"] == "2022-04-04"
    # a counted offset still steps, and 3月前 (before March) is no offset
    assert _values(tagger, ["三个月前他离开了。"], "2022-04-04")["三个月前"] == "2022-01"
    assert _values(tagger, ["工程须在3月前完成。"], "2022-01-04")["3月"] == "2022-03"


def test_these_days_and_years(tagger):
    values = _values(tagger, ["这些天他一直很忙。", "这些年经济不断下滑。", "前几年，他在安徽办案。"], "2021-11-26")
    assert values == {"这些天": "2021-11-26", "这些年": "PXY", "前几年": "PAST_REF"}


def test_that_night_written_as_yewan(tagger):
    values = _values(tagger, ["2月21日，普京宣布承认两地独立。那天夜晚发生的事件改变了一切。"], "2022-02-24")
    assert values["那天夜晚"] == "2022-02-21TNI"


def test_a_day_with_hao_and_a_part_of_day_is_a_date(tagger):
    values = _values(tagger, ["视频传出的2号晚上，他就被带走了。"], "2020-02-10")
    assert values["2号晚上"] == "2020-02-02TNI"
    # without a part of day, N号 stays out (3号决议, 1号线)
    assert _values(tagger, ["3号决议获得通过，地铁1号线晚上停运。"], "2020-02-10") == {"晚上": "2020-02-10TNI"}


def test_the_first_days_of_next_month_right_after_a_month_end_dateline(tagger):
    # dated 31 January: 1日 is the next day, as a day up to three days ahead is within a month
    assert _values(tagger, ["1日，网上出现多段视频。"], "2020-01-31")["1日"] == "2020-02-01"
    assert _values(tagger, ["5日，他被带走。"], "2020-01-31")["5日"] == "2020-01-05"
    assert _values(tagger, ["1日，网上出现视频。"], "2020-01-15")["1日"] == "2020-01-01"
