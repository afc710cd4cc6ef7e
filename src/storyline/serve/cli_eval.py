"""`storyline eval`: the pipeline measured on the annotated real-text corpus (docs/annotation.md)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from storyline.annotate.corpus import default_shared, load_gold
from storyline.evaluate.report import (LAYERS, as_json, below_floors, corpus_size, floors_of, print_tables,
                                       run, unseen_folders)
from storyline.serve.common import fail


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)


def eval_command(
    split: Annotated[str, typer.Option("--split", help="test, dev, train or all.")] = "test",
    layer: Annotated[Optional[str], typer.Option(
        "--layer", help="Comma-separated: entities, times, events, quotes (default all).")] = None,
    outlet: Annotated[Optional[str], typer.Option("--outlet", help="Only this outlet folder (e.g. rthk).")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the figures to this file.")] = None,
    floors: Annotated[Optional[Path], typer.Option(
        "--check", help="Exit 1 if a figure is below the floors in this JSON file.")] = None,
    shared: Annotated[Optional[Path], typer.Option("--shared", help="The shared folder (default ../shared).")] = None,
    save_floors: Annotated[Optional[Path], typer.Option(
        "--save-floors", help="Write today's figures (rounded down) as the floors of this split to this file.")] = None,
) -> None:
    """Run the current pipeline on annotated articles; print P / R / F1 per layer and outlet."""
    if split not in ("train", "dev", "test", "all"):
        fail(f"--split: {split!r} is not one of train, dev, test, all")
    layers = layer.split(",") if layer else list(LAYERS)
    unknown = [x for x in layers if x not in LAYERS]
    if unknown:
        fail(f"--layer: unknown {', '.join(unknown)} (choose from {', '.join(LAYERS)})")
    base = (shared or default_shared()).resolve()
    if not base.is_dir():
        fail(f"{base}: shared folder not found (use --shared)")
    started = time.perf_counter()
    golds = load_gold(split, base)
    if outlet:
        golds = [g for g in golds if g.data["folder"] == outlet]
    if not golds:
        fail(f"no annotated articles in split {split!r}" + (f" for outlet {outlet!r}" if outlet else ""))
    table = run(golds, unseen_folders())
    print(f"storyline eval --split {split}: {corpus_size(golds)}")
    print_tables(table, layers)
    print(f"\n({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    if json_out:
        json_out.write_text(json.dumps(as_json(table), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                            encoding="utf-8")
    if save_floors:
        saved = json.loads(save_floors.read_text(encoding="utf-8")) if save_floors.exists() else {}
        saved[split] = floors_of(table)
        save_floors.write_text(json.dumps(saved, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                               encoding="utf-8")
    if floors:
        failures = below_floors(table, floors, split)
        for line in failures:
            print(f"below floor: {line}", file=sys.stderr)
        if failures:
            raise typer.Exit(1)
