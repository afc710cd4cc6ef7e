"""Annotation records on disk: where each lives, what split it belongs to, and how a draft becomes one.

The split and the annotator come from `eval/annotations/assignment.tsv` (written once by
scripts/select_annotation_sample.py with a fixed seed), so no one picks a split by hand and no file of
`heldout.txt` can be annotated.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from storyline.annotate.anchor import file_sha1, paragraph_fingerprint, text_hash
from storyline.annotate.corpus import annotation_root
from storyline.annotate.draft import Draft

SCHEMA = 1


@dataclass(frozen=True)
class Assignment:
    path: str
    record: str | None
    folder: str
    split: str
    annotator: str
    second: str  # annotator of the independent second version, or ""


def load_assignments(root: Path | None = None) -> dict[tuple[str, str | None], Assignment]:
    path = annotation_root(root) / "assignment.tsv"
    out = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            key = (row["path"], row["record"] or None)
            out[key] = Assignment(row["path"], row["record"] or None, row["folder"], row["split"],
                                  row["annotator"], row.get("second", ""))
    return out


def heldout(shared: Path) -> set[str]:
    path = shared / "heldout.txt"
    return {ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()} \
        if path.exists() else set()


def record_path(rel_path: str, record: str | None, folder: str, file_sha: str,
                root: Path | None = None, second: bool = False) -> Path:
    name = file_sha[:12] + (f"_{text_hash(record)}" if record else "")
    return annotation_root(root) / ("second" if second else "first") / folder / f"{name}.json"


def build_record(draft: Draft, assignment: Assignment, shared: Path, paragraphs: list[str],
                 outlet: str, annotator: str) -> dict:
    data = (shared / draft.path).read_bytes()
    return {
        "schema": SCHEMA,
        "path": draft.path,
        "record": draft.record,
        "sha1": file_sha1(data),
        "folder": assignment.folder,
        "outlet": outlet,
        "split": assignment.split,
        "annotator": annotator,
        "paragraphs": [paragraph_fingerprint(t) for t in paragraphs],
        "entities": sorted(draft.entities, key=lambda m: (m["p"], m["s"])),
        "times": sorted(draft.times, key=lambda t: (t["p"], t["s"])),
        "events": sorted(draft.events, key=lambda e: (e["trigger"]["p"], e["trigger"]["s"])),
        "quotes": sorted(draft.quotes, key=lambda q: (q["content"]["p"], q["content"]["s"])),
    }


def write_record(record: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
                    encoding="utf-8")
