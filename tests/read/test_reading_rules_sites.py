"""Issue #25 rule classes of the site profiles (data/sites.yaml), on invented mirror posts."""

from __future__ import annotations

from pathlib import Path

from storyline.clean import clean_record
from storyline.read import read_file


def read(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [raw] = read_file(path, str(path))
    return clean_record(raw).article


def front(title: str, link: str, author: str = "") -> str:
    extra = f"author: {author}\n" if author else ""
    return f"---\nlayout: post\ntitle: \"{title}\"\ndate: 2021-03-04T05:06:07.000Z\n{extra}from: {link}\n---\n\n"


def test_reuters_dateline_leaves_text_place_kept(tmp_path):
    body = "<div><p>路透上海3月3日 - 示例公司周三表示，将在东区新建工厂。</p><p>该公司未披露投资金额。</p></div>"
    a = read(tmp_path, "r.md", front("示例公司将建新厂", "https://cn.reuters.com/article/x-idCNKBS1") + body)
    assert a.paragraphs == ["示例公司周三表示，将在东区新建工厂。", "该公司未披露投资金额。"]
    assert "电头:上海" in a.categories


def test_weiquanwang_opening_tag_removed(tmp_path):
    body = "<div><p>（维权网信息中心报道）2021年3月4日，本网获悉：示例公民前往信访局反映问题。</p><p>此事仍在处理中。</p></div>"
    a = read(tmp_path, "w.md", front("示例公民上访", "https://wqw2010.blogspot.com/2021/03/x.html") + body)
    assert a.paragraphs[0] == "2021年3月4日，本网获悉：示例公民前往信访局反映问题。"


def test_rfa_byline_with_editor_labels(tmp_path):
    body = ("<div><p>示例城市周三举行集会。<br/><br/>数百人参加。<br/><br/>"
            "自由亚洲电台记者王小明台北报道 编辑：李华 网编：赵四<br/><br/></p></div>")
    a = read(tmp_path, "rfa.md", front("示例城市集会", "https://www.rfa.org/mandarin/x.html", "自由亚洲电台") + body)
    assert a.paragraphs[-1] == "数百人参加。"
    assert a.editor == "李华"


def test_terminus_space_separated_byline_and_slogans(tmp_path):
    text = ("---\nlayout: post\ntitle: 示例文章\ncategories: [ archive ]\n---\n\n**文 张三**\n\n"
            "示例城市的春天来得很早。\n\n居民们纷纷出门踏青。\n\n示例中文网 新闻无国界\n\n国内不同视角 国际更多声音\n")
    a = read(tmp_path, "2021-03-04-t.md", text)
    assert a.paragraphs == ["示例城市的春天来得很早。", "居民们纷纷出门踏青。"]
    assert a.author == "张三"


def test_genre_label_kept_in_title_but_wire_label_dropped(tmp_path):
    body = "<div><p>示例国总统周四发表讲话。</p></div>"
    dw = read(tmp_path, "dw.md", front("评论：示例国的选择", "https://www.dw.com/zh/x/a-1") + body)
    assert dw.title == "评论：示例国的选择"
    rt = read(tmp_path, "rt.md", front("焦点：示例国的选择", "https://cn.reuters.com/article/x-idCNKBS2") + body)
    assert rt.title == "示例国的选择"


def test_ft_story_lead_is_not_the_first_paragraph(tmp_path):
    body = ('<div><div class="story-lead">赵一：示例经济体的复苏仍面临三大风险。</div>'
            '<div class="story-body"><p>示例经济体上季度增长放缓。</p><p>分析人士预计下季度将回升。</p></div></div>')
    a = read(tmp_path, "ft.md", front("示例经济体的复苏", "https://cn.ft.com/story/001000001?full=y") + body)
    assert a.paragraphs == ["示例经济体上季度增长放缓。", "分析人士预计下季度将回升。"]
    assert a.author == "赵一"


def test_ft_lead_not_repeated_in_body_leaves_body_alone(tmp_path):
    body = '<div><div class="story-body"><p>示例经济体上季度增长放缓。</p></div></div>'
    a = read(tmp_path, "ft2.md", front("示例经济体", "https://cn.ft.com/story/001000002?full=y") + body)
    assert a.paragraphs == ["示例经济体上季度增长放缓。"]


def test_voa_body_time_beats_the_fetch_epoch(tmp_path):
    body = ("<!--1598892081000-->\n<div><div><i>Mon, 31 Aug 2020 15:41:19 GMT</i></div>"
            "<p>示例记者在北京被拘留。</p></div>")
    a = read(tmp_path, "voa.md", front("示例记者被拘", "https://www.voachinese.com/a/x/5564935.html") + body)
    assert a.published == "2020-08-31T15:41:19+00:00"
    assert a.paragraphs == ["示例记者在北京被拘留。"]


def test_nytimes_closing_bios_and_credits_dropped(tmp_path):
    body = ("<div><p>华盛顿——示例委员会周一公布了新规。</p><p>新规将于明年生效。</p>"
            "<p>Jane Doe和John Roe自华盛顿报道。</p><p>Jane Doe是时报驻华盛顿记者。</p>"
            "<p>王明(Ming Wang)是示例大学教授。</p><p>翻译：示例译者</p><p>点击查看本文英文版。</p></div>")
    a = read(tmp_path, "ny.md", front("示例委员会公布新规", "https://cn.nytimes.com/usa/20201103/x/") + body)
    assert a.paragraphs == ["华盛顿——示例委员会周一公布了新规。", "新规将于明年生效。"]


def test_nytimes_latin_name_mid_article_stays(tmp_path):
    body = "<div><p>Jane Doe是本案原告。</p><p>她周一出庭。</p></div>"
    a = read(tmp_path, "ny2.md", front("示例案开庭", "https://cn.nytimes.com/usa/20201104/y/") + body)
    assert a.paragraphs == ["Jane Doe是本案原告。", "她周一出庭。"]
