"""A store for the overview views and the UI defects, built on tests/api/fixture_store.py (our own
sentences, annotations set by hand) plus:

- an article whose paragraphs hold emoji before the annotations (code points vs UTF-16 units);
- a very long original URL on one article;
- 520 synthetic merged events: a few very old ones (1812...), most in January-March 2022 (March the
  newest busy month), one stray event in 2031; their actors form a small co-occurrence network;
- two stories (February and March 2022), and a single-source event with its corroboration.

Synthetic events reuse the fixture articles' sentences as their sources (the UI only needs offsets
that exist)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

import fixture_store  # noqa: E402

from storyline.model import Article, Doc, EntityMention, Paragraph, Quote  # noqa: E402
from storyline.store import linked, open_store, writer  # noqa: E402

EMOJI_PARAS = [
    "网友留言😀😀称，法国总统马克龙与美国总统拜登通话。",
    "🇺🇦🙂克里姆林宫新闻发言人佩斯科夫表示，表情包外交不会改变局势。",
]
LONG_URL = "https://news.example.org/world/europe/2022/02/12/" + "very-long-path-segment-" * 12 + "article.html"
OLD = ["1812-06-24", "1853-10-04", "1905-01-22", "1914-07-28", "1917-11-07", "1930-03-12"]
MONTHS = {"2022-01": 100, "2022-02": 200, "2022-03": 207}  # March: the newest busy month
ACTORS = [("e_biden", "拜登"), ("e_putin", "普京"), ("e_macron", "马克龙"), ("e_peskov", "佩斯科夫")]
TYPES = ["CONSULT", "ACCUSE", "THREATEN", "SANCTION"]


def _emoji_doc() -> Doc:
    art = Article("a_emoji", "a_emoji.txt", "/fixture/a_emoji.txt", "text", "表情周刊", "网友热议😀外交", None,
                  "2022-03-05", False, None, "zh-Hans", EMOJI_PARAS, content_hash="a_emoji")
    doc = Doc(art, [Paragraph(i, t, t, fixture_store._sentences(t)) for i, t in enumerate(EMOJI_PARAS)],
              anchor="2022-03-05")
    for p, surface, eid in ((0, "马克龙", "e_macron"), (0, "拜登", "e_biden"), (1, "佩斯科夫", "e_peskov")):
        start = EMOJI_PARAS[p].index(surface)  # Python: code points, as the API reports them
        doc.mentions.append(EntityMention(p, start, start + len(surface), surface, "PERSON", surface, entity_id=eid))
    text = EMOJI_PARAS[1]
    q = text.index("表情包外交")
    doc.quotes.append(Quote(1, q, len(text) - 1, text[q:-1], "表示", False, "assert", "佩斯科夫",
                            speaker_entity_id="e_peskov"))
    return doc


def _event(i: int, date: str) -> dict:
    a, b = ACTORS[i % 4], ACTORS[(i + 1 + i // 4 % 2) % 4]
    text = fixture_store.ARTICLES[0][4][0]
    return {"id": f"ev_syn{i:04d}", "type": TYPES[i % len(TYPES)], "mode": None, "date": date, "date_end": None,
            "status": "occurred", "location": None, "duration_minutes": None, "summary": f"合成事件{i}号：{a[1]}与{b[1]}",
            "actors": [{"entity_id": a[0], "name": a[1], "role": "source"}, {"entity_id": b[0], "name": b[1], "role": "target"}],
            "mentions": [{"article_id": "a_call", "paragraph": 0, "start": 0, "end": len(text), "text": text}],
            "outlets": ["测试日报"]}


def build(path: Path | str) -> Path | str:
    """Write the store at `path`: a SQLite file, or a PostgreSQL URL (tests/api/test_views.py)."""
    fixture_store.build(path)
    store = open_store(str(path))
    try:
        with store.transaction():
            doc = _emoji_doc()
            writer.upsert_article(store, doc.article)
            writer.write_annotations(store, doc)
            store.execute("UPDATE articles SET url = ? WHERE id = ?", (LONG_URL, "a_call"))
            dates = OLD + [f"{month}-{1 + n % 28:02d}" for month, count in MONTHS.items() for n in range(count)]
            dates.append("2031-05-01")  # one mis-dated event far ahead: not a busy month
            events = [_event(i, d) for i, d in enumerate(dates)]
            events[-2].update(unconfirmed=True, corroboration={"mentions": 1, "articles": 1, "outlets": 1})
            events[-3].update(unconfirmed=False, corroboration={"mentions": 4, "articles": 3, "outlets": 2})
            for e in events:
                linked.save_event(store, e)
            for sid, month, chosen in (("st_feb", "2022-02", events[110:114]), ("st_mar", "2022-03", events[-4:-1])):
                linked.save_story(store, {"id": sid, "title": f"{month}：拜登与普京", "event_ids": [e["id"] for e in chosen],
                                          "start": chosen[0]["date"], "end": chosen[-1]["date"], "actors": ["拜登", "普京"],
                                          "types": sorted({e["type"] for e in chosen}), "period": month})
    finally:
        store.close()
    return path
