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
