"""The annotated corpus: one JSON file per article under eval/annotations/<folder>/, read against the
articles in the shared folder at run time.

`load_gold(split, shared)` gives `GoldDoc`s: the article as the current reader and cleaner produce it
(a `Doc` with clean paragraphs) plus its gold layers with offsets into those paragraphs. Files whose bytes
changed are skipped with a warning; spans that no longer hash right are re-anchored in memory (the
command `storyline annotate check --reanchor` writes that back).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from storyline.annotate.anchor import file_sha1, reanchor, span_ok, iter_spans
from storyline.model import Doc

SPLITS = ("train", "dev", "test")


def repo_root() -> Path:
    return Path(__file__).resolve().parents[3]


def annotation_root(root: Path | None = None) -> Path:
    """eval/annotations of the repository; STORYLINE_ANNOTATIONS points elsewhere (tests, forks)."""
    if root is None and os.environ.get("STORYLINE_ANNOTATIONS"):
        return Path(os.environ["STORYLINE_ANNOTATIONS"])
    return (root or repo_root()) / "eval" / "annotations"


def default_shared() -> Path:
    return repo_root().parent / "shared"


@dataclass
class GoldDoc:
    path: str  # relative to the shared folder
    record: str | None  # key of the record inside a multi-record file (CCTV day files)
    outlet: str
    split: str
    annotator: str
    doc: Doc
    data: dict  # the annotation record (spans with p/s/e/h)
    problems: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [p.text for p in self.doc.paragraphs]

    def span_text(self, span: dict) -> str:
        return self.doc.paragraphs[span["p"]].text[span["s"]:span["e"]]

    @property
    def entities(self) -> list[tuple[int, int, int, str]]:
        return [(m["p"], m["s"], m["e"], m["type"]) for m in self.data.get("entities", [])]


def read_article(shared: Path, rel_path: str, record: str | None = None) -> Doc:
    """The article's clean Doc, exactly as ingest builds it (reader then cleaner)."""
    from storyline.clean import clean_record
    from storyline.read import read_file

    path = shared / rel_path
    raws = read_file(path, str(path))
    if record is not None:
        raws = [r for r in raws if r.source_key.partition("#")[2] == record]
        if not raws:
            raise KeyError(f"{rel_path}: no record {record!r}")
    elif len(raws) != 1:
        keys = ", ".join(r.source_key.partition("#")[2] for r in raws[:5])
        raise KeyError(f"{rel_path}: {len(raws)} records, name one ({keys}, ...)")
    return clean_record(raws[0])


def annotation_files(root: Path | None = None, second: bool = False) -> list[Path]:
    base = annotation_root(root) / ("second" if second else "first")
    return sorted(base.rglob("*.json")) if base.exists() else []


def load_record(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def open_gold(data: dict, shared: Path) -> GoldDoc | None:
    raw = (shared / data["path"]).read_bytes()
    if file_sha1(raw) != data["sha1"]:
        print(f"{data['path']}: file changed since it was annotated (SHA-1), skipped", file=sys.stderr)
        return None
    doc = read_article(shared, data["path"], data.get("record"))
    gold = GoldDoc(data["path"], data.get("record"), data["outlet"], data["split"],
                   data.get("annotator", ""), doc, data)
    texts = gold.paragraphs
    if not all(span_ok(texts, sp) for sp in iter_spans(data)):
        gold.problems = reanchor(data, texts)
    return gold


def load_gold(split: str = "all", shared: Path | None = None, root: Path | None = None,
              second: bool = False) -> list[GoldDoc]:
    """Annotated articles of one split (`train`, `dev`, `test` or `all`), in path order."""
    shared = shared or default_shared()
    out = []
    for f in annotation_files(root, second):
        data = load_record(f)
        if split != "all" and data["split"] != split:
            continue
        gold = open_gold(data, shared)
        if gold is not None:
            out.append(gold)
    return out
