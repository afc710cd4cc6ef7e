"""Outlet framing: how differently outlets tell the same news.

One record per (outlet, feature, key), computed on read from the store (it is cheap and always
agrees with what is stored):

- `scare_quote`: short terms written inside quotation marks (“入侵”) somewhere; per outlet, how
  often each such term is quoted vs written plainly. `value` is the quoted share; `quoted` and
  `plain` are the counts. Only terms that at least two outlets use (or, comparing a single
  outlet, that occur twice) are kept, so one-off quotations do not flood the output.
- `name_variant`: which alias an outlet uses for an entity known under several (泽连斯基/泽伦斯基).
- `speaker_share` / `speaker_country_share`: whose statements (quotes) an outlet carries.
- `event_type_share`: the mix of event types an outlet reports.
- `only_here`: merged events that, among the compared outlets, only this one reports.

Articles without an outlet (plain text files) are grouped as "(unknown)" rather than dropped:
their content still counts, and `--outlets` can leave them out. Duplicate articles are skipped
so a syndicated copy does not count twice. Traditional-script articles are compared in
Simplified (OpenCC) so 入侵 and 入侵 written either way are one term.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from storyline.link.disputes import DisputeLexicon
from storyline.store import Store

UNKNOWN = "(unknown)"
# A short quoted term: one negated class, bounded: linear time on any input.
QUOTED = re.compile(r"[“‘「『]([\u4e00-\u9fff]{2,6})[”’」』]")
OPENERS, CLOSERS = "“‘「『", "”’」』"
SNIPPET = 30  # characters of context either side of an example
EXAMPLES = 3  # examples a record shows


@dataclass
class _Corpus:
    """The compared articles: their outlets, held; their text, read from the store when a pass
    needs it (a 100k store's text is most of a gigabyte as Python strings)."""

    store: Store
    outlets: list[str]
    outlet_of: dict[str, str]  # compared article id -> outlet

    def texts(self) -> Iterator[tuple[str, str, list[str]]]:
        """(id, outlet, paragraphs in Simplified) of every compared article, in id order."""
        for r in self.store.iter_rows("SELECT id, language, paragraphs FROM articles WHERE duplicate_of IS NULL "
                                      "ORDER BY id"):
            if r["id"] in self.outlet_of:
                yield r["id"], self.outlet_of[r["id"]], _simplified(r)

    def paragraphs(self, article_ids: set[str]) -> dict[str, list[str]]:
        """The paragraphs (in Simplified) of some compared articles."""
        out, ids = {}, sorted(article_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self.store.rows(f"SELECT id, language, paragraphs FROM articles WHERE id IN "
                                     f"({','.join('?' * len(chunk))})", chunk):
                out[r["id"]] = _simplified(r)
        return out


def _simplified(row: dict) -> list[str]:
    """An article row's paragraphs, in Simplified script."""
    paras = json.loads(row["paragraphs"])
    conv = _converter() if row["language"] == "zh-Hant" else None
    return [conv.convert(p) for p in paras] if conv is not None else paras


class _Tally:
    """How often something was seen, and the first EXAMPLES of it: all a record shows. Keeping
    every occurrence's example held one dict per plain use of every quoted term (入侵 alone
    thousands), ~3 GB at 100k articles."""

    __slots__ = ("n", "examples")

    def __init__(self) -> None:
        self.n = 0
        self.examples: list[dict] = []

    def add(self, example) -> None:
        """`example`: the example dict, or a function making it (called only while kept)."""
        self.n += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append(example() if callable(example) else example)


def _tallies() -> dict:
    return defaultdict(_Tally)


def _outlet(value: str | None) -> str:
    return value or UNKNOWN


@lru_cache(maxsize=1)  # one per process: every pass over the text asks for it
def _converter():
    try:
        import opencc

        return opencc.OpenCC("t2s")
    except Exception:  # no OpenCC: compare as written
        return None


def _load(store: Store, outlets: list[str] | None) -> _Corpus:
    outlet_of = {}
    for r in store.iter_rows("SELECT id, outlet FROM articles WHERE duplicate_of IS NULL ORDER BY id"):
        outlet = _outlet(r["outlet"])
        if not outlets or outlet in outlets:
            outlet_of[r["id"]] = outlet
    present = sorted(set(outlet_of.values()))
    return _Corpus(store, [o for o in outlets if o in present] if outlets else present, outlet_of)


def _example(article_id: str, paragraph: int, text: str, start: int, end: int) -> dict:
    lo, hi = max(0, start - SNIPPET), min(len(text), end + SNIPPET)
    return {"article_id": article_id, "paragraph": paragraph, "text": text[lo:hi]}


def _record(outlet: str, feature: str, key: str, value, examples: list[dict], **extra) -> dict:
    return {"outlet": outlet, "feature": feature, "key": key, "value": value, "examples": examples[:EXAMPLES], **extra}


def scare_quotes(corpus: _Corpus) -> list[dict]:
    quoted: dict[tuple[str, str], _Tally] = _tallies()
    for aid, outlet, paras in corpus.texts():
        for i, text in enumerate(paras):
            for m in QUOTED.finditer(text):
                quoted[(outlet, m.group(1))].add(_example(aid, i, text, m.start(), m.end()))
    terms = {term for _, term in quoted}
    # One pass over the text, looking every 2-6 character window up in the term set: linear in
    # the corpus size, whatever the number of terms.
    plain: dict[tuple[str, str], _Tally] = _tallies()
    for aid, outlet, paras in corpus.texts():
        for i, text in enumerate(paras):
            for start in range(len(text) - 1):
                for length in range(2, 7):
                    term = text[start:start + length]
                    if len(term) < length:
                        break
                    if term not in terms:
                        continue
                    before, after = text[start - 1:start] if start else "", text[start + length:start + length + 1]
                    if before and after and before in OPENERS and after in CLOSERS:
                        continue  # the quoted use, already counted
                    plain[(outlet, term)].add(lambda: _example(aid, i, text, start, start + length))
    out = []
    none = _Tally()
    for term in sorted(terms):
        per_outlet = {o: (quoted.get((o, term), none).n, plain.get((o, term), none).n) for o in corpus.outlets}
        per_outlet = {o: qp for o, qp in per_outlet.items() if sum(qp)}
        single = len(corpus.outlets) == 1 and sum(sum(qp) for qp in per_outlet.values()) >= 2
        if not (len(per_outlet) >= 2 or single):
            continue
        for outlet, (q, p) in per_outlet.items():
            examples = (quoted if q >= p else plain).get((outlet, term), none).examples
            out.append(_record(outlet, "scare_quote", term, round(q / (q + p), 3), examples, quoted=q, plain=p))
    return out


def name_variants(store: Store, corpus: _Corpus) -> list[dict]:
    rows = store.iter_rows(
        "SELECT m.article_id, m.paragraph, m.start_pos, m.end_pos, m.text, m.entity_id, e.name FROM mentions m "
        "JOIN entities e ON e.id = m.entity_id ORDER BY m.article_id, m.paragraph, m.start_pos")
    uses: dict[str, dict[str, dict[str, _Tally]]] = defaultdict(lambda: defaultdict(_tallies))
    names = {}
    for r in rows:
        outlet = corpus.outlet_of.get(r["article_id"])
        if outlet is None:
            continue
        names[r["entity_id"]] = r["name"]
        # where the example is; its text is read below, for the examples shown only
        uses[r["entity_id"]][outlet][r["text"]].add((r["article_id"], r["paragraph"], r["start_pos"], r["end_pos"]))
    shown = []
    for eid in sorted(uses):
        by_outlet = uses[eid]
        forms = {form for aliases in by_outlet.values() for form in aliases}
        if len(forms) < 2 or len(by_outlet) < min(2, len(corpus.outlets)):
            continue
        for outlet in sorted(by_outlet):
            total = sum(t.n for t in by_outlet[outlet].values())
            for form, tally in sorted(by_outlet[outlet].items(), key=lambda kv: (-kv[1].n, kv[0])):
                shown.append((eid, outlet, form, tally, total))
    paras = corpus.paragraphs({where[0] for *_, tally, _ in shown for where in tally.examples})
    out = []
    for eid, outlet, form, tally, total in shown:
        examples = []
        for aid, paragraph, start, end in tally.examples:
            article = paras.get(aid, [])  # gone meanwhile (an ingest replaced it): no context
            text = article[paragraph] if paragraph < len(article) else ""
            examples.append(_example(aid, paragraph, text, start, end))
        out.append(_record(outlet, "name_variant", form, tally.n, examples,
                           entity_id=eid, entity=names[eid], share=round(tally.n / total, 3)))
    return out


def speaker_shares(store: Store, corpus: _Corpus, lexicon: DisputeLexicon) -> list[dict]:
    rows = store.iter_rows(
        "SELECT q.article_id, q.paragraph, q.text, q.speaker_name, q.speaker_entity_id, e.record FROM quotes q "
        "LEFT JOIN entities e ON e.id = q.speaker_entity_id ORDER BY q.article_id, q.paragraph, q.start_pos, q.id")
    speakers: dict[str, dict[str, _Tally]] = defaultdict(_tallies)
    countries: dict[str, dict[str, _Tally]] = defaultdict(_tallies)
    for r in rows:
        outlet = corpus.outlet_of.get(r["article_id"])
        if outlet is None:
            continue
        rec = json.loads(r["record"]) if r["record"] else {}
        name = rec.get("name") or r["speaker_name"] or "?"
        country = rec.get("country") or lexicon.side_of(name) or lexicon.side_of(r["speaker_name"]) or "?"
        example = {"article_id": r["article_id"], "paragraph": r["paragraph"], "text": r["text"][:2 * SNIPPET]}
        speakers[outlet][name].add(example)
        countries[outlet][country].add(example)
    out = []
    for feature, table in (("speaker_share", speakers), ("speaker_country_share", countries)):
        out += _shares(table, feature)
    return out


def _shares(table: dict[str, dict[str, _Tally]], feature: str) -> list[dict]:
    """One record per (outlet, key): the key's share of the outlet's total, most frequent first."""
    out = []
    for outlet in sorted(table):
        total = sum(t.n for t in table[outlet].values())
        for key, tally in sorted(table[outlet].items(), key=lambda kv: (-kv[1].n, kv[0])):
            out.append(_record(outlet, feature, key, round(tally.n / total, 3), tally.examples, count=tally.n))
    return out


def event_type_shares(store: Store, corpus: _Corpus) -> list[dict]:
    rows = store.iter_rows("SELECT article_id, paragraph, text, type FROM event_mentions ORDER BY article_id, paragraph, start_pos, id")
    table: dict[str, dict[str, _Tally]] = defaultdict(_tallies)
    for r in rows:
        if r["article_id"] in corpus.outlet_of:
            table[corpus.outlet_of[r["article_id"]]][r["type"]].add(
                {"article_id": r["article_id"], "paragraph": r["paragraph"], "text": r["text"][:2 * SNIPPET]})
    return _shares(table, "event_type_share")


def only_here(store: Store, corpus: _Corpus) -> list[dict]:
    if len(corpus.outlets) < 2:
        return []  # a blind spot needs someone else to compare with
    out = []
    for r in store.iter_rows("SELECT record FROM events ORDER BY date IS NULL, date, id"):
        event = json.loads(r["record"])
        mentions = [m for m in event["mentions"] if m["article_id"] in corpus.outlet_of]
        outlets = {corpus.outlet_of[m["article_id"]] for m in mentions}
        if len(outlets) != 1:
            continue
        outlet = outlets.pop()
        examples = [{"article_id": m["article_id"], "paragraph": m["paragraph"], "text": m["text"]} for m in mentions]
        out.append(_record(outlet, "only_here", event["id"], len(mentions), examples,
                           date=event.get("date"), type=event["type"], summary=event.get("summary", "")))
    return out


def framing_records(store: Store, outlets: list[str] | None = None) -> list[dict]:
    """Every framing record, optionally for the given outlets only ("(unknown)" names no-outlet articles)."""
    corpus = _load(store, outlets)
    records = scare_quotes(corpus)
    records += name_variants(store, corpus)
    records += speaker_shares(store, corpus, DisputeLexicon())
    records += event_type_shares(store, corpus)
    records += only_here(store, corpus)
    return records
