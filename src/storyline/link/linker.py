"""Link stage: ties each new article to what the store already knows.

`Linker` is the one object the ingest writer talks to. It keeps the cross-article state
(entity registry, merged events) in memory for the run, links each stored doc incrementally,
and persists only what changed at the end of each batch. Stories (from the merged events) and
disputes (from the stored quotes and event mentions) are derived after the last batch: each
batch queues its dirty events and articles (`flush`), and `finish` works through the queues in
date order, a transaction at a time (link.stories and link.disputes say why).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from storyline.link.disputes import DisputeLinker
from storyline.link.entities import EntityRegistry
from storyline.link.events import EventLinker
from storyline.link.remerge import Remerger
from storyline.link.stories import StoryLinker
from storyline.model import Doc
from storyline.store import Store
from storyline.store import linked


AHEAD = 16  # articles built ahead per idle call (~25 ms: an analysed article waits no longer)


@dataclass(frozen=True)
class MemoryCaps:
    """How much cross-article state the linkers keep between batches before they drop it and
    read the store again (bounded memory on long runs; results do not depend on it: tests run
    with tiny caps and compare). Counts, not bytes (docs/scale.md has the sizes measured)."""

    events: int = 30_000  # merged event records held by the event linker
    story_events: int = 30_000  # event records cached by the story linker
    statements: int = 20_000  # built statements the dispute linker remembers (its memo)


class Linker:
    def __init__(self, store: Store, caps: MemoryCaps | None = None) -> None:
        self.store = store
        self.caps = caps or MemoryCaps()
        self.entities = EntityRegistry.from_records(linked.load_entities(store))
        self.events = EventLinker(store)
        self.stories = StoryLinker(store)
        self.disputes = DisputeLinker(store)

    def link(self, doc: Doc) -> None:
        self.entities.link_doc(doc, (doc.anchor or doc.article.published or "")[:10] or None)
        for event in doc.events:
            for actor in event.actors:
                if actor.mention is not None:
                    actor.entity_id = actor.mention.entity_id
        for quote in doc.quotes:
            if quote.speaker_mention is not None:
                quote.speaker_entity_id = quote.speaker_mention.entity_id
        self.events.link_doc(doc, self._name_of)
        self.disputes.note(doc.article.id)  # compared at flush, once its quotes are stored

    def _name_of(self, entity_id: str) -> str | None:
        entity = self.entities.entities.get(entity_id)
        return entity.name if entity is not None else None

    def forget(self, article_id: str) -> None:
        """An article is being replaced (its stored annotations are about to be deleted): take
        its reports out of merged events and its mentions out of the entity counts."""
        self.events.forget(article_id)
        self.disputes.forget(article_id)
        self.entities.uncount(linked.entity_mentions_of_article(self.store, article_id))

    def flush(self) -> None:
        dirty = sorted(self.entities.dirty)
        if dirty:
            known = self.entities.entities  # only the changed entities' records: not all of them
            # the registry's counts are the stored mentions' (link_doc adds, uncount removes)
            records = [known[i].to_record() for i in dirty if i in known]
            self.disputes.entities_saved(records)  # statements cached with an old name or side go
            linked.save_entities(self.store, records, recount=False)
            self.entities.dirty.clear()
        dirty_events = set(self.events.dirty)
        self.events.flush()
        self.stories.queue(dirty_events)
        self.disputes.queue()
        self.trim()

    def idle(self) -> bool:
        """The writer is waiting for analysed articles: do a little of `finish`'s work ahead
        (build and cache some queued articles' dispute statements, DisputeLinker.build_ahead).
        False once there is nothing left to do ahead."""
        return self.disputes.build_ahead(AHEAD) > 0

    def pending(self) -> int:
        """Queued work: events whose stories and articles whose disputes are not linked yet
        (this run's, and a killed run's)."""
        return len(self.stories.pending) + len(self.disputes.dirty)

    def finish(self, on_chunk: Callable[[int], None] | None = None) -> None:
        """After the last batch: recompute the queued events' stories, then link the queued
        articles' disputes, a day-ordered step per transaction (a kill loses at most one step;
        what is not finished stays queued for the next ingest). `on_chunk(n)` is told how many
        queued items each transaction took."""
        self.remerge()
        self.stories.trim(0)  # what the batches cached predates their changes
        for chunk in self.stories.chunks():
            with self.store.transaction():
                self.stories.update(set(chunk), self.events.loaded, changed=False)
                self.stories.done(chunk)
            self.stories.trim(self.caps.story_events)
            if on_chunk:
                on_chunk(len(chunk))
        self.stories.trim(0)  # the stories are done: their cache only takes room from the disputes'
        self.disputes.link_all(on_chunk)
        self.disputes.trim(self.caps.statements)

    def remerge(self) -> None:
        """Merge the queued events' neighbourhoods again in one canonical order (link/remerge.py),
        in one transaction: the events and stories are then those of the set of articles, not of
        the order they were read in. The events it changes are queued for their stories; the
        cached dispute statements of reports that changed event take the new event id (an event
        statement names its event), and an earlier ingest's article is linked to disputes again."""
        seeds = set(self.stories.pending)
        if not seeds:
            return
        with self.store.transaction():
            out = Remerger(self.events).run(seeds, self._name_of)
            self.stories.queue(out.events)
            articles = sorted(out.articles)
            if articles:
                self.disputes.trim(-1)  # statements built ahead in memory name the old events
                self.disputes.cache.rename_events(out.renamed)  # cached ones take the new ids
                linked_before = set(self.disputes.dirty)
                for aid in articles:
                    if aid not in linked_before:  # linked by an earlier ingest: linked again
                        self.disputes.forget(aid)
                        self.disputes.note(aid)
                self.disputes.queue()

    def trim(self) -> None:
        """Between batches (everything is stored): keep the linkers' memory under `caps`."""
        self.events.trim(self.caps.events)
        self.stories.trim(self.caps.story_events)
        self.disputes.trim(self.caps.statements)
