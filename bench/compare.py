"""Before vs after in one run: the same ingest with two source trees, taking turns.

    git worktree add /tmp/base <commit>
    python bench/compare.py --base /tmp/base --corpus ../shared/corpus --workers 2 [--limit N] [--rounds 2]

The host is shared and its speed drifts by tens of percent within minutes, so absolute figures taken
minutes apart do not compare two commits; turns of the two trees on the same input do. Each turn is a
fresh process (`PYTHONPATH=<tree>/src`) ingesting into a fresh temporary SQLite store, exactly as
bench/pipeline.py's end-to-end figure does; it prints articles/s and each stage's CPU seconds per
turn, then the sums over the turns and their ratios (this tree / base: under 1 is faster).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# One turn, run in a child with the tree's package first on the path: the ingest's wall seconds,
# articles read, the CPU seconds of the ingest's processes (writer and workers, from the kernel's
# accounting: what the stage timer misses, such as unpickling results, is in it) and the stage
# timer's CPU seconds, as one JSON line.
TURN = """
import json, resource, sys, time
sys.path.insert(0, {bench!r})
import pipeline as bench
files, db, workers = json.loads(open(sys.argv[1], encoding="utf-8").read()), sys.argv[2], int(sys.argv[3])
before = sum(getattr(resource.getrusage(resource.RUSAGE_SELF), k) for k in ("ru_utime", "ru_stime"))
wall, summary, timer, tail = bench.run_ingest(db, files, workers)
cpu = sum(getattr(resource.getrusage(w), k) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
          for k in ("ru_utime", "ru_stime")) - before
print(json.dumps({{"wall": wall, "tail": tail, "read": summary.read, "cpu": cpu, "stages": timer.seconds}}))
"""


def turn(tree: Path, files: list[str], workers: int, tmp: Path) -> dict:
    """One ingest of `files` with `tree`'s code; its figures."""
    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    db = tmp / f"turn-{os.getpid()}-{len(list(tmp.iterdir()))}.db"
    code = TURN.format(bench=str(tree / "bench"))
    listed = tmp / "files.json"  # a file, not an argument: the whole corpus is too long a command line
    listed.write_text(json.dumps(files), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", code, str(listed), str(db), str(workers)],
                         env=env, capture_output=True, text=True, check=True, cwd=str(tree))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def input_files(tree: Path, corpus: Path, limit: int | None) -> list[str]:
    """bench/pipeline.py's input list (the same files for both trees)."""
    sys.path.insert(0, str(tree / "bench"))
    import pipeline as bench  # noqa: E402  (bench/pipeline.py, beside this file)

    return bench._input_files(corpus.resolve(), limit)


def summed(turns: list[dict]) -> dict[str, float]:
    out = {"wall": sum(t["wall"] for t in turns), "read": sum(t["read"] for t in turns),
           "cpu": sum(t["cpu"] for t in turns), "tail": sum(t.get("tail", 0.0) for t in turns)}
    for t in turns:
        for stage, sec in t["stages"].items():
            out[stage] = out.get(stage, 0.0) + sec
    return out


def report(base: list[dict], head: list[dict]) -> list[str]:
    b, h = summed(base), summed(head)
    lines = [f"  {'':<14}{'base':>10}{'this tree':>11}{'ratio':>8}"]
    for name in ("articles/s", *sorted(set(b) | set(h) - {"wall", "read"})):
        if name in ("wall", "read", "cpu", "tail"):
            continue
        if name == "articles/s":
            bv, hv = b["read"] / b["wall"], h["read"] / h["wall"]
        else:
            bv, hv = b.get(name, 0.0), h.get(name, 0.0)
        lines.append(f"  {name:<14}{bv:>10.2f}{hv:>11.2f}{(hv / bv if bv else float('nan')):>8.3f}")
    cpu_b = sum(v for k, v in b.items() if k not in ("wall", "read", "cpu", "tail"))
    cpu_h = sum(v for k, v in h.items() if k not in ("wall", "read", "cpu", "tail"))
    lines.append(f"  {'stages, all':<14}{cpu_b:>10.2f}{cpu_h:>11.2f}{cpu_h / cpu_b:>8.3f}")
    lines.append(f"  {'CPU, processes':<14}{b['cpu']:>10.2f}{h['cpu']:>11.2f}{h['cpu'] / b['cpu']:>8.3f}")
    if b["tail"] and h["tail"]:  # wall seconds after the last batch (the writer's tail)
        lines.append(f"  {'tail, wall s':<14}{b['tail']:>10.2f}{h['tail']:>11.2f}{h['tail'] / b['tail']:>8.3f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path, required=True, help="the other tree (e.g. a git worktree of the commit before)")
    ap.add_argument("--tree", type=Path, default=HERE.parent, help="this tree (default: the one holding this script)")
    ap.add_argument("--corpus", type=Path, default=HERE.parents[1] / "shared" / "corpus")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N files")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2, help="turns of each tree (base first, then this tree)")
    args = ap.parse_args(argv)
    files = input_files(args.tree, args.corpus, args.limit)
    base, head = [], []
    with tempfile.TemporaryDirectory(prefix="storyline-compare-") as tmp:
        for r in range(args.rounds):
            for name, tree, into in (("base", args.base, base), ("this tree", args.tree, head)):
                got = turn(tree.resolve(), files, args.workers, Path(tmp))
                into.append(got)
                print(f"round {r + 1} {name:<10} {got['read']} articles, wall {got['wall']:.1f} s "
                      f"({got['read'] / got['wall']:.1f} articles/s), after the last batch {got['tail']:.1f} s, "
                      f"CPU of its processes {got['cpu']:.1f} s, "
                      f"stages {sum(got['stages'].values()):.1f} s", flush=True)
    print(f"\n== sums over {args.rounds} rounds ({len(files)} files, --workers {args.workers}) ==")
    print("\n".join(report(base, head)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
