"""Near-duplicate detection with MinHash (datasketch) and LSH banding.

The signature of an article is a MinHash over 5-character shingles of its text with
punctuation and white space removed, so template changes (different mirrors, re-wrapped lines)
do not hide a copy. Banding turns signatures into index keys the store can look up, which keeps
detection incremental: a new article is compared only with the few stored candidates that
share a band, never with the whole store.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

try:  # CPython's built-in SHA-1: the same digests as hashlib's OpenSSL one, less overhead per call on
    from _sha1 import sha1 as _sha1  # 5-character inputs (the signature's hot loop)
except ImportError:  # pragma: no cover - other interpreters
    _sha1 = hashlib.sha1

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
THRESHOLD = 0.8  # estimated Jaccard at or above which two articles are the same article

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Signature:
    values: tuple[int, ...]

    def bands(self) -> list[tuple[int, str]]:
        out = []
        for b in range(BANDS):
            chunk = ",".join(str(v) for v in self.values[b * ROWS : (b + 1) * ROWS])
            out.append((b, hashlib.blake2b(chunk.encode(), digest_size=8).hexdigest()))
        return out

    def similarity(self, other: "Signature") -> float:
        same = sum(1 for a, b in zip(self.values, other.values) if a == b)
        return same / NUM_PERM

    def dumps(self) -> str:
        return ",".join(map(str, self.values))

    @classmethod
    def loads(cls, text: str) -> "Signature":
        return cls(tuple(int(v) for v in text.split(",")))


class Deduper:
    """Holds the MinHash permutations, built once per process."""

    def __init__(self) -> None:
        template = MinHash(num_perm=NUM_PERM, seed=7)
        self._perms = template.permutations
        self._scheme = template.scheme

    def signature(self, paragraphs: list[str]) -> Signature:
        text = _NOISE.sub("", "".join(paragraphs))
        shingles = {text[i : i + SHINGLE] for i in range(max(1, len(text) - SHINGLE + 1))}
        # The 32-bit SHA-1 values datasketch's default `sha1_hash32` gives (first 4 digest bytes,
        # little-endian): all digests joined, then numpy reads every fifth 32-bit word (a digest is
        # 20 bytes), instead of slicing and `int.from_bytes` per shingle; `int` passes them through.
        digests = b"".join([_sha1(s).digest() for s in map(str.encode, shingles)])
        hashes = np.frombuffer(digests, dtype="<u4")[::5].tolist()
        mh = MinHash(num_perm=NUM_PERM, permutations=self._perms, scheme=self._scheme, hashfunc=int)
        mh.update_batch(hashes)
        return Signature(tuple(int(v) for v in np.asarray(mh.hashvalues)))
