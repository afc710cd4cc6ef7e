"""Evaluate the time tagger on our annotated sentences (eval/data/time.tsv).

Each sentence becomes a one-paragraph Doc published on the row's anchor date. Prints
recognition precision/recall/F1 (exact span), exact-value accuracy by expression kind
(type, value, mod and range_end must all match) and overall.

    python eval/evaluate_time.py [path/to/time.tsv] [--errors]
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from storyline.analyse.time import TimeTagger
from storyline.model import Article, Doc, Paragraph

DEFAULT = Path(__file__).parent / "data" / "time.tsv"
_PUNCT = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "："})


@dataclass
class Gold:
    expr: str
    type: str
    value: str
    mod: str | None
    range_end: str | None
    kind: str


@dataclass
class Item:
    anchor: str
    text: str
    golds: list[Gold] = field(default_factory=list)


def _opt(cell: str) -> str | None:
    return None if cell in ("-", "") else cell


def load(path: Path) -> list[Item]:
    items: dict[tuple[str, str], Item] = {}
    with path.open(encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    for row in csv.DictReader(rows, delimiter="\t"):
        key = (row["anchor"], row["text"])
        item = items.setdefault(key, Item(row["anchor"], row["text"]))
        if row["expr"] != "-":
            item.golds.append(
                Gold(row["expr"], row["type"], row["value"], _opt(row["mod"]), _opt(row["range_end"]), row["kind"])
            )
    return list(items.values())


def make_doc(text: str, published: str | None) -> Doc:
    article = Article(
        id="eval", path="eval", source_key="eval", format="text", outlet=None, title=None, author=None,
        published=published, published_inferred=False, url=None, language="zh-Hans", paragraphs=[text],
    )
    return Doc(article=article, paragraphs=[Paragraph(0, text, text.translate(_PUNCT))])


def _spans(text: str, golds: list[Gold]) -> list[tuple[int, int, Gold]]:
    out, cursor = [], {}
    for gold in golds:
        start = text.find(gold.expr, cursor.get(gold.expr, 0))
        if start < 0:
            raise ValueError(f"expression {gold.expr!r} not in {text!r}")
        cursor[gold.expr] = start + 1
        out.append((start, start + len(gold.expr), gold))
    return out


def evaluate(path: Path = DEFAULT) -> dict:
    tagger = TimeTagger()
    n_pred = n_gold = n_span = n_exact = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors: list[str] = []
    for item in load(path):
        doc = make_doc(item.text, item.anchor)
        tagger(doc)
        predicted = {(t.start, t.end): t for t in doc.times}
        n_pred += len(predicted)
        gold_spans = _spans(item.text, item.golds)
        n_gold += len(gold_spans)
        gold_keys = {(s, e) for s, e, _ in gold_spans}
        for (s, e), t in predicted.items():
            if (s, e) not in gold_keys:
                errors.append(f"spurious  {t.text!r} {t.value} in {item.text}")
        for s, e, gold in gold_spans:
            by_kind[gold.kind][1] += 1
            t = predicted.get((s, e))
            if t is None:
                errors.append(f"missed    {gold.expr!r} in {item.text}")
                continue
            n_span += 1
            got = (t.type, t.value, t.mod, t.range_end)
            want = (gold.type, gold.value, gold.mod, gold.range_end)
            if got == want:
                n_exact += 1
                by_kind[gold.kind][0] += 1
            else:
                errors.append(f"wrong     {gold.expr!r}: got {got}, want {want} [{item.anchor}]")
    precision = n_span / n_pred if n_pred else 1.0
    recall = n_span / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "exact": n_exact / n_gold if n_gold else 1.0,
        "by_kind": {k: (v[0], v[1]) for k, v in sorted(by_kind.items())},
        "errors": errors,
    }


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    result = evaluate(Path(args[0]) if args else DEFAULT)
    print(f"{'kind':18s} {'exact':>7s}   n")
    for kind, (ok, total) in result["by_kind"].items():
        if kind == "negative":
            continue
        print(f"{kind:18s} {ok / total:7.3f} {total:3d}")
    print(f"{'OVERALL exact':18s} {result['exact']:7.3f} {result['gold']:3d}")
    print(
        f"recognition: precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
        f"F1 {result['f1']:.3f}  (predicted {result['predicted']}, gold {result['gold']})"
    )
    if "--errors" in argv:
        print("\n".join(result["errors"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
