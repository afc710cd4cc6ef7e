"""Latency of the HTTP API on a large store: p50/p95 of search, timeline and entity-profile calls.

    python bench/serve.py [--articles 10000] [--db PATH] [--workers 2] [--repeat 40]

Builds the store by running the real ingest over an N-article corpus synthesised from
../shared/corpus (re-dated, lightly perturbed copies: bench/scale.py), unless --db points at an
existing store with articles, which is reused (and migrated to the current schema: the read
indexes). Calls go in-process through FastAPI's TestClient,
so the figures are the app's own time (routing, validation, SQL, JSON), without network; the
cpu columns are this process's CPU time per call, which waiting for a busy machine's cores does
not inflate.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
warnings.filterwarnings("ignore")

import scale  # noqa: E402  (bench/scale.py, beside this file)

from storyline.ingest import ingest  # noqa: E402
from storyline.read import read_file  # noqa: E402
from storyline.serve.api import create_app  # noqa: E402
from storyline.store import open_store, queries  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = ["普京", "乌克兰", "拜登 通话", "佩斯科夫", "北约 东扩", "制裁", "克里姆林宫", "外交部 发言人", "泽连斯基", "莫斯科"]
PROFILE_NAMES = ["普京", "拜登", "泽连斯基", "佩斯科夫", "北约", "乌克兰"]


def _count(path: Path) -> int:
    try:
        return len(read_file(path, str(path)))
    except Exception:
        return 0


def build(db: Path, articles: int, workers: int) -> None:
    corpus = ROOT.parent / "shared" / "corpus"
    sources = scale.load_sources(corpus, _count)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        t = time.perf_counter()
        nfiles, narts, _ = scale.synthesise(sources, articles, Path(tmp))
        print(f"synthesised {narts} articles in {nfiles} files ({time.perf_counter() - t:.1f} s)")
        store = open_store(str(db))
        t = time.perf_counter()
        try:
            summary = ingest(store, scale.file_list(Path(tmp)), workers=workers)
        finally:
            store.close()
        print(f"ingest: {summary.line()} ({time.perf_counter() - t:.1f} s)")


def timed(client, url: str, params: dict) -> tuple[float, float]:
    """(wall, CPU) milliseconds of one call. CPU time is this process's own work (all threads):
    on a shared machine it tells the app's cost apart from waiting for a core."""
    t, c = time.perf_counter(), time.process_time()
    r = client.get(url, params=params)
    elapsed, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
    if r.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {r.status_code} {r.text[:200]}")
    return elapsed, cpu


def measure(db: Path, repeat: int) -> list[tuple[str, int, float, float, float, float]]:
    from fastapi.testclient import TestClient

    app = create_app(str(db))
    app.state.framing_warm.join()  # the comparison is computed once at start-up; time requests after it
    client = TestClient(app)
    store = open_store(str(db), readonly=True)
    try:
        top = [e["name"] for _, e in zip(range(3), queries.iter_entities(store))]
    finally:
        store.close()
    names = top + [n for n in PROFILE_NAMES if n not in top]
    calls = {
        "search": [("/api/search", {"q": q, "limit": 20}) for q in SEARCHES],
        "search+filter": [("/api/search", {"q": q, "from": "2022-02-01", "to": "2022-02-28"}) for q in SEARCHES],
        "timeline": [("/api/timeline", {}), ("/api/timeline", {"from": "2022-02", "to": "2022-02"})],
        "timeline entity": [("/api/timeline", {"entity": n}) for n in names[:4]],
        "entity profile": [("/api/entities/" + n, {}) for n in names],
        "disputes": [("/api/disputes", {}), ("/api/disputes", {"entity": names[0]})],
        "stories": [("/api/stories", {})],
        "compare": [("/api/compare", {}), ("/api/compare", {"outlets": "观察者网,大纪元"})],
    }
    rows = []
    for label, variants in calls.items():
        variants = [v for v in variants if client.get(v[0], params=v[1]).status_code == 200]  # warm-up, skip 404s
        if not variants:
            rows.append((label, 0, *[float("nan")] * 4))
            continue
        samples = [timed(client, *variants[i % len(variants)]) for i in range(repeat)]
        wall, cpu = [w for w, _ in samples], [c for _, c in samples]
        rows.append((label, len(samples), statistics.median(wall), statistics.quantiles(wall, n=20)[18],
                     statistics.median(cpu), statistics.quantiles(cpu, n=20)[18]))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000, help="articles to synthesise when building")
    ap.add_argument("--db", type=Path, help="store to reuse (built there if missing or empty)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=40, help="calls per row")
    args = ap.parse_args()
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="bench-serve-db-")
        db = Path(tmp.name) / "bench.db"
    has = False
    if db.exists():
        store = open_store(str(db))  # read-write once: brings an older store to the current schema (indexes)
        store.close()
        store = open_store(str(db), readonly=True)
        has = queries.count(store, "articles") > 0
        store.close()
    if not has:
        build(db, args.articles, args.workers)
    store = open_store(str(db), readonly=True)
    sizes = {t: queries.count(store, t) for t in ("articles", "entities", "events", "quotes")}
    units = store.scalar("SELECT COUNT(*) FROM search_units")
    store.close()
    print("store: " + ", ".join(f"{k} {v}" for k, v in sizes.items()) + f", search spans {units}")
    print(f"{'call':<16} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'cpu p95':>8}")
    for label, n, p50, p95, c50, c95 in measure(db, args.repeat):
        print(f"{label:<16} {n:>4} {p50:>8.1f} {p95:>8.1f} {c50:>8.1f} {c95:>8.1f}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
