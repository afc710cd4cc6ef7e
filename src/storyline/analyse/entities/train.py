"""Training of the character tagger (`storyline train`): corpora -> crfsuite -> numpy model file.

Training data, in a fixed order (see docs/models.md for provenance):
1. the MSRA NER training split (SIGHAN 2006 bakeoff; one character and its B-/M-/E-/S- tag per line);
2. when `storyline.annotate.corpus` exists, the project's annotated real-news corpus (`load_gold('train')`),
   repeated `gold_weight` times: python-crfsuite has no instance weights, and a repeated sequence is the
   same as a weight for the likelihood.

The tagger has three types, PER ORG LOC: MSRA's LOC covers countries, provinces, cities and geographic
features alike, so the gold corpus's GPE and LOC are both trained as LOC and the split back into GPE/LOC
is made after tagging (`placetype.py`), from the gazetteer and place-name endings.

crfsuite (L-BFGS, L1+L2) learns on integer-keyed attributes (`features.py`); its weights are then exported
into numpy arrays (`tagger.save_model`) and crfsuite is not needed at run time. L-BFGS is deterministic and
every input is processed in a fixed order, so the same inputs rebuild the same file byte for byte.
"""

from __future__ import annotations

import gzip
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storyline.analyse.entities.features import Featurizer
from storyline.analyse.entities.resources import Resources
from storyline.analyse.entities.tagger import LABELS, TYPES, ModelArrays, save_model

MSRA_TRAIN = Path("benchmarks/ner/data/msra_train_chinesener01.txt.gz")
GOLD_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


@dataclass
class Example:
    text: str  # as written (normalised before featurising)
    spans: list[tuple[int, int, str]]  # PER ORG LOC
    source: str = "msra"


@dataclass
class TrainConfig:
    c1: float = 0.1
    c2: float = 0.01
    max_iterations: int = 50
    gold_weight: int = 3
    min_vocab_count: int = 2
    every: int = 1  # keep every k-th MSRA sentence (k > 1: quick runs and tests)
    skip_every: int = 10  # drop every k-th MSRA sentence (the dev slice: index % k == 0), 0: keep all
    limit: int | None = None
    meta: dict = field(default_factory=dict)


