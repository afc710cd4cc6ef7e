"""A minister's title between the country and the name folds into the person (Japanese cabinet titles).

Own sentences. 日本外务大臣林芳正 is one head 林芳正, as 法国总统马克龙 is 马克龙: the country names whose
minister, it is not the actor. Fails while the grammar's title list lacks the X大臣 forms.
"""

from __future__ import annotations

import pytest


P, G = "PERSON", "GPE"


@pytest.mark.parametrize("title", ["外务大臣", "防卫大臣", "外相"])
def test_a_japanese_ministers_title_folds_into_the_person(extract, title):
    doc = extract(f"日本{title}田中一郎当天抵达华盛顿，与美国国务卿布林肯举行会谈。",
                  [("日本", G), ("田中一郎", P), ("华盛顿", G), ("美国", G), ("布林肯", P)])
    actors = [{a.name for a in e.actors} for e in doc.events if e.type == "CONSULT"]
    assert actors and all("田中一郎" in names and "日本" not in names for names in actors), actors
