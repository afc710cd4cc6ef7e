"""Bounded load test of `storyline serve`: many concurrent clients for a fixed time, loopback only.

    python bench/load.py [--duration 30] [--clients 50] [--sample 100] [--db PATH]

Builds a store from ../shared/seeds plus a deterministic sample of ../shared/corpus (unless --db
names an existing store), starts `python -m storyline serve` on 127.0.0.1 at a free port, and runs
`--clients` threads, each with its own keep-alive connection, cycling through search, timeline,
entity-profile and article-list requests until `--duration` seconds are up. Prints requests/s,
p50/p95 latency per endpoint and overall, and the number of errors (non-200 or failed requests);
exits 1 if there were any. The server is stopped at the end; nothing listens beyond loopback.

Client threads share one Python interpreter with their GIL, so on a small machine the figures are
a lower bound on what the server can do (the client side costs CPU too).
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
QUERIES = ["普京", "乌克兰", "拜登", "北约", "制裁", "莫斯科", "外交部 发言人", "泽连斯基"]
NAMES = ["普京", "拜登", "泽连斯基", "乌克兰", "北约", "俄罗斯"]


def requests_cycle() -> list[tuple[str, str]]:
    q = urllib.parse.quote
    calls = [("search", f"/api/search?q={q(s)}") for s in QUERIES]
    calls += [("timeline", "/api/timeline"), ("timeline", f"/api/timeline?entity={q('普京')}")]
    calls += [("entity", f"/api/entities/{q(n)}") for n in NAMES]
    calls += [("articles", "/api/articles"), ("articles", "/api/articles?offset=20&limit=20")]
    return calls


def build_store(db: Path, sample: int) -> int:
    from storyline.ingest import ingest
    from storyline.store import open_store

    paths = [str(SHARED / "seeds")] if (SHARED / "seeds").is_dir() else []
    corpus = SHARED / "corpus"
    if sample and corpus.is_dir():
        files = sorted(p for p in corpus.rglob("*.md") if p.is_file())
        step = max(1, len(files) // sample)
        paths += [str(p) for p in files[::step][:sample]]
    if not paths:
        raise SystemExit("load.py: ../shared/seeds and ../shared/corpus are missing; give --db")
    store = open_store(str(db))
    try:
        ingest(store, paths, workers=min(2, os.cpu_count() or 1))
        return int(store.scalar("SELECT COUNT(*) FROM articles"))
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "STORYLINE_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--db", str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"load.py: server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/stats")
            if conn.getresponse().status == 200:
                conn.close()
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("load.py: server did not come up within 60 s")


class Client(threading.Thread):
    """One keep-alive connection; records (endpoint, seconds, ok) until the shared deadline."""

    def __init__(self, port: int, deadline: float, offset: int) -> None:
        super().__init__(daemon=True)
        self.port, self.deadline = port, deadline
        calls = requests_cycle()
        self.calls = itertools.islice(itertools.cycle(calls), offset % len(calls), None)
        self.results: list[tuple[str, float, bool]] = []

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        for name, path in self.calls:
            if time.monotonic() >= self.deadline:
                break
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.results.append((name, time.perf_counter() - started, ok))
        conn.close()


def pct(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def run(port: int, clients: int, duration: float) -> dict:
    deadline = time.monotonic() + duration
    threads = [Client(port, deadline, i) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 60)
    elapsed = time.monotonic() - started
    results = [r for t in threads for r in t.results]
    report = {"requests": len(results), "seconds": elapsed, "rps": len(results) / elapsed,
              "errors": sum(1 for r in results if not r[2]), "endpoints": {}}
    for name in sorted({r[0] for r in results}) + ["all"]:
        lat = [r[1] * 1000 for r in results if name == "all" or r[0] == name]
        report["endpoints"][name] = {"n": len(lat), "p50": pct(lat, 50), "p95": pct(lat, 95)}
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load (bounded)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--sample", type=int, default=100, help="corpus files added to the seeds")
    ap.add_argument("--db", type=Path, help="existing store to serve (default: build one in a temp folder)")
    args = ap.parse_args()
    if not 0 < args.duration <= 600 or not 0 < args.clients <= 500:
        raise SystemExit("load.py: --duration must be in (0, 600] and --clients in (0, 500]")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "load.db"
            t0 = time.monotonic()
            n = build_store(db, args.sample)
            print(f"store: {n} articles (seeds + {args.sample} corpus files) built in {time.monotonic() - t0:.1f} s")
        server, port = start_server(db)
        try:
            report = run(port, args.clients, args.duration)
        finally:
            server.kill()
            server.wait(timeout=30)
    print(f"clients {args.clients}, duration {report['seconds']:.1f} s, requests {report['requests']}, "
          f"{report['rps']:.1f} requests/s, errors {report['errors']}")
    for name, e in report["endpoints"].items():
        print(f"  {name:9s} n={e['n']:6d}  p50 {e['p50']:8.1f} ms  p95 {e['p95']:8.1f} ms")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
