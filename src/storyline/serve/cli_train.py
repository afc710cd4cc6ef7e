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
) -> None:
    """Train the character tagger for PERSON / ORG / place names (MSRA train + the annotated corpus)."""
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
