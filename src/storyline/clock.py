"""The stage clock shared by the pipeline's timers (bench/ and --profile)."""

from __future__ import annotations

import time


def clock() -> float:
    """CPU seconds of this process: a stage's figure does not depend on what else the machine
    runs (wall clock on a busy 2-core machine doubled every stage)."""
    return time.process_time()
