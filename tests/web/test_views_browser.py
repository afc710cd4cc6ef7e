"""Headless chromium over the overview views and the UI defects of issue #31: /docs, emoji offsets,
the timeline's opening month, inline 422s, long URLs, labels instead of codes, the coverage chart,
the entity network, stories, filters, export downloads. Store: views_store.py (our own sentences)."""

from __future__ import annotations

import json
import re
import time

import views_store
from test_browser import api, no_csp_errors, same_origin_only

LONE_SURROGATE = r"/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/"


def until(p, js: str, timeout: float = 8.0) -> None:
    """Poll a JS function until it returns true (wait_for_function would need eval: the CSP refuses it)."""
    deadline = time.monotonic() + timeout
    while not p.evaluate(js):
        assert time.monotonic() < deadline, f"never true: {js}"
        p.wait_for_timeout(50)


def broken_text(p, selector: str) -> bool:
    """True if the text under `selector` holds a lone surrogate or a replacement character."""
    return p.evaluate(f"(sel) => {LONE_SURROGATE}.test(document.querySelector(sel).innerText)", selector)


def test_docs_page_renders_the_openapi_31_schema(views_server, page):
    p = page.page
    p.goto(views_server.url + "/docs")
    p.wait_for_selector(".swagger-ui .opblock")
    body = p.locator("body").inner_text()
    assert "Unable to render" not in body and "/api/views/coverage" in body
    assert "3.1" in p.locator(".swagger-ui .info").inner_text()  # the OAS 3.1 badge
    page.shot("docs")
    no_csp_errors(page)
    same_origin_only(page, views_server)


def test_emoji_before_annotations_keeps_highlights_and_snippets_aligned(views_server, page):
    p = page.page
    art = api(views_server, "articles/a_emoji")
    p.goto(views_server.url + "/#/article/a_emoji")
    p.wait_for_selector("#view[data-view=article] .article-body p")
    assert p.locator(".article-body .ent").all_inner_texts() == [m["text"] for m in art["mentions"]]
    assert p.locator(".article-body .quote").inner_text() == art["quotes"][0]["text"]
    # the speaker is written next to the quote, not only in its tooltip
    assert p.locator("#p-1 .speaker-tag").inner_text().startswith("佩斯科夫")
    assert p.locator(".quotes .speaker, ul .speaker").first.inner_text() == "佩斯科夫"
    assert not broken_text(p, ".article-body")
    page.shot("article-emoji")
    p.goto(views_server.url + "/#/search?q=表情包外交&kind=sentence")
    p.wait_for_selector("ol.hits li")
    assert p.locator("ol.hits mark.hit").first.inner_text() == "表情包外交"
    assert "🙂" in p.locator("ol.hits").inner_text() and not broken_text(p, "ol.hits")
    sentence = p.locator("ol.hits a.hit-link").first.inner_text()
    p.locator("ol.hits a.hit-link").first.click()
    p.wait_for_selector("#view[data-view=article] .target")
    assert "".join(p.locator(".target").all_inner_texts()) == sentence
    page.shot("search-emoji")
    no_csp_errors(page)


def test_timeline_opens_on_the_newest_busy_month(views_server, page):
    p = page.page
    p.goto(views_server.url + "/#/timeline")
    p.locator(".vis-item .tl-label").first.wait_for()
    dates = [t[:7] for t in p.locator("ul.events li").all_inner_texts()]
    assert dates and set(dates) == {"2022-03"}, dates[:5]  # not 1812, not the stray 2031 event
    assert "2022-03" in p.locator(".month-nav .opened").inner_text()
    unconfirmed = p.locator(".vis-item.unconfirmed .tl-label")  # ev_syn0512, single source: dashed
    assert unconfirmed.count() == 1 and "单一来源" in unconfirmed.get_attribute("title")
    assert "2022" in "|".join(p.locator(".vis-time-axis .vis-text.vis-major").all_text_contents())
    page.shot("timeline-busy-month")
    p.click(".month-nav .prev-month")
    p.wait_for_url(re.compile(r"from=2022-02"))
    until(p, "() => document.querySelector('ul.events li') && document.querySelector('ul.events li').innerText.startsWith('2022-02')")
    p.click(".month-nav .all-dates")
    p.wait_for_url(re.compile(r"all=1"))
    until(p, "() => document.querySelector('ul.events li') && document.querySelector('ul.events li').innerText.startsWith('1812')")
    no_csp_errors(page)


