"""Shared helpers for the time tests: build Docs by hand or through the real read/clean stages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.analyse.time import TimeTagger
from storyline.model import Article, Doc, Paragraph

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
_PUNCT = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "："})


def make_doc(paragraphs: list[str] | str, published: str | None) -> Doc:
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    article = Article(
        id="t", path="t", source_key="t", format="text", outlet=None, title=None, author=None,
        published=published, published_inferred=False, url=None, language="zh-Hans", paragraphs=paragraphs,
    )
    return Doc(article, [Paragraph(i, t, t.translate(_PUNCT)) for i, t in enumerate(paragraphs)])


def _fallback_doc(path: Path) -> Doc:
    """Only used while the read/clean stages are not importable: strip tags, read the date line."""
    from email.utils import parsedate_to_datetime

    raw = path.read_text(encoding="utf-8")
    published = None
    m = re.search(r"^date: (.+)$", raw, re.M)
    if m:
        published = parsedate_to_datetime(m.group(1)).isoformat()
    body = raw.split("---", 2)[2] if raw.lstrip().startswith("---") else raw
    paras = [line.strip() for line in re.sub(r"<[^>]+>", "", body).splitlines() if line.strip()]
    return make_doc(paras, published)


def seed_doc(prefix: str) -> Doc:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds folder is missing")
    path = next(SEEDS.glob(prefix + "_*"))
    try:
        from storyline.clean import clean_record
        from storyline.read import read_file
    except ImportError:
        return _fallback_doc(path)
    return clean_record(read_file(path, str(path))[0])


@pytest.fixture(scope="session")
def tagger() -> TimeTagger:
    return TimeTagger()


@pytest.fixture(name="make_doc")
def make_doc_fixture():
    return make_doc


@pytest.fixture
def tag(tagger):
    """tag(text, published) -> {expression text: TimeExpr} for a one-paragraph doc."""

    def run(text: str | list[str], published: str | None = "2022-02-09"):
        doc = make_doc(text, published)
        tagger(doc)
        return {t.text: t for t in doc.times}

    return run
