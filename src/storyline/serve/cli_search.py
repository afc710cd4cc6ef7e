"""CLI full-text search (filled in by the search issue)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Adds `search` to the app."""
