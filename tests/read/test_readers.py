"""Unit tests for every reader and every bad input, on our own small fixtures built in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.model import ReadError
from storyline.read import read_file

HEXO = """
---
title: '外长会晤取得积极成果'
categories:
 - 新媒体
 - 观察者网
author: 观察者网
date: Mon, 07 Mar 2022 09:05:00 GMT
---

<div>
<p>
【文/观察者网 周青】两国外长7日在北京举行会谈，就双边关系交换意见。
</p>
<p align="center"><img src="https://example.org/a.jpg" title="点击查看大图"></p>
<p align="center"><span style="color:#666666;">会谈现场。图自网络</span></p>
<p>双方同意<a href="https://example.org/x">加强沟通</a>，推动合作。</p>
<p><strong>专家解读</strong></p>
<p>有学者认为，此次会谈释放了积极信号。</p>
</div>
"""

WEB_MD = """### 两国举行战略对话
------------------------

#### [首页](../README.md) &nbsp;|&nbsp; [评论](../c.md)

<div><img alt="x" src="https://example.org/b.jpg"/>
<div class="caption">
 对话现场资料照。
</div></div><hr/><div id="artbody">
 <p>
  【大纪元2022年03月05日讯】（大纪元记者王平综合报导）
  <ok href="https://example.org/tag/1">
   美国
  </ok>
  国务卿和
  <ok href="https://example.org/tag/2">
   日本
  </ok>
  外相周五举行会谈。
 </p>
 <p>
  会谈持续约一小时。
 </p>
 <p>
  责任编辑：赵云 ＃
 </p>
</div>

---

原文链接（需翻墙）：https://www.epochtimes.com/gb/22/3/5/n1.htm
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_hexo_front_matter_with_leading_blank_line(tmp_path):
    path = write(tmp_path, "post.md", HEXO)
    [rec] = read_file(path, "post.md")
    assert rec.format == "hexo"
    assert rec.path == "post.md"
    assert rec.source_key == str(path.resolve())
    assert rec.title == "外长会晤取得积极成果"
    assert rec.outlet == "观察者网"
    assert rec.author == "周青"  # front matter author is only the outlet name
    assert rec.published == "2022-03-07T09:05:00+00:00"
    assert rec.categories == ["新媒体", "观察者网"]
    assert rec.captions == ["会谈现场。图自网络"]
    assert "专家解读" in rec.headings
    assert {"href": "https://example.org/x", "text": "加强沟通"} in rec.links
    assert "双方同意加强沟通，推动合作。" in rec.body_blocks
    assert not any("会谈现场" in b for b in rec.body_blocks)


def test_web_markdown_mirror(tmp_path):
    [rec] = read_file(write(tmp_path, "n1.md", WEB_MD), "n1.md")
    assert rec.format == "web-markdown"
    assert rec.title == "两国举行战略对话"
    assert rec.outlet == "大纪元"
    assert rec.published == "2022-03-05"
    assert rec.author == "王平"
    assert rec.url == "https://www.epochtimes.com/gb/22/3/5/n1.htm"
    assert rec.body_blocks[0] == "美国国务卿和日本外相周五举行会谈。"
    assert rec.captions == ["对话现场资料照。"]
    assert not any("首页" in b for b in rec.body_blocks)


def test_plain_text_one_paragraph_per_line(tmp_path):
    [rec] = read_file(write(tmp_path, "a.txt", "第一段新闻内容。\n\n  第二段新闻内容。  \n"), "a.txt")
    assert rec.format == "text"
    assert rec.body_blocks == ["第一段新闻内容。", "第二段新闻内容。"]
    assert (rec.title, rec.outlet, rec.published, rec.author) == (None, None, None, None)


def test_markdown_front_matter_traditional(tmp_path):
    text = ('---\ntitle: "立法會通過修訂"\ndate: "2021-12-01"\nauthor: "記者陳明"\n'
            'original_url: "https://www.hkcnews.com/article/1/x"\n---\n\n# 立法會通過修訂\n\n'
            '立法會今日三讀通過條例修訂。\n\n### 議員發言\n\n多名議員在會上發言。\n')
    [rec] = read_file(write(tmp_path, "a.md", text), "a.md")
    assert rec.format == "markdown"
    assert rec.outlet == "眾新聞"
    assert rec.author == "陳明"
    assert rec.published == "2021-12-01"
    assert rec.body_blocks == ["立法會今日三讀通過條例修訂。", "議員發言", "多名議員在會上發言。"]
    assert rec.headings == ["議員發言"]


def test_markdown_rule_is_not_front_matter(tmp_path):
    text = "### [返回首页](https://example.org)\n---\n\n## 标题一则\n\n正文第一段。\n\n免责声明：仅代表作者观点。\n"
    [rec] = read_file(write(tmp_path, "README.md", text), "README.md")
    assert rec.format == "markdown"
    assert rec.title == "标题一则"
    assert "正文第一段。" in rec.body_blocks


def test_html_page_drops_script(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>双边会谈举行</title>"
            "<script>var s = '脚本里的秘密文字';</script></head><body><article>"
            "<h1>双边会谈举行</h1><p>两国领导人当天在首都举行双边会谈，讨论经贸合作问题。</p>"
            "<p>双方同意继续保持高层交往，推动各领域合作不断深化。</p>"
            "<script>document.write('另一段脚本文字');</script></article></body></html>")
    [rec] = read_file(write(tmp_path, "p.html", page), "p.html")
    assert rec.format == "html"
    assert rec.title == "双边会谈举行"
    joined = "".join(rec.body_blocks)
    assert "两国领导人" in joined
    assert "脚本" not in joined


