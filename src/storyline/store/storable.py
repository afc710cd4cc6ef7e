"""What any store can hold: the few values a driver or an index would refuse, made storable.

PostgreSQL refuses a NUL character in text ("text fields cannot contain NUL"), and no UTF-8
driver can encode a lone surrogate (a JSON string may carry `\\ud800`); SQLite takes NUL but not
surrogates. Both become U+FFFD, one character for one, so every character offset into a paragraph
stays valid, and both backends store the same text. `Store.execute` applies this to every
parameter, so no write path can forget it.

A b-tree index row must fit in about a third of a PostgreSQL page (~2.7 KB): a 9,000-character
URL in an article's unique source key, or a 3,000-character "outlet", aborted the whole batch.
The indexed article columns are capped here (`article_key`, `short_value`); the key keeps its
identity through a hash of the whole, and the reader's key is mapped the same way when an ingest
looks up what it stored before (engine/work.py), so a re-run still finds the article unchanged.
"""

from __future__ import annotations

import hashlib
import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # one character class: linear
REPLACEMENT = "\ufffd"
KEY_BYTES = 1000  # well under PostgreSQL's b-tree row limit (~2,704 bytes), with room for the hash
VALUE_BYTES = 400  # outlet and published: display values, never this long when real


def text(value: str) -> str:
    """`value` with NUL and lone surrogates replaced by U+FFFD (same length)."""
    if _UNSTORABLE.search(value) is None:
        return value
    return _UNSTORABLE.sub(REPLACEMENT, value)


def param(value):
    return text(value) if isinstance(value, str) else value


def params(values):
    """A parameter sequence with every string made storable (the same object when nothing changes)."""
    if any(isinstance(v, str) and _UNSTORABLE.search(v) for v in values):
        return [param(v) for v in values]
    return values


def rows(rows: list) -> list:
    """`params` for every row of an `executemany`, checked column by column: one set of the column's
    value types, one join of its strings, a NUL search and a UTF-8 encode, all in C. Value by value
    (as `params` does) this check cost more than some of the inserts it guards."""
    if not isinstance(rows, list):
        rows = list(rows)  # iterated twice below
    for column in zip(*rows):
        kinds = set(map(type, column))
        if not any(issubclass(k, str) for k in kinds):
            continue
        joined = "".join(column) if len(kinds) == 1 else "".join([v for v in column if isinstance(v, str)])
        if "\x00" in joined or not _encodes(joined):
            return [params(row) for row in rows]
    return rows


def _encodes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


def _clip(value: str, limit: int) -> str:
    """The longest prefix of `value` whose UTF-8 form fits in `limit` bytes."""
    return value.encode("utf-8", "replace")[:limit].decode("utf-8", "ignore")


def article_key(key: str) -> str:
    """A source key that fits an index row: unchanged when short, else a prefix and the SHA-1 of
    the whole key (still unique, still stable across re-runs)."""
    if len(key) * 4 <= KEY_BYTES or len(key.encode("utf-8", "replace")) <= KEY_BYTES:
        return key
    digest = hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()
    return f"{_clip(key, KEY_BYTES - 50)}#sha1={digest}"


def short_value(value: str | None) -> str | None:
    """An indexed display value (outlet, published) cut to VALUE_BYTES of UTF-8."""
    if value is None or len(value) * 4 <= VALUE_BYTES:
        return value
    return _clip(value, VALUE_BYTES)
