"""Check that no inferred publication date goes beyond its evidence (issue #30, item 2).

Ingests the given paths (default: ../shared/corpus and ../shared/corpus2) into a temporary
SQLite store, or reads an existing store (`--db`), and lists every article whose inferred date
(`published_inferred`) is
  * after the ingest day (nothing published can be dated in the future of its reading), or
  * after the newest date its text treats as past: the latest explicitly dated mention that is
    not a plan, a target or a forecast (anchor.py's evidence, recomputed from the stored title
    and paragraphs, and from the page's images stored under a dated upload folder: a year-less
    day takes their year, and their newest upload month is itself a lower bound), unless the clue is a weekday/day pair (周二（1日）) that holds on the
    inferred day, or
  * without its clue (`published_clue`) in the store.
Zero such articles is the target. Prints the counts and one line per offending article; exits 1
when there is one.

    python eval/check_published.py [paths ...] [--db store.db] [--workers 2] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from storyline.analyse.time import TimeTagger
from storyline.analyse.time.anchor import upload_month
from storyline.analyse.time.dates import month_length, parse_iso_date
from storyline.analyse.time.merge import merge
from storyline.store import open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def evidence(tagger: TimeTagger, title: str | None, paragraphs: list[str], ingest: date,
             links: list[dict[str, str]] | None = None) -> tuple[date | None, list]:
    """(the newest day the text treats as past: the end of its newest past dated mention, or None;
    the weekday/day pairs of its past clauses as (weekday, month or None, day, text, paragraph)).
    With images under a dated upload folder among `links`, a year-less day of the text counts with
    the year they give, and the newest upload month is itself evidence, as a month (as 2021年11月 is)."""
    texts = []
    for i, text in enumerate(([title] if title else []) + paragraphs):
        norm = unicodedata.normalize("NFKC", text)
        texts.append((i - (1 if title else 0), norm, merge(tagger.grammar.scan(norm), norm)))
    upload = upload_month(links or [])
    ev = tagger.inferrer.collect(texts, ingest, upload)
    days = [m.end for m in ev.dated] + ([date(*upload, month_length(*upload))] if upload else [])
    return max(days, default=None), ev.pairs


def pair_holds(pairs: list, day: date) -> bool:
    """A weekday/day pair of the text (周二（1日）) falls on `day`: then `day` is told of as past."""
    return any(w == day.isoweekday() and d == day.day and m in (None, day.month) for w, m, d, _, _ in pairs)


def heldout_paths() -> set[str]:
    """The held-out files (../shared/heldout.txt), resolved: their problems are counted, not shown,
    so that nobody tunes on them."""
    listed = SHARED / "heldout.txt"
    if not listed.exists():
        return set()
    return {str((SHARED / line).resolve()) for line in listed.read_text(encoding="utf-8").split()}


def check(db: str, ingest: date, hidden: set[str] | None = None) -> tuple[int, int, list[str]]:
    """(inferred articles, articles checked, problem lines) for the store at `db`; a problem of a
    file in `hidden` is one line that names no file."""
    tagger = TimeTagger(today=ingest)
    problems: list[str] = []
    inferred = 0
    store = open_store(db, readonly=True)
    try:
        total = int(store.scalar("SELECT COUNT(*) FROM articles") or 0)
        rows = store.rows("SELECT id, path, title, published, published_clue, paragraphs, links FROM articles "
                          "WHERE published_inferred = 1 ORDER BY id")
    finally:
        store.close()
    for row in rows:
        inferred += 1
        found = _row_problems(tagger, row, ingest)
        if found and hidden and str(Path(row["path"]).resolve()) in hidden:
            found = ["(a held-out file): an inferred date beyond its evidence"]
        problems += [f"{row['id']} {row['path']}: {row['published']}: {p}" if not p.startswith("(") else p
                     for p in found]
    return inferred, total, problems


def _row_problems(tagger: TimeTagger, row: dict, ingest: date) -> list[str]:
    day, _ = parse_iso_date(row["published"])
    if day is None:
        return ["an inferred date that is no date"]
    found = [f"after the ingest day {ingest}"] if day > ingest else []
    if not row["published_clue"]:
        return found + ["no clue stored"]
    limit, pairs = evidence(tagger, row["title"], json.loads(row["paragraphs"]), ingest,
                            json.loads(row["links"] or "[]"))
    if limit is None:
        found.append(f"no past dated mention in the text (clue: {row['published_clue']})")
    elif day > limit and not pair_holds(pairs, day):
        found.append(f"after the newest past date {limit} (clue: {row['published_clue']})")
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", help="files or folders to ingest (default: shared corpus + corpus2)")
    ap.add_argument("--db", help="check this existing store instead of ingesting")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ingest-day", help="the day the store was ingested (default today)")
    args = ap.parse_args(argv)
    ingest_day = parse_iso_date(args.ingest_day)[0] if args.ingest_day else date.today()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from storyline.ingest import ingest

            paths = args.paths or [str(SHARED / "corpus"), str(SHARED / "corpus2")]
            db = str(Path(tmp) / "check.db")
            store = open_store(db)
            try:
                summary = ingest(store, paths, workers=args.workers)
            finally:
                store.close()
            print(f"ingested: {summary.line()}")
        inferred, total, problems = check(db, ingest_day, heldout_paths())
    print(f"articles {total}, inferred dates {inferred}, after their evidence {len(problems)}")
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
