"""Issue #30: anaphoric times resolved against the time in discussion, and a dateline inferred
only from what the text says is past (our own invented articles)."""

from datetime import date

from storyline.analyse.time import TimeTagger


def _values(doc):
    return {t.text: t.value for t in doc.times}


def test_same_year_and_months_later(tagger, make_doc):
    doc = make_doc(["2015年，他当选市长。同年7月，他宣布改革计划。两个月后，改革方案获得通过。"], "2022-02-09")
    tagger(doc)
    v = _values(doc)
    assert v["同年7月"] == "2015-07"
    assert v["两个月后"] == "2015-09"  # not 2022-04


def test_at_that_time_is_the_time_in_discussion(tagger, make_doc):
    doc = make_doc(["2008年，全球金融危机爆发，此时他刚刚接手公司。"], "2022-02-09")
    tagger(doc)
    assert _values(doc)["此时"] == "2008"
    doc = make_doc(["此时，双方仍在谈判。"], "2022-02-09")
    tagger(doc)
    assert _values(doc)["此时"] == "PRESENT_REF"  # nothing in discussion: now


def test_months_of_a_historical_year(tagger, make_doc):
    doc = make_doc(["1976年，这座城市遭遇强震，4月底5月初余震不断。"], "2022-02-09")
    tagger(doc)
    v = _values(doc)
    assert v["4月底"] == "1976-04" and v["5月初"] == "1976-05"


def test_recent_year_keeps_months_near_the_dateline(tagger, make_doc):
    doc = make_doc(["2021年，公司扭亏为盈，3月将发布新品。"], "2022-02-09")
    tagger(doc)
    assert _values(doc)["3月"] == "2022-03"


def _inferred(paragraphs, title=None, today=date(2026, 12, 7)):
    from storyline.model import Article, Doc, Paragraph
    from storyline.clean.normalise import Normaliser

    norm = Normaliser()
    article = Article(id="t", path="t", source_key="t", format="text", outlet=None, title=title, author=None,
                      published=None, published_inferred=False, url=None, language="zh-Hans", paragraphs=paragraphs)
    doc = Doc(article=article, paragraphs=[Paragraph(i, p, norm.norm(p)) for i, p in enumerate(paragraphs)])
    TimeTagger(today=today)(doc)
    return doc


def test_target_years_are_not_the_dateline():
    doc = _inferred(["2021年10月24日，国务院印发行动方案，力争到2060年实现碳中和。", "2030年前实现碳达峰。"])
    assert doc.article.published == "2021-10-24" and doc.article.published_inferred
    assert doc.extras["published_clue"]["text"] == "2021年10月24日"


def test_forecast_and_start_dates_are_not_the_dateline():
    doc = _inferred(["2021年11月3日，专家表示，冲突很有可能是在2022年2月20日爆发。", "新规自2021年12月1日起施行。"])
    assert doc.article.published == "2021-11-03"


def test_never_after_the_ingest_day():
    doc = _inferred(["2027年3月5日，会议召开。", "2025年5月1日，新法实施。"], today=date(2026, 12, 7))
    assert doc.article.published == "2025-05-01"


def test_bare_year_is_not_evidence_but_a_year_end_is():
    doc = _inferred(["2022年，经济有望继续复苏。"])
    assert doc.article.published is None and not doc.article.published_inferred
    doc = _inferred(["2021年底，欧盟通过了新的预算。"])
    assert doc.article.published == "2021"


def test_pairs_before_the_newest_date_are_consistent_not_a_disagreement():
    doc = _inferred(["2021年11月21日，示威继续。", "周五(11月19日)晚上，警方清场。"])
    assert doc.article.published == "2021-11-21"
    doc = _inferred(["28/02/2022 更新", "周日(27日)，双方在边境会谈。"])  # the Sunday before, not 27 March
    assert doc.article.published == "2022-02-28"


def test_title_date_counts():
    doc = _inferred(["主持人开场致辞。"], title="2022年1月31日晚会直播速记")
    assert doc.article.published == "2022-01-31"
    assert doc.extras["published_clue"]["paragraph"] == -1


def test_null_when_weekday_pairs_fit_no_month():
    # the 3rd a Monday and the 4th a Wednesday: no month of any year has both
    doc = _inferred(["2022年2月1日，双方开始谈判。", "周一(3日)双方再次会面。", "周三(4日)协议签署。"])
    assert doc.article.published is None
    assert doc.extras["published_clue"]["rule"].startswith("clues disagree")


def test_historical_year_stays_in_its_paragraph(tagger, make_doc):
    doc = make_doc(["1976年夏，这座城市遭遇强震，8月底9月初余震不断，此时救援仍在继续。今年8月，纪念馆重新开放。",
                    "北溪2号管道于2006年开始规划。", "2月22日，德国宣布暂停认证。两天后，欧盟宣布制裁。"], "2022-02-25")
    tagger(doc)
    v = [(t.text, t.value) for t in doc.times]
    assert ("8月底", "1976-08") in v and ("9月初", "1976-09") in v and ("此时", "1976-09") in v
    assert ("今年8月", "2022-08") in v
    assert ("2月22日", "2022-02-22") in v and ("两天后", "2022-02-24") in v  # 2006 told of elsewhere


def test_three_or_four_years_is_vague(tag):
    assert tag("三四年前，他离开了家乡。", "2022-02-09")["三四年前"].value == "PAST_REF"
    assert tag("工程还要三四年才能完工。", "2022-02-09")["三四年"].value == "PXY"


def test_announced_dates_are_not_the_dateline():
    doc = _inferred(["2021年12月3日，平台宣布新币2022年6月4日会出。", "从2022年2月起，未接种者不得进入商场。"])
    assert doc.article.published == "2021-12-03"
