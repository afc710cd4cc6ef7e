"""Reading while writing: `storyline serve` answers every request while an ingest writes the same store.

A real server (subprocess, 127.0.0.1 on a free port) and a real ingest of corpus files (another
subprocess) share one SQLite file (WAL). The test polls articles, timeline and search until the
ingest ends; every response must be 200. Bounded: the ingest has a timeout, the server is killed
at the end, nothing listens beyond loopback.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from storyline.store import open_store
from tests.reliability.helpers import committed_articles, ingest_cmd

N_FILES = 60
ENDPOINTS = ("/api/articles", "/api/timeline", "/api/search?q=" + urllib.parse.quote("普京"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def start_server(db: Path, cwd: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--db", str(db)], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={k: v for k, v in os.environ.items() if k != "STORYLINE_TOKEN"})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, proc.stderr.read().decode()
        try:
            if get(base + "/api/articles")[0] == 200:
                return proc, base
        except OSError:
            pass
        assert time.monotonic() < deadline, "server did not come up"
        time.sleep(0.2)


def test_api_answers_200_while_ingest_writes(tmp_path, copy_sample):
    copy_sample(tmp_path / "in", N_FILES)
    db = tmp_path / "live.db"
    open_store(str(db)).close()  # schema only: the server opens the store read-only
    server, base = start_server(db, tmp_path)
    statuses: dict[str, list[int]] = {e: [] for e in ENDPOINTS}
    seen_articles = set()
    try:
        ingest = subprocess.Popen(ingest_cmd("in", str(db), workers=1), cwd=tmp_path,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "STORYLINE_BATCH": "10"})
        deadline = time.monotonic() + 240
        while ingest.poll() is None:
            assert time.monotonic() < deadline, "ingest did not finish in time"
            for endpoint in ENDPOINTS:
                status, body = get(base + endpoint)
                statuses[endpoint].append(status)
                if endpoint == "/api/articles" and status == 200:
                    seen_articles.add(json.loads(body)["total"])
        out, err = ingest.communicate()
        assert ingest.returncode == 0, err
        for endpoint in ENDPOINTS:  # once more after the last commit
            status, body = get(base + endpoint)
            statuses[endpoint].append(status)
        final_total = json.loads(get(base + "/api/articles")[1])["total"]
    finally:
        server.kill()
        server.wait(timeout=30)
    bad = {e: [s for s in v if s != 200] for e, v in statuses.items() if any(s != 200 for s in v)}
    assert not bad, bad
    assert all(len(v) >= 3 for v in statuses.values()), statuses  # polled throughout, not once
    assert final_total == committed_articles(db) > 0
    assert len(seen_articles) >= 2, seen_articles  # the server saw the store grow while it was written
