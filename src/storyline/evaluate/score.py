"""Matching and counting per layer.

Measures (each P / R / F1 over items, micro-averaged):
- `entities`: exact paragraph, start, end and type; `entities:PERSON` etc. per type;
- `times.extent`: a predicted expression overlapping the gold one in the same paragraph; `times`: and
  with the same value (value accuracy on found expressions = times.tp / times.extent.tp);
- `events.trigger`: a predicted event whose trigger overlaps the gold trigger (any type);
- `events`: same paragraph, type, source set and target set (names compared in the normalised script;
  for a symmetric event with participants on either side, the set of all its actors);
- `events.full`: the same plus the date and the status;
- `quotes.content`: content spans overlapping by at least half of each; `quotes`: and the same speaker.
Matching is one-to-one and greedy (nearest first), so a duplicate prediction is a false positive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from storyline.evaluate.items import Items

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _overlap(a, b) -> int:
    return max(0, min(a.e, b.e) - max(a.s, b.s)) if a.p == b.p else 0


def match(gold: list, pred: list, ok: Callable, distance: Callable = lambda g, p: 0) -> Counts:
    used: set[int] = set()
    tp = 0
    for g in gold:
        best = None
        for i, p in enumerate(pred):
            if i in used or not ok(g, p):
                continue
            d = distance(g, p)
            if best is None or d < best[0]:
                best = (d, i)
        if best is not None:
            used.add(best[1])
            tp += 1
    return Counts(tp, len(pred) - tp, len(gold) - tp)


def _half_each(g, p) -> bool:
    o = _overlap(g, p)
    return o * 2 >= (g.e - g.s) and o * 2 >= (p.e - p.s) and o > 0


def _same_args(g, p) -> bool:
    """Same type and actors. Where either side names participants (a meeting of equals), the sides
    are not ordered: the union of all actors must agree; otherwise source and target each must."""
    if g.p != p.p or g.type != p.type:
        return False
    if g.participant or p.participant:
        return g.source | g.target | g.participant == p.source | p.target | p.participant
    return g.source == p.source and g.target == p.target


def _trigger_distance(g, p) -> int:
    return abs(g.s - p.s)


def score_items(gold: Items, pred: Items) -> dict[str, Counts]:
    out = {"entities": match(gold.entities, pred.entities, lambda g, p: g == p)}
    for etype in ENTITY_TYPES:
        out[f"entities:{etype}"] = match([g for g in gold.entities if g.type == etype],
                                         [p for p in pred.entities if p.type == etype], lambda g, p: g == p)
    out["times.extent"] = match(gold.times, pred.times, lambda g, p: _overlap(g, p) > 0, _trigger_distance)
    out["times"] = match(gold.times, pred.times, lambda g, p: _overlap(g, p) > 0 and g.value == p.value,
                         _trigger_distance)
    out["events.trigger"] = match(gold.events, pred.events, lambda g, p: _overlap(g, p) > 0, _trigger_distance)
    out["events"] = match(gold.events, pred.events, _same_args, _trigger_distance)
    out["events.full"] = match(gold.events, pred.events,
                               lambda g, p: _same_args(g, p) and g.date == p.date and g.status == p.status,
                               _trigger_distance)
    out["quotes.content"] = match(gold.quotes, pred.quotes, _half_each, _trigger_distance)
    out["quotes"] = match(gold.quotes, pred.quotes, lambda g, p: _half_each(g, p) and g.speaker == p.speaker,
                          _trigger_distance)
    return out


def evaluate_docs(pairs: Iterable[tuple[str, Items, Items]]) -> dict[str, dict[str, Counts]]:
    """(group key, gold, predicted) per article -> {group: {measure: Counts}}; groups are summed by
    the caller's choice of keys (an article may be counted under several, e.g. its outlet and 'all')."""
    table: dict[str, dict[str, Counts]] = {}
    for key, gold, pred in pairs:
        for measure, counts in score_items(gold, pred).items():
            table.setdefault(key, {}).setdefault(measure, Counts()).add(counts)
    return table
