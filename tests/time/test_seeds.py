"""Integration on the shared seed articles (read at run time, never copied into the project).

Docs come from the real read/clean stages when importable, else from a crude fallback loader.
"""

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("time_conftest", Path(__file__).with_name("conftest.py"))
_conf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conf)


@pytest.fixture(scope="module")
def seeds():
    from storyline.analyse.time import TimeTagger

    tagger = TimeTagger()
    out = {}
    for prefix in ("000", "001", "002", "003", "004"):
        doc = _conf.seed_doc(prefix)
        tagger(doc)
        out[prefix] = doc
    return out


def values(doc, text):
    return [(t.value, t.mod, t.range_end) for t in doc.times if t.text == text]


def test_seed000(seeds):
    doc = seeds["000"]
    assert doc.anchor == "2022-02-09"
    assert set(values(doc, "8日")) == {("2022-02-08", None, None)}
    assert set(values(doc, "7日")) == {("2022-02-07", None, None)}
    assert values(doc, "5日") == [("2022-02-05", None, None)]
    assert values(doc, "2月10日至20日") == [("2022-02-10", None, "2022-02-20")]
    assert values(doc, "将近5个小时") == [("PT300M", "APPROX", None)]
    assert values(doc, "今年初") == [("2022", "START", None)]
    assert values(doc, "4月") == [("2022-04", None, None)]
    assert not any("星期日" in t.text for t in doc.times)  # 《星期日报》 is a newspaper


def test_seed001_inferred_anchor(seeds):
    doc = seeds["001"]
    assert doc.article.published_inferred is True
    assert doc.article.published.startswith("2022-02")
    assert doc.anchor.startswith("2022-02")
    # a weekday and its bracketed day are two expressions, as the annotations write them
    assert set(values(doc, "周二")) == set(values(doc, "1日")) == {("2022-02-01", None, None)}
    assert values(doc, "周一") == values(doc, "31日") == [("2022-01-31", None, None)]
    assert set(values(doc, "1月26日")) == {("2022-01-26", None, None)}
    assert values(doc, "2021年底") == [("2021", "END", None)]
    assert ("P3Y", "BEFORE", None) in values(doc, "未来三年内")
    assert not any("一寸" in t.text for t in doc.times)


def test_seed002(seeds):
    doc = seeds["002"]
    assert doc.anchor == "2022-02-13"
    assert set(values(doc, "2月12日")) == {("2022-02-12", None, None)}
    assert values(doc, "去年12月底") == [("2021-12", "END", None)]
    assert {v for v, _, _ in values(doc, "48小时内")} == {"PT48H"}
    assert values(doc, "1小时40分钟") == [("PT100M", None, None)]
    assert values(doc, "超过1小时") == [("PT60M", "AFTER", None)]
    assert values(doc, "同天") == [("2022-02-12", None, None)]
    assert values(doc, "2月16日") == [("2022-02-16", None, None)]


def test_seed003(seeds):
    doc = seeds["003"]
    assert doc.anchor == "2021-12-08"
    assert set(values(doc, "当地时间12月7日")) == {("2021-12-07", None, None)}
    assert values(doc, "6月") == [("2021-06", None, None)]
    assert values(doc, "明年初") == [("2022", "START", None)]
    assert values(doc, "莫斯科时间12月7日下午18时07分") == [("2021-12-07T18:07+03:00", None, None)]
    assert values(doc, "美东时间12月7日上午10时07分") == [("2021-12-07T10:07-05:00", None, None)]
    assert values(doc, "两个小时") == [("PT120M", None, None)]
    assert values(doc, "7月9日") == [("2021-07-09", None, None)]


def test_seed004(seeds):
    doc = seeds["004"]
    assert doc.anchor == "2022-02-21"
    assert values(doc, "2月21日") == [("2022-02-21", None, None)]
    assert values(doc, "2月20") == [("2022-02-20", None, None)]
    assert set(values(doc, "周一")) == {("2022-02-21", None, None)}
    assert values(doc, "周四") == [("2022-02-24", None, None)]
    assert values(doc, "2月24日") == [("2022-02-24", None, None)]
    assert set(values(doc, "本周")) == {("2022-W08", None, None)}
    assert values(doc, "周日") == [("2022-02-20", None, None)] * 2  # 周日（2月20） and a later bare 周日
