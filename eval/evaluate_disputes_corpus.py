"""Disputes on real articles: precision on a judged random sample of stored disputes, recall on the
annotated corpus's claim / denial pairs.

Precision (`--judged`): eval/data/disputes_judged.tsv holds our verdicts on a random sample of the
disputes of a store made from ../shared/corpus + corpus2 (drawn by `--sample N --seed S`). It is
stand-off data: dispute id, the two article paths and paragraph numbers, verdict (yes / no) and a
one-line reason in our own words; no article text. A verdict is yes when the counter, read in its
context, contests what the claim says (the same proposition), by another side.

Recall (`--recall SPLIT`): the annotated articles of a split (eval/annotations, docs/annotation.md)
give the denials people marked: quotes with stance `deny` and events with status `denied`. A
denial is *paired* when the annotators also marked a claim (a quote asserting or promising, an
event that occurred) before it in the same or the previous paragraph. Reported: the share of
denials the store uses as a dispute's counter, and the share of paired denials whose dispute's
claim is one of those annotated claims (spans overlap). Spans are checked against the stored
paragraphs by their hash; a span that no longer anchors is counted apart.

    python eval/evaluate_disputes_corpus.py --db STORE --sample 60 --seed 32   # print a sample to judge
    python eval/evaluate_disputes_corpus.py --judged                             # precision of the verdicts
    python eval/evaluate_disputes_corpus.py --db STORE --recall dev              # recall on a split
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import random
import sqlite3
from pathlib import Path

from storyline.annotate.anchor import text_hash

ROOT = Path(__file__).parent
# Every verdict file, oldest first, with who judged what (the descriptions live in the index, so a new
# judged file is one line of data): an independent file (a judge who wrote no rule) also reports its
# pairs that no earlier file judged, the part no rule was written from.
JUDGED_INDEX = ROOT / "data" / "disputes_judged_files.tsv"
JUDGED = ROOT / "data" / "disputes_judged.tsv"
JUDGED_AFTER = ROOT / "data" / "disputes_judged_round2.tsv"
JUDGED_S17 = ROOT / "data" / "disputes_judged_s17.tsv"
JUDGED_S17_AFTER = ROOT / "data" / "disputes_judged_s17_after.tsv"
JUDGED_OLD_AFTER = ROOT / "data" / "disputes_judged_old_after.tsv"
JUDGED_S18 = ROOT / "data" / "disputes_judged_s18.tsv"
JUDGED_S18_AFTER = ROOT / "data" / "disputes_judged_s18_after.tsv"
JUDGED_S18B = ROOT / "data" / "disputes_judged_s18b.tsv"
JUDGED_S18B_AFTER = ROOT / "data" / "disputes_judged_s18b_after.tsv"
JUDGED_S19 = ROOT / "data" / "disputes_judged_s19.tsv"
JUDGED_S19_STORE = ROOT / "data" / "disputes_judged_s19_store.tsv"
JUDGED_S19_AFTER = ROOT / "data" / "disputes_judged_s19_after.tsv"
EARLIER = ("disputes_judged.tsv", "disputes_judged_round2.tsv", "disputes_judged_old_after.tsv",
           "disputes_judged_s17.tsv", "disputes_judged_s17_after.tsv")
ANNOTATIONS = ROOT / "annotations" / "first"
COLUMNS = ["dispute", "claim_path", "claim_paragraph", "counter_path", "counter_paragraph", "verdict", "reason"]


def _open(db: str) -> sqlite3.Connection:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    return con


def sample(db: str, n: int, seed: int) -> list[dict]:
    """A seeded random sample of the store's disputes (ids sorted first: the same store gives the same sample)."""
    con = _open(db)
    rows = [json.loads(r["record"]) for r in con.execute("SELECT record FROM disputes ORDER BY id")]
    picked = random.Random(seed).sample(rows, min(n, len(rows)))
    paths = {}
    for d in picked:
        for side in (d["claim"], d["counter"]):
            r = con.execute("SELECT path FROM articles WHERE id = ?", (side["article_id"],)).fetchone()
            paths[side["article_id"]] = r["path"] if r else "?"
    for d in picked:
        d["claim"]["path"], d["counter"]["path"] = paths[d["claim"]["article_id"]], paths[d["counter"]["article_id"]]
    return picked


