"""Two ingests into one store run one after the other (issue #29, defect 7).

Before the fix they interleaved: the loser's batch waited out SQLite's busy timeout, exited 1
with "database is locked", left queued link items, and the final store differed from a
sequential run. Now the second ingest says it waits, waits for the first to finish, and the
store ends exactly as after the two runs in sequence; on both backends.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from urllib.parse import quote

import pytest

from tests.reliability.helpers import SPEC_KINDS, export_all, ingest_cmd, run_ingest

ENV = {"STORYLINE_BATCH": "5"}


def _count(target: str) -> int:
    from storyline.store import open_store

    try:
        store = open_store(target, readonly=True)
    except Exception:  # not created yet
        return 0
    try:
        return int(store.scalar("SELECT COUNT(*) FROM articles") or 0)
    except Exception:
        return 0
    finally:
        store.close()


@pytest.fixture
def second_target(store_target, tmp_path):
    """A second, empty store of the same backend: the sequential reference."""
    if not store_target.startswith("postgresql://"):
        yield str(tmp_path / "ref.db")
        return
    import psycopg

    base = os.environ["STORYLINE_TEST_PG"]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{base}{'&' if '?' in base else '?'}options={quote(f'-c search_path={schema}', safe='')}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_second_ingest_waits_and_the_store_equals_a_sequential_run(tmp_path, copy_sample, store_target,
                                                                   second_target):
    copy_sample(tmp_path / "a", 12)
    copy_sample(tmp_path / "b", 6, offset=3)
    env = {**os.environ, **ENV}
    # the first ingest holds its second batch open for 15 s; the second one starts as soon as
    # the first says it is paused there (its start-up is a few seconds even on a busy machine)
    first = subprocess.Popen(ingest_cmd("a", store_target, workers=1), cwd=tmp_path,
                             env={**env, "STORYLINE_TEST_PAUSE": "flush:2:15"},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = []
    for line in first.stderr:  # blocks until the pause line (or the end, if it never comes)
        seen.append(line)
        if line.startswith("storyline-test-pause: flush:2"):
            break
    assert first.poll() is None, "".join(seen)
    assert _count(store_target) > 0  # the first batch is committed: the first ingest is under way
    second = subprocess.run(ingest_cmd("b", store_target, workers=1), cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    out, err = first.communicate(timeout=300)
    err = "".join(seen) + err
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert "another ingest is writing to this store; waiting for it to finish" in second.stderr
    assert "locked" not in second.stderr + err
    from storyline.store import open_store

    store = open_store(store_target, readonly=True)
    try:  # nothing left half-done: every queued story and dispute was linked
        assert store.scalar("SELECT COUNT(*) FROM link_queue") == 0
    finally:
        store.close()
    # the reference: the same two ingests, one after the other (the store must be the same; on a
    # tree others are editing meanwhile, analysis changes between the runs would show up here)
    for folder in ("a", "b"):
        assert run_ingest(folder, second_target, tmp_path, env=ENV, workers=1).returncode == 0
    got, want = export_all(store_target), export_all(second_target)
    differing = [k for k in SPEC_KINDS if got[k] != want[k]]
    assert differing == [], _first_difference(got, want, differing)
    assert want["articles"] and want["events"]


def _first_difference(got: dict[str, bytes], want: dict[str, bytes], kinds: list[str]) -> str:
    out = []
    for kind in kinds:
        a, b = got[kind].decode().splitlines(), want[kind].decode().splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        out.append(f"{kind}: {len(a)} vs {len(b)} lines; line {first}:\n  {a[first][:400] if first < len(a) else None}"
                   f"\n  {b[first][:400] if first < len(b) else None}")
    return "\n".join(out)
