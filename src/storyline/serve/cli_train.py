"""`storyline train`: rebuild the entity tagger model shipped in the package, deterministically.

The inputs (docs/models.md): the MSRA NER training split under the shared folder's benchmarks/ner/data
(every 10th sentence held out as the dev slice), plus the project's annotated real-news corpus
(`load_gold('train')`, repeated `--gold-weight` times) when present. Same inputs and options give the
same model file, byte for byte; the command prints its SHA-256 so a rebuild can be compared.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from storyline.serve.common import console, fail


def register(app: typer.Typer) -> None:
    app.command("train")(train_command)


def train_command(
    out: Annotated[Optional[Path], typer.Option("--out", help="Model file (default: the packaged one).")] = None,
    shared: Annotated[Optional[Path], typer.Option("--shared", help="The shared folder (default ../shared).")] = None,
    iterations: Annotated[int, typer.Option("--iterations", help="L-BFGS iterations.")] = 50,
    gold_weight: Annotated[int, typer.Option("--gold-weight", help="Copies of each annotated paragraph.")] = 3,
    every: Annotated[int, typer.Option("--every", help="Use every k-th MSRA sentence (quick runs).")] = 1,
    limit: Annotated[Optional[int], typer.Option("--limit", help="At most this many MSRA sentences.")] = None,
    no_gold: Annotated[bool, typer.Option("--no-gold", help="Leave the annotated corpus out.")] = False,
    part: Annotated[str, typer.Option(
        "--part", help="entities (the name tagger), extract (event and quote models) or all, in that order.")] = "all",
) -> None:
    """Rebuild the shipped models: the character tagger for names (MSRA train + the annotated corpus),
    then the event and quote-speaker models (the annotated train split, read with that tagger)."""
    if part not in ("entities", "extract", "all"):
        fail(f"--part: {part!r} is not one of entities, extract, all")
    if part in ("entities", "all"):
        _train_entities(out, shared, iterations, gold_weight, every, limit, no_gold)
    if part in ("extract", "all"):
        _train_extract(shared)


def _train_extract(shared: Path | None) -> None:
    from storyline.annotate.corpus import default_shared
    from storyline.extract.learned import DATA
    from storyline.extract.learned.train import train_events

    base = (shared or default_shared()).resolve()
    t0 = time.time()
    try:
        summary = train_events(base, DATA, log=lambda line: console.print(line, highlight=False))
    except SystemExit as exc:
        fail(str(exc))
    digest = hashlib.sha256(b"".join((DATA / f).read_bytes() for f in sorted(p.name for p in DATA.glob("*.*")
                                                                          if not p.name.startswith(".")))).hexdigest()
    console.print(f"{DATA}: event and quote models from {summary['articles']} annotated articles, "
                  f"{summary['trigger_words']} trigger words, sha256 {digest}, {time.time() - t0:.0f} s")


def _train_entities(out, shared, iterations, gold_weight, every, limit, no_gold) -> None:
    from storyline.analyse.entities.tagger import default_model_path
    from storyline.analyse.entities.train import MSRA_TRAIN, TrainConfig, Trainer
    from storyline.annotate.corpus import default_shared

    base = (shared or default_shared()).resolve()
    if not (base / MSRA_TRAIN).exists():
        fail(f"{base / MSRA_TRAIN} not found (give the shared folder with --shared)")
    target = out or default_model_path()
    cfg = TrainConfig(max_iterations=iterations, gold_weight=gold_weight, every=every, limit=limit)
    t0 = time.time()
    trainer = Trainer()
    examples = trainer.collect(base, cfg, gold=not no_gold)
    console.print(f"training on {cfg.meta['msra_sentences']} MSRA sentences + {cfg.meta['gold_paragraphs']} "
                  f"annotated paragraphs x{cfg.gold_weight} ({sum(len(e.text) for e in examples):,} characters)")
    arrays = trainer.build(examples, cfg, target)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    console.print(f"{target}: {len(arrays.keys):,} feature keys, {target.stat().st_size:,} bytes, "
                  f"sha256 {digest}, {time.time() - t0:.0f} s")
