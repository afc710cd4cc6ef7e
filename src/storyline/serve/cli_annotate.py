"""`storyline annotate …`: the annotated real-text corpus (show, save, view, check, stats, agree).

Thin: the work is in storyline.annotate. Output is plain text so that annotators and scripts can read it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer

from storyline.annotate.corpus import (annotation_files, default_shared, load_record, open_gold,
                                       read_article)
from storyline.annotate.draft import DraftError, header, parse_draft
from storyline.annotate.records import (build_record, heldout, load_assignments, record_path,
                                        write_record)
from storyline.annotate.render import show_annotations, show_article
from storyline.serve.common import fail

annotate_app = typer.Typer(help="The annotated real-text corpus (docs/annotation.md).",
                           no_args_is_help=True)
SharedOption = Annotated[Optional[Path], typer.Option(
    "--shared", help="The shared folder holding corpus/ and corpus2/ (default: ../shared beside the repo).")]


def register(app: typer.Typer) -> None:
    app.add_typer(annotate_app, name="annotate")


def _shared(shared: Path | None) -> Path:
    shared = (shared or default_shared()).resolve()
    if not shared.is_dir():
        fail(f"{shared}: shared folder not found (use --shared)")
    return shared


@annotate_app.command("show")
def show(path: Annotated[str, typer.Argument(help="Article file, relative to the shared folder.")],
         record: Annotated[Optional[str], typer.Option("--record", help="Record key in a multi-record file.")] = None,
         shared: SharedOption = None) -> None:
    """Print the article's clean paragraphs, numbered p0, p1, … (what annotations point into)."""
    base = _shared(shared)
    try:
        doc = read_article(base, path, record)
    except (KeyError, OSError) as exc:
        fail(str(exc).strip("'\""))
    print(show_article(doc, path, record))


@annotate_app.command("save")
def save(draft_file: Annotated[Path, typer.Argument(help="A draft in the line format of docs/annotation.md.")],
         annotator: Annotated[str, typer.Option("--annotator", help="Who annotated it (a short id).")],
         second: Annotated[bool, typer.Option("--second", help="Save as the independent second version.")] = False,
         force: Annotated[bool, typer.Option("--force", help="Replace another annotator's record.")] = False,
         shared: SharedOption = None) -> None:
    """Turn a draft into a stand-off record under eval/annotations/ (offsets, hashes, fingerprints)."""
    base = _shared(shared)
    text = draft_file.read_text(encoding="utf-8")
    try:
        rel, rec = header(text.splitlines())
    except DraftError as exc:
        fail(f"{draft_file}: {exc}")
    if rel in heldout(base):
        fail(f"{rel}: listed in heldout.txt, never annotated")
    assignment = load_assignments().get((rel, rec))
    if assignment is None:
        fail(f"{rel}: not in eval/annotations/assignment.tsv")
    doc = read_article(base, rel, rec)
    paragraphs = [p.text for p in doc.paragraphs]
    try:
        draft = parse_draft(text, paragraphs)
    except DraftError as exc:
        fail(f"{draft_file}:\n{exc}")
    data = build_record(draft, assignment, base, paragraphs, doc.article.outlet or assignment.folder, annotator)
    target = record_path(rel, rec, assignment.folder, data["sha1"], second=second)
    if target.exists() and load_record(target).get("annotator") not in (annotator, None) and not force:
        fail(f"{target}: already saved by {load_record(target)['annotator']} "
             f"({'second' if second else 'first'} version); --force replaces it")
    write_record(data, target)
    print(f"{target}: {len(draft.entities)} entities, {len(draft.times)} times, "
          f"{len(draft.events)} events, {len(draft.quotes)} quotes")


@annotate_app.command("view")
def view(path: Annotated[str, typer.Argument(help="Annotated article, relative to the shared folder.")],
         record: Annotated[Optional[str], typer.Option("--record", help="Record key in a multi-record file.")] = None,
         second: Annotated[bool, typer.Option("--second")] = False,
         shared: SharedOption = None) -> None:
    """Print an annotated article's paragraphs and its annotations as readable lines (for review)."""
    base = _shared(shared)
    for f in annotation_files(second=second):
        data = load_record(f)
        if data["path"] == path and (record is None or data.get("record") == record):
            gold = open_gold(data, base)
            if gold is None:
                fail(f"{path}: file changed since it was annotated")
            print(show_article(gold.doc, path, gold.record))
            print(show_annotations(gold))
            return
    fail(f"{path}: not annotated")


