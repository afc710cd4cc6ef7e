"""Issue #25 rule classes of the clean stage, on our own invented paragraphs: opening bylines,
case-number footers, credit lines, captions, source tags, disclaimers, end marks and title tags."""

from __future__ import annotations

import pytest

from storyline.clean import clean_record
from storyline.model import RawRecord

BODY = "市政府周二宣布扩建东区公园，预计明年完工。"
MORE = "市长表示，新公园将增加三千个停车位。"


def raw(blocks, **kw):
    fields = dict(path="x.txt", source_key="/abs/x.txt", format="text", encoding="utf-8", body_blocks=blocks)
    fields.update(kw)
    return RawRecord(**fields)


def paras(blocks, **kw):
    return clean_record(raw(blocks, **kw)).article.paragraphs


@pytest.mark.parametrize("lead, author", [
    ("央视网消息（新闻联播）：", None),
    ("（观察者网讯）", None),
    ("【文/观察者网 王小明】", "王小明"),
    ("示例网评论员：", None),
])
def test_opening_dateline_or_byline_leaves_first_paragraph(lead, author):
    doc = clean_record(raw([lead + BODY, MORE]))
    assert doc.article.paragraphs == [BODY, MORE]
    assert doc.article.author == author


def test_opening_byline_only_stripped_from_first_paragraph():
    assert paras([BODY, "（观察者网讯）" + MORE]) == [BODY, "（观察者网讯）" + MORE]


@pytest.mark.parametrize("footer", [
    "案件編號：HCCC12/2023", "【案件編號：KTCC345/2022】", "案件编号：ESCC6789/21、88/2022",
])
def test_case_number_footer_dropped(footer):
    assert paras([BODY, MORE, footer]) == [BODY, MORE]


@pytest.mark.parametrize("credit", [
    "值班编辑：张小华", "编辑整理：李明；", "总编：甲乙 编辑：丙丁 校正/发稿：戊己", "撰稿：青木", "音频：北方合唱团",
    "参与报道和资料研究：王一、李二", "题图来源：示例网站截图", "原载《示例月刊》2010年第3期",
    "新闻链接：https://example.org/news/1", "参考链接：某日直播摘要", "新闻来源",
])
def test_credit_and_source_lines_dropped(credit):
    assert paras([BODY, MORE, credit]) == [BODY, MORE]


def test_credit_glued_to_a_sentence_stays():
    text = "撰稿：青木。市政府周二宣布扩建东区公园。"
    assert paras([text, MORE]) == [text, MORE]


@pytest.mark.parametrize("note", [
    "（作者系示例大学经济学教授。本文仅代表作者观点。责任编辑邮箱：editor@example.org）",
    "（注：作者为示例研究所研究员。本文仅代表作者个人观点。）",
    "本文作者曾任示例银行行长",
    "注：本文仅代表作者观点",
    "声明：文中内容根据直播视频整理，如有出入以视频为准。",
    "本栏目由示例网与示例基金会共同主办",
    "相关图集：示例城市的夜景",
    "欢迎转发朋友圈，留言理性探讨",
    "订阅示例频道：http://example.org/sub",
    "大纪元首发",
])
def test_disclaimers_and_sign_offs_dropped(note):
    assert paras([BODY, MORE, note]) == [BODY, MORE]


def test_author_sentence_in_body_is_not_a_disclaimer():
    text = "作者为何这样写？评论家认为这与他的童年有关。"
    assert paras([BODY, text]) == [BODY, text]


@pytest.mark.parametrize("tag", ["（路透社、法新社、美聯社）", "(綜合報導)", "（中央社）", "(路透社/dpa)"])
def test_source_tag_dropped(tag):
    assert paras([BODY, MORE, tag]) == [BODY, MORE]


def test_captions_move_out_of_the_body():
    doc = clean_record(raw([BODY, "▲示例法院外景", "市长出席仪式。(记者王明摄)Photo: RFA", MORE]))
    assert doc.article.paragraphs == [BODY, MORE]
    assert doc.article.captions == ["▲示例法院外景", "市长出席仪式。(记者王明摄)Photo: RFA"]


