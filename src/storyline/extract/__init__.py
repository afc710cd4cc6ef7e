"""Extract stage: PLOVER event mentions and attributed quotes, sentence by sentence."""

from __future__ import annotations

import os

from storyline.extract.events import EventExtractor
from storyline.extract.learned import LearnedEvents
from storyline.extract.events.grammar import resolve_pronouns
from storyline.extract.quotes import QuoteExtractor
from storyline.clock import clock
from storyline.model import Doc


class Extractor:
    def __init__(self, learned: bool | None = None) -> None:
        """`learned`: decide events with the trained models (default: when they ship; the environment
        variable STORYLINE_EVENTS=rules keeps the rules' own events, for comparisons)."""
        self.events = EventExtractor()
        self.quotes = QuoteExtractor(self.events.grammar)  # one grammar, loaded once
        if learned is None:
            learned = os.environ.get("STORYLINE_EVENTS", "learned") != "rules"
        self.learned = LearnedEvents(self.events.grammar, self.events.lexicon) if learned else None
        if self.learned is not None and not self.learned.ready:
            self.learned = None

    def __call__(self, doc: Doc, timer) -> None:
        t = clock()
        # actor heads are the same for both extractors (read-only): computed once per article
        all_heads = resolve_pronouns(self.events.grammar.doc_heads(doc))
        self.events(doc, all_heads)
        if self.learned is not None:
            doc.events = self.learned(doc, doc.events, all_heads)
        self.quotes(doc, all_heads)
        timer.add("events_quotes", t)
