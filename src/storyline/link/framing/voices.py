"""Voices and names: which alias each outlet uses for an entity known under several (泽连斯基 /
泽伦斯基, 普京 / 普丁 / 蒲亭), whose statements each outlet quotes (speakers and their countries),
and the mix of event types it reports. Shares are given as fractions (`value`, `share`) and as
percentages (`percent`); entities and keys come most frequent first. Name forms are compared in
Simplified script (中國 and 中国 are one form; 澤倫斯基 and 泽连斯基 are two), shown as the outlet
writes them most.
"""

from __future__ import annotations

import json
from collections import defaultdict

from storyline.link.disputes import DisputeLexicon
from storyline.link.framing.corpus import SNIPPET, Corpus, Tally, example, record, simplifier, tallies
from storyline.store import Store


def name_variants(store: Store, corpus: Corpus) -> list[dict]:
    rows = store.iter_rows(
        "SELECT m.article_id, m.paragraph, m.start_pos, m.end_pos, m.text, m.entity_id, e.name FROM mentions m "
        "JOIN entities e ON e.id = m.entity_id ORDER BY m.article_id, m.paragraph, m.start_pos")
    uses: dict[str, dict[str, dict[str, Tally]]] = defaultdict(lambda: defaultdict(tallies))
    written: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    names = {}
    convert = simplifier()
    for r in rows:
        outlet = corpus.outlet_of.get(r["article_id"])
        if outlet is None or len(r["text"]) < 2:  # 中 / 美 in 中美: an abbreviation, not a way to name
            continue
        names[r["entity_id"]] = r["name"]
        # one form whatever the script (中國 is 中国), so variants are naming choices (蒲亭 / 普京)
        form = convert(r["text"])
        written[(r["entity_id"], outlet, form)][r["text"]] += 1
        # where the example is; its text is read below, for the examples shown only
        uses[r["entity_id"]][outlet][form].add((r["article_id"], r["paragraph"], r["start_pos"], r["end_pos"]))
    shown = []
    mentioned = {eid: sum(t.n for forms in by_outlet.values() for t in forms.values()) for eid, by_outlet in uses.items()}
    for eid in sorted(uses, key=lambda e: (-mentioned[e], e)):  # the most mentioned entities first
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
            examples.append(example(aid, paragraph, text, start, end))
        spelled = written[(eid, outlet, form)]
        as_written = max(spelled, key=lambda w: (spelled[w], w))  # the outlet's own script: 澤倫斯基
        out.append(record(outlet, "name_variant", as_written, tally.n, examples, form=form,
                           entity_id=eid, entity=names[eid], share=round(tally.n / total, 3),
                           percent=round(100 * tally.n / total, 1)))
    return out


def speaker_shares(store: Store, corpus: Corpus, lexicon: DisputeLexicon) -> list[dict]:
    rows = store.iter_rows(
        "SELECT q.article_id, q.paragraph, q.text, q.speaker_name, q.speaker_entity_id, e.record FROM quotes q "
        "LEFT JOIN entities e ON e.id = q.speaker_entity_id ORDER BY q.article_id, q.paragraph, q.start_pos, q.id")
    speakers: dict[str, dict[str, Tally]] = defaultdict(tallies)
    countries: dict[str, dict[str, Tally]] = defaultdict(tallies)
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


def _shares(table: dict[str, dict[str, Tally]], feature: str) -> list[dict]:
    """One record per (outlet, key): the key's share of the outlet's total, most frequent first."""
    out = []
    for outlet in sorted(table):
        total = sum(t.n for t in table[outlet].values())
        for key, tally in sorted(table[outlet].items(), key=lambda kv: (-kv[1].n, kv[0])):
            out.append(record(outlet, feature, key, round(tally.n / total, 3), tally.examples, count=tally.n,
                              percent=round(100 * tally.n / total, 1)))
    return out


def event_type_shares(store: Store, corpus: Corpus) -> list[dict]:
    rows = store.iter_rows("SELECT article_id, paragraph, text, type FROM event_mentions ORDER BY article_id, paragraph, start_pos, id")
    table: dict[str, dict[str, Tally]] = defaultdict(tallies)
    for r in rows:
        if r["article_id"] in corpus.outlet_of:
            table[corpus.outlet_of[r["article_id"]]][r["type"]].add(
                {"article_id": r["article_id"], "paragraph": r["paragraph"], "text": r["text"][:2 * SNIPPET]})
    return _shares(table, "event_type_share")
