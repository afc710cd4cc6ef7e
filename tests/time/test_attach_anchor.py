"""time_for (attachment API), anchor inference, robustness."""

import time

from storyline.analyse.time.attach import time_for


def _tagged(tagger, make_doc, paragraphs, published="2022-02-09"):
    doc = make_doc(paragraphs, published)
    tagger(doc)
    return doc


def test_time_inside_clause(tagger, make_doc):
    text = "马克龙7日与普京会晤后，8日前往基辅。"
    doc = _tagged(tagger, make_doc, text)
    clause = text.index("8日")
    assert time_for(doc, 0, clause, len(text)) == ("2022-02-08", None)
    # whole sentence: the 7日 phrase is subordinate (…后，), the governing date is 8日
    assert time_for(doc, 0, 0, len(text)) == ("2022-02-08", None)


def test_trigger_picks_nearest_before(tagger, make_doc):
    text = "佩斯科夫8日称双方未达成协议，9日又表示将继续对话。"
    doc = _tagged(tagger, make_doc, text)
    assert time_for(doc, 0, 0, len(text), trigger=text.index("表示")) == ("2022-02-09", None)
    assert time_for(doc, 0, 0, len(text), trigger=text.index("称")) == ("2022-02-08", None)


def test_quoted_and_colon_dates_do_not_govern(tagger, make_doc):
    text = "拜登11日在视频会议中给出了一个具体日期：2月16日。"
    doc = _tagged(tagger, make_doc, text, "2022-02-13")
    assert time_for(doc, 0, 0, len(text)) == ("2022-02-11", None)


def test_range_and_time_trimmed(tagger, make_doc):
    text = "俄白两国将于2月10日至20日举行演习。会谈于莫斯科时间12月7日下午18时07分开始。"
    doc = _tagged(tagger, make_doc, text, "2022-02-09")
    assert time_for(doc, 0, 0, text.index("。")) == ("2022-02-10", "2022-02-20")
    assert time_for(doc, 0, text.index("会谈"), len(text)) == ("2021-12-07", None)


def test_fallbacks(tagger, make_doc):
    doc = _tagged(tagger, make_doc, ["佩斯科夫8日表示，俄方不会撤军。他还说，会议将继续。", "他说，局势正在缓和。"])
    second = doc.paragraphs[0].text.index("他还说")
    assert time_for(doc, 0, second, len(doc.paragraphs[0].text)) == ("2022-02-08", None)  # earlier in paragraph
    assert time_for(doc, 1, 0, 5) == ("2022-02-09", None)  # new paragraph: the anchor


def test_week_becomes_range(tagger, make_doc):
    doc = _tagged(tagger, make_doc, "他计划本周与拉夫罗夫会面。", "2022-02-21")
    assert time_for(doc, 0, 0, 12) == ("2022-02-21", "2022-02-27")


def test_vague_is_not_a_date(tagger, make_doc):
    doc = _tagged(tagger, make_doc, "此前，美方曾多次警告。")
    assert time_for(doc, 0, 0, 10) == ("2022-02-09", None)


def test_anchor_inferred_from_weekday_pairs(tagger, make_doc):
    doc = _tagged(
        tagger,
        make_doc,
        ["欧盟外长周一(31日)在布鲁塞尔开会。", "峰会周二(1日)闭幕，双方将于2月3日再次会谈。", "2021年底，欧盟通过了新的预算。"],
        None,
    )
    assert doc.article.published_inferred
    assert doc.article.published == "2022-02-01"
    assert doc.anchor == "2022-02-01"
    assert [t.value for t in doc.times if t.text.startswith("周")][:2] == ["2022-01-31", "2022-02-01"]


def test_anchor_inferred_from_latest_full_date(tagger, make_doc):
    doc = _tagged(tagger, make_doc, ["2019年7月3日，两国签署协议。", "5日，协议生效。"], None)
    assert doc.article.published == "2019-07-05" or doc.article.published == "2019-07-03"
    assert doc.times[1].value == "2019-07-05"


def test_no_anchor_without_evidence(tagger, make_doc):
    doc = _tagged(tagger, make_doc, "双方8日举行会谈，2月1日再次通话。", None)
    assert doc.anchor is None and doc.article.published is None
    assert [t.value for t in doc.times] == [None, "XXXX-02-01"]


def test_linear_time_on_pathological_input(tagger, make_doc):
    parts = ["1" * 50000, "周" * 50000, "2月" * 20000, "12月7日至" * 5000, "将近" * 20000, "一" * 50000, "年" * 50000]
    doc = make_doc(parts, "2022-02-09")
    started = time.perf_counter()
    tagger(doc)
    assert time.perf_counter() - started < 10
