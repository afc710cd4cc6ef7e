"""Ray engine: the pure per-article stages as Ray Data `map_batches` over file paths.

Each Ray actor loads one `Pipeline` (lexicons, models) in its constructor and keeps it for all
the batches it runs, as a pool worker does locally. Results travel back to the driver as
pickled `FileResult`s in a binary column (Arrow has no type for our dataclasses), in input
order (`preserve_order`), and are streamed to the caller: the driver never holds more than
Ray's in-flight window, and the one writer in storyline.ingest links and stores them exactly as
it does for the local engine.

Multi-node: the workers open the files by absolute path, so the input must be visible at the
same path on every node (a shared or replicated folder); see docs/scale.md.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
from pathlib import Path
from typing import Iterator

from storyline.gc_pacing import pace_this_process
from storyline.pipeline import FileResult, Pipeline, StageTimer, drop_tokens

BATCH_FILES = 8  # files per Ray task: big enough to amortise scheduling, small enough to balance


class PipelineActor:
    """Callable class for `map_batches`: one Pipeline per actor, built once."""

    def __init__(self, known: dict[str, str]) -> None:
        pace_this_process()  # an actor of this run's pool (storyline.gc_pacing)
        self.pipeline = Pipeline()
        self.known = known

    def __call__(self, batch: dict) -> dict:
        from storyline.engine.work import process_one, take_stage_seconds

        results, timings = [], []
        for path, given in zip(batch["path"], batch["given"]):
            result = drop_tokens(process_one(self.pipeline, self.known, (Path(str(path)), str(given))))  # as the pool does
            results.append(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            timings.append(pickle.dumps(take_stage_seconds(self.pipeline)))
        return {"index": list(batch["index"]), "result": results, "seconds": timings}


def _connect(address: str | None, workers: int) -> bool:
    """Join a running cluster (`address`), reuse an initialised one, or start a local one.

    Returns True when this call started Ray and so must shut it down."""
    import ray

    os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # local clusters need no token
    if ray.is_initialized():
        return False
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=max(1, workers), include_dashboard=False, log_to_driver=False)
    return True


def ray_results(
    items: list[tuple[Path, str]],
    known: dict[str, str],
    workers: int = 1,
    address: str | None = None,
    timer: StageTimer | None = None,
) -> Iterator[FileResult]:
    """FileResults for `items`, in input order, computed by Ray actors."""
    import ray

    from storyline.engine.work import merge_seconds

    if not items:
        return
    started = _connect(address, workers)
    data_log = logging.getLogger("ray.data")
    level = data_log.level
    data_log.setLevel(logging.ERROR)  # Ray Data's INFO/WARNING chatter would bury our summary line
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        cpus = int(ray.cluster_resources().get("CPU", 1))
        # --workers caps the actors on a local run; on a cluster default to every CPU it has.
        actors = max(1, min(workers, cpus) if not address or workers > 1 else cpus)
        rows = [
            # abspath, not resolve(): the reader resolves symlinks itself to build stable ids
            {"index": i, "path": os.path.abspath(path), "given": given}
            for i, (path, given) in enumerate(items)
        ]
        blocks = max(1, math.ceil(len(rows) / BATCH_FILES))
        dataset = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
            PipelineActor,
            fn_constructor_kwargs={"known": known},
            batch_size=BATCH_FILES,
            concurrency=actors,
            num_cpus=1,
            batch_format="default",
        )
        expected = 0
        for row in dataset.iter_rows():
            if row["index"] != expected:  # the writer's order is part of the result; never guess
                raise RuntimeError(f"Ray returned file {row['index']} where {expected} was expected")
            expected += 1
            merge_seconds(timer, pickle.loads(row["seconds"]))
            yield pickle.loads(row["result"])
    finally:
        data_log.setLevel(level)
        if started:
            ray.shutdown()
