"""Integration on the shared seed articles (read at run time, never copied into the project)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.link.entities import EntityRegistry

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture(scope="module")
def linked(seg, rec):
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not available")
    from storyline.clean import clean_record
    from storyline.read import read_file

    reg = EntityRegistry(seg.resources)
    docs = []
    for f in sorted(SEEDS.glob("*.txt")):
        for raw in read_file(f, str(f)):
            doc = clean_record(raw)
            seg(doc)
            rec(doc)
            reg.link_doc(doc)
            docs.append(doc)
    return reg, docs


def ids_of(docs, norm):
    return {m.entity_id for d in docs for m in d.mentions if m.norm == norm}


def test_variants_are_one_entity(linked):
    reg, docs = linked
    for a, b in [("泽连斯基", "泽伦斯基"), ("库列巴", "库莱巴"), ("佩斯科夫", "德米特里·佩斯科夫"),
                 ("拉夫罗夫", "谢尔盖·拉夫罗夫"), ("欧尔班", "欧尔班·维克托"), ("乌沙科夫", "尤里·乌沙科夫")]:
        ia, ib = ids_of(docs, a), ids_of(docs, b)
        assert len(ia) == 1 and ia == ib, (a, b, ia, ib)
    pes = reg.entities[ids_of(docs, "佩斯科夫").pop()]
    assert pes.english == "Dmitry Peskov" and {"title": "新闻发言人", "of": "克里姆林宫"} in [
        {"title": r["title"], "of": r["of"]} for r in pes.roles]
    assert pes.articles == 3


def test_two_sullivans_stay_apart(linked):
    reg, docs = linked
    names = {reg.entities[i].name for i in ids_of(docs, "沙利文")}
    assert names == {"约翰·沙利文", "杰克·沙利文"}


def test_every_quoted_person_is_found(linked):
    reg, docs = linked
    persons = {reg.entities[m.entity_id].name for d in docs for m in d.mentions if m.type == "PERSON"}
    expected = {"普京", "马克龙", "佩斯科夫", "泽连斯基", "拜登", "乌沙科夫", "普萨基", "库列巴", "拉夫罗夫", "布林肯",
                "约翰逊", "莫拉维茨基", "欧尔班", "万青松", "卢卡申科", "朔尔茨", "格鲁什科", "扎哈罗娃", "安东诺夫",
                "瓦伦蒂娜·马特维延科"}
    assert expected <= persons, expected - persons


def test_organisations_and_places(linked):
    reg, docs = linked
    by_norm = {m.norm: reg.entities[m.entity_id] for d in docs for m in d.mentions}
    assert by_norm["克里姆林宫"].type == "ORG" and by_norm["BBC"].name == "英国广播公司"
    assert by_norm["英国广播公司"].id == by_norm["BBC"].id
    assert by_norm["俄方"].name == "俄罗斯" and by_norm["美国务院"].name == "美国国务院"
    assert by_norm["北约"].type == "ORG" and by_norm["顿巴斯"].type == "LOC"
    for d in docs:
        for m in d.mentions:
            assert d.paragraphs[m.paragraph].text[m.start:m.end] == m.text
