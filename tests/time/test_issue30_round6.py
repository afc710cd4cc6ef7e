"""Issue #30, sixth round of value classes (session 19), found on train/dev (never test). Our own sentences."""

from __future__ import annotations

from tests.time.conftest import make_doc


def _values(tagger, paragraphs, published):
    doc = make_doc(paragraphs, published)
    tagger(doc)
    return {t.text: t.value for t in doc.times}


def _ranges(tagger, paragraphs, published):
    doc = make_doc(paragraphs, published)
    tagger(doc)
    return {t.text: (t.value, t.range_end) for t in doc.times}


def test_a_bracketed_bare_day_agreeing_with_tomorrow_stays_in_this_month(tagger):
    # 27日 read alone after 下周四（5月4日） would go on in May; 明天 says it is this month's 27th
    values = _values(tagger, ["法官押后至下周四（5月4日）再审，又宣布明天（27日）不开庭。"], "2023-04-26")
    assert values["明天"] == "2023-04-27"
    assert values["下周四"] == "2023-05-04"


def test_a_few_days_after_is_the_month_when_the_window_stays_in_it(tagger):
    assert _values(tagger, ["双方已完成谈判，合同将于几天后签署。"], "2020-11-10")["几天后"] == "2020-11"
    # on 28 November two to nine days ahead cross into December: no month, only the direction
    assert _values(tagger, ["双方已完成谈判，合同将于几天后签署。"], "2020-11-28")["几天后"] == "FUTURE_REF"
    assert _values(tagger, ["他几天前说过此事。"], "2020-11-10")["几天前"] == "PAST_REF"


def test_a_count_of_days_after_chixu_is_a_length(tagger):
    # 持续三日 / 持续二至三日: how long, not the third of the month
    assert _ranges(tagger, ["示威活动将持续二至三日。"], "2014-09-25")["二至三日"] == ("P2D", "P3D")
    assert _values(tagger, ["示威活动将持续三日。"], "2014-09-25")["三日"] == "P3D"


def test_a_month_range_with_the_first_month_word_left_out(tagger):
    assert _ranges(tagger, ["利润率较1—2月份提高0.3个百分点。"], "2022-04-27")["1—2月份"] == ("2022-01", "2022-02")


def test_a_range_after_a_relative_year_takes_that_year(tagger):
    ranges = _ranges(tagger, ["两名被告被控前年1月至6月期间疏于照顾女童。"], "2021-11-17")
    assert ranges["前年1月至6月"] == ("2019-01", "2019-06")
    assert _ranges(tagger, ["他去年3月1日至5日在北京开会。"], "2021-11-17")["去年3月1日至5日"] == \
        ("2020-03-01", "2020-03-05")


def test_a_year_range_does_not_swallow_the_year_of_a_month(tagger):
    # 2010年至2012年5月: two points; the May is 2012's, not a May of the range's first year
    values = _values(tagger, ["据地震台网统计，2010年至2012年5月，这一区域没有发生地震。"], "2019-06-18")
    assert values["2012年5月"] == "2012-05"
    assert values["2010年"] == "2010"


def test_a_lunar_date_in_digits_after_nongli(tagger):
    values = _values(tagger, ["9月2日农历7月15，民间俗称中元节。"], "2020-09-19")
    assert values["农历7月15"] == "2020-09-02"


def test_a_few_days_after_an_event_of_the_sentence_names_no_month(tagger):
    # the event (进入南海) is not dated: the dateline's month would be a guess
    assert _values(tagger, ["就在航母编队进入南海几天后，两枚导弹击中目标船。"], "2020-11-10")["几天后"] == "FUTURE_REF"


def test_one_day_spoken_of_is_no_length(tagger):
    assert "一天" not in _values(tagger, ["对残奥运动来说，这是黑暗的一天。"], "2022-03-04")
    assert "一天" not in _values(tagger, ["他相信总有一天能回到家乡。"], "2022-03-04")
    assert _values(tagger, ["会议持续了一天。"], "2022-03-04")["一天"] == "P1D"


def test_rihou_later_on_is_no_time(tagger):
    assert _values(tagger, ["双方同意日后再谈。"], "2022-03-04") == {}


def test_a_time_word_inside_a_name_the_entity_stage_found_is_dropped(tagger):
    from storyline.model import EntityMention

    text = "副刑事检控专员周天行陈词指，案件将于周天审结。"
    doc = make_doc([text], "2021-12-15")
    start = text.index("周天行")
    doc.mentions = [EntityMention(0, start, start + 3, "周天行", "PERSON", "周天行")]
    tagger(doc)
    found = [(t.start, t.text) for t in doc.times]
    assert (start, "周天") not in found
    assert (text.rindex("周天"), "周天") in found  # the Sunday outside the name stays


