"""Near-duplicate detection with MinHash (datasketch) and LSH banding.

The signature of an article is a MinHash over 5-character shingles of its text with
punctuation and white space removed, so template changes (different mirrors, re-wrapped lines)
do not hide a copy. Banding turns signatures into index keys the store can look up, which keeps
detection incremental: a new article is compared only with the few stored candidates that
share a band, never with the whole store.

datasketch applies the permutations (its `affine32` scheme: MurmurHash3's finaliser, then 64
affine maps, vectorised in numpy). What it leaves to the caller is one hash per shingle, and
its default (SHA-1 through one Python call per shingle) was the largest part of the stage. Here
every shingle of the text is hashed at once in numpy instead: a polynomial over its five code
points, modulo 2**32 (SCHEME 2). Two different shingles collide with probability ~2**-32,
which changes no estimate that matters; datasketch's finaliser then spreads the values.

Stored signatures name their scheme ("2:..."); a signature without a prefix is the SHA-1 scheme
of stores written before it (SCHEME 1). The two never compare equal, and `store.writer`'s
`upgrade_signatures` re-signs such a store's articles before an ingest looks anything up.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

SCHEME = 2  # the shingle hash of Deduper.signature (1: SHA-1 per shingle, in older stores)
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
THRESHOLD = 0.8  # estimated Jaccard at or above which two articles are the same article

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
_BASE = np.uint32(16_777_619)  # odd, so the polynomial keeps every code point's low bits in play


@dataclass(frozen=True)
class Signature:
    values: tuple[int, ...]
    scheme: int = SCHEME

    def bands(self) -> list[tuple[int, str]]:
        out = []
        for b in range(BANDS):
            chunk = f"{self.scheme}|" + ",".join(str(v) for v in self.values[b * ROWS : (b + 1) * ROWS])
            out.append((b, hashlib.blake2b(chunk.encode(), digest_size=8).hexdigest()))
        return out

    def similarity(self, other: "Signature") -> float:
        if other.scheme != self.scheme:  # values of two hash schemes say nothing about each other
            return 0.0
        same = sum(1 for a, b in zip(self.values, other.values) if a == b)
        return same / NUM_PERM

    def dumps(self) -> str:
        return f"{self.scheme}:" + ",".join(map(str, self.values))

    @classmethod
    def loads(cls, text: str) -> "Signature":
        scheme, sep, values = text.partition(":")
        if not sep:  # written before schemes were named: SHA-1 per shingle
            return cls(tuple(int(v) for v in text.split(",")), scheme=1)
        return cls(tuple(int(v) for v in values.split(",")), scheme=int(scheme))


class Deduper:
    """Holds the MinHash permutations, built once per process."""

    def __init__(self) -> None:
        template = MinHash(num_perm=NUM_PERM, seed=7)
        self._perms = template.permutations
        self._scheme = template.scheme

    def signature(self, paragraphs: list[str]) -> Signature:
        mh = MinHash(num_perm=NUM_PERM, permutations=self._perms, scheme=self._scheme, hashfunc=int)
        mh.update_batch(shingle_hashes(_NOISE.sub("", "".join(paragraphs))))
        return Signature(tuple(int(v) for v in np.asarray(mh.hashvalues)))


def shingle_hashes(text: str) -> list[int]:
    """The distinct 32-bit hashes of `text`'s SHINGLE-character shingles (the whole text as
    one shingle when it is shorter): sum of code point * _BASE**(SHINGLE-1-k), modulo 2**32."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    count = len(points) - SHINGLE + 1
    if count < 1:
        count, width = 1, len(points)
    else:
        width = SHINGLE
    hashes = np.zeros(count, dtype=np.uint32)
    for k in range(width):  # Horner's rule over all shingles at once; uint32 wraps modulo 2**32
        hashes *= _BASE
        hashes += points[k : k + count]
    return np.unique(hashes).tolist()
