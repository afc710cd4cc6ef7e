"""Fingerprint a text for the reading evaluation (issue #25).

The reading set (eval/data/reading.jsonl) must not hold article text (copyright), so expected
paragraphs and boilerplate strings are stored as fingerprints: the SHA-1 of the text after NFC
normalisation with ALL whitespace removed, plus the length of that string. Removing whitespace makes
the fingerprint independent of how a reader joins lines (CRLF, hard wraps, ideographic spaces).

Usage: `python eval/reading_fp.py < text.txt` prints `{"sha1": "...", "len": N}`.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata


def squash(text: str) -> str:
    """NFC-normalise and drop every whitespace character (str.split() knows all Unicode spaces)."""
    return "".join(unicodedata.normalize("NFC", text).split())


def fingerprint(text: str) -> dict[str, object]:
    flat = squash(text)
    return {"sha1": hashlib.sha1(flat.encode("utf-8")).hexdigest(), "len": len(flat)}


def main() -> int:
    print(json.dumps(fingerprint(sys.stdin.read())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
