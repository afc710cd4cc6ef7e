"""The annotators' line format (a draft in a scratch folder, never committed) turned into stand-off spans.

Annotators write what they read, by surface text, one annotation per line; this module finds the offsets
in the clean paragraphs and refuses anything ambiguous or absent, with the line number. The grammar is in
docs/annotation.md ("Draft format"); in short:

    ENT p3 PERSON 普京            first occurrence in paragraph 3 (#2 the second, * every one)
    TIME p3 24日 = 2022-02-24     type from the value (P… DURATION, …T… TIME, else DATE) or given after it
    EV p3 ASSAULT trigger=入侵 src=俄羅斯 tgt=烏克蘭 status=occurred date=2022-02-24
    Q p4 content=START~~END cue=表示 speaker=他=>普京@p0 direct stance=assert

An argument `X` is the occurrence of X in the line's paragraph nearest the trigger (or the quote),
`X#k` the k-th, `X@p2` one in paragraph 2, `A=>B` a pronoun or descriptor A standing for the mention B.
Hand-written (no parser library) because the format is a dozen key=value tokens split by shlex.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field

from storyline.annotate.anchor import make_span

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC")
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
STATUSES = ("occurred", "planned", "conditional", "denied")
STANCES = ("assert", "deny", "warn", "demand", "promise")
ROLES = {"src": "source", "tgt": "target", "part": "participant"}


class DraftError(ValueError):
    pass


@dataclass
class Draft:
    path: str
    record: str | None
    entities: list[dict] = field(default_factory=list)
    times: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)


def header(lines: list[str]) -> tuple[str, str | None]:
    path = record = None
    for line in lines:
        if line.startswith("# file:"):
            path = line.split(":", 1)[1].strip()
        elif line.startswith("# record:"):
            record = line.split(":", 1)[1].strip() or None
    if not path:
        raise DraftError("line 1: the draft must start with '# file: <path relative to shared>'")
    return path, record


def parse_draft(text: str, paragraphs: list[str]) -> Draft:
    lines = text.splitlines()
    path, record = header(lines)
    draft = Draft(path, record)
    errors = []
    for no, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            _parse_line(line, paragraphs, draft)
        except DraftError as exc:
            errors.append(f"line {no}: {exc}  [{line}]")
        except ValueError as exc:  # shlex: unbalanced quotes
            errors.append(f"line {no}: {exc}  [{line}]")
    errors += _overlaps(draft.entities, "ENT")
    if errors:
        raise DraftError("\n".join(errors))
    return draft


def _parse_line(line: str, paragraphs: list[str], draft: Draft) -> None:
    tokens = shlex.split(line)
    kind = tokens[0].upper()
    if len(tokens) < 3:
        raise DraftError("too few fields")
    if kind == "ENT":
        _entity(tokens, paragraphs, draft)
    elif kind == "TIME":
        draft.times.append(_time(tokens, paragraphs))
    elif kind == "EV":
        draft.events.append(_event(tokens, paragraphs))
    elif kind == "Q":
        draft.quotes.append(_quote(tokens, paragraphs))
    else:
        raise DraftError(f"unknown line kind {tokens[0]!r} (ENT TIME EV Q)")


def _para(token: str, paragraphs: list[str]) -> int:
    if not token.startswith("p") or not token[1:].isdigit():
        raise DraftError(f"expected a paragraph like p3, got {token!r}")
    p = int(token[1:])
    if p >= len(paragraphs):
        raise DraftError(f"no paragraph {p} (the article has {len(paragraphs)})")
    return p


def occurrences(text: str, surface: str) -> list[int]:
    out, i = [], text.find(surface)
    while i >= 0:
        out.append(i)
        i = text.find(surface, i + 1)
    return out


def _split_index(surface: str) -> tuple[str, int | None]:
    head, sep, tail = surface.rpartition("#")
    if sep and head and tail.isdigit():
        return head, int(tail)
    return surface, None


def locate(surface: str, p: int, paragraphs: list[str], near: int | None = None) -> dict:
    """One span: `X`, `X#k` or `X@pM[#k]`; without #k, the occurrence nearest `near` (or the first)."""
    if "@p" in surface:
        surface, _, where = surface.rpartition("@")
        where, k = _split_index(where)
        p, near = _para(where, paragraphs), None
        if k is not None:
            surface = f"{surface}#{k}"
    surface, k = _split_index(surface)
    if not surface:
        raise DraftError("empty surface")
    hits = occurrences(paragraphs[p], surface)
    if not hits:
        raise DraftError(f"{surface!r} is not in paragraph {p}")
    if k is not None:
        if not 1 <= k <= len(hits):
            raise DraftError(f"{surface!r} occurs {len(hits)} times in paragraph {p}, not {k}")
        s = hits[k - 1]
    elif near is None:
        s = hits[0]
    else:
        s = min(hits, key=lambda h: (_gap(h, h + len(surface), near), h))
    return make_span(paragraphs, p, s, s + len(surface))


def _gap(s: int, e: int, near: int) -> int:
    """Characters between a candidate span and the anchor position (0 when it covers it)."""
    return near - e if e <= near else s - near if s > near else 0


def _entity(tokens: list[str], paragraphs: list[str], draft: Draft) -> None:
    where, etype, surface = tokens[1], tokens[2].upper(), " ".join(tokens[3:])
    if etype not in ENTITY_TYPES:
        raise DraftError(f"entity type {etype!r} not in {ENTITY_TYPES}")
    if not surface:
        raise DraftError("missing surface")
    every = surface.endswith("*") and len(surface) > 1
    surface = surface[:-1] if every else surface
    paras = range(len(paragraphs)) if where == "*" else [_para(where, paragraphs)]
    if where == "*" and not every:
        every = True
    found = 0
    for p in paras:
        if every:
            for s in occurrences(paragraphs[p], surface):
                draft.entities.append({**make_span(paragraphs, p, s, s + len(surface)), "type": etype})
                found += 1
        else:
            draft.entities.append({**locate(surface, p, paragraphs), "type": etype})
            found += 1
    if not found:
        raise DraftError(f"{surface!r} not found")


