"""Shared fixtures: one segmenter/recognizer per test session (lexicons load once)."""

from __future__ import annotations

import pytest

from storyline.analyse.entities import EntityRecognizer
from storyline.analyse.segment import Segmenter
from storyline.model import Article, Doc, Paragraph


@pytest.fixture(scope="session")
def seg() -> Segmenter:
    return Segmenter()


@pytest.fixture(scope="session")
def rec(seg) -> EntityRecognizer:
    return EntityRecognizer(seg)


def make_doc(paragraphs: list[str], doc_id: str = "t", norms: list[str] | None = None) -> Doc:
    art = Article(id=doc_id, path=doc_id, source_key=doc_id, format="text", outlet=None, title=None, author=None,
                  published=None, published_inferred=False, url=None, language="zh-Hans", paragraphs=paragraphs)
    norms = norms or paragraphs
    return Doc(article=art, paragraphs=[Paragraph(i, t, n) for i, (t, n) in enumerate(zip(paragraphs, norms))])


@pytest.fixture(scope="session")
def analyse(seg, rec):
    def run(*paragraphs: str, doc_id: str = "t", norms: list[str] | None = None) -> Doc:
        doc = make_doc(list(paragraphs), doc_id, norms)
        seg(doc)
        rec(doc)
        return doc
    return run
