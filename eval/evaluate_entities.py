"""Evaluate entity mention detection and cross-article linking on our own annotated sentences.

Two sets, reported separately:
- main: eval/data/entities.jsonl, built from eval/data/entities_src.txt (written while the rules were tuned);
- held-out: eval/data/entities_heldout.jsonl, built from eval/data/entities_heldout_src.txt (written before
  any rule was changed against it: wider topics, Traditional script, Chinese/Japanese/Korean names).
Each .jsonl has one sentence per line: {"doc", "text", "mentions": [{"start", "end", "text", "type",
"key"}]}, generated from the readable inline markup (`python eval/evaluate_entities.py --rebuild`).
Sentences of one "doc" form one article; articles are linked in file order into one EntityRegistry per set.
Paragraph.norm is made by the real cleaning normaliser, so Traditional lines are read as in the pipeline.

Metrics:
- mentions: precision/recall/F1, a prediction is right only with the exact span AND type; per type too;
  plus recall on gold mentions whose surface is NOT in the gazetteer (the patterns' share).
- linking: B-cubed precision/recall/F1 over all gold mentions: the gold cluster is the annotated key,
  the predicted cluster is the mention's entity_id (a missed gold mention is its own singleton).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from storyline.analyse.entities import EntityRecognizer
from storyline.clean.normalise import Normaliser
from storyline.analyse.segment import Segmenter
from storyline.link.entities import EntityRegistry
from storyline.model import Article, Doc, Paragraph

HERE = Path(__file__).resolve().parent
SETS = {
    "main": (HERE / "data" / "entities_src.txt", HERE / "data" / "entities.jsonl"),
    "heldout": (HERE / "data" / "entities_heldout_src.txt", HERE / "data" / "entities_heldout.jsonl"),
}
MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)\|([^\[\]|]*)\]")


def rebuild(which: str = "main") -> None:
    src, data = SETS[which]
    doc, rows = None, []
    for line in src.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            doc = line[3:].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        text, mentions, pos = "", [], 0
        for m in MARK.finditer(line):
            text += line[pos:m.start()]
            mentions.append({"start": len(text), "end": len(text) + len(m.group(1)), "text": m.group(1),
                             "type": m.group(2), "key": m.group(3)})
            text += m.group(1)
            pos = m.end()
        text += line[pos:]
        rows.append({"doc": doc, "text": text, "mentions": mentions})
    with data.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def load(which: str = "main") -> dict[str, list[dict]]:
    docs: dict[str, list[dict]] = {}
    for line in SETS[which][1].read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        docs.setdefault(r["doc"], []).append(r)
    return docs


def make_doc(doc_id: str, sentences: list[dict], normaliser: Normaliser) -> Doc:
    texts = [s["text"] for s in sentences]
    art = Article(id=doc_id, path=doc_id, source_key=doc_id, format="text", outlet=None, title=None,
                  author=None, published=None, published_inferred=False, url=None, language="zh-Hans",
                  paragraphs=texts)
    return Doc(article=art, paragraphs=[Paragraph(i, t, normaliser.norm(t)) for i, t in enumerate(texts)])


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(verbose: bool = False, which: str = "main", seg: Segmenter | None = None) -> dict[str, float]:
    seg = seg or Segmenter()
    rec = EntityRecognizer(seg)
    normaliser = Normaliser()
    reg = EntityRegistry(seg.resources)
    known = set(seg.resources.alias) | set(seg.resources.abbr)
    gold, pred = {}, {}  # (doc, para, start, end) -> (type, key/entity)
    for day, (doc_id, sents) in enumerate(load(which).items()):
        doc = make_doc(doc_id, sents, normaliser)
        seg(doc)
        rec(doc)
        reg.link_doc(doc, f"2022-02-{day + 1:02d}")
        for i, s in enumerate(sents):
            for g in s["mentions"]:
                gold[(doc_id, i, g["start"], g["end"])] = (g["type"], g["key"], g["text"])
        for m in doc.mentions:
            pred[(doc_id, m.paragraph, m.start, m.end)] = (m.type, m.entity_id, m.text)
    res: dict[str, float] = {}
    lines = []
    for t in ("ALL", "PERSON", "ORG", "GPE", "LOC"):
        g = {k for k, v in gold.items() if t in ("ALL", v[0])}
        p = {k for k, v in pred.items() if t in ("ALL", v[0])}
        tp = sum(1 for k in p & g if pred[k][0] == gold[k][0])
        P, R, F = prf(tp, len(p), len(g))
        res[f"mention_{t}_f1"] = F
        lines.append(f"mentions {t:<6} P={P:.3f} R={R:.3f} F1={F:.3f}  (gold {len(g)}, predicted {len(p)}, exact {tp})")
    unknown = {k for k, v in gold.items() if v[2] not in known}
    found = sum(1 for k in unknown if k in pred and pred[k][0] == gold[k][0])
    names = {v[2] for v in gold.values()}
    unknown_names = {n for n in names if n not in known}
    res["unknown_recall"] = found / len(unknown) if unknown else 0.0
    res["unknown_name_share"] = len(unknown_names) / len(names)
    lines.append(f"not in gazetteer: {len(unknown)}/{len(gold)} gold mentions, {len(unknown_names)}/{len(names)} "
                 f"distinct names ({res['unknown_name_share']:.0%}); recall on those mentions {res['unknown_recall']:.3f}")
    # B-cubed over gold mentions
    gclus: dict[str, set] = defaultdict(set)
    pclus: dict[object, set] = defaultdict(set)
    for k, (t, key, _) in gold.items():
        gclus[key].add(k)
        eid = pred[k][1] if k in pred and pred[k][0] == t else ("miss", k)
        pclus[eid].add(k)
    pof = {k: eid for eid, ks in pclus.items() for k in ks}
    bp = sum(len(gclus[gold[k][1]] & pclus[pof[k]]) / len(pclus[pof[k]]) for k in gold) / len(gold)
    br = sum(len(gclus[gold[k][1]] & pclus[pof[k]]) / len(gclus[gold[k][1]]) for k in gold) / len(gold)
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    res["linking_b3_f1"] = bf
    lines.append(f"linking B-cubed over gold mentions  P={bp:.3f} R={br:.3f} F1={bf:.3f}  "
                 f"(gold entities {len(gclus)}, predicted clusters {len(pclus)})")
    print(f"== {which} set ==")
    print("\n".join(lines))
    if verbose:
        for k in sorted(set(gold) | set(pred)):
            if gold.get(k, (None,))[0] != pred.get(k, (None,))[0]:
                print("  gold" if k in gold else "  pred", k, gold.get(k) or pred.get(k))
        for key, ks in sorted(gclus.items()):
            ids = {pof[k] for k in ks}
            if len(ids) > 1:
                print("  split", key, [(gold[k][2], str(pof[k])[:16]) for k in sorted(ks)])
        for eid, ks in pclus.items():
            keys = {gold[k][1] for k in ks}
            if len(keys) > 1:
                print("  merged", eid, sorted(keys))
    return res


if __name__ == "__main__":
    segmenter = Segmenter()
    for name, (_, built) in SETS.items():
        if "--rebuild" in sys.argv or not built.exists():
            rebuild(name)
        evaluate(verbose="-v" in sys.argv, which=name, seg=segmenter)