def read_msra(path: Path) -> list[Example]:
    """One Example per blank-line-separated block of `char TAG` lines (CRLF in the file)."""
    out: list[Example] = []
    chars: list[str] = []
    tags: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for line in list(fh) + [""]:
            line = line.rstrip("\r\n")
            if line.strip():
                ch, _, tag = line.rpartition(" ")
                chars.append(ch if len(ch) == 1 else " ")
                tags.append(tag)
            elif chars:
                out.append(Example("".join(chars), bio_spans(tags)))
                chars, tags = [], []
    return out


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans from BIO or BMES tags (the MSRA file uses B-/M-/E-/S-): B or S opens, M/E/I continue a span of
    the same type, S and E close it; a stray continuation tag opens a span of its own."""
    spans, start, typ = [], -1, None
    for i, t in enumerate(tags + ["O"]):
        head, kind = t[:1], t[2:]
        if typ is not None and not (head in "MEI" and kind == typ and t != "O"):
            spans.append((start, i, typ))
            typ = None
        if t != "O" and (head in "BS" or typ is None):
            start, typ = i, kind
        if typ is not None and head in "SE":
            spans.append((start, i + 1, typ))
            typ = None
    return spans


def gold_examples(shared: Path, split: str = "train") -> list[Example]:
    """The annotated real-news corpus, one Example per paragraph, or [] when its loader is not there yet."""
    try:
        from storyline.annotate.corpus import load_gold  # built concurrently by another engineer
    except ImportError:
        return []
    out = []
    for gd in load_gold(split, shared):
        by_para: dict[int, list[tuple[int, int, str]]] = {}
        for para, s, e, typ in gd.entities:
            if typ in GOLD_TYPES:
                by_para.setdefault(para, []).append((s, e, GOLD_TYPES[typ]))
        for p in gd.doc.paragraphs:
            if p.text:
                out.append(Example(p.text, sorted(by_para.get(p.index, [])), "gold"))
    return out


def bio_labels(n: int, spans: list[tuple[int, int, str]]) -> list[str]:
    labels = ["O"] * n
    for s, e, t in sorted(spans):
        if t not in TYPES or not 0 <= s < e <= n or any(x != "O" for x in labels[s:e]):
            continue  # overlapping or out-of-range annotations are left out, not guessed
        labels[s] = "B-" + t
        for k in range(s + 1, e):
            labels[k] = "I-" + t
    return labels


class Trainer:
    def __init__(self, res: Resources | None = None) -> None:
        from storyline.analyse.segment import Segmenter
        from storyline.clean.normalise import Normaliser

        self.res = res or Resources()
        self.seg = Segmenter(self.res)
        self.norm = Normaliser()

    def collect(self, shared: Path, cfg: TrainConfig, gold: bool = True) -> list[Example]:
        msra = read_msra(shared / MSRA_TRAIN)
        keep = [ex for i, ex in enumerate(msra)
                if i % cfg.every == 0 and not (cfg.skip_every and i % cfg.skip_every == 0)]
        if cfg.limit is not None:
            keep = keep[:cfg.limit]
        annotated = gold_examples(shared) if gold else []
        cfg.meta.update({"msra_sentences": len(keep), "gold_paragraphs": len(annotated),
                         "gold_weight": cfg.gold_weight, "c1": cfg.c1, "c2": cfg.c2,
                         "iterations": cfg.max_iterations, "dev_slice": f"every {cfg.skip_every}th MSRA sentence"})
        return keep + annotated * cfg.gold_weight

    def normalised(self, text: str) -> str:
        norm = self.norm.norm(text)
        return norm if len(norm) == len(text) else text

    def build(self, examples: list[Example], cfg: TrainConfig, out: Path) -> ModelArrays:
        import pycrfsuite

        norms = [self.normalised(ex.text) for ex in examples]
        vocab = Featurizer.build_vocab(norms, cfg.min_vocab_count)
        tokens = [self.seg.tokens(n) for n in norms]
        tags = sorted({t.pos or "" for toks in tokens for t in toks} - {""})
        feat = Featurizer(self.res, vocab, tags)
        trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
        trainer.set_params({"c1": cfg.c1, "c2": cfg.c2, "max_iterations": cfg.max_iterations,
                            "feature.possible_transitions": True})
        for ex, norm, toks in zip(examples, norms, tokens):
            keys = feat.keys(norm, feat.token_arrays([(0, toks)]))
            xseq = [[str(k) for k in row] for row in keys.T.tolist()]
            trainer.append(xseq, bio_labels(len(norm), ex.spans))
        with tempfile.TemporaryDirectory() as tmp:
            crf = Path(tmp) / "model.crfsuite"
            trainer.train(str(crf))
            arrays = export(crf, vocab, tags, cfg.meta)
        save_model(arrays, out)
        return arrays


def export(crf: Path, vocab: str, tags: list[str], meta: dict) -> ModelArrays:
    """crfsuite's state and transition weights -> sorted key array + dense weight rows."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf))
    info = tagger.info()
    lab = {x: i for i, x in enumerate(LABELS)}
    trans = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    for (a, b), w in info.transitions.items():
        trans[lab[a], lab[b]] = w
    rows: dict[int, np.ndarray] = {}
    for (attr, label), w in info.state_features.items():
        if w != 0.0:
            rows.setdefault(int(attr), np.zeros(len(LABELS), dtype=np.float32))[lab[label]] = w
    tagger.close()
    keys = np.array(sorted(rows), dtype=np.int64)
    weights = np.stack([rows[k] for k in keys.tolist()]) if len(keys) else np.zeros((0, len(LABELS)), np.float32)
    return ModelArrays(keys, weights, trans, vocab, tags, dict(meta))
