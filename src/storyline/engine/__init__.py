"""Execution engines for the per-article stages (read, clean, analyse, extract).

The local engine (a process pool) lives in storyline.ingest; `ray_engine` runs the same pure
stages as Ray Data batches so one ingest can use every core of a cluster. Linking and storing
stay in the driver's single writer whatever the engine, so results never depend on it.
"""
