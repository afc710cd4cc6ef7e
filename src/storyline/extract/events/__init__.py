"""PLOVER event mentions (placeholder until the events issue lands)."""

from __future__ import annotations

from storyline.model import Doc


class EventExtractor:
    def __call__(self, doc: Doc) -> None:
        doc.events = []
