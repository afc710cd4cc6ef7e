"""Bytes -> text: BOMs, UTF-8, UTF-16 without BOM, and the legacy Chinese encodings.

charset-normalizer does the statistical choice, but only among the encodings Chinese news
really comes in (its unrestricted guess sometimes picks a Cyrillic or Japanese code page for
short GBK text). Order matters: UTF-8 is tried strictly first because it is unambiguous.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from storyline.model import ReadError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
CHINESE_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
SNIFF = 65536
SHORT = 64  # bytes; below this the statistical guess is a coin toss
MAX_REPLACED = 8  # invalid UTF-8 sequences tolerated in any file (more only in long ones: 1 per 1000 chars)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text has NUL in every other byte; CJK-heavy text has a
    few NULs anywhere, so also accept a strict decode that yields mostly CJK/printable text
    (random binary almost always hits an invalid surrogate and fails the strict decode)."""
    head = data[: SNIFF * 2]
    if len(head) % 2:
        head = head[:-1]
    even_nul = head[0::2].count(0)
    odd_nul = head[1::2].count(0)
    half = max(1, len(head) // 2)
    if odd_nul > half * 0.3 and even_nul < half * 0.05:
        return "utf-16-le"
    if even_nul > half * 0.3 and odd_nul < half * 0.05:
        return "utf-16-be"
    if b"\x00" not in head:
        return None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(name)
        except UnicodeDecodeError:
            continue
        n = max(1, len(text))
        cjk = sum(1 for ch in text if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
        if cjk > n * 0.5 and printable > n * 0.97:
            return name
    return None


# the bytes `looks_binary` does not count as control characters (tab, newlines, form feed, ESC, >= 32)
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))


def looks_binary(data: bytes) -> bool:
    head = data[:SNIFF]
    if not head:
        return False
    controls = len(head.translate(None, _NOT_CONTROL))  # C speed: delete all but the control bytes
    return b"\x00" in head or controls > len(head) * 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise ReadError if the bytes are not text."""
    for bom, name, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name + "-bom" if name == "utf-8" else name
            except UnicodeDecodeError as exc:
                raise ReadError(f"cannot decode as {name} despite its byte-order mark") from exc
    utf16 = _utf16_without_bom(data) if len(data) % 2 == 0 and b"\x00" in data[:SNIFF] else None
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise ReadError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few broken bytes (a truncated copy, one bad character): keep the text and
    # replace only those bytes, rather than reject the file or misread it as a legacy encoding
    # (legacy-encoded text decodes to almost nothing but replacements, so it never passes:
    # the valid non-ASCII characters must outnumber the replacements five to one)
    lenient = data.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd")
    valid = len(lenient) - len(lenient.encode("ascii", errors="ignore")) - replaced
    if replaced <= max(MAX_REPLACED, len(lenient) // 1000) and valid >= 5 * replaced:
        return lenient, "utf-8"
    order: list[str] = []
    if len(data) >= SHORT:
        best = from_bytes(data[: 4 * SNIFF], cp_isolation=CHINESE_CANDIDATES).best()
        order = [best.encoding] if best is not None else []
    # too short for statistics: prefer GB18030 (mainland text is the common case)
    order += [c for c in ("gb18030", "big5") if c not in order]
    for name in order:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return text, name.replace("_", "-")
    # no candidate decodes cleanly: GB18030 with the undecodable bytes replaced keeps the good
    # paragraphs; only when that is mostly replacement characters is the file not text
    text = data.decode("gb18030", errors="replace")
    if text.count("\ufffd") <= len(text) // 20:
        return text, "gb18030"
    raise ReadError("cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text")
