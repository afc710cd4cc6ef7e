"""Shared fixtures: extractors run on hand-built Docs (tests/extract/docs.py), loaded once per session."""

from __future__ import annotations

import pytest

from storyline.extract.events import EventExtractor
from storyline.extract.quotes import QuoteExtractor
from tests.extract.docs import make_doc


def _runner(extractor):
    def run(text, names, **kw):
        doc = make_doc(text, names, **kw)
        extractor(doc)
        return doc
    return run


@pytest.fixture(scope="session")
def quotes():
    return _runner(QuoteExtractor())


@pytest.fixture(scope="session")
def extract():
    return _runner(EventExtractor())
