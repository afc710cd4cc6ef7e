"""Time expressions (placeholder until the time issue lands)."""

from __future__ import annotations

from storyline.model import Doc


class TimeTagger:
    def __call__(self, doc: Doc) -> None:
        doc.anchor = (doc.article.published or "")[:10] or None
        doc.times = []
