"""Choose the articles to annotate and deal them out to annotators: writes eval/annotations/assignment.tsv.

Deterministic (fixed seed, sorted inputs). Rules, from docs/annotation.md:
- never a file of heldout.txt; one copy of each article (same bytes or same title counted once);
- whole articles of a readable size (150-1,500 clean characters) so that every mention can be annotated;
- files tagged in corpus2/EVENTS.tsv first, so stories overlap across outlets;
- whole outlets only in test (TEST_ONLY) to measure generalisation; the others split by article
  70 / 10 / 20 into train / dev / test;
- each annotator's queue goes round the outlets, so a partly done queue still covers them all, and every
  fifth item is another annotator's article done again independently (agreement), until SECOND_TOTAL.

Usage: python scripts/select_annotation_sample.py [--shared ../shared] [--annotators a1,a2,a3,a4]
       python scripts/select_annotation_sample.py --extend 4 --annotators a5,a6   (a second draw, appended)
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
from collections import defaultdict
from pathlib import Path

from storyline.clean import clean_record
from storyline.model import ReadError
from storyline.read import read_file

SEED = 20261207
TEST_ONLY = {"kyodo", "zaobao", "rti", "voa", "ftchinese"}
OLD_SOURCES = {"gfw-md": "epochtimes", "gfw-md-variants": "epochtimes", "hexo": "guancha",
               "hkarchivist+hkcnews-article-archive": "hkcnews", "ourhimalayas+txt": "gnews",
               "china-data+xwlb": "cctv"}
PER_FOLDER = {"cctv": 40, "epochtimes": 40, "gnews": 30, "hkcnews": 30, "guancha": 6}
DEFAULT_QUOTA = 26
SECOND_TOTAL = 60
MIN_CHARS, MAX_CHARS = 150, 1500


def folder_of(rel: str) -> str:
    parts = rel.split("/")
    if parts[0] == "corpus2":
        return parts[1]
    for part in parts[1:3]:
        if part in OLD_SOURCES:
            return OLD_SOURCES[part]
    raise ValueError(rel)


def split_of(folder: str, key: str) -> str:
    if folder in TEST_ONLY:
        return "test"
    bucket = int(hashlib.sha1(key.encode()).hexdigest(), 16) % 10
    return "train" if bucket < 7 else "dev" if bucket == 7 else "test"


def candidates(shared: Path, held: set[str]) -> dict[str, list[tuple[str, str | None, int]]]:
    events = set()
    tsv = shared / "corpus2" / "EVENTS.tsv"
    for row in csv.DictReader(tsv.open(encoding="utf-8"), delimiter="\t"):
        events.add("corpus2/" + row["relative_path"])
    out: dict[str, list] = defaultdict(list)
    seen_titles, seen_bytes = set(), set()
    for top in ("corpus", "corpus2"):
        for path in sorted((shared / top).rglob("*")):
            rel = path.relative_to(shared).as_posix()
            if not path.is_file() or path.parent == shared / top or rel in held:
                continue
            digest = hashlib.sha1(path.read_bytes()).hexdigest()
            if digest in seen_bytes:
                continue
            seen_bytes.add(digest)
            try:
                folder = folder_of(rel)
                raws = read_file(path, str(path))
            except (ValueError, ReadError, OSError):
                continue
            for raw in raws:
                doc = clean_record(raw)
                size = sum(len(p) for p in doc.article.paragraphs)
                title = (doc.article.title or "").strip()
                if not MIN_CHARS <= size <= MAX_CHARS or not title or title in seen_titles:
                    continue
                seen_titles.add(title)
                record = raw.source_key.partition("#")[2] or None
                out[folder].append((rel, record, 0 if rel in events else 1))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--annotators", default="a1,a2,a3,a4")
    ap.add_argument("--extend", type=int, default=0,
                    help="Append K more articles per outlet (not already assigned) to the existing assignment.")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "eval/annotations/assignment.tsv")
    args = ap.parse_args()
    held = {ln.strip() for ln in (args.shared / "heldout.txt").read_text().splitlines() if ln.strip()}
    rng = random.Random(SEED)
    pools = candidates(args.shared, held)
    chosen: dict[str, list] = {}
    for folder in sorted(pools):
        items = pools[folder]
        rng.shuffle(items)
        items.sort(key=lambda it: it[2])  # EVENTS.tsv files first, random order within
        chosen[folder] = items[:PER_FOLDER.get(folder, DEFAULT_QUOTA) + args.extend]
    existing: list[dict] = []
    if args.extend:
        with args.out.open(encoding="utf-8", newline="") as fh:
            existing = list(csv.DictReader(fh, delimiter="\t"))
        done = {(r["path"], r["record"] or None) for r in existing}
        chosen = {f: [it for it in v if (it[0], it[1]) not in done] for f, v in chosen.items()}
        chosen = {f: v[:args.extend] for f, v in chosen.items() if v}
    # round-robin over outlets: item i of every outlet before item i+1 of any
    order = []
    depth = max(len(v) for v in chosen.values())
    for i in range(depth):
        for folder in sorted(chosen):
            if i < len(chosen[folder]):
                order.append((folder, *chosen[folder][i][:2]))
    names = args.annotators.split(",")
    rows = []
    for i, (folder, rel, record) in enumerate(order):
        first = names[i % len(names)]
        second = names[(i + 1) % len(names)] if not args.extend and i % 5 == 0 and i // 5 < SECOND_TOTAL else ""
        rows.append({"path": rel, "record": record or "", "folder": folder,
                     "split": split_of(folder, f"{rel}#{record or ''}"), "annotator": first, "second": second})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ["path", "record", "folder", "split", "annotator", "second"], delimiter="\t",
                           lineterminator="\n")
        w.writeheader()
        w.writerows(existing + rows)
    counts = defaultdict(int)
    for r in rows:
        counts[r["split"]] += 1
    print(f"{len(rows)} articles from {len(chosen)} outlets -> {args.out} {dict(counts)}", file=sys.stderr)


if __name__ == "__main__":
    main()
