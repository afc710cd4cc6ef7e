"""The per-article pipeline: read -> clean -> analyse -> extract.

Every stage here is a pure function of one article (plus read-only resources loaded once per
process), so the same `Pipeline` runs in a process pool or in Ray workers. Linking across
articles and storing happen afterwards, in one writer (see storyline.link and storyline.store).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from storyline.analyse import Analyser
from storyline.clock import clock
from storyline.clean import clean_record
from storyline.extract import Extractor
from storyline.link.dedup import Deduper
from storyline.model import Doc, ReadError
from storyline.read import read_file
from storyline.store.search import prepare_doc


@dataclass
class StageTimer:
    """Accumulated CPU seconds per stage (`clock`), for bench/ and the --profile option."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, started: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + clock() - started


@dataclass
class FileResult:
    given: str
    docs: list[Doc]
    error: str | None = None


class Pipeline:
    """Loads lexicons and models once; then `process_file` is pure per file."""

    def __init__(self) -> None:
        self.analyser = Analyser()
        self.extractor = Extractor()
        self.deduper = Deduper()
        self.timer = StageTimer()

    def process_file(self, path: Path, given: str) -> FileResult:
        t = clock()
        try:
            records = read_file(path, given)
        except ReadError as exc:
            return FileResult(given, [], str(exc))
        except OSError as exc:
            return FileResult(given, [], exc.strerror or str(exc))
        self.timer.add("read", t)
        docs = []
        for raw in records:
            t = clock()
            doc = clean_record(raw)
            self.timer.add("clean", t)
            if not doc.paragraphs:
                continue
            docs.append(doc)
        if not docs:
            return FileResult(given, [], "no article text found")
        return FileResult(given, docs)

    def analyse(self, doc: Doc) -> Doc:
        """Analysis and extraction; skipped for unchanged articles. Also the MinHash signature
        (`extras["signature"]`, pure like the rest), so the single writer only looks up bands."""
        t = clock()
        doc.extras["signature"] = self.deduper.signature(doc.article.paragraphs)
        self.timer.add("minhash", t)
        self.analyser(doc, self.timer)
        self.extractor(doc, self.timer)
        t = clock()
        prepare_doc(doc)  # search spans segmented here, in parallel, not in the single writer
        self.timer.add("index", t)
        return doc


def drop_tokens(result: FileResult) -> FileResult:
    """Tokens are only read by the per-article stages: not pickled back to the writer."""
    for doc in result.docs:
        for para in doc.paragraphs:
            para.tokens = []
    return result
