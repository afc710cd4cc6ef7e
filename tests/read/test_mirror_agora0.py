"""The agora0 mirror templates (Jekyll front matter + HTML fragment or CRLF text), one test per
outlet, on our own invented sentences in each outlet's markup (no article text is copied)."""

from __future__ import annotations

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


def front(title: str, date: str, link: str, cat: str) -> str:
    return f"---\nlayout: post\ntitle: {title}\ndate: {date}\nlink: {link}\ncategories: {cat}\n---\n\n"


def test_rthk_crlf_body_link_date_not_fetch_time(tmp_path):
    body = "港府今日公布新一輪防疫措施，食肆晚市堂食維持暫停。\r\n\r\n衞生局表示，會密切留意疫情發展。\r\n"
    a = read(tmp_path, "2022-03-02-RTHK-港府公布新措施.md",
             front("港府︰新措施下周生效", "2022-03-02 01:10:00.000000000 +08:00",
                   "https://news.rthk.hk/rthk/ch/component/k2/1600001-20220301.htm", "rthk") + body)
    assert a.outlet == "香港電台"
    assert a.published == "2022-03-01"  # the link's day, not the mirror's fetch time
    assert a.paragraphs == ["港府今日公布新一輪防疫措施，食肆晚市堂食維持暫停。", "衞生局表示，會密切留意疫情發展。"]
    assert a.language == "zh-Hant"


CNA = """<div><div></div></div><div><p>（中央社記者王小明柏林3日專電）德國外長今天表示，歐盟將與台灣加強經貿往來。</p>
<p>她說，雙方對話管道暢通。（編輯：李大同）1101103</p>
<p>延伸閱讀</p><p>• 另一則新聞標題</p><p>看更多</p></div>"""


def test_cna_dateline_reporter_place_editor_and_roc_code(tmp_path):
    a = read(tmp_path, "2021-11-20-CNA-德外長.html",
             front("德外長：歐盟將與台灣加強往來", "2021-11-20 09:00:00.000000000 +08:00",
                   "https://www.cna.com.tw/news/aopl/202111030352.aspx", "cna") + CNA)
    assert a.outlet == "中央社"
    assert a.author == "王小明"
    assert a.editor == "李大同"
    assert a.published == "2021-11-03"  # link date; the front matter is a re-publication weeks later
    assert a.paragraphs == ["德國外長今天表示，歐盟將與台灣加強經貿往來。", "她說，雙方對話管道暢通。"]
    assert "电头:柏林" in a.categories


def test_cna_roc_code_when_the_link_has_no_date(tmp_path):
    a = read(tmp_path, "x.html", front("標題", "2022-02-26 09:00:00 +08:00", "https://www.cna.com.tw/news/x.aspx", "cna")
             + "<div><p>（中央社台北24日電）行政院今天通過草案，送立法院審議。1110224</p></div>")
    assert a.published == "2022-02-24"
    assert a.author is None and a.paragraphs == ["行政院今天通過草案，送立法院審議。"]


def test_aljazeera_title_suffix_link_date_and_source_line(tmp_path):
    body = ('<img loading="lazy" src="https://chinese.aljazeera.net/wp-content/uploads/2021/11/صورة-1.png"/>'
            "<div><p>海湾国家外长周日在利雅得举行会议，讨论地区安全局势。</p><p>来源<!-- --> : <!-- -->半岛电视台</p></div>")
    a = read(tmp_path, "aj.html", front("海湾外长会议讨论地区安全 | 政治 | 新闻 | 半岛电视台",
                                        "2022-01-05 10:00:00.000000000 +08:00",
                                        "http://chinese.aljazeera.net/news/political/2020/6/5/%e6%b5%b7", "aj") + body)
    assert (a.outlet, a.title, a.published) == ("半岛电视台", "海湾外长会议讨论地区安全", "2020-06-05")
    assert a.paragraphs == ["海湾国家外长周日在利雅得举行会议，讨论地区安全局势。"]


def test_reuters_utc_stamp_source_suffix_label_and_end_mark(tmp_path):
    body = ("<div><i>2022-02-24T23:38:12Z</i></div><div><p>(记者 王小丽)</p><p>路透北京2月25日 - 中国外交部周五表示，各方应保持克制。[nL4S2P40CX]（完）</p>"
            "<p>(发稿 张三；审校 李四)</p></div>")
    a = read(tmp_path, "r.html", front("焦点：外交部吁各方保持克制--新华社", "2022-02-25 09:00:00.000000000 +08:00",
                                       "https://cn.reuters.com/article/x-idCNKBS2", "reuters") + body)
    assert (a.outlet, a.author) == ("路透社", "王小丽")
    assert a.title == "外交部吁各方保持克制"
    assert "焦点" in a.categories
    assert a.published == "2022-02-24T23:38:12+00:00"  # UTC: a day before the +08 fetch date
    # the dateline leaves the text (issue #25); its place is kept as a tagged category
    assert a.paragraphs == ["中国外交部周五表示，各方应保持克制。"]
    assert "电头:北京" in a.categories


