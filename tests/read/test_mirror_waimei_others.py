"""The waimei template (`<!--epoch-->`, setext link, one HTML `<div>`), Terminus2049, the pen0
court-news posts and Apple Daily's JSON stories, on our own invented sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.clean import clean_record
from storyline.model import ReadError
from storyline.read import read_file


def read(tmp_path: Path, name: str, text: str | bytes):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    [raw] = read_file(path, str(path))
    return clean_record(raw).article


def waimei(title: str, author: str, url: str, epoch_ms: int, div: str, iso: str = "2020-07-28T01:30:47.418Z") -> str:
    return (f'---\nlayout: post\ntitle: "{title}"\ndate: {iso}\nauthor: {author}\nfrom: {url}\n'
            f"tags: [ {author} ]\ncategories: [ {author} ]\n---\n<!--{epoch_ms}-->\n[{title}]({url})\n------\n\n"
            f"<div>\n{div}\n</div>\n")


def test_zaobao_epoch_outlet_from_author_and_ad_slot(tmp_path):
    div = ('<p>新加坡外交部周二发表声明，欢迎双方恢复对话。</p><section id="imu"><div id="dfp-ad-imu1-wrapper">'
           '<div id="dfp-ad-imu1"></div></div></section><p>声明说，地区稳定符合各方利益。</p>')
    a = read(tmp_path, "2020-07-28-欢迎恢复对话.md",
             waimei("新加坡欢迎恢复对话", "联合早报", "https://www.zaobao.com/realtime/x", 1595928120000, div))
    assert (a.outlet, a.author, a.url) == ("联合早报", None, "https://www.zaobao.com/realtime/x")
    assert a.published == "2020-07-28T09:22:00+00:00"  # the epoch comment, UTC
    assert a.paragraphs == ["新加坡外交部周二发表声明，欢迎双方恢复对话。", "声明说，地区稳定符合各方利益。"]


def test_rti_category_tag_id_suffix_and_hashtag_reporter(tmp_path):
    div = ('<img src="https://static.rti.org.tw/a.jpg" width="360" alt="交通部長出席會議(記者攝)"><br>'
           "交通部今天舉辦論壇，討論離島觀光。#央廣記者陳美玲採訪報導#與會者認為應加強跨部會合作..."
           '<a target="_blank" href="https://www.rti.org.tw/news/view/id/1">...more</a>')
    a = read(tmp_path, "2020-07-22-[生活] 交通部舉辦論壇 - 200722-9.md",
             waimei("[生活] 交通部舉辦論壇 - 200722-9", "RTI 中央廣播電臺", "https://www.rti.org.tw/news/view/id/1",
                    1595389626000, div))
    assert (a.outlet, a.title, a.author) == ("中央廣播電臺", "交通部舉辦論壇", "陳美玲")
    assert "生活" in a.categories
    assert a.paragraphs == ["交通部今天舉辦論壇，討論離島觀光。", "與會者認為應加強跨部會合作..."]


def test_cna_under_waimei_has_the_same_display_name(tmp_path):
    div = "<p>（中央社記者林美華台北5日電）立法院今天三讀通過修正案。</p>"
    a = read(tmp_path, "cna.md", waimei("立法院三讀修正案", "(臺)中央社CNA", "https://www.cna.com.tw/news/a/1.aspx",
                                        1599314294000, div))
    assert (a.outlet, a.author) == ("中央社", "林美華")
    assert a.paragraphs == ["立法院今天三讀通過修正案。"]


def test_nyt_upper_case_byline_and_time_lines_leave_the_body(tmp_path):
    div = ('<div><i>JOHN SMITH,JOHN SMITH</i></div><div><i>2020-09-11 17:44:33</i></div>'
           '<p>美国商务部周四宣布新的出口限制。</p><small style="color: #999;">商务部大楼。</small>')
    a = read(tmp_path, "nyt.md", waimei("美国宣布出口限制", "纽约时报", "https://cn.nytimes.com/usa/1/", 1599814473000, div))
    assert (a.outlet, a.author) == ("纽约时报中文网", "JOHN SMITH")
    assert a.paragraphs == ["美国商务部周四宣布新的出口限制。"]


def test_rfa_span_pieces_join_without_breaking_a_name(tmp_path):
    div = "<p>美国代理国土安全部长查德<span>·沃尔夫</span>周二<span>表示</span>，将加强审查。</p>"
    a = read(tmp_path, "  rfa [1].md", waimei("美加强审查", "自由亚洲电台", "https://www.rfa.org/mandarin/1.html",
                                             1595300000000, div))
    assert a.outlet == "自由亚洲电台"
    assert a.paragraphs == ["美国代理国土安全部长查德·沃尔夫周二表示，将加强审查。"]


def test_weiquanwang_word_html_numbers_join_their_units(tmp_path):
    div = ('<p class="MsoNormal"><span style="font-family: 宋体;">（维权网报道）</span><span lang="EN-US">2020</span>'
           '<span style="font-family: 宋体;">年</span><span lang="EN-US">8</span><span>月</span>'
           '<span lang="EN-US">11</span><span>日，访民在信访局门口举牌。</span><span lang="EN-US">&nbsp;</span></p>'
           "<a name='more'></a>")
    a = read(tmp_path, "wqw.md", waimei("访民举牌", "维权网", "https://wqw2010.blogspot.com/2020/08/x.html",
                                        1597157400000, div))
    assert a.outlet == "维权网"
    assert a.paragraphs == ["（维权网报道）2020年8月11日，访民在信访局门口举牌。"]


def test_cdt_repost_label_moves_to_categories(tmp_path):
    div = "<p>（德国之声中文网）一名律师周日在推特上表示，他的当事人仍被关押。</p>"
    a = read(tmp_path, "cdt.md", waimei("【立此存照】德国之声｜律师称当事人仍被关押", "中国数字时代",
                                        "https://chinadigitaltimes.net/chinese/1.html", 1595300000000, div))
    assert (a.outlet, a.title) == ("中国数字时代", "律师称当事人仍被关押")
    assert "德国之声" in a.categories and "立此存照" in a.categories


TERMINUS = """---
layout: post
title: 一位社区志愿者的记录
categories: Archive
date: 2020-02-09 17:43
tags: 武汉
image_feature: ""
description: 志愿者讲述社区物资配送。
---