def test_end_marks_cut_the_footer():
    assert paras([BODY, MORE, "博客 | 示例作者", "【示例作者・专栏】资深评论人。"]) == [BODY, MORE]
    assert paras([BODY, MORE, "-END-", "示例是个好地方"]) == [BODY, MORE]


def test_dated_byline_gives_the_author_and_the_closing_bio_goes():
    doc = clean_record(raw(["王大明 Sept 20，2020", BODY, MORE, "王大明：示例企业家"]))
    assert doc.article.paragraphs == [BODY, MORE]
    assert doc.article.author == "王大明"


def test_closing_line_by_another_name_stays():
    assert paras(["王大明 Sept 20，2020", BODY, "李四：不同意"]) == [BODY, "李四：不同意"]


@pytest.mark.parametrize("title, want", [
    ("【示例专栏】城市公园扩建计划出炉", "城市公园扩建计划出炉"),
    ("示例FM|城市公园扩建计划出炉", "城市公园扩建计划出炉"),
    ("八方示例︱城市公园扩建计划出炉", "城市公园扩建计划出炉"),
    ("城市公园扩建计划出炉—示例农场", "城市公园扩建计划出炉"),
    ("【示例案・審訊第 3 日】", "【示例案・審訊第 3 日】"),  # a title that is only the tag stays
    ("回归之路——秦律与城市活力", "回归之路——秦律与城市活力"),
])
def test_title_tags_and_source_affixes(title, want):
    assert clean_record(raw([BODY], title=title)).article.title == want


@pytest.mark.parametrize("closing", [
    ["王小明电话：13800001111。"], ["王小明夫人：李红，13900002222。"], ["王小明 2021年3月4日"],
    ["王小明2021.3.4电话:13700003333"], ["王小明 2021年3月4日", "王小明电话：13800001111。"],
])
def test_closing_signature_and_contact_lines_dropped(closing):
    assert paras([BODY, MORE] + closing) == [BODY, MORE]


def test_phone_number_mid_article_stays():
    text = "王小明电话：13800001111。"
    assert paras([BODY, text, MORE]) == [BODY, text, MORE]


def test_salutation_opening_a_letter_dropped():
    assert paras(["尊敬的市长先生：您好！", BODY]) == [BODY]


def test_date_line_above_body_gives_the_day():
    doc = clean_record(raw(["2021年11月21日（新西兰时间）", BODY]))
    assert doc.article.paragraphs == [BODY]
    assert doc.article.published == "2021-11-21"
    kept = clean_record(raw(["2021年11月21日（新西兰时间）", BODY], published="2021-11-20"))
    assert kept.article.published == "2021-11-20"  # the reader's date wins


def test_list_bullet_is_not_text():
    assert paras(["• " + BODY, "•" + MORE]) == [BODY, MORE]


@pytest.mark.parametrize("credit", ["监制：张三", "示例频道《新闻》制作组", "盖特连接：某日直播摘要"])
def test_more_credit_lines_dropped(credit):
    assert paras([BODY, MORE, credit]) == [BODY, MORE]


@pytest.mark.parametrize("closing", [
    ["原文Example Story Title刊登于英文《示例时报》。"], ["详细了解示例协议的内容，请点击这里。"], ["本文最初发表于2020年10月1日。"],
])
def test_closing_source_and_link_notes_dropped(closing):
    assert paras([BODY, MORE] + closing) == [BODY, MORE]


def test_picture_gallery_header_dropped_body_after_it_kept():
    # a DW gallery can sit mid-article: only its header goes, the text after it stays
    assert paras([BODY, "相关图集：示例城市的夜景", MORE]) == [BODY, MORE]


@pytest.mark.parametrize("closing", [
    ["以上就是今天的节目内容，感谢您的收看，再会。"], ["此致", "敬礼！"], ["致敬！", "王小明2021.3.4电话:13700003333"],
    ["剪辑：张三"], ["| 示例标题 –示例网 | | --- |"],
])
def test_programme_sign_offs_letter_closings_and_debris_dropped(closing):
    assert paras([BODY, MORE] + closing) == [BODY, MORE]
