"""Extract stage: PLOVER event mentions and attributed quotes, sentence by sentence."""

from __future__ import annotations

from storyline.extract.events import EventExtractor
from storyline.extract.events.grammar import resolve_pronouns
from storyline.extract.quotes import QuoteExtractor
from storyline.clock import clock
from storyline.model import Doc


class Extractor:
    def __init__(self) -> None:
        self.events = EventExtractor()
        self.quotes = QuoteExtractor(self.events.grammar)  # one grammar, loaded once

    def __call__(self, doc: Doc, timer) -> None:
        t = clock()
        # actor heads are the same for both extractors (read-only): computed once per article
        all_heads = resolve_pronouns(self.events.grammar.doc_heads(doc))
        self.events(doc, all_heads)
        self.quotes(doc, all_heads)
        timer.add("events_quotes", t)
