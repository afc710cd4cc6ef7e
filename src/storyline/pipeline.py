"""The per-article pipeline: read -> clean -> analyse -> extract.

Every stage here is a pure function of one article (plus read-only resources loaded once per
process), so the same `Pipeline` runs in a process pool or in Ray workers. Linking across
articles and storing happen afterwards, in one writer (see storyline.link and storyline.store).

A large JSON Lines file or JSON array is not read whole: `file_parts` yields its records in
parts of PART_DOCS cleaned articles as the reader streams them (read/structured.py), each a
`FileResult` with `more=True` but the last, so the writer can commit a batch long before the
file's end (issue #29 item 12).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from storyline.analyse import Analyser
from storyline.clock import clock
from storyline.clean import clean_record
from storyline.extract import Extractor
from storyline.link.dedup import Deduper
from storyline.model import Doc, RawRecord, ReadError
from storyline.read import read_file
from storyline.read.dispatch import _readers
from storyline.read.structured import STREAM_MAX_BYTES
from storyline.store.search import prepare_doc


@dataclass
class StageTimer:
    """Accumulated CPU seconds per stage (`clock`), for bench/ and the --profile option."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, started: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + clock() - started


PART_DOCS = 8  # articles per part of a streamed file (a pool task is 8 files, too)


@dataclass
class FileResult:
    given: str
    docs: list[Doc]
    error: str | None = None
    more: bool = False  # a part of a streamed file, more parts follow (file_parts)


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

    def file_parts(self, path: Path, given: str, size: int = PART_DOCS) -> Iterator[FileResult]:
        """The file's cleaned articles: one FileResult (process_file) for most files; for a large
        JSON Lines file or JSON array, parts of `size` articles as they are read (read_parts)."""
        records = stream_records(path, given)
        if records is None:
            yield self.process_file(path, given)
            return
        yield from read_parts(records, given, self.timer, size)

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


def read_parts(records: Iterator[RawRecord], given: str, timer: StageTimer, size: int = PART_DOCS
               ) -> Iterator[FileResult]:
    """Streamed records, cleaned, in parts of `size` articles; `more` set on all but the last. A
    reading error after some parts ends the file with that error. Only reading and cleaning:
    the writer of a process pool runs this itself and hands the parts to the workers."""
    docs: list[Doc] = []
    count = 0
    error = None
    t = clock()
    try:
        for raw in records:
            timer.add("read", t)
            t = clock()
            doc = clean_record(raw)
            timer.add("clean", t)
            if doc.paragraphs:
                docs.append(doc)
                count += 1
            if len(docs) >= size:
                yield FileResult(given, docs, more=True)
                docs = []
            t = clock()
    except ReadError as exc:
        error = str(exc)
    if not count and error is None:
        error = "no article text found"
    yield FileResult(given, docs, error)


def stream_records(path: Path, given: str) -> Iterator[RawRecord] | None:
    """The records of a file to stream, one at a time, or None (read it whole: read_file).
    Streamed files may be larger than read_file's limit: memory does not grow with them."""
    try:
        if Path(path).stat().st_size > STREAM_MAX_BYTES:
            return None  # read_file says it is too large
    except OSError:
        return None
    return _readers().structured.stream(Path(path), given)


def drop_tokens(result: FileResult) -> FileResult:
    """Tokens are only read by the per-article stages: not pickled back to the writer."""
    for doc in result.docs:
        for para in doc.paragraphs:
            para.tokens = []
    return result
