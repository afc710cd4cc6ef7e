"""Evaluate the time tagger on our annotated sentences (eval/data/time.tsv).

Each sentence becomes a one-paragraph Doc published on the row's anchor date. Prints
recognition precision/recall/F1 (exact span), exact-value accuracy by expression kind
(type, value, mod and range_end must all match) and overall.

    python eval/evaluate_time.py [path/to/time.tsv] [--errors]
    python eval/evaluate_time.py --real train|dev   # the annotated real articles: list what is wrong

`--real` runs the time tagger alone on the annotated real-text articles of a development split
(docs/annotation.md; test is refused, so that no rule is chosen by it) and lists, as `storyline
eval` counts them, every value error (a gold expression found by extent with no prediction of the
same value), every miss and every spurious expression, with the article and the context. The
pipeline's entity stage is not run, so times inside names (see docs/time.md) show as spurious.
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


def real_errors(split: str) -> tuple[list[str], int, int]:
    """(lines, found, right) for the annotated real articles of `split` (train or dev)."""
    from storyline.annotate.corpus import default_shared, load_gold
    from storyline.evaluate.items import Time, gold_items, time_value
    from storyline.evaluate.score import _overlap, _trigger_distance

    def pair(gold: list, pred: list, same_value: bool) -> dict[int, int]:  # greedy, nearest first, as score.py
        used: dict[int, int] = {}
        for gi, g in enumerate(gold):
            options = [(_trigger_distance(g, p), i) for i, p in enumerate(pred) if i not in used.values()
                       and _overlap(g, p) > 0 and (not same_value or g.value == p.value)]
            if options:
                used[gi] = min(options)[1]
        return used

    tagger, lines, found, right = TimeTagger(), [], 0, 0
    for gold in load_gold(split, default_shared().resolve()):
        golds = gold_items(gold).times
        tagger(gold.doc)
        doc, exprs = gold.doc, gold.doc.times
        preds = [Time(t.paragraph, t.start, t.end, time_value(t.value, doc.anchor)) for t in exprs]
        by_extent, by_value = pair(golds, preds, False), pair(golds, preds, True)
        found, right = found + len(by_extent), right + len(by_value)
        where = f"{gold.data['path']}\tanchor={doc.anchor}"
        for gi, g in enumerate(golds):
            text = doc.paragraphs[g.p].text
            context = f"{text[max(0, g.s - 20):g.s]}[{text[g.s:g.e]}]{text[g.e:g.e + 10]}"
            if gi not in by_extent:
                lines.append(f"missed\t{where}\tp{g.p}\tgold={g.value}\t{context}")
            elif gi not in by_value and by_extent[gi] not in by_value.values():
                lines.append(f"value\t{where}\tp{g.p}\tgold={g.value}\tours={preds[by_extent[gi]].value}\t{context}")
        for i, t in enumerate(exprs):
            if i not in by_extent.values():
                text = doc.paragraphs[t.paragraph].text
                lines.append(f"spurious\t{where}\tp{t.paragraph}\tours={t.value}\t"
                             f"{text[max(0, t.start - 20):t.start]}[{t.text}]{text[t.end:t.end + 10]}")
    return lines, found, right


def main(argv: list[str]) -> int:
    if "--real" in argv:
        split = argv[argv.index("--real") + 1] if argv.index("--real") + 1 < len(argv) else ""
        if split not in ("train", "dev"):
            print("--real: train or dev (test is for reporting, not for listing errors)", file=sys.stderr)
            return 2
        lines, found, right = real_errors(split)
        print("\n".join(lines))
        print(f"{split}: value accuracy on found expressions {right / found:.3f} ({right}/{found})")
        return 0
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