def _pair(r: dict) -> tuple:
    return r["claim_path"], r["claim_paragraph"], r["counter_path"], r["counter_paragraph"]


def judged_precision(path: Path = JUDGED, earlier: tuple[str, ...] = ()) -> dict:
    """Precision of a verdict file; with `earlier` (file names), also on its pairs none of those
    judged (the part no rule was written from)."""
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    yes = sum(r["verdict"] == "yes" for r in rows)
    p = yes / len(rows) if rows else 0.0
    out = {"n": len(rows), "yes": yes, "precision": p}
    line = f"{path.name}: judged disputes {len(rows)}  real {yes}  precision {p:.3f}"
    if earlier:
        seen = set()
        for name in earlier:
            with (path.parent / name).open(encoding="utf-8") as f:
                seen |= {_pair(r) for r in csv.DictReader(f, delimiter="\t")}
        fresh = [r for r in rows if _pair(r) not in seen]
        fresh_yes = sum(r["verdict"] == "yes" for r in fresh)
        out.update(fresh=len(fresh), fresh_yes=fresh_yes)
        line += f"  (not judged before: {len(fresh)}, real {fresh_yes}, precision {fresh_yes / max(len(fresh), 1):.3f})"
    print(line)
    return out


def judged_files(index: Path = JUDGED_INDEX) -> list[dict]:
    """Precision of every verdict file the index lists, in its order; an independent one also on
    its pairs that no file of an earlier round judged (rules were written from those)."""
    with index.open(encoding="utf-8") as f:
        entries = [r for r in csv.DictReader(f, delimiter="\t") if (index.parent / r["file"]).exists()]
    out = []
    for entry in entries:
        earlier = tuple(e["file"] for e in entries if int(e["round"]) < int(entry["round"]))
        independent = entry["independent"] == "yes"
        out.append(judged_precision(index.parent / entry["file"], earlier if independent else ()))
    return out


def _relative(path: str) -> str:
    """A stored path as the annotations write it: from the corpus folder on (a store ingested from
    an absolute path, /work/shared/corpus/…, holds the same files as one ingested from ../shared)."""
    for folder in ("corpus2/", "corpus/"):
        at = path.rfind("/" + folder)
        if at >= 0:
            return path[at + 1:]
    return path


def _article_ids(con: sqlite3.Connection) -> dict[tuple[str, str | None], str]:
    out = {}
    for r in con.execute("SELECT id, path, source_key FROM articles WHERE duplicate_of IS NULL"):
        record = r["source_key"].split("#", 1)[1] if "#" in r["source_key"] else None
        out[(r["path"], record)] = r["id"]
        out.setdefault((_relative(r["path"]), record), r["id"])
    return out


def _anchored(paras: list[str], span: dict) -> bool:
    p = span["p"]
    return p < len(paras) and text_hash(paras[p][span["s"]:span["e"]]) == span["h"]


def _overlaps(m: dict, span: dict) -> bool:
    start = m["start"]
    end = start + len(m["text"])
    return m["paragraph"] == span["p"] and start < span["e"] and span["s"] < end


def _stage(statements: list, span: dict, used: bool) -> str:
    """How far an annotated denial got: the stored statement on its span, whether the rules made
    it a counter and an explicit one, and whether a dispute uses it."""
    hit = [s for s in statements if s.paragraph == span["p"] and s.start < span["e"] and span["s"] < s.start + len(s.text)]
    if not hit:
        return "no stored quote or event on it"
    if not any(s.counter for s in hit):
        return "stored, not a counter"
    if not any(s.explicit for s in hit):
        return "counter, not explicit"
    return "a dispute's counter" if used else "explicit counter, no claim paired"


