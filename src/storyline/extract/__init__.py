"""Extract stage: PLOVER event mentions and attributed quotes, sentence by sentence."""

from __future__ import annotations

import time

from storyline.extract.events import EventExtractor
from storyline.extract.quotes import QuoteExtractor
from storyline.model import Doc


class Extractor:
    def __init__(self) -> None:
        self.events = EventExtractor()
        self.quotes = QuoteExtractor()

    def __call__(self, doc: Doc, timer) -> None:
        t = time.perf_counter()
        self.events(doc)
        self.quotes(doc)
        timer.add("events_quotes", t)