def test_a_bad_filter_shows_an_inline_message_and_keeps_the_form(views_server, page):
    p = page.page
    p.goto(views_server.url + "/#/timeline?from=2022-13-45")
    p.wait_for_selector("#view[data-view=timeline] .error")
    assert p.locator("form.filters input[name=from]").input_value() == "2022-13-45"
    assert p.locator("[role=alert]").is_visible() and len(p.locator("[role=alert]").inner_text()) > 12
    p.fill("form.filters input[name=from]", "yesterday")
    p.click("form.filters button[type=submit]")
    p.wait_for_url(re.compile(r"from=yesterday"))
    p.wait_for_selector("#view[data-view=timeline] .error")
    assert p.locator("form.filters input[name=from]").input_value() == "yesterday"
    page.shot("timeline-422")
    p.goto(views_server.url + "/#/search?q=普京&to=2022-02-30")
    p.wait_for_selector("#view[data-view=search] .error")
    assert p.locator("#search-filters input[name=to]").input_value() == "2022-02-30"
    no_csp_errors(page)


def test_long_urls_wrap_and_link_to_the_original(views_server, page):
    p = page.page
    for width in (1280, 420):
        p.set_viewport_size({"width": width, "height": 900})
        p.goto(views_server.url + "/#/article/a_call")
        link = p.locator(".original a.external")
        link.wait_for()
        assert link.get_attribute("href") == views_store.LONG_URL
        assert link.get_attribute("rel") == "noopener noreferrer external"
        assert p.evaluate("document.documentElement.scrollWidth") <= width, width
    page.shot("article-long-url-narrow")


def test_labels_not_codes_badges_and_source_links(views_server, page):
    p = page.page
    p.goto(views_server.url + "/#/event/ev_syn0512")
    p.wait_for_selector("#view[data-view=event] .sources li")
    meta = p.locator("#view .meta").first.inner_text()
    assert "已发生 occurred" in meta and "单一来源" in meta
    assert "发起方 source" in p.locator("#view").inner_text()
    assert p.locator(".sources a.external").first.get_attribute("href") == views_store.LONG_URL
    page.shot("event-unconfirmed")
    p.goto(views_server.url + "/#/compare")
    p.wait_for_selector("#view[data-view=compare] table.compare")
    text = p.locator("#view").inner_text()
    assert not re.search(r"\bev_[0-9a-z]{4,}", text), re.findall(r"\bev_\w+", text)[:3]
    for h2 in p.locator("#view h2[data-feature]").all():
        assert h2.inner_text() != h2.get_attribute("data-feature")  # a label, not the code
    assert p.locator("table.compare a[href^='#/event/ev_syn']").count() > 0  # events as links with their summary
    page.shot("compare-labels")
    no_csp_errors(page)


def _bar_pixel(p, series: int, index: int, value: float) -> dict:
    box = p.locator("#coverage-chart").bounding_box()
    x, y = p.evaluate("([s, i, v]) => echarts.getInstanceByDom(document.getElementById('coverage-chart'))"
                      ".convertToPixel({ seriesIndex: s }, [i, v])", [series, index, value])
    return {"x": box["x"] + x, "y": box["y"] + y}


def test_coverage_chart_bar_click_filters_the_timeline(views_server, page):
    p = page.page
    data = api(views_server, "views/coverage", by="type", top=16)
    p.goto(views_server.url + "/#/coverage?by=type")
    p.wait_for_selector("#coverage-chart[data-ready='1'] canvas")
    assert p.locator(".busy-month").inner_text() == "2022-03"
    page.shot("coverage-by-type")
    at = data["periods"].index("2022-02")
    first = data["series"][0]
    point = _bar_pixel(p, 0, at, first["counts"][at] / 2)
    p.mouse.click(point["x"], point["y"])
    p.wait_for_url(re.compile(r"#/timeline\?type=" + first["key"] + "&from=2022-02&to=2022-02"))
    p.locator("ul.events li").first.wait_for()
    assert p.locator("ul.events li").count() == first["counts"][at]
    assert p.locator(f"ul.events li.type-{first['key']}").count() == first["counts"][at]
    p.goto(views_server.url + "/#/coverage")
    p.wait_for_selector("#coverage-chart[data-ready='1'] canvas")
    outlets = api(views_server, "views/coverage", by="outlet")
    i = next(k for k, s in enumerate(outlets["series"]) if s["key"] == "表情周刊")
    at = outlets["periods"].index("2022-03")
    below = sum(s["counts"][at] for s in outlets["series"][:i])  # the bars are stacked
    point = _bar_pixel(p, i, at, below + 0.5)
    p.mouse.click(point["x"], point["y"])
    p.wait_for_url(re.compile(r"#/articles\?outlet="))
    p.locator("table.list tr").first.wait_for()
    assert p.locator("table.list tr").count() == 1 and "网友热议" in p.locator("table.list").inner_text()
    page.shot("coverage-to-articles")
    no_csp_errors(page)
    same_origin_only(page, views_server)


