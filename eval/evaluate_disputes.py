"""Evaluate claim/counter-claim pairing on our annotated pairs (eval/data/disputes.jsonl).

Each line is a candidate pair of statements (our own sentences) with where they stand relative
to each other (same paragraph, adjacent paragraph, other article), how many days apart, and
whether the counter truly contests the claim. Each side may give the quote's `stance` and `cue`
(reporting verb), and `previous`: the descriptor an anaphoric speaker (这位官员) points back to.
Statements are built by the production `make_statement` (the same claim/counter/topic features
the linker uses) and scored with `score_pair` plus the ±14-day window. Prints precision/recall/F1
overall and accuracy per kind of pair.

    python eval/evaluate_disputes.py [path/to/disputes.jsonl ...] [--errors]
    (no path: the dev set, the first held-out set and the review held-out set, each separately)
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from storyline.link.disputes import WINDOW_DAYS, DisputeLexicon, Statement, make_statement, score_pair

DATA = Path(__file__).parent / "data"
DEFAULT = DATA / "disputes.jsonl"
HELD_OUT = (DATA / "disputes_heldout.jsonl", DATA / "disputes_heldout_review.jsonl")
PARAGRAPHS = {"paragraph": (0, 0), "adjacent": (0, 1)}


def _statement(lex: DisputeLexicon, side: dict, key: str, article: str, paragraph: int, counter_side: bool) -> Statement:
    by, who = side["by"], side.get("side")
    if lex.is_anaphor(by) and side.get("previous"):
        by = side["previous"]  # what the linker does: 这位官员 is the previous descriptor
        who = who or lex.side_of(by)
    stance = side.get("stance") or ("assert" if not counter_side else None)
    return make_statement(
        lex, kind="quote", id=key, key=key, by_id=None, by_name=by, side=who or lex.side_of(by),
        text=side["text"], date=None, article_id=article, paragraph=paragraph, stance=stance,
        cue=side.get("cue"), about=lex.sides_in(side["text"]))


def predict(lex: DisputeLexicon, item: dict) -> bool:
    where = item["where"]
    pc, pk = PARAGRAPHS.get(where, (0, 0))
    claim = _statement(lex, item["claim"], "c", "a1", pc, False)
    counter = _statement(lex, item["counter"], "k", "a1" if where in PARAGRAPHS else "a2", pk, True)
    if item["days"] > WINDOW_DAYS:
        return False
    return score_pair(claim, counter, lex) is not None


def evaluate(path: Path = DEFAULT, show_errors: bool = False) -> dict[str, float]:
    lex = DisputeLexicon()
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = fp = fn = 0
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        got, gold = predict(lex, item), item["label"]
        tp += got and gold
        fp += got and not gold
        fn += gold and not got
        kinds[item["kind"]][0] += got == gold
        kinds[item["kind"]][1] += 1
        if show_errors and got != gold:
            print(f"ERROR ({'missed' if gold else 'false alarm'}): {item['claim']['text']} <-> {item['counter']['text']}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"pairs {len(items)}  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    for kind in sorted(kinds):
        ok, n = kinds[kind]
        print(f"  {kind:<15} accuracy {ok / n:.3f} ({ok}/{n})")
    return {"precision": p, "recall": r, "f1": f}


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    for path in [Path(a) for a in args] or [DEFAULT, *HELD_OUT]:
        print(f"== {path.name}")
        evaluate(path, "--errors" in sys.argv)
