"""Issue #30: an undated page whose images sit under a dated upload folder (uploads/2022/01/) takes
the year of its year-less days from them, and is dated no later than the evidence. Fixtures are our
own sentences; the pages are written to a temporary folder and read by the ordinary reader."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from storyline.analyse.time import TimeTagger
from storyline.clean import clean_record
from storyline.read import read_file

INGEST = date(2026, 12, 7)
IMG = "![](https://assets.example.org/wp-content/uploads/{}/photo.jpg)\n\n"


def _page(tmp_path: Path, body: str, uploads: tuple[str, ...]) -> Path:
    images = "".join(IMG.format(u) for u in uploads)
    path = tmp_path / "README.md"
    path.write_text(f"## 议员预测冬奥后局势\n\n{images}{body}\n", encoding="utf-8")
    return path


def _tag(path: Path):
    doc = clean_record(read_file(path, str(path))[0])
    TimeTagger(today=INGEST)(doc)
    return doc, {t.text: t.value for t in doc.times}


def test_year_less_days_take_the_upload_year(tmp_path):
    body = "英国媒体1月22日报道，一名议员在1月21日与记者通话时预测，局势会在2月后升级。"
    doc, values = _tag(_page(tmp_path, body, ("2021/08", "2022/01")))
    assert any(link.get("kind") == "image" for link in doc.article.links)
    assert doc.article.published == "2022-01-22" and doc.article.published_inferred
    assert "image uploaded 2022/01" in doc.article.published_clue
    assert values["1月22日"] == "2022-01-22" and values["1月21日"] == "2022-01-21"


def test_a_day_before_the_upload_month_stays_in_its_year(tmp_path):
    body = "当地时间12月22日，据官方消息，该市疫情再度失控，目前所有出城道路均已封闭。"
    doc, values = _tag(_page(tmp_path, body, ("2022/01",)))
    assert doc.article.published == "2021-12-22"
    assert values["当地时间12月22日"] == "2021-12-22"


def test_no_dated_mention_gives_the_upload_month(tmp_path):
    body = "乌克兰总统府顾问24日透露，一座核电站已被占领。"
    doc, values = _tag(_page(tmp_path, body, ("2022/02",)))
    assert doc.article.published == "2022-02" and "upload" in doc.article.published_clue
    assert values["24日"] == "2022-02-24"


def test_without_dated_images_nothing_is_guessed(tmp_path):
    body = "英国媒体1月22日报道，一名议员在1月21日与记者通话。"
    doc, values = _tag(_page(tmp_path, body, ()))
    assert doc.article.published is None
    assert values["1月22日"] == "XXXX-01-22"


def test_an_upload_month_in_the_future_of_the_ingest_is_no_evidence(tmp_path):
    doc, _ = _tag(_page(tmp_path, "乌克兰总统府顾问24日透露，核电站已被占领。", ("2099/02",)))
    assert doc.article.published is None


def test_check_accepts_the_upload_evidence_and_flags_a_later_date(repo_script):
    check = repo_script("eval/check_published.py")
    tagger = TimeTagger(today=INGEST)
    links = [{"href": "https://a.example.org/wp-content/uploads/2022/01/x.jpg", "text": "", "kind": "image"}]
    paragraphs = ["英国媒体1月22日报道，一名议员在1月21日与记者通话。"]
    row = {"published": "2022-01-22", "published_clue": "newest past date: 1月22日", "title": None,
           "paragraphs": json.dumps(paragraphs), "links": json.dumps(links)}
    assert check._row_problems(tagger, row, INGEST) == []
    assert check._row_problems(tagger, dict(row, published="2022-03-05"), INGEST)
    assert check._row_problems(tagger, dict(row, links="[]"), INGEST)  # no year without the images
