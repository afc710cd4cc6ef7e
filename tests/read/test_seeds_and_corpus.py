"""Integration tests on the shared seeds and a robustness run over the whole shared corpus."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from storyline.clean import clean_record
from storyline.model import ReadError
from storyline.read import read_file

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
BOILERPLATE = ("责任编辑", "原文链接", "原文地址", "点击查看大图", "本文系", "不得转载")


def seed(prefix: str):
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not available")
    [path] = SEEDS.glob(prefix + "_*")
    docs = [clean_record(r) for r in read_file(path, str(path))]
    assert len(docs) == 1
    return docs[0]


def assert_clean(doc, anywhere: bool = True):
    """No boilerplate in paragraphs: anywhere (seeds), or at paragraph start (real corpus text
    may mention e.g. 责任编辑 in a sentence)."""
    for p in doc.paragraphs:
        assert len(p.text) == len(p.norm)
        if anywhere:
            assert not any(b in p.text for b in BOILERPLATE), p.text
        else:
            assert not p.text.startswith(BOILERPLATE), p.text


def test_seed_000_hexo():
    doc = seed("000")
    a = doc.article
    assert (a.format, a.title, a.outlet) == ("hexo", "马克龙：普京向我保证……俄：没有", "观察者网")
    assert a.published == "2022-02-09T10:58:56+00:00"
    assert a.author == "刘骞"
    assert "英国BBC报道截图" in a.captions
    assert not any("报道截图" in p for p in a.paragraphs)
    assert a.paragraphs[0].startswith("法国总统")  # the 【文/观察者网 …】 byline left the text (issue #25)
    assert a.language == "zh-Hans"
    assert_clean(doc)


def test_seed_002_headings():
    doc = seed("002")
    headings = [p.text for p in doc.paragraphs if p.is_heading]
    assert "双方通话一小时，俄：美歇斯底里达到顶峰" in headings
    assert_clean(doc)


def test_seed_004_web_markdown():
    doc = seed("004")
    a = doc.article
    assert a.format == "web-markdown"
    assert a.title == "普京拜登是否举行峰会 莫斯科谨慎回应"
    assert (a.outlet, a.published, a.author, a.editor) == ("大纪元", "2022-02-21", "张婷", "林妍")
    assert a.url == "https://www.epochtimes.com/gb/22/2/21/n13594481.htm"
    assert any("俄罗斯总统普京和美国总统拜登" in p for p in a.paragraphs)
    assert a.paragraphs[0].startswith("克里姆林宫周一")
    assert not any("首页" in p for p in a.paragraphs)
    assert_clean(doc)


def test_seed_001_plain_text():
    a = seed("001").article
    assert a.format == "text"
    assert (a.title, a.outlet, a.published, a.author) == (None, None, None, None)
    assert len(a.paragraphs) > 40


def test_whole_corpus_reads():
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    files = [p for p in CORPUS.rglob("*") if p.is_file() and p.parent != CORPUS]
    assert len(files) > 2000
    ok = errors = 0
    started = time.perf_counter()
    for path in files:
        t = time.perf_counter()
        try:
            records = read_file(path, str(path))
        except ReadError:
            errors += 1
            continue
        docs = [clean_record(r) for r in records]
        if any(d.paragraphs for d in docs):
            ok += 1
        for d in docs:
            assert_clean(d, anywhere=False)
            assert d.article.outlet, path
        assert time.perf_counter() - t < 5, f"{path} took too long"
    elapsed = time.perf_counter() - started
    assert ok >= 0.99 * len(files), (ok, errors, len(files))
    assert elapsed < 120, elapsed