def _time(tokens: list[str], paragraphs: list[str]) -> dict:
    p = _para(tokens[1], paragraphs)
    if "=" not in tokens:
        raise DraftError("TIME needs '= VALUE'")
    eq = tokens.index("=")
    surface, rest = " ".join(tokens[2:eq]), tokens[eq + 1:]
    if not rest:
        raise DraftError("missing value after '='")
    value, ttype, mod = rest[0], None, None
    for tok in rest[1:]:
        if tok.upper() in TIME_TYPES:
            ttype = tok.upper()
        elif tok.startswith("mod="):
            mod = tok[4:]
        else:
            raise DraftError(f"unexpected {tok!r} after the value")
    if ttype is None:
        ttype = ("DATE" if value.endswith("_REF") else "DURATION" if value.startswith("P")
                 else "TIME" if "T" in value[4:] else "DATE")
    value = None if value.lower() == "none" else value
    return {**locate(surface, p, paragraphs), "type": ttype, "value": value, "mod": mod}


def _keyvals(tokens: list[str]) -> tuple[dict[str, str], list[str]]:
    kv, flags = {}, []
    for tok in tokens:
        key, sep, val = tok.partition("=")
        if sep:
            if key in kv:
                raise DraftError(f"{key}= given twice")
            kv[key] = val
        else:
            flags.append(tok)
    return kv, flags


def _argument(value: str, p: int, paragraphs: list[str], near: int) -> dict:
    at, arrow, ref = value.partition("=>")
    arg = {"span": locate(at, p, paragraphs, near)}
    if arrow:
        arg["ref"] = locate(ref, p, paragraphs, near)
    return arg


def _event(tokens: list[str], paragraphs: list[str]) -> dict:
    p, etype = _para(tokens[1], paragraphs), tokens[2].upper()
    if etype not in EVENT_TYPES:
        raise DraftError(f"event type {etype!r} not a PLOVER type")
    kv, flags = _keyvals(tokens[3:])
    if flags:
        raise DraftError(f"unexpected {flags}")
    if "trigger" not in kv:
        raise DraftError("EV needs trigger=")
    trigger = locate(kv.pop("trigger"), p, paragraphs)
    status = kv.pop("status", "occurred")
    if status not in STATUSES:
        raise DraftError(f"status {status!r} not in {STATUSES}")
    args = []
    for key, role in ROLES.items():
        for value in filter(None, kv.pop(key, "").split(",")):
            args.append({"role": role, **_argument(value, p, paragraphs, trigger["s"])})
    date = kv.pop("date", None)
    date_span = kv.pop("datespan", None)
    event = {"trigger": trigger, "type": etype, "status": status, "mode": kv.pop("mode", None),
             "args": args, "date": None if date in (None, "none") else date,
             "date_span": locate(date_span, p, paragraphs, trigger["s"]) if date_span else None}
    if kv:
        raise DraftError(f"unknown keys {sorted(kv)}")
    return event


def _content(value: str, p: int, paragraphs: list[str]) -> dict:
    text = paragraphs[p]
    if value == "*":
        return make_span(paragraphs, p, 0, len(text))
    start, sep, end = value.partition("~~")
    first = locate(start, p, paragraphs)
    if not sep:
        return first
    end, k = _split_index(end)
    hits = [h for h in occurrences(text, end) if h >= first["s"]]
    if not hits:
        raise DraftError(f"content end {end!r} not after its start in paragraph {p}")
    stop = hits[(k or 1) - 1] + len(end)
    return make_span(paragraphs, p, first["s"], stop)


def _quote(tokens: list[str], paragraphs: list[str]) -> dict:
    p = _para(tokens[1], paragraphs)
    kv, flags = _keyvals(tokens[2:])
    if "content" not in kv:
        raise DraftError("Q needs content=")
    content = _content(kv.pop("content"), p, paragraphs)
    direct = "direct" in flags
    unknown = [f for f in flags if f not in ("direct", "indirect")]
    if unknown:
        raise DraftError(f"unexpected {unknown}")
    stance = kv.pop("stance", "assert")
    if stance not in STANCES:
        raise DraftError(f"stance {stance!r} not in {STANCES}")
    cue = kv.pop("cue", None)
    speaker = kv.pop("speaker", None)
    quote = {"content": content, "direct": direct, "stance": stance,
             "cue": locate(cue, p, paragraphs, content["s"]) if cue else None,
             "speaker": _argument(speaker, p, paragraphs, content["s"])
             if speaker and speaker != "none" else None}
    if kv:
        raise DraftError(f"unknown keys {sorted(kv)}")
    return quote


def _overlaps(entities: list[dict], kind: str) -> list[str]:
    seen = sorted((m["p"], m["s"], m["e"]) for m in entities)
    errors = []
    for a, b in zip(seen, seen[1:]):
        if a == b:
            errors.append(f"{kind}: the same span twice (paragraph {a[0]}, {a[1]}-{a[2]})")
        elif a[0] == b[0] and b[1] < a[2]:
            errors.append(f"{kind}: overlapping spans in paragraph {a[0]} ({a[1]}-{a[2]} and {b[1]}-{b[2]})")
    return errors
