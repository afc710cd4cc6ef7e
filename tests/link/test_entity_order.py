"""Entity linking must not make two entities of one name because of the order of reading: a plain
美国 (no gazetteer hint) read before the gazetteer's 美国 is the same entity (issue #32 item 2)."""

from __future__ import annotations

from storyline.link.entities import EntityRegistry, entity_id
from storyline.model import Article, Doc, EntityMention, Paragraph


def _doc(aid: str, hint: str | None) -> Doc:
    text = "美国表示关切。"
    art = Article(id=aid, path=aid, source_key=aid, format="text", outlet=None, title=None, author=None,
                  published="2022-02-01", published_inferred=False, url=None, language="zh-Hans", paragraphs=[text])
    doc = Doc(article=art, paragraphs=[Paragraph(0, text, text)])
    doc.mentions = [EntityMention(0, 0, 2, "美国", "GPE", "美国", canonical_hint=hint, local_id=0)]
    return doc


def test_a_plain_name_before_the_gazetteer_one_is_one_entity():
    ids = []
    for order in (("plain", "gaz"), ("gaz", "plain")):
        reg = EntityRegistry()  # the packaged gazetteer
        docs = {"plain": _doc("p", None), "gaz": _doc("g", "美国")}
        for name in order:
            reg.link_doc(docs[name], "2022-02-01")
        assert docs["plain"].mentions[0].entity_id == docs["gaz"].mentions[0].entity_id
        assert len(reg.entities) == 1 and next(iter(reg.entities.values())).gazetteer
        ids.append(docs["gaz"].mentions[0].entity_id)
    assert ids[0] == ids[1] == entity_id("GPE", "美国")
