"""The Ray engine gives the same store as the local engine: every export kind, byte for byte.

Starts a 2-CPU local Ray cluster once for the module (about 2 s) and ingests the seeds plus a
fixed sample of the corpus both ways.
"""

from __future__ import annotations

import json
import os

import pytest

EXPORT_KINDS = ("articles", "entities", "times", "events", "quotes", "disputes", "framing")
SAMPLE = 40


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray")
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def _sample(corpus_dir) -> list[str]:
    """Every k-th corpus file in sorted order: covers all folders, the same files every run."""
    files = sorted(str(p) for p in corpus_dir.rglob("*") if p.is_file() and p.parent != corpus_dir)
    step = max(1, len(files) // SAMPLE)
    return files[::step][:SAMPLE]


def _exports(target: str) -> dict[str, list[str]]:
    from storyline.serve.exporting import records_for
    from storyline.store import open_store

    store = open_store(target, readonly=True)
    out = {}
    try:
        for kind in EXPORT_KINDS:
            try:
                records = list(records_for(store, kind))
            except ModuleNotFoundError as exc:  # a stage that is not in the tree yet
                if not (exc.name or "").startswith("storyline"):
                    raise
                continue
            out[kind] = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    finally:
        store.close()
    return out


def test_ray_ingest_equals_local_ingest(ray_cluster, pipeline_ready, tmp_path, seeds_dir, corpus_dir):
    from storyline.ingest import ingest
    from storyline.pipeline import StageTimer
    from storyline.store import open_store

    paths = [str(seeds_dir), *_sample(corpus_dir)]
    summaries = {}
    for engine in ("local", "ray"):
        store = open_store(str(tmp_path / f"{engine}.db"))
        timer = StageTimer()
        summaries[engine] = ingest(store, paths, workers=2, engine=engine, timer=timer)
        store.close()
        assert timer.seconds.get("read", 0) > 0 and timer.seconds.get("store", 0) > 0
    assert summaries["ray"].line() == summaries["local"].line()
    assert summaries["ray"].failures == summaries["local"].failures
    assert summaries["local"].read >= len(paths)  # the seeds folder alone holds several articles
    local, ray_ = _exports(str(tmp_path / "local.db")), _exports(str(tmp_path / "ray.db"))
    assert "articles" in local and len(local["articles"]) >= summaries["local"].new
    assert local.keys() == ray_.keys()
    for kind in local:
        assert ray_[kind] == local[kind], kind


def test_cli_ingest_with_ray_engine(ray_cluster, pipeline_ready, tmp_path, seeds_dir):
    """`storyline ingest --engine ray` joins the running Ray and prints the usual summary."""
    from typer.testing import CliRunner

    from storyline.serve.cli import app

    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(app, ["ingest", str(seeds_dir), "--engine", "ray", "--db", db])
    assert result.exit_code == 0, result.output
    n = len([p for p in seeds_dir.iterdir() if p.is_file()])
    assert f"read {n}, new" in result.output
    again = CliRunner().invoke(app, ["ingest", str(seeds_dir), "--engine", "ray", "--db", db])
    assert f"read {n}, new 0, updated 0, unchanged {n}" in again.output


def test_address_without_ray_engine_is_refused(tmp_path):
    from typer.testing import CliRunner

    from storyline.serve.cli import app

    result = CliRunner().invoke(app, ["ingest", "x", "--address", "auto", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "--engine ray" in result.output
