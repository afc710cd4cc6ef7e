"""Extract stage: PLOVER event mentions and attributed quotes, sentence by sentence."""

from __future__ import annotations

import os
from pathlib import Path

from storyline.extract.events import EventExtractor
from storyline.extract.events.dates import date_day_news, undate_unreal
from storyline.extract.learned import DATA as LEARNED_DATA, LearnedEvents
from storyline.extract.learned.speakers import LearnedSpeakers
from storyline.extract.events.grammar import resolve_pronouns
from storyline.extract.quotes import QuoteExtractor
from storyline.clock import clock
from storyline.model import Doc


class Extractor:
    def __init__(self, learned: str | None = None) -> None:
        """`learned`: which decisions the trained models make where they ship: "events,quotes" (the
        default), "events", "quotes" or "none" (the rules alone). The environment variable
        STORYLINE_LEARNED sets the default, so `storyline eval` can compare both."""
        self.events = EventExtractor()
        self.quotes = QuoteExtractor(self.events.grammar)  # one grammar, loaded once
        parts = set((learned or os.environ.get("STORYLINE_LEARNED", "events,quotes")).split(","))
        data = Path(os.environ.get("STORYLINE_EXTRACT_MODELS", LEARNED_DATA))  # retrained models, to compare
        events = LearnedEvents(self.events.grammar, self.events.lexicon, data, extractor=self.events) \
            if "events" in parts else None
        self.learned = events if events is not None and events.ready else None
        speakers = LearnedSpeakers(data) if "quotes" in parts else None
        self.speakers = speakers if speakers is not None and speakers.ready else None

    def __call__(self, doc: Doc, timer) -> None:
        t = clock()
        # actor heads are the same for both extractors (read-only): computed once per article
        all_heads = resolve_pronouns(self.events.grammar.doc_heads(doc))
        self.events(doc, all_heads)
        if self.learned is not None:
            doc.events = self.learned(doc, doc.events, all_heads)
        undate_unreal(doc, doc.events)
        date_day_news(doc, doc.events)
        self.quotes(doc, all_heads)
        if self.speakers is not None:
            doc.quotes = self.speakers(doc, doc.quotes, all_heads)
        timer.add("events_quotes", t)
