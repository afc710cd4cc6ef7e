"""Secrets out of messages: a PostgreSQL URL's password never leaves the process.

A store target may carry a password (`postgresql://user:pass@host/db`, `?password=...`, or a
libpq keyword string `password=...`), and the target, or libpq's own message quoting the URI,
ends up in errors. Every message that leaves the process (a CLI error line, the `serve`
banner, an HTTP error body) goes through `redact` at that edge (serve/common.py fail, the API's
exception handlers), whatever produced it; the store's own messages use the redacted target too.
The patterns are linear: each starts at a literal (`://` or `password`) and scans one run of
non-space characters.
"""

from __future__ import annotations

import re

HIDDEN = "***"
# scheme://user:password@host -> scheme://user:***@host (up to the last @ of the run: a raw @ in a password)
_USERINFO = re.compile(r"(://[^:/\s@\"']*):\S*@")
# password=secret in a query string or a libpq keyword string, quoted or not
_KEYWORD = re.compile(r"(password\s*=\s*)('[^']*'|\"[^\"]*\"|[^&\s\"']+)", re.IGNORECASE)


def redact(text: str) -> str:
    """`text` with every URL password and `password=` value replaced by ***."""
    if "://" not in text and "password" not in text.lower():
        return text
    return _KEYWORD.sub(lambda m: m.group(1) + HIDDEN, _USERINFO.sub(lambda m: m.group(1) + ":" + HIDDEN + "@", text))
