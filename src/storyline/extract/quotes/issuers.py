"""Statements speak for whoever issued them (and 作者 for the author named with that title): 报告指出 after 自由之家发布年度报告 is 自由之家's quote,
声明称 after 俄罗斯国防部发表声明 is 俄罗斯国防部's (the annotation guide resolves a speaker to what it
denotes, docs/annotation.md).

A quote whose speaker is only a document noun (data/cues.yaml: issued_nouns; 该声明, 这份报告 and
声明中 too) takes the issuer of the nearest earlier mention of that noun in the article: the first
entity mention of the clause that holds it (a person of that clause first: the author), before it,
when an issuing verb (issue_verbs) or 的 stands between them (五角大楼11月3日发布中共军事报告,
普京发表署名文章, 中共中央政治局常务委员会召开会议).
With no such mention the speaker stays as written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from storyline.model import Doc, EntityMention, Quote

CLAUSE_ENDS = "，。；！？!?;："
ISSUER_TYPES = ("ORG", "PERSON", "GPE")


@dataclass(frozen=True)
class IssuerRules:
    nouns: tuple[str, ...]  # longest first
    prefixes: tuple[str, ...]  # 该, 这份, 上述 … before the noun
    suffixes: tuple[str, ...]  # 中 after it (声明中说)
    verbs: tuple[str, ...]  # 发布, 发表, 召开 … between the issuer and the noun
    reach: int  # paragraphs to look back
    in_cues: tuple[str, ...] = ()  # X在…声明中指出: the speech verbs after 中
    authors: tuple[str, ...] = ()  # 作者 / 笔者 speaking: the person named with an author's title
    author_titles: tuple[str, ...] = ()
    outlet_documents: frozenset[str] = frozenset()  # 文章 / 评论 with no issuer found: the last outlet quoted
    outlets: frozenset[str] = frozenset()
    title_opens: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: dict) -> "IssuerRules":
        by_len = lambda words: tuple(sorted(set(words), key=lambda w: (-len(w), w)))  # noqa: E731
        return cls(by_len(data["issued_nouns"]), by_len(data["issued_prefixes"]), ("中", "里", "内"),
                   tuple(data["issue_verbs"]), int(data.get("issuer_reach", 3)), tuple(data["issue_in_cues"]),
                   tuple(data["author_nouns"]), tuple(data["author_titles"]), frozenset(data["outlet_documents"]),
                   frozenset(data["outlets"]), tuple(data["title_opens"]))

    def noun_of(self, name: str) -> str | None:
        """声明 / 该声明 / 这份报告 / 声明中 -> the document noun; anything longer -> None."""
        core = name
        p = next((p for p in self.prefixes if core.startswith(p) and len(core) > len(p)), None)
        if p:
            core = core[len(p):]
        s = next((s for s in self.suffixes if core.endswith(s) and len(core) > len(s)), None)
        if s:
            core = core[: -len(s)]
        return core if core in self.nouns else None

    def resolve(self, doc: Doc, quotes: list[Quote]) -> list[Quote]:
        out: list[Quote] = []
        outlet: Quote | None = None  # the last quote an outlet speaks
        for q in quotes:
            name = self._norm_name(doc, q) if q.speaker_mention is None else ""
            noun = self.noun_of(name) if name else None
            issuer = self._issuer(doc, q, noun) if noun else self._author(doc, q) if name in self.authors else None
            if issuer is not None:
                q = replace(q, speaker_name=issuer.text, speaker_mention=issuer)
            elif noun in self.outlet_documents and outlet is not None and q.paragraph - outlet.paragraph <= self.reach:
                # 文章指出 / 评论写道 in a press review (柏林出版的《每日镜报》刊文指出 … 文章最后写道): the
                # article is the outlet's quoted last
                q = replace(q, speaker_name=outlet.speaker_name, speaker_mention=outlet.speaker_mention)
            if self._outlet(doc, q):
                outlet = q
            out.append(q)
        return out

    def _outlet(self, doc: Doc, q: Quote) -> bool:
        """The speaker is an outlet: an organisation written as a title (《每日镜报》) or a known one."""
        m = q.speaker_mention
        if m is None:
            return q.speaker_name.strip("《》") in self.outlets
        if m.type != "ORG":
            return False
        return doc.paragraphs[m.paragraph].norm.startswith(self.title_opens, max(0, m.start - 1)) \
            or m.text in self.outlets

    def _author(self, doc: Doc, q: Quote) -> EntityMention | None:
        """作者透露 after 记者Stefan Huber撰写的评论: the last person named before the quote right after
        an author's title (author_titles)."""
        found = None
        for m in doc.mentions:
            if m.type != "PERSON" or (m.paragraph, m.start) >= (q.paragraph, q.start):
                continue
            norm = doc.paragraphs[m.paragraph].norm
            if any(norm.endswith(t, 0, m.start) for t in self.author_titles) \
                    and (found is None or (m.paragraph, m.start) > (found.paragraph, found.start)):
                found = m
        return found

    @staticmethod
    def _norm_name(doc: Doc, q: Quote) -> str:
        """The speaker as written, in the normalised script (報告 -> 报告): read from Paragraph.norm where
        the name stands before the quote, as written when it is not there."""
        name = q.speaker_name or ""
        para = doc.paragraphs[q.paragraph]
        k = para.text.rfind(name, 0, q.start) if name else -1
        return para.norm[k:k + len(name)] if k >= 0 else name

    def _issuer(self, doc: Doc, q: Quote, noun: str) -> EntityMention | None:
        by_para: dict[int, list[EntityMention]] = {}
        for m in doc.mentions:
            if m.type in ISSUER_TYPES and q.paragraph - self.reach <= m.paragraph <= q.paragraph:
                by_para.setdefault(m.paragraph, []).append(m)
        for pi in range(q.paragraph, max(-1, q.paragraph - self.reach - 1), -1):
            norm = doc.paragraphs[pi].norm
            limit = q.start if pi == q.paragraph else len(norm)
            at = norm.rfind(noun, 0, limit)
            while at >= 0:
                found = self._issuer_at(norm, at, by_para.get(pi, []))
                if found is not None:
                    return found
                at = norm.rfind(noun, 0, at)
        return None

    def _issuer_at(self, norm: str, at: int, mentions: list[EntityMention]) -> EntityMention | None:
        lo = max((norm.rfind(c, 0, at) for c in CLAUSE_ENDS), default=-1) + 1
        before = sorted((m for m in mentions if lo <= m.start and m.end <= at), key=lambda m: m.start)
        if not before:
            return None
        first = before[0]
        # a person of the clause wrote it (俄罗斯总统普京发表署名文章, 《求是》杂志发表习近平的文章)
        issuer = next((m for m in before if m.type == "PERSON"), first)
        between = norm[first.end:at]
        if between.startswith("的") or any(v in between for v in self.verbs):
            return issuer
        # 联合国苏丹特派团在一份…的声明中指出: the one speaking in the document issued it
        after = norm[at:]
        if between.startswith("在") and any(after.startswith(n + "中" + c) for n in self.nouns for c in self.in_cues):
            return issuer
        return None
