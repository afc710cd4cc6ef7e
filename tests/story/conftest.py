"""Hand-built stores for the story tests: our own news-style sentences, written through the
real writer so the linkers read exactly what ingest would leave behind."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from storyline.model import Actor, Article, Doc, EntityMention, EventMention, Paragraph, Quote
from storyline.store import open_store
from storyline.store import linked, writer

ENTITIES = [
    {"id": "e_ledrian", "name": "勒德里昂", "type": "PERSON", "aliases": ["勒德里昂", "让-伊夫·勒德里昂"], "country": "法国"},
    {"id": "e_zakharova", "name": "扎哈罗娃", "type": "PERSON", "aliases": ["扎哈罗娃"], "country": "俄罗斯",
     "roles": [{"title": "发言人", "of": "俄罗斯外交部"}]},
    {"id": "e_lavrov", "name": "拉夫罗夫", "type": "PERSON", "aliases": ["拉夫罗夫"], "country": "俄罗斯"},
    {"id": "e_blinken", "name": "布林肯", "type": "PERSON", "aliases": ["布林肯"], "country": "美国"},
    {"id": "e_russia", "name": "俄罗斯", "type": "GPE", "aliases": ["俄罗斯", "俄方"]},
    {"id": "e_zelensky", "name": "泽连斯基", "type": "PERSON", "aliases": ["泽连斯基", "泽伦斯基"], "country": "乌克兰"},
    {"id": "e_scholz", "name": "朔尔茨", "type": "PERSON", "aliases": ["朔尔茨"], "country": "德国"},
    {"id": "e_erdogan", "name": "埃尔多安", "type": "PERSON", "aliases": ["埃尔多安"], "country": "土耳其"},
]


@dataclass
class Builder:
    """Adds articles with paragraphs, mentions, quotes and events to a store."""

    store: object
    docs: list[Doc] = field(default_factory=list)

    def article(self, aid: str, paragraphs: list[str], published: str | None, outlet: str | None = None) -> Doc:
        art = Article(
            id=aid, path=f"{aid}.txt", source_key=f"/x/{aid}", format="text", outlet=outlet, title=aid,
            author=None, published=published, published_inferred=False, url=None, language="zh-Hans",
            paragraphs=paragraphs, content_hash=aid + "-h",
        )
        doc = Doc(article=art, paragraphs=[Paragraph(i, p, p) for i, p in enumerate(paragraphs)])
        self.docs.append(doc)
        return doc

    @staticmethod
    def _span(doc: Doc, para: int, text: str) -> tuple[int, int]:
        start = doc.paragraphs[para].text.index(text)
        return start, start + len(text)

    def mention(self, doc: Doc, para: int, text: str, entity_id: str, type_: str = "PERSON", nth: int = 0) -> EntityMention:
        body = doc.paragraphs[para].text
        start = -1
        for _ in range(nth + 1):
            start = body.index(text, start + 1)
        m = EntityMention(para, start, start + len(text), text, type_, text, entity_id=entity_id)
        doc.mentions.append(m)
        return m

    def quote(self, doc: Doc, para: int, text: str, speaker: str, entity_id: str | None, stance: str = "assert",
              date: str | None = None) -> Quote:
        start, end = self._span(doc, para, text)
        q = Quote(para, start, end, text, "表示", False, stance, speaker, date=date, speaker_entity_id=entity_id)
        doc.quotes.append(q)
        return q

    def event(self, doc: Doc, para: int, text: str, type_: str, actors: list[tuple[str, str | None, str]],
              date: str | None = None, mode: str | None = None, status: str = "occurred",
              event_id: str | None = None) -> EventMention:
        start, end = self._span(doc, para, text)
        e = EventMention(para, start, end, text, type_, type_.lower(), start, start + 1,
                         actors=[Actor(n, role, entity_id=eid) for n, eid, role in actors],
                         mode=mode, status=status, date=date, event_id=event_id)
        doc.events.append(e)
        return e

    def write(self) -> None:
        with self.store.transaction():
            linked.save_entities(self.store, ENTITIES)
            for doc in self.docs:
                writer.upsert_article(self.store, doc.article)
                writer.write_annotations(self.store, doc)
            # as the ingest writer does: what is stored is queued for dispute linking
            linked.enqueue(self.store, "dispute", sorted(d.article.id for d in self.docs))
        self.docs = []


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "story.db"))
    yield s
    s.close()


@pytest.fixture
def build(store) -> Builder:
    return Builder(store)
