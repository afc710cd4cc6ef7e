"""CLI views over linked data: timeline, disputes, compare (filled in by the story issue)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Adds `timeline`, `disputes` and `compare` to the app."""