def test_rfi_paris_time_and_title_suffix(tmp_path):
    body = "<div>23/02/2022 - 17:31</div><div><strong>法国总统周三呼吁\n            各方回到谈判桌。</strong><p>他表示，外交途径仍然存在。</p></div>"
    a = read(tmp_path, "rfi.html", front("马克龙呼吁回到谈判桌 - 法国国际广播电台 - RFI", "2022-02-24 08:00:00 +08:00",
                                         "https://www.rfi.fr/cn/%E6%AC%A7%E6%B4%B2/20220223-x", "rfi") + body)
    assert a.outlet == "法国国际广播电台" and a.title == "马克龙呼吁回到谈判桌"
    assert a.published == "2022-02-23T17:31:00+01:00"
    assert a.paragraphs[0] == "法国总统周三呼吁各方回到谈判桌。"


def test_dw_author_stamp_dateline_and_traditional_script(tmp_path):
    body = ("<div><i>Anna Schmidt<br>2022-02-24T13:17:52.581Z</i></div>"
            "<p>（德國之聲中文網）德國總理週四表示，德國將與盟友協調立場。</p><p>他說，制裁措施已在準備之中。</p>")
    a = read(tmp_path, "dw.html", front("德國總理：將與盟友協調", "2022-02-25 02:00:00 +08:00",
                                        "https://www.dw.com/zh/德國總理 將與盟友協調/a-6000001", "dw") + body)
    assert (a.outlet, a.author) == ("德国之声", "Anna Schmidt")
    assert a.published == "2022-02-24T13:17:52+00:00"
    assert a.paragraphs == ["德國總理週四表示，德國將與盟友協調立場。", "他說，制裁措施已在準備之中。"]
    assert a.language == "zh-Hant"  # per article, not per outlet


def test_kyodo_dateline_year_from_fetch_and_flash_label(tmp_path):
    body = "<div>\n    <p>【共同社东京12月31日电】日本政府31日决定延长入境限制措施。（完）</p>\n</div>"
    a = read(tmp_path, "k.html", front("快讯：日本延长入境限制", "2022-01-01 08:00:00.000000000 +08:00",
                                       "https://china.kyodonews.net/news/2021/12/abc.html", "kyodo") + body)
    assert (a.outlet, a.title, a.published) == ("共同社", "日本延长入境限制", "2021-12-31")
    assert "快讯" in a.categories and "电头:东京" in a.categories
    assert a.paragraphs == ["日本政府31日决定延长入境限制措施。"]


def test_kyodo_empty_flash_fails_with_one_reason(tmp_path):
    path = tmp_path / "k.html"
    path.write_text(front("选举快讯：开票结果", "2021-11-01 02:42:02 +08:00",
                          "https://china.kyodonews.net/news/2021/11/x.html", "kyodo") + "<div>\n <p/>\n</div>\n",
                    encoding="utf-8")
    with pytest.raises(ReadError, match="no article text"):
        read_file(path, str(path))


BBC = """<main role="main"><div></div><div><p>张伟</p><p>BBC中文记者，发自台北</p><div><time dateTime="2022-02-23">20 分钟前</time></div></div>
<div><div data-e2e="image-placeholder"><img alt="." src="https://images.weserv.nl/?url=x.jpg"/><p role="text"><span>图像来源，</span><span>Getty Images</span></p></div></div><div><p>台北街头的行人。</p></div><div><p><b>台湾当局周三宣布放宽入境检疫规定。</b></p></div>
<div><p>官员表示，新规定下月起实施。</p></div></main>"""


def test_bbc_time_datetime_byline_credit_and_caption(tmp_path):
    a = read(tmp_path, "bbc.html", front("台湾放宽入境检疫", "2022-02-24 09:00:00 +08:00",
                                         "https://www.bbc.com/zhongwen/simp/chinese-news-1", "bbc") + BBC)
    assert (a.outlet, a.author, a.published) == ("BBC中文", "张伟", "2022-02-23")
    assert a.paragraphs == ["台湾当局周三宣布放宽入境检疫规定。", "官员表示，新规定下月起实施。"]
    assert "台北街头的行人。" in a.captions
