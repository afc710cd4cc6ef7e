"""Cross-outlet merge quality on ../shared/corpus2/EVENTS.tsv (issue #32 item 5).

EVENTS.tsv tags files of several outlets that report the same real-world event on the same day
(the 2022-02-24 invasion, the 2021-11-16 Biden-Xi summit, ...). The files of each group (and some
unrelated files) are ingested into a temporary store, then:

* a file's **main event** is the merged event its mentions dated from a day before the group's date
  to AFTER days after it point to most often (ties: the one mentioned first in the article); a
  file with no event of those days has none (a miss); a near-duplicate article (stored without
  annotations, `duplicate_of`) has the main event of the article it copies;
* the group's **majority** is the merged event most of its files' main events are;
* **same event or story**: the share of files whose main event is that majority event or sits in
  the same story as it (target >= 90%); **same event**: the share in the majority event itself;
* **kept apart**: of pairs of files that report unrelated things (files of groups more than
  APART_DAYS apart, and group files with unrelated files dated more than APART_DAYS from every
  group), the share whose main events (the most mentioned merged event, for an unrelated file)
  are neither the same event nor in the same story.

Files listed in ../shared/heldout.txt are left out unless `--heldout` (then only they are used:
reported separately, never tuned on). `--per-group N` takes the first N files of each group (the
pytest uses a small set from eval/data/merge_sets.json); `--json` prints the figures as JSON.

    python eval/evaluate_merge.py [--per-group N] [--groups G ...] [--unrelated N] [--heldout]
        [--workers N] [--db FILE] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import date as Date
from itertools import combinations
from pathlib import Path

from storyline.ingest import ingest
from storyline.store import open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = Path(__file__).parent / "data"
APART_DAYS = 7
AFTER = 3  # days after the group's date a main event may be dated (reports of the aftermath)
BEFORE = 1  # ... and before it (time zones)


def _day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def select(per_group: int | None, groups: list[str] | None, unrelated: int, heldout: bool) -> tuple[dict, list[str]]:
    """{group: [relative paths under shared/]} and unrelated relative paths, in file order."""
    held = set((SHARED / "heldout.txt").read_text(encoding="utf-8").split())
    with open(SHARED / "corpus2" / "EVENTS.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    tagged = {"corpus2/" + r["relative_path"] for r in rows}
    chosen: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        path = "corpus2/" + r["relative_path"]
        if (path in held) != heldout or (groups and r["event"] not in groups):
            continue
        if per_group is None or len(chosen[r["event"]]) < per_group:
            chosen[r["event"]].append(path)
    days = [_day(g) for g in chosen]
    others = []
    with open(SHARED / "corpus2" / "MANIFEST.tsv", encoding="utf-8") as fh:
        manifest = list(csv.DictReader(fh, delimiter="\t"))
    step = max(1, len(manifest) // max(1, unrelated * 4))
    for r in manifest[::step]:  # spread over every outlet folder
        path, day = "corpus2/" + r["relative_path"], _day(r["date"])
        if len(others) >= unrelated or path in tagged or (path in held) != heldout or day is None:
            continue
        if all(abs((day - d).days) > APART_DAYS for d in days if d):
            others.append(path)
    return dict(chosen), others


def _article_ids(store, paths: list[str]) -> dict[str, str]:
    """Each file's article, or for a near-duplicate the article it copies."""
    rows = store.rows("SELECT id, source_key, duplicate_of FROM articles")
    by_key = {r["source_key"]: r["duplicate_of"] or r["id"] for r in rows}
    return {p: by_key[str((SHARED / p).resolve())] for p in paths if str((SHARED / p).resolve()) in by_key}


def _main_event(store, article_id: str, day: Date | None, dates: dict[str, str | None]) -> str | None:
    counts: Counter = Counter()
    first: dict[str, tuple[int, int]] = {}
    for r in store.rows("SELECT event_id, paragraph, start_pos FROM event_mentions WHERE article_id = ? "
                        "AND event_id IS NOT NULL", (article_id,)):
        eid = r["event_id"]
        if day is not None:
            d = _day(dates.get(eid))
            if d is None or not -BEFORE <= (d - day).days <= AFTER:
                continue
        counts[eid] += 1
        first[eid] = min(first.get(eid, (10**9, 0)), (r["paragraph"], r["start_pos"]))
    if not counts:
        return None
    return min(counts, key=lambda e: (-counts[e], first[e], e))


