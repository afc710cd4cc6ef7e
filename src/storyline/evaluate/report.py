"""Run the pipeline on the annotated articles and print the tables of `storyline eval`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from storyline.annotate.corpus import GoldDoc
from storyline.evaluate.items import gold_items, predicted_items
from storyline.evaluate.score import Counts, evaluate_docs

LAYERS = {
    "entities": ("entities", "entities:PERSON", "entities:ORG", "entities:GPE", "entities:LOC"),
    "times": ("times.extent", "times"),
    "events": ("events.trigger", "events", "events.full"),
    "quotes": ("quotes.content", "quotes"),
}
GROUPS = ("seen outlets", "unseen outlets", "all")


def unseen_folders() -> set[str]:
    """Outlets whose every assigned article is in test: never trained or tuned on."""
    from storyline.annotate.records import load_assignments

    splits: dict[str, set[str]] = {}
    for a in load_assignments().values():
        splits.setdefault(a.folder, set()).add(a.split)
    return {folder for folder, seen in splits.items() if seen == {"test"}}


def run(golds: list[GoldDoc], unseen: set[str]) -> dict[str, dict[str, Counts]]:
    from storyline.analyse import Analyser
    from storyline.extract import Extractor
    from storyline.pipeline import StageTimer

    analyser, extractor, timer = Analyser(), Extractor(), StageTimer()
    simplify = _simplifier()

    def pairs():
        for gold in golds:
            gi = gold_items(gold)  # before analysis: the gold names read the clean paragraphs' norm
            analyser(gold.doc, timer)
            extractor(gold.doc, timer)
            pi = predicted_items(gold.doc, simplify)
            group = "unseen outlets" if gold.data["folder"] in unseen else "seen outlets"
            for key in (gold.data["folder"], group, "all"):
                yield key, gi, pi

    return evaluate_docs(pairs())


def _simplifier():
    from storyline.clean.normalise import Normaliser
    return Normaliser().norm


def corpus_size(golds: list[GoldDoc]) -> str:
    outlets = {g.data["folder"] for g in golds}
    n = {layer: sum(len(g.data.get(layer, [])) for g in golds) for layer in ("entities", "times", "events", "quotes")}
    return (f"{len(golds)} articles, {len(outlets)} outlets; gold: {n['entities']} entities, {n['times']} times, "
            f"{n['events']} events, {n['quotes']} quotes")


def print_tables(table: dict[str, dict[str, Counts]], layers: list[str], out=sys.stdout) -> None:
    outlets = sorted(k for k in table if k not in GROUPS)
    for layer in layers:
        measures = LAYERS[layer]
        print(f"\n## {layer}", file=out)
        head = f"{'outlet':16}" + "".join(f" | {m:>22}" for m in measures)
        print(head, file=out)
        print(f"{'':16}" + "".join(f" | {'gold   P     R     F1':>22}" for _ in measures), file=out)
        for key in outlets + [g for g in GROUPS if g in table]:
            row = f"{key:16}"
            for m in measures:
                c = table[key].get(m, Counts())
                row += f" | {c.tp + c.fn:5d} {c.precision:.3f} {c.recall:.3f} {c.f1:.3f}"
            print(row, file=out)
        if layer == "times" and "all" in table:
            found, right = table["all"].get("times.extent", Counts()).tp, table["all"].get("times", Counts()).tp
            print(f"value accuracy on found expressions (all): {right / found if found else 0:.3f} ({right}/{found})",
                  file=out)


def as_json(table: dict[str, dict[str, Counts]]) -> dict:
    return {key: {m: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
                      "recall": round(c.recall, 4), "f1": round(c.f1, 4)} for m, c in row.items()}
            for key, row in table.items()}


def below_floors(table: dict[str, dict[str, Counts]], floors_path: Path, split: str) -> list[str]:
    """Floors are F1 (or recall, for `…:recall` keys) per group and measure; today's figures, never to drop."""
    floors = json.loads(floors_path.read_text(encoding="utf-8")).get(split, {})
    failures = []
    for group, measures in floors.items():
        for key, floor in measures.items():
            recall = key.endswith(":recall")
            c = table.get(group, {}).get(key.removesuffix(":recall"), Counts())
            value = c.recall if recall else c.f1
            if value + 1e-9 < floor:
                failures.append(f"{group} {key}: {value:.3f} < floor {floor:.3f}")
    return failures


FLOOR_MEASURES = ("entities", "entities:PERSON:recall", "times.extent", "times", "events.trigger", "events", "events.full",
                  "quotes.content", "quotes")


def floors_of(table: dict[str, dict[str, Counts]]) -> dict[str, dict[str, float]]:
    """Today's figures rounded down to two decimals, per group: what a later change may not go below."""
    out = {}
    for group in GROUPS:
        if group not in table:
            continue
        row = {}
        for key in FLOOR_MEASURES:
            c = table[group].get(key.removesuffix(":recall"), Counts())
            value = c.recall if key.endswith(":recall") else c.f1
            row[key] = int(value * 100) / 100
        out[group] = row
    return out
