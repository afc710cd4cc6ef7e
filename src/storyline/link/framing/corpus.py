"""Outlet framing, the compared corpus: which articles each outlet contributes (duplicates skipped,
articles without an outlet grouped as "(unknown)"), their text in Simplified script (OpenCC, so
入侵 and 入侵 written either way are one term), tallies that keep a count and the first few examples,
and the record every framing feature emits. The settings of the features are data
(data/framing.yaml), loaded once per `FramingSettings`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from importlib import resources

import yaml

from storyline.store import Store

UNKNOWN = "(unknown)"
# A short quoted term: one negated class, bounded: linear time on any input.
QUOTED = re.compile(r"[“‘「『]([\u4e00-\u9fff]{2,6})[”’」』]")
OPENERS, CLOSERS = "“‘「『", "”’」』"
SNIPPET = 30  # characters of context either side of an example
EXAMPLES = 3  # examples a record shows


class FramingSettings:
    """Thresholds and stop lists of data/framing.yaml."""

    def __init__(self, data: dict | None = None) -> None:
        if data is None:
            data = yaml.safe_load(
                (resources.files("storyline.link") / "data" / "framing.yaml").read_text(encoding="utf-8"))
        sq = data["scare_quotes"]
        self.min_quoted = int(sq["min_quoted"])
        self.min_uses = int(sq["min_uses"])
        self.thresholds_from = int(sq["thresholds_from_articles"])
        self.min_plain_share = float(sq["min_plain_share"])
        self.stop = frozenset(sq.get("stop") or [])
        bs = data["blind_spots"]
        self.window_days = int(bs["window_days"])
        self.blind_per_outlet = int(bs["per_outlet"])
        self.blind_min_outlets = int(bs["min_reporting_outlets"])
        ef = data.get("event_framing") or {}
        self.event_min_outlets = int(ef.get("min_outlets", 3))
        self.event_max = int(ef.get("max_events", 20))
        self.event_top = int(ef.get("top", 8))


@dataclass
class Corpus:
    """The compared articles: their outlets, held; their text, read from the store when a pass
    needs it (a 100k store's text is most of a gigabyte as Python strings)."""

    store: Store
    outlets: list[str]
    outlet_of: dict[str, str]  # compared article id -> outlet
    published: dict[str, str]  # compared article id -> its date (YYYY-MM-DD), when known

    def texts(self) -> Iterator[tuple[str, str, list[str]]]:
        """(id, outlet, paragraphs in Simplified) of every compared article, in id order."""
        for r in self.store.iter_rows("SELECT id, language, paragraphs FROM articles WHERE duplicate_of IS NULL "
                                      "ORDER BY id"):
            if r["id"] in self.outlet_of:
                yield r["id"], self.outlet_of[r["id"]], _simplified(r)

    def paragraphs(self, article_ids: set[str]) -> dict[str, list[str]]:
        """The paragraphs (in Simplified) of some compared articles."""
        out, ids = {}, sorted(article_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self.store.rows(f"SELECT id, language, paragraphs FROM articles WHERE id IN "
                                     f"({','.join('?' * len(chunk))})", chunk):
                out[r["id"]] = _simplified(r)
        return out


def _simplified(row: dict) -> list[str]:
    """An article row's paragraphs, in Simplified script."""
    paras = json.loads(row["paragraphs"])
    conv = _converter() if row["language"] == "zh-Hant" else None
    return [conv.convert(p) for p in paras] if conv is not None else paras


class Tally:
    """How often something was seen, and the first EXAMPLES of it: all a record shows. Keeping
    every occurrence's example held one dict per plain use of every quoted term (入侵 alone
    thousands), ~3 GB at 100k articles."""

    __slots__ = ("n", "examples")

    def __init__(self) -> None:
        self.n = 0
        self.examples: list[dict] = []

    def add(self, example) -> None:
        """`example`: the example dict, or a function making it (called only while kept)."""
        self.n += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append(example() if callable(example) else example)


def tallies() -> dict:
    return defaultdict(Tally)


def outlet_name(value: str | None) -> str:
    return value or UNKNOWN


@lru_cache(maxsize=1)  # one per process: every pass over the text asks for it
def _converter():
    try:
        import opencc

        return opencc.OpenCC("t2s")
    except Exception:  # no OpenCC: compare as written
        return None


def simplifier():
    """A function giving a text in Simplified script (the identity without OpenCC)."""
    conv = _converter()
    return conv.convert if conv is not None else (lambda text: text)


def load(store: Store, outlets: list[str] | None) -> Corpus:
    outlet_of, published = {}, {}
    for r in store.iter_rows("SELECT id, outlet, published FROM articles WHERE duplicate_of IS NULL ORDER BY id"):
        outlet = outlet_name(r["outlet"])
        if not outlets or outlet in outlets:
            outlet_of[r["id"]] = outlet
            if r["published"] and len(r["published"]) >= 10:
                published[r["id"]] = r["published"][:10]
    present = sorted(set(outlet_of.values()))
    return Corpus(store, [o for o in outlets if o in present] if outlets else present, outlet_of, published)


def example(article_id: str, paragraph: int, text: str, start: int, end: int) -> dict:
    lo, hi = max(0, start - SNIPPET), min(len(text), end + SNIPPET)
    return {"article_id": article_id, "paragraph": paragraph, "text": text[lo:hi]}


def record(outlet: str, feature: str, key: str, value, examples: list[dict], **extra) -> dict:
    return {"outlet": outlet, "feature": feature, "key": key, "value": value, "examples": examples[:EXAMPLES], **extra}