def test_jsonl_records(tmp_path):
    lines = [
        {"title": "甲", "content": "<p>第一条。</p><p>第二句。</p>", "url": "https://example.org/1",
         "date": "2022-01-02T03:04:05Z", "source": "新华社"},
        {"title": "乙", "text": "另一条新闻。", "published": "2022-01-03"},
    ]
    path = write(tmp_path, "r.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    recs = read_file(path, "r.jsonl")
    assert [r.format for r in recs] == ["jsonl", "jsonl"]
    assert recs[0].source_key == f"{path.resolve()}#https://example.org/1"
    assert recs[1].source_key.endswith("#1")
    assert recs[0].body_blocks == ["第一条。", "第二句。"]
    assert recs[0].outlet == "新华社"
    assert recs[0].published == "2022-01-02T03:04:05+00:00"
    assert recs[0].raw_bytes_sha1 != recs[1].raw_bytes_sha1


def test_json_array_and_single_object(tmp_path):
    arr = [{"title": "甲", "body": "一段。"}, {"title": "乙", "body": "两段。"}]
    recs = read_file(write(tmp_path, "a.json", json.dumps(arr, ensure_ascii=False)), "a.json")
    assert [r.title for r in recs] == ["甲", "乙"] and recs[0].format == "json"
    [one] = read_file(write(tmp_path, "o.json", json.dumps({"title": "丙", "content": "三段。"})), "o.json")
    assert one.body_blocks == ["三段。"]


def test_cctv_day_file(tmp_path):
    day = {"total": 2, "videoList": [
        {"video_title": "[视频]会议在京召开", "video_url": "https://tv.cctv.com/2022/01/05/A.shtml",
         "pub_date": "2022-01-05 19:10:00",
         "video_detail": {"content": "<p>央视网消息（新闻联播）：会议今天在京召开。</p><p>会议强调合作。</p>"}},
        {"video_title": "[视频]国际快讯", "pub_date": "2022-01-05 19:20:00",
         "video_detail": {"content": "<p>多国领导人举行会晤。</p>"}},
    ]}
    recs = read_file(write(tmp_path, "20220105.json", json.dumps(day, ensure_ascii=False)), "d.json")
    assert len(recs) == 2
    assert recs[0].title == "会议在京召开"
    assert recs[0].outlet == "央视新闻联播"
    assert recs[0].published == "2022-01-05T19:10:00+08:00"
    assert recs[0].source_key.endswith("#https://tv.cctv.com/2022/01/05/A.shtml")
    assert recs[1].source_key.endswith("#1")


def test_rss_feed(tmp_path):
    rss = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>示例台</title>'
           '<link>https://example.org/</link><item><title>外长通话</title><link>https://example.org/n/7</link>'
           '<pubDate>Wed, 02 Feb 2022 08:00:00 +0800</pubDate>'
           '<description><![CDATA[<p>两国外长通电话。</p><p>双方交换意见。</p>]]></description></item>'
           '</channel></rss>')
    [rec] = read_file(write(tmp_path, "f.xml", rss), "f.xml")
    assert rec.format == "feed"
    assert rec.title == "外长通话"
    assert rec.published == "2022-02-02T08:00:00+08:00"
    assert rec.body_blocks == ["两国外长通电话。", "双方交换意见。"]
    assert rec.source_key.endswith("#https://example.org/n/7")


SAMPLE = "外交部发言人表示，中方愿同各方保持沟通，推动局势缓和。\n双方同意继续磋商。\n"
TRAD = "外交部發言人表示，中方願同各方保持溝通，推動局勢緩和。\n雙方同意繼續磋商。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("gbk"), "gb18030"),
        (TRAD.encode("big5"), "big5"),
        (SAMPLE.encode("utf-16"), "utf-16-le"),
        (SAMPLE.encode("utf-8-sig"), "utf-8-bom"),
        (SAMPLE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
)
def test_encodings(tmp_path, data, encoding):
    [rec] = read_file(write(tmp_path, "e.txt", data), "e.txt")
    assert rec.encoding == encoding
    expected = TRAD if encoding == "big5" else SAMPLE
    assert rec.body_blocks == expected.strip().split("\n")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02binary\x00\xff" * 50, "binary"),
        (b"%PDF-1.7\n...", "unknown format"),
        (b"\x89PNG\r\n\x1a\n....", "unknown format"),
        ("---\ntitle: 标题\ndate: 2022-01-01\n正文没有结束分隔线\n".encode(), "not closed"),
        ("---\ntitle: [未闭合\n---\n正文。\n".encode(), "invalid YAML"),
        ("---\ntitle: 只有头\n---\n\n".encode(), "no article body"),
        (b"{not json at all", "invalid JSON"),
        (b'{"a": 1, "b": [1, 2]}', "no title/content"),
        (b'<?xml version="1.0"?><config><a>1</a></config>', "not an RSS/Atom feed"),
    ],
)
def test_bad_inputs_raise_read_error(tmp_path, content, reason):
    path = write(tmp_path, "bad.dat", content)
    with pytest.raises(ReadError) as err:
        read_file(path, "bad.dat")
    assert reason in str(err.value)


def test_large_file_fails_fast_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with path.open("wb") as f:  # sparse 50 MB file
        f.seek(50 * 1024 * 1024 - 1)
        f.write(b"\n")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("file was read"))
    with pytest.raises(ReadError, match="too large"):
        read_file(path, "big.txt")


def test_undecodable_bytes(tmp_path):
    # valid as nothing we accept: lone continuation bytes and invalid GB18030/Big5 lead bytes
    data = bytes([0x80, 0xFF, 0x20, 0xFF, 0xFF, 0x41]) * 40
    with pytest.raises(ReadError):
        read_file(write(tmp_path, "u.txt", data), "u.txt")
