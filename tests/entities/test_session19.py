"""Issue #27, session 19: compounds the annotations leave out (a place before a nationality, language or treaty
word; a name before a market product word), our own invented sentences."""

from __future__ import annotations


def mentions(doc):
    return [(m.paragraph, m.norm, m.type) for m in doc.mentions]


def test_place_before_nationality_language_or_treaty_word_is_no_mention(analyse):
    doc = analyse("两名葡萄牙籍船员在乌克兰南部获救，他们向葡萄牙驻基辅使馆求助。",
                  "这些乌克兰籍公民能说流利的白俄罗斯语，并援引《日内瓦公约》要求保护。")
    found = mentions(doc)
    assert (0, "葡萄牙", "GPE") in found and (0, "乌克兰", "GPE") in found  # the place on its own stays
    assert [n for p, n, _ in found if p == 1 and n in ("乌克兰", "白俄罗斯", "日内瓦")] == []


def test_name_before_market_product_word_is_no_mention(analyse):
    doc = analyse("纳斯达克指数周三收跌1.2%，布兰特原油期货则上涨2美元，道琼斯指数持平。",
                  "美国原油价格同步走高，阿里巴巴股价亦上涨。")
    found = mentions(doc)
    assert [n for p, n, _ in found if p == 0] == []
    assert (1, "美国", "GPE") in found  # a place before 原油 stays (annotated)
