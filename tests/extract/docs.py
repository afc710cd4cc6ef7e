"""Hand-built Docs for extractor tests: no dependency on the read/clean/analyse stages."""

from __future__ import annotations

from storyline.model import Article, Doc, EntityMention, Paragraph


def find_all(text: str, names: list[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    """Every occurrence of every name, longest names first, never overlapping."""
    taken: list[tuple[int, int, str, str]] = []
    for surface, type_ in sorted(names, key=lambda n: len(n[0]), reverse=True):
        i = text.find(surface)
        while i >= 0:
            e = i + len(surface)
            if not any(s < e and i < t for s, t, _, _ in taken):
                taken.append((i, e, surface, type_))
            i = text.find(surface, i + 1)
    return sorted(taken)


def make_doc(paragraphs: str | list[str], names: list[tuple[str, str]], anchor: str = "2022-02-10",
             heading: set[int] = frozenset()) -> Doc:
    paras = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)
    article = Article(id="t", path="t.txt", source_key="t", format="text", outlet=None, title=None,
                      author=None, published=anchor, published_inferred=False, url=None,
                      language="zh-Hans", paragraphs=paras)
    doc = Doc(article=article, paragraphs=[Paragraph(i, t, t, is_heading=i in heading) for i, t in enumerate(paras)],
              anchor=anchor)
    for i, t in enumerate(paras):
        for s, e, surface, type_ in find_all(t, names):
            doc.mentions.append(EntityMention(i, s, e, surface, type_, surface))
    return doc
