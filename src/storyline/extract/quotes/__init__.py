"""Attributed quotes (placeholder until the events issue lands)."""

from __future__ import annotations

from storyline.model import Doc


class QuoteExtractor:
    def __call__(self, doc: Doc) -> None:
        doc.quotes = []