@annotate_app.command("check")
def check(reanchor: Annotated[bool, typer.Option("--reanchor", help="Write re-anchored offsets back.")] = False,
          drop_lost: Annotated[bool, typer.Option(
              "--drop-lost", help="With --reanchor: drop what no longer anchors (text the cleaner now removes).")] = False,
          shared: SharedOption = None) -> None:
    """Validate every record against the current reader: file hashes, paragraph fingerprints, spans."""
    from storyline.annotate.anchor import drop_lost as drop

    base = _shared(shared)
    bad = moved = lost = 0
    files = annotation_files() + annotation_files(second=True)
    for f in files:
        data = load_record(f)
        before = json.dumps(data, sort_keys=True)
        gold = open_gold(data, base)
        if gold is None:
            bad += 1
            continue
        if gold.problems and drop_lost:
            lost += drop(gold.data, gold.paragraphs)
            gold.problems = []
        for problem in gold.problems:
            print(f"{f}: {problem}", file=sys.stderr)
        bad += bool(gold.problems)
        if json.dumps(gold.data, sort_keys=True) != before:
            moved += 1
            if reanchor and not gold.problems:
                write_record(gold.data, f)
    print(f"{len(files)} records, {moved} re-anchored{' and written' if reanchor else ''}, "
          f"{lost} annotations dropped with their text, {bad} with problems")
    if bad:
        raise typer.Exit(1)


@annotate_app.command("stats")
def stats() -> None:
    """Size of the corpus: articles, outlets and annotations per layer and split."""
    per_split: dict[str, Counter] = {}
    outlets: dict[str, set] = {}
    for f in annotation_files():
        d = load_record(f)
        c = per_split.setdefault(d["split"], Counter())
        c["articles"] += 1
        for layer in ("entities", "times", "events", "quotes"):
            c[layer] += len(d.get(layer, []))
        outlets.setdefault(d["split"], set()).add(d["folder"])
    total = sum(per_split.values(), Counter())
    every = set().union(*outlets.values()) if outlets else set()
    print(f"{'split':6} {'articles':>8} {'outlets':>7} {'entities':>8} {'times':>6} {'events':>6} {'quotes':>6}")
    for split in sorted(per_split) + ["all"]:
        c = total if split == "all" else per_split[split]
        n = len(every) if split == "all" else len(outlets[split])
        print(f"{split:6} {c['articles']:>8} {n:>7} {c['entities']:>8} {c['times']:>6} {c['events']:>6} {c['quotes']:>6}")
    print(f"second versions (for agreement): {len(annotation_files(second=True))}")


@annotate_app.command("agree")
def agree(shared: SharedOption = None) -> None:
    """Inter-annotator agreement: each second version scored against the first (F1 is symmetric)."""
    from storyline.evaluate.items import gold_items
    from storyline.evaluate.report import LAYERS, print_tables
    from storyline.evaluate.score import evaluate_docs

    base = _shared(shared)
    firsts = {}
    for f in annotation_files():
        d = load_record(f)
        firsts[(d["path"], d.get("record"))] = d
    pairs = []
    for f in annotation_files(second=True):
        d2 = load_record(f)
        d1 = firsts.get((d2["path"], d2.get("record")))
        if d1 is None:
            continue
        g1, g2 = open_gold(d1, base), open_gold(d2, base)
        if g1 and g2:
            pairs.append((g1, g2))
    if not pairs:
        fail("no article has both a first and a second version yet")
    table = evaluate_docs((key, gold_items(a), gold_items(b)) for a, b in pairs
                          for key in (a.data["folder"], "all"))
    print(f"agreement on {len(pairs)} doubly annotated articles (first = reference, second = compared)")
    print_tables(table, list(LAYERS))
