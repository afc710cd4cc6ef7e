"""Entity mentions (placeholder until the entities issue lands)."""

from __future__ import annotations

from storyline.model import Doc


class EntityRecognizer:
    def __init__(self, segmenter) -> None:
        self.segmenter = segmenter

    def __call__(self, doc: Doc) -> None:
        doc.mentions = []