def recall(db: str, split: str) -> dict:
    from storyline.link.disputes import DisputeLinker
    from storyline.store import open_store

    con = _open(db)
    ids = _article_ids(con)
    store = open_store(db, readonly=True)
    linker = DisputeLinker(store)
    stages: dict[str, int] = {}
    by_counter: dict[str, list[dict]] = {}
    for r in con.execute("SELECT record FROM disputes"):
        d = json.loads(r["record"])
        counters = [m for m in d["mentions"] if m["role"] == "counter"]
        claims = [m for m in d["mentions"] if m["role"] == "claim"]
        for m in counters:
            by_counter.setdefault(m["article_id"], []).append({"counter": m, "claims": claims})
    denials = found = paired = paired_found = unanchored = missing = 0
    for f in sorted(glob.glob(str(ANNOTATIONS / "*" / "*.json"))):
        ann = json.loads(Path(f).read_text(encoding="utf-8"))
        if ann["split"] != split:
            continue
        aid = ids.get((ann["path"], ann["record"]))
        if aid is None:
            missing += sum(q["stance"] == "deny" for q in ann["quotes"]) + sum(
                e["status"] == "denied" for e in ann["events"])
            continue
        paras = json.loads(con.execute("SELECT paragraphs FROM articles WHERE id = ?", (aid,)).fetchone()[0])
        statements = linker.statements("a.id = ?", (aid,))
        gold_denials = [q["content"] for q in ann["quotes"] if q["stance"] == "deny"]
        gold_denials += [e["trigger"] for e in ann["events"] if e["status"] == "denied"]
        gold_claims = [q["content"] for q in ann["quotes"] if q["stance"] in ("assert", "promise")]
        gold_claims += [e["trigger"] for e in ann["events"] if e["status"] == "occurred"]
        for span in gold_denials:
            if not _anchored(paras, span):
                unanchored += 1
                continue
            denials += 1
            hits = [d for d in by_counter.get(aid, []) if _overlaps(d["counter"], span)]
            found += bool(hits)
            stage = _stage(statements, span, bool(hits))
            stages[stage] = stages.get(stage, 0) + 1
            before = [c for c in gold_claims if _anchored(paras, c) and (
                c["p"] == span["p"] - 1 or (c["p"] == span["p"] and c["s"] < span["s"]))]
            if before:
                paired += 1
                paired_found += any(m["article_id"] == aid and _overlaps(m, c)
                                    for d in hits for m in d["claims"] for c in before)
    out = {"denials": denials, "as_counter": found / denials if denials else 0.0, "paired": paired,
           "pair_recall": paired_found / paired if paired else 0.0}
    print(f"split {split}: annotated denials {denials} (not anchored {unanchored}, article not in store {missing})  "
          f"used as a counter {found} ({out['as_counter']:.1%})  paired with an annotated claim {paired}, "
          f"linked to it {paired_found} (recall {out['pair_recall']:.1%})")
    print("  where the denials stop: " + ", ".join(f"{k} {v}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])))
    store.close()
    out["stages"] = stages
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db")
    ap.add_argument("--sample", type=int)
    ap.add_argument("--seed", type=int, default=32)
    ap.add_argument("--judged", action="store_true")
    ap.add_argument("--recall", choices=["train", "dev", "test"])
    args = ap.parse_args()
    if args.sample:
        for i, d in enumerate(sample(args.db, args.sample, args.seed)):
            print(f"{i}\t{d['id']}\t{d['topic']}\t{d['claim']['path']}\t{d['claim']['paragraph']}\t"
                  f"{d['counter']['path']}\t{d['counter']['paragraph']}")
    if args.judged:
        judged_files()
    if args.recall:
        recall(args.db, args.recall)


if __name__ == "__main__":
    main()
