"""Options and helpers shared by the CLI modules."""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Annotated, Callable, Iterator, NoReturn, Optional, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from storyline.serve import validate
from storyline.store import Store, StoreError, open_store, resolve_target
from storyline.store.redact import redact

T = TypeVar("T")

# C0 controls but newline and tab, DEL, C1 controls: one character class, linear
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(m: re.Match) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the control picture: ESC -> ␛, BEL -> ␇, CR -> ␍
    return "\u2421" if code == 0x7f else "\ufffd"


def printable(text: str) -> str:
    """`text` safe for a terminal: every control character (ESC, BEL, CR, C1...) but newline and
    tab is shown as one visible character, so a title, an author or a file name cannot move the
    cursor, retitle the window or hide what follows. One character for one: spans of a rich
    Text built on the original stay right."""
    return _CONTROL.sub(_visible, text) if _CONTROL.search(text) else text


class _Printable:
    """A rich render hook: top-level Text objects (the views' highlighted paragraphs) made
    printable; strings, table cells included, pass through SafeConsole.render_str."""

    def process_renderables(self, renderables: list) -> list:
        out = []
        for item in renderables:
            if isinstance(item, Text) and _CONTROL.search(item.plain):
                item = item.copy()
                item.plain = printable(item.plain)
            out.append(item)
        return out


class SafeConsole(Console):
    """Every string it renders is made printable first (data from articles is untrusted)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.push_render_hook(_Printable())

    def render_str(self, text: str, **kwargs) -> Text:
        return super().render_str(printable(text), **kwargs)


console = SafeConsole(highlight=False)
err_console = SafeConsole(stderr=True, highlight=False, soft_wrap=True)  # a failure line is one line, whatever the width

DbOption = Annotated[
    Optional[str],
    typer.Option("--db", envvar="STORYLINE_DB", help="SQLite file or postgresql:// URL (default storyline.db)."),
]


def fail(message: str, code: int = 2) -> NoReturn:
    """Print `storyline: message` (passwords redacted: every CLI error passes here) and exit."""
    err_console.print(f"storyline: {redact(message)}", markup=False)
    raise typer.Exit(code)


def checked(check: Callable[..., T], *args) -> T:
    """Run one of serve/validate.py's checks; a bad value ends the command with the layer's
    line (the text the API puts in its 422) and exit code 2."""
    try:
        return check(*args)
    except validate.FilterError as exc:
        fail(exc.message)


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 mention`, `2 mentions` (English counts in the CLI's output)."""
    return f"{n} {word if n == 1 else many or word + 's'}"


@contextmanager
def opened(db: str | None, readonly: bool = False) -> Iterator[Store]:
    checked(validate.store_target, resolve_target(db), readonly)  # mysql://, a text file: say so first
    try:
        store = open_store(db, readonly=readonly)
    except StoreError as exc:
        fail(str(exc))
    except Exception as exc:  # driver errors: unreadable file, not a database, refused connection
        fail(f"{db or 'storyline.db'}: cannot open store: {exc}")
    try:
        yield store
    finally:
        store.close()