def measure(store, chosen: dict[str, list[str]], others: list[str]) -> dict:
    dates = {r["id"]: r["date"] for r in store.rows("SELECT id, date FROM events")}
    story = {r["event_id"]: r["story_id"] for r in store.rows("SELECT event_id, story_id FROM story_events")}
    ids = _article_ids(store, [p for ps in chosen.values() for p in ps] + others)

    def together(a: str | None, b: str | None) -> bool:
        return a is not None and b is not None and (a == b or (story.get(a) is not None and story.get(a) == story.get(b)))

    per_group, main = {}, {}
    hits = same = total = 0
    for group, paths in sorted(chosen.items()):
        day = _day(group)
        mains = {p: _main_event(store, ids[p], day, dates) if p in ids else None for p in paths}
        main.update(mains)
        found = Counter(e for e in mains.values() if e)
        top = min(found, key=lambda e: (-found[e], e)) if found else None
        g_hits = sum(together(e, top) for e in mains.values())
        g_same = sum(e is not None and e == top for e in mains.values())
        per_group[group] = {"files": len(paths), "same_event_or_story": g_hits / len(paths),
                            "same_event": g_same / len(paths), "no_event_that_day": sum(e is None for e in mains.values())}
        hits, same, total = hits + g_hits, same + g_same, total + len(paths)
    for p in others:
        main[p] = _main_event(store, ids[p], None, dates) if p in ids else None
    group_of = {p: g for g, ps in chosen.items() for p in ps}
    pairs = apart = 0
    for a, b in combinations(sorted(main), 2):
        ga, gb = group_of.get(a), group_of.get(b)
        if ga is None and gb is None:
            continue  # two unrelated files may well be about one thing
        if ga is not None and gb is not None and (ga == gb or abs((_day(ga) - _day(gb)).days) <= APART_DAYS):
            continue
        pairs += 1
        apart += not together(main[a], main[b])
    return {
        "files": total, "unrelated_files": len(others),
        "same_event_or_story": hits / total if total else 0.0, "same_event": same / total if total else 0.0,
        "unrelated_pairs": pairs, "kept_apart": apart / pairs if pairs else 1.0, "groups": per_group,
    }


def run(per_group: int | None = None, groups: list[str] | None = None, unrelated: int = 40, heldout: bool = False,
        workers: int = 1, db: str | None = None) -> dict:
    chosen, others = select(per_group, groups, unrelated, heldout)
    with tempfile.TemporaryDirectory() as tmp:
        target = db or str(Path(tmp) / "merge.db")
        store = open_store(target)
        try:
            ingest(store, [str(SHARED / p) for ps in chosen.values() for p in ps] + [str(SHARED / p) for p in others],
                   workers=workers)
            return measure(store, chosen, others)
        finally:
            store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-group", type=int)
    ap.add_argument("--groups", nargs="*")
    ap.add_argument("--unrelated", type=int, default=40)
    ap.add_argument("--heldout", action="store_true")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--db")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not (SHARED / "corpus2" / "EVENTS.tsv").exists():
        sys.exit(f"{SHARED} is missing")
    out = run(args.per_group, args.groups, args.unrelated, args.heldout, args.workers, args.db)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return
    label = "held-out files" if args.heldout else "files (held-out ones left out)"
    print(f"{out['files']} {label} in {len(out['groups'])} groups, {out['unrelated_files']} unrelated files")
    print(f"{'group':<48} {'files':>5} {'event|story':>11} {'event':>7} {'none':>5}")
    for g, f in out["groups"].items():
        print(f"{g:<48} {f['files']:>5} {f['same_event_or_story']:>11.1%} {f['same_event']:>7.1%} {f['no_event_that_day']:>5}")
    print(f"{'all':<48} {out['files']:>5} {out['same_event_or_story']:>11.1%} {out['same_event']:>7.1%}")
    print(f"unrelated pairs kept apart: {out['kept_apart']:.1%} of {out['unrelated_pairs']}")


if __name__ == "__main__":
    main()