def test_network_node_leads_to_the_entity_then_a_quote_and_its_sentence(views_server, page):
    p = page.page
    p.goto(views_server.url + "/#/entities")
    p.fill("#entity-search input[name=q]", "佩斯")
    p.click("#entity-search button[type=submit]")
    p.wait_for_url(re.compile(r"q=%E4%BD%A9"))
    until(p, "() => document.querySelectorAll('#view table.list tr').length === 1")
    assert "佩斯科夫" in p.locator("#view table.list").inner_text()
    page.shot("entities-search")
    p.goto(views_server.url + "/#/network?entity=普京")
    p.wait_for_selector("#network[data-ready='1'] canvas")
    assert p.locator("ol.edges li").count() == 3  # 普京's three partners
    page.shot("network")
    box = p.locator("#network").bounding_box()
    pos = p.evaluate("document.getElementById('network').cy.getElementById('e_peskov').renderedPosition()")
    p.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    p.wait_for_url(re.compile(r"#/entity/e_peskov$"))
    p.wait_for_selector("#view[data-view=entity] ul.quotes li")
    first = p.locator("ul.quotes li").first
    assert first.locator(".speaker").inner_text() == "佩斯科夫"
    first.locator(".source-link").click()
    p.wait_for_selector("#view[data-view=article] .target")
    assert p.locator(".target").first.is_visible()
    page.shot("network-to-quote-source")
    no_csp_errors(page)
    same_origin_only(page, views_server)


def test_stories_open_on_the_busy_month_with_events_and_badges(views_server, page):
    p = page.page
    p.goto(views_server.url + "/#/stories")
    p.wait_for_selector("#view[data-view=stories] section.story")
    assert "2022-03" in p.locator("h1").inner_text()
    story = p.locator("#story-st_mar")
    assert story.locator("li.event").count() == 3
    assert story.locator(".badge.unconfirmed").count() == 1 and "2 家媒体" in story.inner_text()
    page.shot("stories")
    with p.expect_download() as got:
        p.click("button.export-jsonl")
    lines = [json.loads(line) for line in open(got.value.path(), encoding="utf-8")]
    assert [r["story_id"] for r in lines] == ["st_mar"] * 3 and all(r["id"].startswith("ev_") for r in lines)
    p.click(".month-nav .prev-month")
    p.wait_for_selector("#story-st_feb")
    assert p.locator("#story-st_feb li.event").count() == 4
    no_csp_errors(page)


def test_export_of_the_current_view_as_csv_with_bom_and_jsonl(views_server, page):
    p = page.page
    p.goto(views_server.url + "/#/timeline?from=2022-02&to=2022-02&type=ACCUSE")
    p.locator("ul.events li").first.wait_for()
    shown = p.locator("ul.events li").count()
    with p.expect_download() as got:
        p.click("button.export-csv")
    raw = open(got.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf") and got.value.suggested_filename == "timeline.csv"
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,date,") and len(lines) == shown + 1
    assert not any("{" in line or "[" in line for line in lines)  # plain cells, never JSON
    assert "拜登 (发起方 source)" in raw.decode("utf-8-sig") or "普京 (发起方 source)" in raw.decode("utf-8-sig")
    with p.expect_download() as got:
        p.click("button.export-jsonl")
    records = [json.loads(line) for line in open(got.value.path(), encoding="utf-8")]
    assert len(records) == shown and {r["type"] for r in records} == {"ACCUSE"}
    no_csp_errors(page)


def test_dispute_and_search_filters(views_server, page):
    p = page.page
    p.goto(views_server.url + "/#/disputes")
    p.fill("#dispute-filters input[name=entity]", "马克龙")
    p.click("#dispute-filters button[type=submit]")
    p.wait_for_url(re.compile(r"entity="))
    p.wait_for_selector(".dispute .sides")
    p.fill("#dispute-filters input[name=entity]", "拜登")
    p.click("#dispute-filters button[type=submit]")
    until(p, "() => document.querySelectorAll('.dispute').length === 0 && document.querySelector('#dispute-filters')"
                        " && document.querySelector('#dispute-filters input').value === '拜登'")
    page.shot("disputes-filter")
    p.goto(views_server.url + "/#/search?q=局势")
    p.wait_for_selector("ol.hits li")
    assert p.locator("ol.hits li.kind-sentence").count() > 0  # before the filter: not only quotes
    p.select_option("#search-filters select[name=kind]", "quote")
    p.click("#search-filters button[type=submit]")
    p.wait_for_url(re.compile(r"kind=quote"))
    until(p, "() => { const hits = [...document.querySelectorAll('ol.hits li')];"
             " return hits.length > 0 && hits.every((e) => e.classList.contains('kind-quote')); }")
    no_csp_errors(page)
