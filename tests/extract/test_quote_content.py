"""Where reported speech ends (our own sentences)."""

from __future__ import annotations


def test_dui_lai_shuo_is_no_cue(quotes):
    doc = quotes("分析人士警告说，高油价会带来通胀压力，特别是对亚洲来说，因为亚洲依赖能源进口。", [])
    (q,) = doc.quotes
    assert q.text == "高油价会带来通胀压力，特别是对亚洲来说，因为亚洲依赖能源进口"
