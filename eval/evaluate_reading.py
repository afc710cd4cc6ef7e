"""Reading evaluation (issue #25): does the reader turn real mirror files into the right article?

The gold set, eval/data/reading.jsonl, was made by hand: one line per file of /work/shared (corpus and
corpus2), chosen with a fixed seed (`random.Random('reading-eval-25:' + folder)`, shuffled list of the
folder's files minus heldout.txt, the first 6-8 taken; plus deliberately chosen trap files: Kyodo 快讯
flashes, DW Traditional-script pieces, Al Jazeera features re-fetched years later, an RTHK story re-headlined
under the same link, agora0 BBC (relative times), RFI (DD/MM/YYYY), CNA (ROC codes), filenames with spaces and
brackets, CRLF bodies). Each raw file was read by a person, not by storyline. Conventions of the gold set:

* `outlet`: the publishing outlet's display name (corpus2: the README's outlet; the old sources use the
  names storyline's outlets.yaml already uses: 大纪元, 观察者网, 眾新聞, GNews, 央视新闻联播). For the CDT
  aggregator the outlet is 中国数字时代 (the file's publisher), not the outlet it reposts.
* `title`: the article's own headline with site suffixes (`| 栏目 | 半岛电视台`, ` - 法国国际广播电台 - RFI`,
  ` - 要闻解说`), category/column tags (`[國際] `, `【财商天下】`, `八方析時務︱`, CDT's `BBC ｜`/`【CDTV】`),
  ID suffixes, source suffixes (`--白宫`, `—银河系农场`) and labels (`焦点：`, `独家：`, `更新版`, `快讯：`,
  `[视频]`) removed; a title that is only a bracketed series name (`【黎智英案・審訊第 68 日】`) is kept whole;
  Unicode punctuation as printed (︰ stays ︰); `null` when the file has no headline. Compared after NFC with
  all whitespace removed.
* `published`: the publication day from the best evidence in the file (body timestamp, dateline, link, ROC
  code, epoch comment, JSON publish field), never the mirror's fetch time; the day as written in the zone the
  file states (Reuters/DW `…Z` give the UTC day; waimei epochs are UTC days unless the link or dateline gives
  the local day, then the epoch is shown in that zone; an Epoch Times dateline wins over its US-dated link).
  `published_time` ("HH:MM+HH:MM") only where the file states a time and its zone (it is `null` for the
  pen0 placeholder 12:00 and for front-matter times that are fetch times). A reader's day also counts as
  right when its zoned time, moved to the gold zone, falls on the gold day; times must agree to the minute.
* `first_para` / `last_para`: fingerprints (eval/reading_fp.py) of the first and last paragraph of the
  article body. Removed from the first: the headline, an opening dateline or byline (（中央社…電）,
  【共同社…电】, （德国之声中文网）, 路透北京3月10日 - , 【大纪元…讯】（大纪元记者…报导）, 【文/观察者网 …】,
  （观察者网讯）, 【獨媒報導】, 【法庭線】, （维权网信息中心报道）, 央视网消息（新闻联播）：, 光明网评论员：);
  NYT's inline `香港——` stays. Not body: captions and credits, standfirsts and summary bullets printed above
  the body (FT story-lead, pen0 excerpt), pull-quotes, picture galleries, related-link lists, subheads,
  salutations, closing signatures and contact numbers, author bios, reporter/editor/translator credit lines,
  source notes (原载…), source tags such as （路透社）, disclaimers and copyright lines. The last paragraph
  loses a trailing （完）, （編輯：…） plus ROC code. A leading list bullet `•` is not part of the text.
  For a multi-record file (CCTV JSON) `record` holds the raw title of the record, picked with a fixed seed.
* `boilerplate`: fingerprints of up to 3 strings in the file that must appear in no clean paragraph
  (captions, 图像来源 credits, relative times, （完）, editor/ROC tails, copyright, disclaimer and 反侵权
  footers, 原文地址/原文链接 lines, case numbers…), each as it appears. Only unambiguous non-body text is
  listed (a standfirst is not: it is scored by `first_para`).

No article text is stored, only fingerprints (copyright). The files are read at run time from the
`shared` folder beside the repo root; a file whose SHA-1 changed is reported and skipped.

    python eval/evaluate_reading.py [--shared DIR] [--errors] [--json OUT] [--check]

Exit status is 0 unless `--check` is given and a figure is below eval/data/reading_floors.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from storyline.clean import clean_record
from storyline.read import read_file

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "reading.jsonl"
FLOORS = HERE / "data" / "reading_floors.json"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIELDS = ("outlet", "title", "day", "time", "language", "first", "last", "no_boilerplate")
TARGETS = {"outlet": 1.0, "title": 0.98, "day": 0.98, "no_boilerplate": 1.0}


def squash(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFC", text or "").split())


def fp(text: str) -> tuple[str, int]:
    flat = squash(text)
    return hashlib.sha1(flat.encode("utf-8")).hexdigest(), len(flat)


def contains_fp(paragraph: str, sha1: str, length: int) -> bool:
    """Does the whitespace-free paragraph hold a substring with this fingerprint? (sliding window)"""
    flat = squash(paragraph)
    for i in range(len(flat) - length + 1):
        if hashlib.sha1(flat[i : i + length].encode("utf-8")).hexdigest() == sha1:
            return True
    return False


@dataclass
class Got:
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    error: str | None = None


def parse_instant(value: str) -> dt.datetime | None:
    if "T" not in value and " " not in value[10:11]:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else None


def gold_offset(hhmm_zone: str) -> dt.timezone:
    sign = -1 if hhmm_zone[5] == "-" else 1
    hours, minutes = int(hhmm_zone[6:8]), int(hhmm_zone[9:11])
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def day_ok(gold: dict, got: str | None) -> bool:
    if not got:
        return gold["published"] is None
    if gold["published"] is None:
        return False
    if got[:10] == gold["published"]:
        return True
    when = parse_instant(got)
    if when and gold.get("published_time"):
        return when.astimezone(gold_offset(gold["published_time"])).date().isoformat() == gold["published"]
    return False


def time_ok(gold: dict, got: str | None) -> bool:
    when = parse_instant(got or "")
    if when is None:
        return False
    zone = gold_offset(gold["published_time"])
    want = dt.datetime.fromisoformat(f"{gold['published']}T{gold['published_time'][:5]}").replace(tzinfo=zone)
    return abs((when - want).total_seconds()) < 60


def read_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_reader(path: Path, gold: dict) -> Got:
    try:
        records = read_file(path, str(path))
    except Exception as exc:  # a crash is a reading failure of that file, not of the evaluation
        return Got(error=f"{type(exc).__name__}: {exc}")
    docs = []
    for raw in records:
        try:
            doc = clean_record(raw)
        except Exception as exc:
            return Got(error=f"clean: {type(exc).__name__}: {exc}")
        if doc.article.paragraphs:
            docs.append(doc)
    if not docs:
        return Got(error="no article text found")
    pick = docs[0]
    if len(docs) > 1:
        want = {squash(gold.get("record")), squash(gold["title"])} - {""}
        first = (gold["first_para"]["sha1"], gold["first_para"]["len"])
        by_title = [d for d in docs if squash(d.article.title) in want]
        by_text = [d for d in docs if any(fp(p) == first for p in d.article.paragraphs)]
        pick = (by_title or by_text or docs)[0]
    art = pick.article
    paras = [p if isinstance(p, str) else getattr(p, "text", str(p)) for p in art.paragraphs]
    return Got(art.outlet, art.title, art.published, art.language, paras)


def score(gold: dict, got: Got) -> dict[str, bool | None]:
    paras = got.paragraphs
    first = (gold["first_para"]["sha1"], gold["first_para"]["len"])
    last = (gold["last_para"]["sha1"], gold["last_para"]["len"])
    clean = None
    if gold["boilerplate"]:
        clean = bool(paras) and not any(
            contains_fp(p, b["sha1"], b["len"]) for b in gold["boilerplate"] for p in paras
        )
    return {
        "outlet": squash(got.outlet) == squash(gold["outlet"]),
        "title": squash(got.title) == squash(gold["title"]),
        "day": day_ok(gold, got.published),
        "time": time_ok(gold, got.published) if gold.get("published_time") else None,
        "language": got.language == gold["language"],
        "first": bool(paras) and fp(paras[0]) == first,
        "last": bool(paras) and fp(paras[-1]) == last,
        "no_boilerplate": clean,
    }


def explain(name: str, gold: dict, got: Got) -> str:
    if got.error:
        return f"read error: {got.error}"
    if name == "outlet":
        return f"want {gold['outlet']!r} got {got.outlet!r}"
    if name == "title":
        return f"want {gold['title']!r} got {got.title!r}"
    if name in ("day", "time"):
        return f"want {gold['published']} {gold.get('published_time') or ''} got {got.published!r}"
    if name == "language":
        return f"want {gold['language']} got {got.language}"
    paras = got.paragraphs
    if name == "first":
        return f"want len {gold['first_para']['len']} got: {squash(paras[0])[:80] if paras else None!r}"
    if name == "last":
        return f"want len {gold['last_para']['len']} got: {squash(paras[-1])[-80:] if paras else None!r}"
    hits = [squash(p)[:80] for p in paras for b in gold["boilerplate"] if contains_fp(p, b["sha1"], b["len"])]
    return f"boilerplate in paragraph: {hits[:2]!r}"


def evaluate(shared: Path, gold_path: Path, errors: bool = False) -> dict:
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: {f: [0, 0] for f in FIELDS})
    skipped = []
    for gold in read_gold(gold_path):
        path = shared / gold["path"]
        if not path.is_file():
            skipped.append((gold["path"], "missing"))
            continue
        if hashlib.sha1(path.read_bytes()).hexdigest() != gold["sha1"]:
            skipped.append((gold["path"], "changed (SHA-1 differs)"))
            continue
        got = run_reader(path, gold)
        for name, ok in score(gold, got).items():
            if ok is None:
                continue
            for key in (gold["folder"], "ALL"):
                table[key][name][0] += int(ok)
                table[key][name][1] += 1
            if errors and not ok:
                print(f"[{name}] {gold['path']}\n    {explain(name, gold, got)}")
    for path, why in skipped:
        print(f"skipped {path}: {why}")
    return {
        folder: {name: {"right": r, "n": n, "acc": (r / n if n else None)} for name, (r, n) in row.items()}
        for folder, row in table.items()
    }


def print_table(figures: dict) -> None:
    head = f"{'folder':<44}{'files':>6}" + "".join(f"{f:>15}" for f in FIELDS)
    print(head)
    print("-" * len(head))
    folders = sorted(k for k in figures if k != "ALL") + ["ALL"]
    for folder in folders:
        row = figures[folder]
        cells = []
        for name in FIELDS:
            cell = row[name]
            cells.append(f"{cell['acc'] * 100:6.1f}% ({cell['n']:>3})" if cell["n"] else f"{'-':>15}")
        print(f"{folder[:43]:<44}{row['outlet']['n']:>6}" + "".join(f"{c:>15}" for c in cells))
    print("targets: " + ", ".join(f"{k} >= {v:.0%}" for k, v in TARGETS.items()))


def below_floors(figures: dict, floors: dict) -> list[str]:
    low = []
    for name, floor in floors.items():
        acc = figures["ALL"][name]["acc"]
        if acc is not None and acc + 1e-9 < floor:
            low.append(f"{name}: {acc:.4f} < floor {floor:.2f}")
    return low


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--gold", type=Path, default=DATA)
    ap.add_argument("--errors", action="store_true", help="print every mismatch")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument("--check", action="store_true", help="exit 1 if a figure is below the floors")
    args = ap.parse_args(argv)
    figures = evaluate(args.shared, args.gold, args.errors)
    print_table(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.check:
        low = below_floors(figures, json.loads(FLOORS.read_text(encoding="utf-8")))
        for line in low:
            print("BELOW FLOOR", line)
        return 1 if low else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
