"""storyline's time stage on the public Chinese time suites in shared/benchmarks/time.

    python bench/time_suites.py [--sets ms_model,ms_parsers,duckling] [--json] [--errors N]

Runs `storyline.analyse.time.TimeTagger` on a one-paragraph `Doc` per suite text (the same entry
point as the suite's own adapter, `systems/storyline.py`: an Article published at the gold DCT,
the paragraph normalised like the clean stage does) and scores it with the suite's own scorer
(`score.py`'s `evaluate`, imported, not copied), so the conventions are the README's:
relaxed extent = any character overlap with one-to-one matching; value accuracy *lenient* = same
calendar meaning (X in the gold matches any digit, equal durations, intervals with IoU >= 0.8 ...).

Convention difference we keep and do not hide: Duckling resolves a bare weekday or holiday to the
*next* occurrence (星期一 said on a Tuesday = next Monday); storyline, reading news, takes the last
one unless a future cue (将/计划/下周 ...) is near. On the `duckling` set those count as value
errors; `--direction` prints how many of storyline's value errors there are exactly 7 days or one
year before the gold (the convention, not a fault).

Speed is compared with jionlp's time on the same 1,124 texts as recorded by the suite
(results/pred_jionlp.jsonl, the README's 1.7 s); jionlp itself is not installed here.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT.parent / "shared" / "benchmarks" / "time"
SETS = ("ms_model", "ms_parsers", "duckling")


def _load_scorer():
    spec = importlib.util.spec_from_file_location("time_suite_score", SUITE / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["time_suite_score"] = module
    spec.loader.exec_module(module)
    return module


def load_items(name: str) -> list[dict]:
    with (SUITE / "data" / f"{name}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


class StorylineRunner:
    """The suite adapter's calls: TimeTagger on a one-paragraph Doc published at the DCT."""

    def __init__(self) -> None:
        from storyline.analyse.time import TimeTagger
        from storyline.clean.normalise import Normaliser

        self.norm = Normaliser()
        self.tagger = TimeTagger()

    def tag(self, text: str, dct: str) -> list[dict]:
        from storyline.model import Article, Doc, Paragraph

        article = Article(id="bench", path="bench", source_key="bench", format="text", outlet=None, title=None,
                          author=None, published=dct, published_inferred=False, url=None, language="zh-Hans",
                          paragraphs=[text])
        doc = Doc(article=article, paragraphs=[Paragraph(0, text, self.norm.norm(text))])
        self.tagger(doc)
        return [{"start": t.start, "end": t.end, "type": t.type, "value": t.value, "range_end": t.range_end,
                 "mod": t.mod, "raw": t.value} for t in doc.times]


def peer_seconds(system: str, sets: list[str]) -> float | None:
    """The suite's recorded tagging time of a peer over the given sets (None when not recorded)."""
    path = SUITE / "results" / f"pred_{system}.jsonl"
    if not path.exists():
        return None
    total = 0.0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"].split("/")[0] in sets:
                total += row["seconds"]
    return total


def _direction_errors(errors: list[dict]) -> int:
    """Value errors that are the gold day minus 7 days or minus one year (past vs next convention)."""
    n = 0
    for e in errors:
        if e["kind"] != "value":
            continue
        g, p = (e["gold"].get("timex") or "")[:10], (e["pred"].get("value") or "")[:10]
        try:
            gd, pd = date.fromisoformat(g), date.fromisoformat(p)
        except ValueError:
            continue
        if (gd - pd).days == 7 or (gd.replace(year=gd.year - 1) == pd if not (gd.month == 2 and gd.day == 29) else False):
            n += 1
    return n


def run(sets: list[str]) -> dict:
    """Tag and score the given sets; returns {set: scores, "_seconds": {...}}."""
    scorer = _load_scorer()
    runner = StorylineRunner()
    out: dict = {"_seconds": {}}
    for name in sets:
        items = load_items(name)
        preds = {}
        t0 = time.perf_counter()
        for it in items:
            preds[it["id"]] = runner.tag(it["text"], it["dct"])
        secs = time.perf_counter() - t0
        res, errors = scorer.evaluate(items, preds, "all")
        core, _ = scorer.evaluate(items, preds, "core")
        res["core"] = core
        res["direction_errors"] = _direction_errors(errors)
        res["errors"] = errors
        out[name] = res
        out["_seconds"][name] = secs
    return out


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def render(result: dict, sets: list[str]) -> str:
    lines = ["| set | gold | pred | relaxed P | relaxed R | relaxed F1 | value acc (lenient) | core F1 / val "
             "| direction errs | seconds |", "|---|---|---|---|---|---|---|---|---|---|"]
    for name in sets:
        r = result[name]
        rel, core = r["relaxed"], r["core"]
        lines.append(f"| {name} | {r['gold']} | {r['pred'] if r['pred'] is not None else '-'} | "
                     f"{_pct(rel.get('P'))} | {_pct(rel['R'])} | {_pct(rel.get('F1'))} | "
                     f"{_pct(r['value_acc_lenient'])} | {_pct(core['relaxed'].get('F1', core['relaxed']['R']))} / "
                     f"{_pct(core['value_acc_lenient'])} | {r['direction_errors']} | "
                     f"{result['_seconds'][name]:.2f} |")
    ours = sum(result["_seconds"][s] for s in sets)
    jio = peer_seconds("jionlp", sets)
    speed = f"storyline {ours:.2f} s for {', '.join(sets)}"
    if jio:
        speed += f"; jionlp 1.5.31 {jio:.2f} s (suite's recorded run) -> {jio / ours:.1f}x faster"
    lines.append("")
    lines.append(speed)
    lines.append("direction errs: value errors 7 days or 1 year before the gold: the next-vs-last weekday/holiday "
                 "convention (Duckling takes the next, storyline the last), counted as errors, not hidden.")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--json", action="store_true", help="print the scores as JSON instead of the table")
    ap.add_argument("--errors", type=int, default=0, help="print the first N errors per set")
    args = ap.parse_args()
    if not SUITE.exists():
        sys.exit(f"no suite at {SUITE}")
    sets = args.sets.split(",")
    result = run(sets)
    if args.json:
        slim = {k: ({kk: vv for kk, vv in v.items() if kk != "errors"} if k != "_seconds" else v)
                for k, v in result.items()}
        print(json.dumps(slim, ensure_ascii=False, indent=1))
        return
    print(render(result, sets))
    for name in sets:
        for e in result[name]["errors"][: args.errors]:
            g, p = e.get("gold") or {}, e.get("pred") or {}
            print(name, e["kind"], e["dct"][:10], g.get("text"), g.get("timex"), "|", p.get("text"),
                  p.get("value"), p.get("range_end"), "|", e["text"][:60], sep="\t")


if __name__ == "__main__":
    main()
