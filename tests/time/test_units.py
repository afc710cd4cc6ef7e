"""Unit tests on our own sentences, one group per category of expression."""

import pytest


@pytest.mark.parametrize(
    "text, published, expr, value, mod",
    [
        # bare days: the anchor's month, previous month when clearly after a past-tense dateline
        ("朔尔茨7日在华盛顿与拜登会晤。", "2022-02-09", "7日", "2022-02-07", None),
        ("斯托尔滕贝格28日曾警告称局势恶化。", "2022-02-09", "28日", "2022-01-28", None),
        ("安理会将于15日召开紧急会议。", "2022-02-09", "15日", "2022-02-15", None),
        ("30日，蓬佩奥与伊拉克总理通电话。", "2020-01-03", "30日", "2019-12-30", None),
        # month-day and month without year: nearest plausible year
        ("托卡耶夫12月28日出席峰会。", "2022-01-10", "12月28日", "2021-12-28", None),
        ("俄方认为，12月提交的草案未获回应。", "2022-01-20", "12月", "2021-12", None),
        ("普京将于4月访问印度。", "2022-12-20", "4月", "2023-04", None),
        ("法国将于4月举行总统选举。", "2022-02-09", "4月", "2022-04", None),
        # explicit dates in every written form
        ("二〇二二年二月二十四日，俄军越过边境。", "2022-03-01", "二〇二二年二月二十四日", "2022-02-24", None),
        ("会议于2022-02-15在维也纳举行。", "2022-02-09", "2022-02-15", "2022-02-15", None),
        ("【讯】2022年02月21日", "2022-02-21", "2022年02月21日", "2022-02-21", None),
        # relative years, months, modifiers
        ("去年12月底以来的首次通话。", "2022-02-13", "去年12月底", "2021-12", "END"),
        ("俄罗斯计划在明年初行动。", "2021-12-08", "明年初", "2022", "START"),
        ("2021年底，俄方公布草案。", "2022-02-02", "2021年底", "2021", "END"),
        ("美国防长上月底访问了乌克兰。", "2021-12-08", "上月底", "2021-11", "END"),
        ("德国总理将于7月中旬访问塞尔维亚。", "2022-07-01", "7月中旬", "2022-07", "MID"),
        ("反攻将在今年秋天取得进展。", "2022-09-30", "今年秋天", "2022-FA", None),
        ("俄军将在2月20日之前完成撤离。", "2022-02-09", "2月20日之前", "2022-02-20", "BEFORE"),
        # weeks
        ("美方上周递交了书面答复。", "2022-02-09", "上周", "2022-W05", None),
        ("他计划本周与拉夫罗夫会面。", "2022-02-21", "本周", "2022-W08", None),
        ("特朗普上周末在佛罗里达州度假。", "2020-01-03", "上周末", "2019-W52-WE", None),
        # relative days and offsets
        ("外交部发言人前天表示反对。", "2022-02-09", "前天", "2022-02-07", None),
        ("今晨，基辅响起防空警报。", "2022-02-24", "今晨", "2022-02-24TMO", None),
        ("那是三个月前的事情。", "2022-02-09", "三个月前", "2021-11", None),
        # vague
        ("此前，美方曾多次警告。", "2022-02-09", "此前", "PAST_REF", None),
        ("局势在不久的将来可能恶化。", "2022-02-09", "不久的将来", "FUTURE_REF", None),
    ],
)
def test_dates(tag, text, published, expr, value, mod):
    found = tag(text, published)
    assert expr in found, found
    assert (found[expr].value, found[expr].mod) == (value, mod)


