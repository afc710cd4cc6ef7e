"""Execution engines for the per-article stages (read, clean, analyse, extract).

`local` runs them in a process pool on this machine, `ray_engine` as Ray Data batches so one
ingest can use every core of a cluster; `work` is one file's work under its time budget, shared
by both. Linking and storing
stay in the driver's single writer whatever the engine, so results never depend on it.
"""
