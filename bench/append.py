"""What adding articles to a large store costs, against adding them to an empty one.

    python bench/append.py --db BIG.db [--articles 1000] [--workers 2] [--corpus ../shared/corpus]

Two sets of `--articles` new articles are synthesised from the corpus (`remix` copies, see
bench/scale.py), and each is ingested into an empty store and into a copy of BIG.db (BIG.db
itself is never written):

* `spread`: dates moved by a random -400..400 days, as in `bench/pipeline.py --append`. The new
  articles land all over the store's years, so linking reads the neighbourhood of nearly every
  stored week: the worst case for a store of any size.
* `after`: each copy's earliest date moved into the 14 days after the store's last busy day
  (99% of its articles published by then): a new fortnight of news, the way a growing archive
  is fed.

Linking is incremental in both cases (it reads the stored events, statements and stories near
the new articles, and no full rebuild happens), so the ratio measures how much of the store the
new articles' neighbourhoods cover. Prints wall seconds, the ratio, and the target (~1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402  (bench/scale.py, beside this file)
from pipeline import _count_articles, run_ingest  # noqa: E402

from storyline.store import open_store  # noqa: E402


def _synthesise(corpus: Path, n: int, out: Path, after: dt.date) -> None:
    sources = scale.load_sources(corpus, _count_articles)
    scale.synthesise(sources, n, out / "spread", seed=99, kinds=("remix",))
    scale.synthesise(sources, n, out / "after", seed=98, kinds=("remix",), land_on=after)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="the large store (SQLite file; copied, not changed)")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    args = ap.parse_args(argv)
    if not args.db.is_file():
        print(f"{args.db}: no such store", file=sys.stderr)
        return 2
    store = open_store(str(args.db), readonly=True)
    size = store.scalar("SELECT COUNT(*) FROM articles")
    # the last busy day: the day 99% of the day-dated articles are published by. A month-only date
    # such as 2024-02 says too little, and the maximum may be a stray (the synthetic 100k store has
    # copies re-dated into 2060, which would make a "new fortnight" nothing is near)
    dated = store.scalar("SELECT COUNT(*) FROM articles WHERE published LIKE '____-__-__%'")
    last = store.scalar(
        "SELECT substr(published, 1, 10) FROM articles WHERE published LIKE '____-__-__%' "
        "ORDER BY published LIMIT 1 OFFSET ?", (max(0, int(dated * 0.99) - 1),))
    store.close()
    after = dt.date.fromisoformat(last) + dt.timedelta(days=1)
    tmp = Path(tempfile.mkdtemp(prefix="storyline-append-"))
    try:
        # in a child: the corpus sources (~0.9 GB) stay out of this process and its workers
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            pool.submit(_synthesise, args.corpus.resolve(), args.articles, tmp, after).result()
        print(f"store {args.db}: {size} articles, 99% published by {last}; new fortnight from {after}", flush=True)
        for kind in ("spread", "after"):
            files = scale.file_list(tmp / kind)
            empty_wall, empty_sum, _, empty_tail = run_ingest(str(tmp / f"{kind}-empty.db"), files, args.workers)
            big = tmp / f"{kind}-big.db"
            shutil.copy(args.db, big)
            big_wall, big_sum, _, big_tail = run_ingest(str(big), files, args.workers)
            print(f"\n== {kind}: {len(files)} files ==")
            print(f"  into an empty store:          {empty_wall:7.1f} s ({empty_tail:.1f} s after the last batch)  {empty_sum.line()}")
            print(f"  into the {size}-article store: {big_wall:7.1f} s ({big_tail:.1f} s after the last batch)  {big_sum.line()}")
            print(f"  ratio {big_wall / empty_wall:.2f}  (target ~1, <= 1.25)", flush=True)
            (tmp / f"{kind}-empty.db").unlink()
            big.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