@pytest.mark.parametrize(
    "text, published, expr, value",
    [
        ("英国首相周一访问了波兰。", "2022-02-09", "周一", "2022-02-07"),  # past lean
        ("他将于周五前往慕尼黑。", "2022-02-09", "周五", "2022-02-11"),  # future cue before
        ("普京周一将召开安全会议。", "2022-02-21", "周一", "2022-02-21"),  # same day
        ("布林肯周日告诉记者。", "2022-02-21", "周日", "2022-02-20"),  # Sunday in a Monday article
        ("拉夫罗夫将于周四在日内瓦会见布林肯。", "2022-02-21", "周四", "2022-02-24"),
        ("俄外长周四将在斯德哥尔摩会见布林肯。", "2021-12-08", "周四", "2021-12-09"),  # future cue after
        ("普京下周三将会见外宾。", "2022-02-09", "下周三", "2022-02-16"),
        ("美国务院上周五宣布新措施。", "2022-01-10", "上周五", "2022-01-07"),
        ("克里姆林宫周一（2月21日）表示。", "2022-02-21", "周一", "2022-02-21"),  # the weekday and its date: two
        ("在周日（2月20）的两次电话中。", "2022-02-21", "2月20", "2022-02-20"),
        ("欧盟外长周一(31日)在布鲁塞尔开会。", "2022-02-02", "周一", "2022-01-31"),  # bracket day fixes month
        ("2月21日（周一），普京签署命令。", "2022-02-22", "2月21日（周一）", "2022-02-21"),
    ],
)
def test_weekdays(tag, text, published, expr, value):
    found = tag(text, published)
    assert found[expr].value == value


def test_weekday_bracket_mismatch_is_reported(tagger, make_doc):
    doc = make_doc("克里姆林宫周二（2月21日）表示。", "2022-02-21")
    tagger(doc)
    assert doc.times[0].value == "2022-02-21"  # the date wins
    assert "time_warnings" in doc.extras


@pytest.mark.parametrize(
    "text, expr, value, mod, minutes",
    [
        ("马克龙与普京进行了1小时40分钟的电话交谈。", "1小时40分钟", "PT100M", None, 100),
        ("在与普京将近5个小时的会晤结束后。", "将近5个小时", "PT300M", "APPROX", 300),
        ("会谈大约持续了两个小时。", "两个小时", "PT120M", None, 120),
        ("视频会谈持续了2小时。", "2小时", "PT120M", None, 120),
        ("通话超过1小时。", "超过1小时", "PT60M", "AFTER", 60),
        ("呼吁美国公民48小时内离开。", "48小时内", "PT48H", "BEFORE", 2880),
        ("这是他六周以来首次发言。", "六周", "P6W", None, 60480),
        ("军人总数在未来三年内达到35万。", "未来三年内", "P3Y", "BEFORE", 1576800),
        ("他期待未来几天同拉夫罗夫会谈。", "未来几天", "PXD", None, None),
        ("他在莫斯科停留了一个半小时。", "一个半小时", "PT90M", None, 90),
        ("普京与马克龙会谈了5个多小时。", "5个多小时", "PT300M", "AFTER", 300),
        ("拜登与普京时隔一月再次通电话。", "一月", "P1M", None, 43200),
    ],
)
def test_durations(tag, text, expr, value, mod, minutes):
    t = tag(text)[expr]
    assert (t.type, t.value, t.mod, t.minutes) == ("DURATION", value, mod, minutes)


def test_duration_range(tag):
    t = tag("任何美国人都要在接下来的24至48小时内离开。")["接下来的24至48小时内"]
    assert (t.value, t.range_end) == ("PT24H", "PT48H")


@pytest.mark.parametrize(
    "text, expr, value",
    [("白宫每周举行两次发布会。", "每周", "P1W"), ("各国每年举行一次峰会。", "每年", "P1Y"),
     ("议会每周一召开例会。", "每周一", "XXXX-WXX-1"), ("联大每年9月举行一般性辩论。", "每年9月", "XXXX-09")],
)
def test_sets(tag, text, expr, value):
    t = tag(text)[expr]
    assert (t.type, t.value) == ("SET", value)


