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


def _person(aid: str, surface: str, hint: str | None = None, english: str | None = None) -> Doc:
    text = f"{surface}表示关切。"
    art = Article(id=aid, path=aid, source_key=aid, format="text", outlet=None, title=None, author=None,
                  published="2021-12-30", published_inferred=False, url=None, language="zh-Hans", paragraphs=[text])
    doc = Doc(article=art, paragraphs=[Paragraph(0, text, text)])
    doc.mentions = [EntityMention(0, 0, len(surface), surface, "PERSON", surface, canonical_hint=hint,
                                  english=english, local_id=0)]
    return doc


def _link_both_orders(make) -> list[list[str]]:
    """The entity ids of each document's mention, read in one order and in the other."""
    out = []
    for order in ((0, 1), (1, 0)):
        reg = EntityRegistry()
        docs = make()
        for i in order:
            reg.link_doc(docs[i], "2021-12-30")
        out.append([d.mentions[0].entity_id for d in docs])
    return out


def test_a_script_variant_read_first_does_not_change_the_id():
    # two outlets write one invented editor's surname as 锺 and as 钟: one entity, one id either way
    first, second = _link_both_orders(lambda: [_person("a", "锺立衡"), _person("b", "钟立衡")])
    assert first[0] == first[1] and second[0] == second[1]
    assert first == second


def test_an_english_name_of_the_gazetteer_joins_its_entity_in_either_order():
    # 苏利文（Jake Sullivan） without the gazetteer's hint, and the gazetteer's 沙利文 (杰克·沙利文)
    first, second = _link_both_orders(lambda: [_person("a", "苏利文", english="Jake Sullivan"),
                                               _person("b", "沙利文", hint="杰克·沙利文")])
    assert first == second == [[entity_id("PERSON", "杰克·沙利文")] * 2][0]
