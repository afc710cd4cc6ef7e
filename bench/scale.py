"""Synthesise a large corpus from ../shared/corpus for scale benchmarks (100k-article runs).

Each synthetic file is a copy of a real corpus file, kept in its own format (same extension and
template, so the readers and cleaners do their real work), with its dates shifted and its text
perturbed at the sentence level. Two kinds of copy, alternating, so both paths of the writer are
exercised honestly:

* `near`: a few sentences swapped for sentences of other articles and a few characters changed.
  The content hash differs (no exact-duplicate shortcut); MinHash must find the original.
* `remix`: about half of the sentences replaced from a corpus-wide sentence pool: a new article
  as far as near-duplicate detection is concerned, so it is analysed, linked and stored.

Replacement sentences contain no quotes, backslashes, angle brackets or line breaks, so JSON and
HTML files stay well formed. Hand-written because no library perturbs text while keeping
arbitrary file formats parseable.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

# One character class, bounded length: linear time on any input. Never starting right after a
# backslash: replacing `n。…` in a JSON string's `\n。…` would leave an invalid escape behind.
SENTENCE = re.compile(r"(?<!\\)[^。！？\n\"\\<>{}]{8,160}[。！？]")
ISO_DATE = re.compile(r"(20[0-3]\d)-([01]\d)-([0-3]\d)")
CN_DATE = re.compile(r"(20[0-3]\d)年([01]?\d)月([0-3]?\d)日")
SKIP_NAMES = {"README.md", "MANIFEST.tsv"}
# Characters swapped in for the `near` kind: common function characters, so text stays text.
FILLER = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


@dataclass(frozen=True)
class Source:
    path: Path
    rel: Path
    text: str
    articles: int  # records the readers find in it (a day file of news holds many)


def load_sources(corpus: Path, count_articles) -> list[Source]:
    """Readable corpus files with their article counts, in a stable order."""
    out = []
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        if path.name in SKIP_NAMES and path.parent == corpus:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # the synthesiser edits text; binary or odd encodings are copied as they are elsewhere
        n = count_articles(path)
        if n:
            out.append(Source(path, path.relative_to(corpus), text, n))
    return out


def sentence_pool(sources: list[Source], limit: int = 200_000) -> list[str]:
    pool: list[str] = []
    for src in sources:
        pool.extend(m.group(0) for m in SENTENCE.finditer(src.text))
        if len(pool) >= limit:
            break
    return pool


def _shift_iso(match: re.Match, days: int) -> str:
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return match.group(0)
    return (day + dt.timedelta(days=days)).isoformat()


def _shift_cn(match: re.Match, days: int) -> str:
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return match.group(0)
    day += dt.timedelta(days=days)
    return f"{day.year}年{day.month}月{day.day}日"


def _first_day(text: str) -> dt.date | None:
    days = []
    for pattern in (ISO_DATE, CN_DATE):
        for m in pattern.finditer(text):
            try:
                days.append(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
            except ValueError:
                continue
    return min(days) if days else None


def perturb(text: str, kind: str, rng: random.Random, pool: list[str], land_on: dt.date | None = None) -> str:
    """A re-dated, perturbed copy of `text` (see the module docstring for the two kinds). Dates
    move by a random -400..400 days, or, with `land_on`, so that the text's earliest date falls
    within the 14 days from `land_on` (a new fortnight of news)."""
    days = rng.randint(-400, 400) or 1
    first = _first_day(text) if land_on else None
    if first is not None:
        days = (land_on - first).days + rng.randint(0, 13)
    text = ISO_DATE.sub(lambda m: _shift_iso(m, days), text)
    text = CN_DATE.sub(lambda m: _shift_cn(m, days), text)
    share = 0.5 if kind == "remix" else 0.03
    changed = [False]

    def swap(match: re.Match) -> str:
        if pool and rng.random() < share:
            changed[0] = True
            return rng.choice(pool)
        return match.group(0)

    text = SENTENCE.sub(swap, text)
    chars = list(text)
    cjk = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
    for i in rng.sample(cjk, min(len(cjk), 3 if kind == "near" else 12)):
        chars[i] = rng.choice(FILLER)
    return "".join(chars)


def synthesise(
    sources: list[Source], target_articles: int, out_dir: Path, seed: int = 1, kinds: tuple[str, ...] = ("near", "remix"),
    land_on: dt.date | None = None,
) -> tuple[int, int, int]:
    """Write copies round-robin over `sources` until they hold `target_articles` articles
    (`land_on`: see `perturb`).

    Returns (files, articles, bytes) written. Streams: one file in memory at a time."""
    rng = random.Random(seed)
    pool = sentence_pool(sources)
    files = articles = size = 0
    copy = 0
    while articles < target_articles:
        for src in sources:
            if articles >= target_articles:
                break
            kind = kinds[(files + copy) % len(kinds)]
            dest = out_dir / f"c{copy:04d}" / src.rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            data = perturb(src.text, kind, rng, pool, land_on).encode("utf-8")
            dest.write_bytes(data)
            files += 1
            articles += src.articles
            size += len(data)
        copy += 1
    return files, articles, size


def file_list(folder: Path) -> list[str]:
    out = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        out.extend(os.path.join(root, n) for n in sorted(names))
    return out
