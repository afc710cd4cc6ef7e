"""Train the event models from the annotated corpus (train split): `storyline train --part events`.

Deterministic: articles in path order, features sorted, lbfgs logistic regression. Writes
data/triggers.tsv (trigger words annotators marked, with their usual type, kept when the word is a
trigger in at least MIN_TRIGGER_SHARE of its occurrences in the training text) and the three models.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from storyline.extract.learned import DATA, MODEL_FILES, LearnedEvents
from storyline.extract.learned.linear import fit
from storyline.extract.learned.speakers import MODEL as SPEAKER_MODEL

MIN_TRIGGER_SHARE = 0.15  # with NEW_EVENT_MIN 0.5 (learned/__init__.py): dev events 0.258 -> 0.278
MIN_TRIGGER_COUNT = 2


def _gold_events(gold) -> list[tuple]:
    out = []
    doc = gold.doc
    for ev in gold.data.get("events", []):
        t = ev["trigger"]
        roles: dict[str, str] = {}
        for a in ev.get("args", []):
            sp = a.get("ref") or a["span"]
            roles.setdefault(doc.paragraphs[sp["p"]].norm[sp["s"]:sp["e"]], a["role"])
        out.append((t["p"], t["s"], t["e"], ev["type"], ev["status"], roles))
    return out


def trigger_words(golds) -> dict[str, str]:
    types: dict[str, Counter] = defaultdict(Counter)
    for gold in golds:
        for p, s, e, etype, _, _ in _gold_events(gold):
            types[gold.doc.paragraphs[p].norm[s:e]][etype] += 1
    text = "\n".join(p.norm for g in golds for p in g.doc.paragraphs)
    out = {}
    for word, counts in sorted(types.items()):
        n = sum(counts.values())
        if len(word) >= 2 and n >= MIN_TRIGGER_COUNT and n / max(text.count(word), 1) >= MIN_TRIGGER_SHARE:
            out[word] = counts.most_common(1)[0][0]
    return out


def build_rows(golds, analyser, extractor, learned: LearnedEvents, timer):
    from storyline.extract.events.grammar import resolve_pronouns

    trig, status, role = ([], []), ([], []), ([], [])
    quote_docs = []
    for gold in golds:
        doc = gold.doc
        gevents = _gold_events(gold)
        analyser(doc, timer)
        heads = resolve_pronouns(extractor.events.grammar.doc_heads(doc))
        extractor.events(doc, heads)
        extractor.quotes(doc, heads)
        quote_docs.append((doc, _gold_quotes(gold), heads))
        heads = extractor.events.descriptors.add(doc, heads)  # as LearnedEvents sees them
        feats = learned.features
        for c in learned.finder.find(doc, doc.events, heads):
            para = doc.paragraphs[c.para]
            match = next((g for g in gevents if g[0] == c.para and g[1] < c.end and c.start < g[2]), None)
            label = match[3] if match else "NONE"
            trig[0].append(feats.trigger(c, para, feats.paragraph_context(para)))
            trig[1].append(label)
            if match is None:
                continue
            status[0].append(feats.status(c, para, label))
            status[1].append(match[4])
            rule_roles = {a.name: a.role for a in c.rule.actors} if c.rule else {}
            for h in c.heads:
                m = h.mention
                name = doc.paragraphs[m.paragraph].norm[m.start:m.end] if m else h.name
                role[0].append(feats.role(c, h, para, label, rule_roles))
                role[1].append(match[5].get(name, "NONE"))
    return trig, status, role, speaker_rows(quote_docs)


def speaker_rows(golds_docs) -> tuple[list, list]:
    """(features, '1'/'0') for every candidate head of every rule quote that overlaps a gold quote."""
    from storyline.extract.learned.speakers import candidates, features, head_norm

    rows, labels = [], []
    for doc, gquotes, heads in golds_docs:
        for q in doc.quotes:
            match = next((g for g in gquotes if g[0] == q.paragraph and g[1] < q.end and q.start < g[2]), None)
            if match is None or not match[3]:
                continue
            for h in candidates(doc, q, heads):
                rows.append(features(doc, q, h, heads[q.paragraph]))
                labels.append("1" if head_norm(doc, h) == match[3] else "0")
    return rows, labels


def _gold_quotes(gold) -> list[tuple]:
    doc, out = gold.doc, []
    for q in gold.data.get("quotes", []):
        c = q["content"]
        sp = (q["speaker"].get("ref") or q["speaker"]["span"]) if q.get("speaker") else None
        name = doc.paragraphs[sp["p"]].norm[sp["s"]:sp["e"]] if sp else ""
        out.append((c["p"], c["s"], c["e"], name))
    return out


def train_events(shared: Path, out: Path = DATA, log=print, limit: int | None = None) -> dict[str, int]:
    from storyline.analyse import Analyser
    from storyline.annotate.corpus import load_gold
    from storyline.extract import Extractor
    from storyline.pipeline import StageTimer

    golds = load_gold("train", shared)[:limit]
    if not golds:
        raise SystemExit("no annotated training articles (eval/annotations, split train)")
    out.mkdir(parents=True, exist_ok=True)
    words = trigger_words(golds)
    with (out / "triggers.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["word", "type"])
        w.writerows(sorted(words.items()))
    analyser, extractor = Analyser(), Extractor(learned="none")
    learned = LearnedEvents(extractor.events.grammar, extractor.events.lexicon, out)
    trig, status, role, speakers = build_rows(golds, analyser, extractor, learned, StageTimer())
    for name, (rows, labels) in zip(MODEL_FILES + (SPEAKER_MODEL,), (trig, status, role, speakers)):
        fit(rows, labels).save(out / name)
        log(f"{name}: {len(rows)} examples, {Counter(labels).most_common(4)}")
    return {"articles": len(golds), "trigger_words": len(words), "candidates": len(trig[0])}


if __name__ == "__main__":  # python -m storyline.extract.learned.train OUT_DIR [SHARED]: experiments
    import sys

    from storyline.annotate.corpus import default_shared

    print(train_events(Path(sys.argv[2]) if len(sys.argv) > 2 else default_shared(), Path(sys.argv[1])))