def test_a_bare_year_before_a_yearly_event_is_that_year(tagger):
    assert _values(tagger, ["台湾派出四名选手参加2022北京冬奥会。"], "2022-02-04")["2022"] == "2022"
    assert _values(tagger, ["情报机构称俄罗斯试图干扰2020大选。"], "2020-08-10")["2020"] == "2020"
    # a count, or a name that is not a yearly event, is no year
    assert _values(tagger, ["农场约2000只仓鼠被人道处理。"], "2022-02-04") == {}
    assert _values(tagger, ["卫生部2019冠状病毒科学委员会开会。"], "2022-02-04") == {}


def test_chaozao_is_the_morning(tagger):
    assert _values(tagger, ["港大旧生陈先生朝早来到校园。"], "2021-12-23")["朝早"] == "2021-12-23TMO"


def test_a_day_of_last_year_starts_a_story_for_the_months_after_it(tagger):
    # 去年2月28日 is told of; 3月中 right after it is that March, not this year's
    values = _values(tagger, ["去年2月28日到台湾读书的他，到了3月中就在网上发文批评当局。"], "2020-07-23")
    assert values["3月"] == "2019-03"


def test_a_day_of_this_year_starts_no_story(tagger):
    # 今年六月四日 is the dateline's year: a later bare 6日 is this month's, as before
    values = _values(tagger, ["今年六月四日，多人参加集会。", "支联会6日发表声明。"], "2020-08-07")
    assert values["6日"] == "2020-08-06"


def test_a_few_days_after_counts_from_this_paragraphs_day(tagger):
    values = _values(tagger, ["图为2018年12月3日的培训中心。",
                              "欧盟理事会主席9月12日在联大发言。几天后，德国总理也批评北京。"], "2020-10-02")
    assert values["几天后"] == "2020-09"


def test_dangqian_after_a_day_of_its_own_sentence_is_that_day(tagger):
    values = _values(tagger, ["英国大臣25日在议会补充称，当前的谈判非常紧迫。"], "2022-01-26")
    assert values["当前"] == "2022-01-25"
    # a new sentence, or no day before it: the publication day
    values = _values(tagger, ["英国大臣25日在议会发言。当前的谈判非常紧迫。"], "2022-01-26")
    assert values["当前"] == "PRESENT_REF"
    assert _values(tagger, ["当下的疫情形势依然严峻。"], "2022-01-26")["当下"] == "PRESENT_REF"


def test_an_offset_window_after_an_event_word_is_a_length(tagger):
    values = _values(tagger, ["研究显示，打完两针之后一个月，抗体水平明显下降。"], "2021-12-07")
    assert values["之后一个月"] == "P1M"
    # at a clause start it is still the window after the dateline
    assert _values(tagger, ["之后5分钟，他离开了会场。"], "2021-12-07")["之后5分钟"] == "2021-12-07"


def test_an_ordinal_count_is_no_length(tagger):
    assert _values(tagger, ["俄罗斯入侵乌克兰的战事进入第四周。"], "2022-03-17") == {}
    assert _values(tagger, ["47人涉案，今天踏入审讯第51天。"], "2023-04-26") == {"今天": "2023-04-26"}
    assert _values(tagger, ["2021年的第一周，中纪委继续开会。"], "2021-01-05")["2021年的第一周"] == "2021-W01"


def test_hong_kong_afternoon_words(tagger):
    assert _values(tagger, ["林卓廷今午继续自辩。"], "2021-12-06")["今午"] == "2021-12-06TAF"
    assert _values(tagger, ["辩方需时审视昨午才收到的讯息。"], "2023-04-26")["昨午"] == "2023-04-25TAF"
    assert _values(tagger, ["分析师表示，午后大金融板块拉升。"], "2022-03-18")["午后"] == "2022-03-18TAF"


def test_the_last_century_alone(tagger):
    values = _values(tagger, ["这不应与上世纪美国与苏联之间的竞争相比。"], "2020-10-07")
    assert values["上世纪"] == "19"
    assert _values(tagger, ["上世纪90年代，他来到北京。"], "2020-10-07")["上世纪90年代"] == "199"


def test_xianjin_and_xianjieduan_are_the_present(tagger):
    assert _values(tagger, ["现今，越来越多人以非暴力手段表达意见。"], "2021-12-14")["现今"] == "PRESENT_REF"
    assert _values(tagger, ["中国在现阶段没有把握取得胜利。"], "2021-11-15")["现阶段"] == "PRESENT_REF"