原文来自「某公众号」：~~[一位社区志愿者的记录](https://archive.li/abc)~~

撰文 | 李小梅

**我是社区的一名志愿者，每天负责配送蔬菜。**

楼里的老人大多独居，需要有人上门。

【反侵权公告】本站转载内容仅供存档。"""


def test_terminus2049_original_account_yaml_string_date_no_final_newline(tmp_path):
    a = read(tmp_path, "2020-2-9-volunteer.md", TERMINUS)
    assert (a.outlet, a.author) == ("端点星", "李小梅")
    assert "原载:某公众号" in a.categories
    assert a.published == "2020-02-09T17:43:00+08:00"
    assert a.paragraphs == ["我是社区的一名志愿者，每天负责配送蔬菜。", "楼里的老人大多独居，需要有人上门。"]


PEN0 = """---
layout: post
title : 【某案・審訊第三日】
author: 《法庭線》
date  : 2024-06-04 12:00:00 +0800
image : https://i.imgur.com/x.jpg
#image_caption: ""
excerpt_separator: <excerpt/>
---

- 控方傳召證人作供

<excerpt/>

【法庭線】案件今（4日）在高等法院續審，控方傳召第一名證人。

#### 證人稱曾收指示

證人供稱，他曾收到上司指示。"""


def test_pen0_spaced_keys_offset_date_outlet_tag_and_author(tmp_path):
    a = read(tmp_path, "2024-06-04-trial-day-3.md", PEN0)
    # the mirror's 12:00 is a placeholder, not a time of publication: the day only (issue #25)
    assert (a.outlet, a.author, a.published) == ("法庭線", None, "2024-06-04")
    # the summary above <excerpt/> is not the first paragraph
    assert a.paragraphs[0] == "案件今（4日）在高等法院續審，控方傳召第一名證人。"
    assert not any(p.startswith("【法庭線】") for p in a.paragraphs)


def test_apple_daily_arc_story_json(tmp_path):
    story = {"type": "story", "headlines": {"basic": "測試標題︱市民排隊買報"},
             "content_elements": [{"type": "text", "content": "【本報訊】大批市民清晨到報攤排隊。"},
                                  {"type": "image", "url": "x.jpg"}, {"type": "text", "content": "報販表示，報紙很快售罄。"}],
             "first_publish_date": "2021-06-22T11:40:02.123Z", "canonical_website": "hk-appledaily",
             "website_url": "/local/20210622/ABC/"}
    a = read(tmp_path, "content.json", json.dumps(story, ensure_ascii=False))
    assert (a.outlet, a.published) == ("蘋果日報", "2021-06-22T19:40:02+08:00")
    assert a.paragraphs == ["大批市民清晨到報攤排隊。", "報販表示，報紙很快售罄。"]


def test_apple_daily_api_content_blocks_json(tmp_path):
    doc = {"state": "success", "content": {"title": "市民聲援\u3000<br/>排隊旁聽", "brandName": "appledaily",
                                            "pubDate": "1624128762", "sharing": {"url": "https://hk.appledaily.com/local/20210620/X/"},
                                            "contentBlocks": [{"content": "逾百名市民到法院外排隊。"}]}}
    a = read(tmp_path, "article_detail.json", json.dumps(doc, ensure_ascii=False))
    assert (a.outlet, a.title) == ("蘋果日報", "市民聲援 排隊旁聽")
    assert a.published == "2021-06-20T02:52:42+08:00"
    assert a.paragraphs == ["逾百名市民到法院外排隊。"]


def test_one_invalid_byte_keeps_the_good_paragraphs(tmp_path):
    good = waimei("外长通话", "美国之音", "https://www.voachinese.com/a/1.html", 1595300000000,
                  "<p>两国外长周一通电话，讨论双边关系。</p><p>双方同意保持沟通。</p>").encode("utf-8")
    cut = good.index("讨论".encode("utf-8")) + 1  # inside a character: an invalid sequence
    a = read(tmp_path, "voa.md", good[:cut] + b"\xff" + good[cut:])
    assert a.outlet == "美国之音"
    assert a.paragraphs[1] == "双方同意保持沟通。"
    assert a.paragraphs[0].startswith("两国外长周一通电话，")


def test_video_only_post_fails_with_a_clear_reason(tmp_path):
    path = tmp_path / "cdt video.md"
    path.write_text(waimei("【CDTV】访谈", "中国数字时代", "https://chinadigitaltimes.net/chinese/2.html", 1600550978000,
                           '<p><iframe src="https://www.youtube.com/embed/x"></iframe></p>'), encoding="utf-8")
    with pytest.raises(ReadError, match="only an embedded video"):
        read_file(path, str(path))


def test_a_tab_separated_data_table_is_not_an_article(tmp_path):
    path = tmp_path / "MANIFEST.tsv"
    path.write_text("relative_path\tdate\tsha1\n" + "".join(f"a/{i}.md\t2022-02-{i + 1:02d}\t{i:040d}\n" for i in range(12)),
                    encoding="utf-8")
    with pytest.raises(ReadError, match="tab-separated data table"):
        read_file(path, str(path))
    prose = tmp_path / "indented.txt"  # tab-indented prose lines are still an article
    prose.write_text("".join(f"\t第{i}段：外长周一表示，双方将继续对话。\n" for i in range(12)), encoding="utf-8")
    assert read_file(prose, str(prose))[0].body_blocks
