"""What every reader gets: the file's identity, bytes and decoded text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from storyline.model import RawRecord


@dataclass(frozen=True)
class Source:
    path: Path
    given: str
    data: bytes
    text: str  # decoded, CRLF/CR normalised to LF, no BOM
    encoding: str

    @property
    def key(self) -> str:
        return str(self.path.resolve())

    def record(self, fmt: str, blocks: list[str], sub_key: str | None = None,
               own_bytes: bytes | None = None, **fields: object) -> RawRecord:
        """A RawRecord for this file; multi-record files pass `sub_key` and the record's own bytes."""
        key = self.key if sub_key is None else f"{self.key}#{sub_key}"
        digest = hashlib.sha1(self.data if own_bytes is None else own_bytes).hexdigest()
        return RawRecord(path=self.given, source_key=key, format=fmt, encoding=self.encoding,
                         body_blocks=blocks, raw_bytes_sha1=digest, **fields)  # type: ignore[arg-type]