@pytest.mark.parametrize(
    "text, published, expr, value, range_end",
    [
        ("俄白两国将于2月10日至20日举行演习。", "2022-02-09", "2月10日至20日", "2022-02-10", "2022-02-20"),
        ("1月30日至2月2日期间共收到三批援助。", "2022-02-09", "1月30日至2月2日", "2022-01-30", "2022-02-02"),
        ("援助于12月30日到1月2日之间运抵。", "2022-01-10", "12月30日到1月2日", "2021-12-30", "2022-01-02"),
        ("峰会将于15日至16日在巴厘岛举行。", "2022-11-07", "15日至16日", "2022-11-15", "2022-11-16"),
        ("2019年至2021年间，贸易额增长。", "2022-02-09", "2019年至2021年", "2019", "2021"),
    ],
)
def test_ranges(tag, text, published, expr, value, range_end):
    t = tag(text, published)[expr]
    assert (t.value, t.range_end) == (value, range_end)


@pytest.mark.parametrize(
    "text, published, expr, value",
    [
        ("会谈于莫斯科时间12月7日下午18时07分开始。", "2021-12-08", "莫斯科时间12月7日下午18时07分", "2021-12-07T18:07+03:00"),
        ("会谈于美东时间12月7日上午10时07分开始。", "2021-12-08", "美东时间12月7日上午10时07分", "2021-12-07T10:07-05:00"),
        ("美东时间6月15日下午2时，美联储宣布加息。", "2022-06-16", "美东时间6月15日下午2时", "2022-06-15T14:00-04:00"),
        ("北京时间2月24日上午11时，俄方宣布行动。", "2022-02-24", "北京时间2月24日上午11时", "2022-02-24T11:00+08:00"),
        ("普京和拜登于当地时间12月7日举行视频会谈。", "2021-12-08", "当地时间12月7日", "2021-12-07"),
    ],
)
def test_zones(tag, text, published, expr, value):
    assert tag(text, published)[expr].value == value


def test_previous_mention(tag):
    found = tag("2月4日，普京抵达北京。同日，中俄发表联合声明。次日，他返回莫斯科。")
    assert found["同日"].value == "2022-02-04"
    assert found["同日"].anchor == "2022-02-04"
    assert found["次日"].value == "2022-02-05"


def test_previous_mention_across_paragraphs(tag):
    found = tag(["塔斯社12月1日报道称。", "马特维延科当天接受了采访。"], "2021-12-08")
    assert found["当天"].value == "2021-12-01"


@pytest.mark.parametrize(
    "text",
    ["北约曾承诺将“一寸也不”向东扩张。", "“联盟决心-2022”联合军事演习。", "他在5日的法国《星期日报》专访中。".replace("5日的", ""),
     "据今日俄罗斯电视台报道。", "约3万名士兵和300多辆坦克。"],
)
def test_no_false_positives(tag, text):
    assert tag(text) == {}


def test_offsets_and_text_come_from_original_text(tagger, make_doc):
    from storyline.model import Paragraph

    doc = make_doc("x", "2022-02-21")
    # original text in traditional script; norm is the simplified copy of the same length
    doc.paragraphs = [Paragraph(0, "克里姆林宮週一（2月21日）表示", "克里姆林宫周一（2月21日）表示")]
    tagger(doc)
    day, bracket = doc.times[0], doc.times[1]
    assert (day.start, day.end, day.text, day.value) == (5, 7, "週一", "2022-02-21")
    assert (bracket.start, bracket.end, bracket.text, bracket.value) == (8, 13, "2月21日", "2022-02-21")


def test_types_and_anchor_fields(tag):
    found = tag("马克龙8日前往基辅，当晚与泽连斯基会谈了两个小时。2022年2月7日他在莫斯科。")
    assert found["8日"].type == "DATE" and found["8日"].anchor == "2022-02-09"
    assert found["当晚"].type == "TIME" and found["当晚"].value == "2022-02-08TNI"
    assert found["两个小时"].type == "DURATION" and found["两个小时"].anchor is None
    assert found["2022年2月7日"].anchor is None  # explicit: resolved against nothing


def test_times_sorted_and_doc_anchor(tagger, make_doc):
    doc = make_doc(["8日，会谈结束。7日两人会晤。", "5日他接受采访。"], "2022-02-09T10:58:56+00:00")
    tagger(doc)
    assert doc.anchor == "2022-02-09"
    assert [(t.paragraph, t.text) for t in doc.times] == [(0, "8日"), (0, "7日"), (1, "5日")]
