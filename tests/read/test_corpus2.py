"""Integration run over every file of the shared corpus2 (20 outlet folders, 3,864 files): one
display name per folder, the publication day agrees with MANIFEST.tsv's `date` wherever the
manifest found evidence in the file, only genuinely empty posts fail, and same-link revisions
come out as near-duplicates of each other."""

from __future__ import annotations

import collections
import csv
import datetime as dt
from functools import lru_cache
from pathlib import Path

import pytest

from storyline.clean import clean_record
from storyline.link.dedup import THRESHOLD, Deduper
from storyline.model import ReadError
from storyline.read import read_file

CORPUS2 = Path(__file__).resolve().parents[2].parent / "shared" / "corpus2"
EMPTY_REASONS = ("no article text: the post is only", "no article text: the post body is empty")


@lru_cache(maxsize=1)
def corpus2() -> tuple[list[dict], dict[str, object], dict[str, str]]:
    """(manifest rows, relative path -> Article, relative path -> failure reason), read once."""
    if not (CORPUS2 / "MANIFEST.tsv").is_file():
        pytest.skip("shared corpus2 not available")
    rows = list(csv.DictReader((CORPUS2 / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"))
    articles, failures = {}, {}
    for row in rows:
        path = CORPUS2 / row["relative_path"]
        try:
            records = read_file(path, str(path))
        except ReadError as exc:
            failures[row["relative_path"]] = str(exc)
            continue
        assert len(records) == 1, row["relative_path"]
        articles[row["relative_path"]] = clean_record(records[0]).article
    return rows, articles, failures


def test_every_folder_has_one_display_name_and_no_article_lacks_one():
    rows, articles, _ = corpus2()
    names = collections.defaultdict(set)
    for rel, article in articles.items():
        assert article.outlet, rel
        names[rel.split("/")[0]].add(article.outlet)
    assert len(names) == 20
    assert all(len(v) == 1 for v in names.values()), {k: v for k, v in names.items() if len(v) > 1}
    assert names["bbc"] == {"BBC中文"} and names["cna"] == {"中央社"} and names["rthk"] == {"香港電台"}
    assert len(set().union(*names.values())) == 20  # twenty outlets, twenty names


def test_only_genuinely_empty_posts_fail_each_with_a_reason():
    rows, articles, failures = corpus2()
    assert len(articles) + len(failures) == len(rows)
    for rel, reason in failures.items():
        assert reason.startswith(EMPTY_REASONS), (rel, reason)
    assert len(failures) <= 10
    for rel, article in articles.items():
        assert article.paragraphs, rel


def _close(published: str, day: str) -> bool:
    """Same day; or, for a timestamp with an offset, a neighbouring day (the manifest takes some
    UTC stamps' UTC day, the reader keeps the outlet's offset: both are that instant)."""
    if published[:10] == day:
        return True
    if len(published) <= 10:
        return False
    delta = abs((dt.date.fromisoformat(published[:10]) - dt.date.fromisoformat(day)).days)
    return delta == 1


def test_published_is_the_publication_day_not_the_fetch_time():
    rows, articles, _ = corpus2()
    checked = wrong = 0
    for row in rows:
        article = articles.get(row["relative_path"])
        if article is None or not row["date"] or row["date_source"].startswith("front matter date (mirror fetch"):
            continue
        checked += 1
        if not (article.published and _close(article.published, row["date"])):
            wrong += 1
    assert checked > 3500
    assert wrong == 0


def test_fetch_date_is_not_taken_when_the_link_says_otherwise():
    """307 files' front-matter day differs from the publication day (the README's count)."""
    rows, articles, _ = corpus2()
    differing = [r for r in rows if r["relative_path"] in articles and r["date"] and r["format"] == "jekyll-html"
                 and f"\ndate: {r['date']}" not in (CORPUS2 / r["relative_path"]).read_text(encoding="utf-8")[:600]]
    assert len(differing) > 200
    for row in differing:
        assert articles[row["relative_path"]].published[:10] == row["date"], row["relative_path"]


def test_kyodo_never_has_an_empty_article_and_datelines_leave_the_body():
    _, articles, _ = corpus2()
    kyodo = [a for rel, a in articles.items() if rel.startswith("kyodo/")]
    assert len(kyodo) >= 228
    assert all(a.paragraphs and not a.paragraphs[0].startswith("【共同社") for a in kyodo)
    assert all(not a.paragraphs[-1].endswith("（完）") for a in kyodo)


def test_language_is_per_article():
    _, articles, _ = corpus2()
    dw = collections.Counter(a.language for rel, a in articles.items() if rel.startswith("dw/"))
    assert dw["zh-Hant"] >= 50 and dw["zh-Hans"] >= 300


def test_same_link_revisions_are_near_duplicates():
    _, articles, _ = corpus2()
    by_url = collections.defaultdict(list)
    for article in articles.values():
        if article.url:
            by_url[article.url].append(article)
    groups = [g for g in by_url.values() if len(g) > 1]
    assert len(groups) >= 15
    deduper = Deduper()
    for group in groups:
        first = deduper.signature(group[0].paragraphs)
        for other in group[1:]:
            assert (other.content_hash == group[0].content_hash
                    or first.similarity(deduper.signature(other.paragraphs)) >= THRESHOLD), other.path
