"""Issue #29 item 12: a JSON Lines file or JSON array of 20,000 records streams record by record
into batches: the reader's memory does not grow with the file, the first batch is committed
while the file is still being read, and a kill mid-file then a re-run equals a clean run.

The records are generated here from our own sentences (nothing from ../shared).
"""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

from storyline.pipeline import PART_DOCS
from storyline.read import read_file
from storyline.read.structured import STREAM_MIN_BYTES, stream_kind
from tests.reliability.helpers import (
    committed_articles, export_all, kill_group, orphans, run_ingest, start_ingest, table_counts, wait_for,
)

N = 20_000
CITIES = ("北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "天津", "重庆")
ACTS = ("召开了交通安全会议", "宣布扩建地铁线路", "举办了科技展览", "发布了空气质量报告", "启动了旧城改造计划",
        "表彰了一批优秀教师", "开通了新的公交线路", "公布了上半年经济数据")


def _record(i: int, content: bool = True) -> dict:
    city, act = CITIES[i % len(CITIES)], ACTS[(i // len(CITIES)) % len(ACTS)]
    body = (f"{city}市政府3月{i % 28 + 1}日{act}，第{i}号通报称参与人数约{i * 7 % 900 + 100}人。\n"
            f"市民王{i % 97}先生表示，希望{ACTS[i % len(ACTS)][2:]}的工作能够持续。") if content else ""
    return {"title": f"{city}简讯{i}", "content": body, "date": f"2022-03-{i % 28 + 1:02d}",
            "url": f"https://news.example.org/{i}", "source": "示例日报"}


def write_records(path: Path, n: int = N, content_every: int = 1) -> Path:
    records = (_record(i, i % content_every == 0) for i in range(n))
    with path.open("w", encoding="utf-8") as fh:
        if path.suffix == ".jsonl":
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            fh.write("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False, indent=1) for r in records) + "\n]\n")
    return path


@pytest.mark.parametrize("name", ["small.jsonl", "small.json"])
def test_streamed_records_equal_whole_reading(tmp_path, name):
    path = write_records(tmp_path / name, 5000)
    assert path.stat().st_size > STREAM_MIN_BYTES and stream_kind(path) is not None
    from storyline.pipeline import stream_records

    streamed = list(stream_records(path, name))
    assert streamed == read_file(path, name)  # same keys, digests and text as the whole reading
    assert len(streamed) == 5000


@pytest.mark.parametrize("name", ["big.jsonl", "big.json"])
def test_reader_memory_does_not_grow_with_the_file(tmp_path, name):
    """Peak traced memory over reading all 20,000 records: a few buffers of a fixed size (under
    4 MB and under two thirds of the 6 MB file: it is never held whole; reading it whole holds
    it several times over, 46 MB for a 5 MB file)."""
    from storyline.pipeline import stream_records

    big = write_records(tmp_path / name, N)
    records = stream_records(big, name)
    first = next(records)  # readers and their resources loaded before measuring
    tracemalloc.start()
    try:
        count = 1 + sum(1 for _ in records)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert first.title == "北京简讯0" and count == N
    assert peak < min(4 << 20, big.stat().st_size * 2 // 3), (peak, big.stat().st_size)


def _fd_position(pid: int, target: Path) -> int | None:
    """Where process `pid` is reading `target` (its open descriptor's offset), or None."""
    fds = Path(f"/proc/{pid}/fd")
    for fd in fds.iterdir():
        try:
            if Path(os.readlink(fd)) == target.resolve():
                info = (Path(f"/proc/{pid}/fdinfo") / fd.name).read_text()
                return int(info.split("pos:")[1].split()[0])
        except OSError:
            continue
    return None


@pytest.mark.skipif(not Path("/proc/self/fdinfo").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("workers", [1, 2])
def test_first_batch_committed_before_the_file_is_read(tmp_path, workers):
    (tmp_path / "in").mkdir()
    big = write_records(tmp_path / "in" / "big.jsonl", N)
    for i in range(3):  # with a pool, the stream sits among ordinary files
        (tmp_path / "in" / f"note{i}.txt").write_text(f"南京市政府3月{i + 2}日发布了新的防汛预案。\n", encoding="utf-8")
    db, log = tmp_path / "s.db", tmp_path / "stderr.txt"
    env = {"STORYLINE_BATCH": "20", "STORYLINE_TEST_PAUSE": "commit:2"}
    proc = start_ingest("in", str(db), tmp_path, log, env=env, workers=workers)
    try:
        wait_for(lambda: "storyline-test-pause: commit:2" in log.read_text(errors="replace"), proc, timeout=300)
        assert 20 <= committed_articles(db) < 20 + PART_DOCS  # the first batch (whole parts) is durable
        position = _fd_position(proc.pid, big)
        assert position is not None, "the file is still open, being read"
        assert position < big.stat().st_size / 4, (position, big.stat().st_size)
        peak_kb = int(Path(f"/proc/{proc.pid}/status").read_text().split("VmHWM:")[1].split()[0])
        print(f"workers {workers}: first batch committed, read {position:,} of {big.stat().st_size:,} bytes, "
              f"writer peak RSS {peak_kb / 1024:.0f} MB")
    finally:
        kill_group(proc)


def test_kill_mid_file_then_rerun_equals_clean_run(tmp_path):
    """20,000 records of which 40 carry text (the rest are skipped, but still streamed through)."""
    (tmp_path / "in").mkdir()
    write_records(tmp_path / "in" / "big.jsonl", N, content_every=500)
    env = {"STORYLINE_BATCH": "10"}
    clean_db, db, log = tmp_path / "clean.db", tmp_path / "crash.db", tmp_path / "stderr.txt"
    clean = run_ingest("in", str(clean_db), tmp_path, env=env, workers=1)
    assert clean.returncode == 0, clean.stderr
    assert committed_articles(clean_db) == 40
    proc = start_ingest("in", str(db), tmp_path, log, env={**env, "STORYLINE_TEST_PAUSE": "commit:2"}, workers=1)
    try:
        wait_for(lambda: "storyline-test-pause: commit:2" in log.read_text(errors="replace"), proc, timeout=300)
    finally:
        kill_group(proc)
    assert 10 <= committed_articles(db) < 10 + PART_DOCS
    again = run_ingest("in", str(db), tmp_path, env=env, workers=1)
    assert again.returncode == 0, again.stderr
    assert "unchanged 0" not in again.stdout, again.stdout  # the committed ones are not analysed again
    assert export_all(db) == export_all(clean_db)
    assert table_counts(db) == table_counts(clean_db) and not orphans(db)
