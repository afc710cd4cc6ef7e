"""The learned character tagger at run time: numpy emission scores + a clause-batched Viterbi.

The model (data/ner_model.bin, built by `storyline train`, see train.py) is a sorted int64 array of
feature keys, a float16 weight row per key (one weight per label), and the label transition matrix.
Inference for a whole document at once:
1. feature keys for every character (`features.Featurizer`), paragraphs joined by boundary characters;
2. weight rows by key (a dense table for the small templates, a numpy-probed hash table for n-grams), gathered and
   summed -> emissions;
3. Viterbi, constrained to well-formed BIO. A numpy step per character costs a few microseconds, so the
   text is first cut at characters that are always O (paragraph joins, clause-ending punctuation:
   CLAUSE_ENDS), and all clauses of the document are padded and decoded side by side, in as many numpy
   steps as the longest clause has characters, with an O before and after each.

Why a hand-written Viterbi: python-crfsuite's tagger wants feature strings per character; turning the
keys into strings and tagging them was measured here at ~3.5x the time of computing the keys; no
maintained CPU library decodes a linear-chain CRF from numpy emissions without pulling in torch.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storyline.analyse.entities.features import ID_BITS, N_TEMPLATES, NGRAMS, TEMPLATE_BASE, Featurizer, codes_of
from storyline.analyse.entities.resources import Resources

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
TYPES = ["PER", "ORG", "LOC"]
MAGIC = b"SLNER1\n"
MODEL_FILE = "ner_model.bin"
maximum_reduce = np.maximum.reduce  # the ufunc method: no Python wrapper per Viterbi step
# Characters that end a clause and are never inside a name (MSRA train: 0 of 43,608 。 in a name, 2 of
# 90,896 ，): forced to O, which cuts the Viterbi into independent clauses with an O on each side. An
# optimal path with O there anyway is unchanged by it, so this is exact unless the model would put a name
# label on the punctuation mark itself.
CLAUSE_ENDS = "。！？，；："
MAX_RUN = 256  # longer punctuation-free runs (lists, junk, attacks) are decoded in independent pieces
FORBIDDEN = -1e4  # transition weight of an invalid BIO step: never on a best path
FORCED_O = np.array([0.0] + [-1e9] * (len(LABELS) - 1), dtype=np.float32)  # emissions of a padding step


def constrain(trans: np.ndarray) -> np.ndarray:
    """The learned transitions with the steps a BIO sequence cannot take (into I-X from anything but B-X
    or I-X) set to FORBIDDEN: the decoder then only returns well-formed spans."""
    t = np.array(trans, dtype=np.float32)
    for y in (2, 4, 6):
        allowed = {y - 1, y}
        for p in range(len(LABELS)):
            if p not in allowed:
                t[p, y] = FORBIDDEN
    return t


@dataclass
class ModelArrays:
    keys: np.ndarray  # (K,) int64, sorted
    weights: np.ndarray  # (K, S) float
    trans: np.ndarray  # (S, S) float32, [from, to]
    vocab: str
    tags: list[str]
    meta: dict = field(default_factory=dict)


def save_model(m: ModelArrays, path: Path) -> None:
    """A header (JSON) and the raw arrays, zlib-compressed: no timestamps, so rebuilds are byte-identical."""
    head = json.dumps({"labels": LABELS, "vocab": m.vocab, "tags": m.tags, "meta": m.meta, "k": len(m.keys)},
                      ensure_ascii=False, sort_keys=True).encode("utf-8")
    body = (struct.pack("<Q", len(head)) + head + m.keys.astype("<i8").tobytes()
            + m.weights.astype("<f2").tobytes() + m.trans.astype("<f4").tobytes())
    path.write_bytes(MAGIC + zlib.compress(body, 9))


def load_model(path: Path) -> ModelArrays:
    raw = path.read_bytes()
    if not raw.startswith(MAGIC):
        raise ValueError(f"{path} is not a storyline tagger model")
    body = zlib.decompress(raw[len(MAGIC):])
    (hl,) = struct.unpack("<Q", body[:8])
    head = json.loads(body[8:8 + hl].decode("utf-8"))
    if head["labels"] != LABELS:
        raise ValueError(f"{path}: labels {head['labels']} differ from {LABELS}")
    k, s, off = head["k"], len(LABELS), 8 + hl
    keys = np.frombuffer(body, "<i8", k, off).astype(np.int64)
    off += 8 * k
    weights = np.frombuffer(body, "<f2", k * s, off).astype(np.float32).reshape(k, s)
    off += 2 * k * s
    trans = np.frombuffer(body, "<f4", s * s, off).astype(np.float32).reshape(s, s)
    return ModelArrays(keys, weights, trans, head["vocab"], head["tags"], head["meta"])


def label_bias() -> np.ndarray:
    """Bias added to the score of entering each label (data/label_bias.tsv, label<TAB>value; unlisted
    labels 0). Adding b[y] to every transition into y adds b[y] at every character labelled y, the start
    included, so it is a decode-time prior on the label, the learned weights unchanged."""
    from storyline.analyse.entities.resources import _rows

    bias = np.zeros(len(LABELS), dtype=np.float32)
    for label, value in _rows("label_bias.tsv"):
        bias[LABELS.index(label)] = float(value)
    return bias


def default_model_path() -> Path:
    """The packaged model; STORYLINE_NER_MODEL names another file (a retrained candidate, or a missing
    path to run the rules alone), read when a recogniser is built."""
    other = os.environ.get("STORYLINE_NER_MODEL")
    return Path(other) if other else Path(__file__).resolve().parent / "data" / MODEL_FILE


class KeyTable:
    """Feature key -> value (a weight row), an open-addressing hash table probed with numpy.

    `np.searchsorted` over the sorted keys costs a binary search per key (~20 dependent cache misses);
    here each key is hashed (Fibonacci hashing) and probed linearly, all keys one round at a time. Each
    slot holds its key and its value side by side (16 bytes, read as one complex128 item by `np.take`):
    one cache miss per probe instead of one for the key and one for the value, x0.6 on the lookups of
    whole articles, for the same memory as two separate arrays. The table is built in rounds: in round r
    every key still waiting tries slot h + r, and of the keys wanting one free slot the first (in key
    order) gets it, so the layout is deterministic."""

    EMPTY = np.int64(-1)  # never a key: template ids are < 2**7, so keys are non-negative

    def __init__(self, keys: np.ndarray, vals: np.ndarray | None = None, missing: int | None = None) -> None:
        """`vals[i]` is what key `keys[i]` maps to (default: i); unknown keys map to `missing` (default:
        len(keys), the all-zero weight row)."""
        vals = np.arange(len(keys), dtype=np.int64) if vals is None else np.asarray(vals, dtype=np.int64)
        self.zero = len(keys) if missing is None else missing
        bits = max(4, int(np.ceil(np.log2(max(len(keys), 1) * 4))))  # load factor <= 1/4
        self.shift = np.uint64(64 - bits)
        self.mask = (1 << bits) - 1
        table = np.empty((1 << bits, 2), dtype=np.int64)  # [slot, (key, value)]
        table[:, 0] = self.EMPTY
        table[:, 1] = self.zero
        h = self._hash(keys)
        waiting = np.arange(len(keys))
        r = 0
        while len(waiting):
            s = (h[waiting] + r) & self.mask
            free = table[s, 0] == self.EMPTY
            cand, cs = waiting[free], s[free]
            _, first = np.unique(cs, return_index=True)
            table[cs[first], 0] = keys[cand[first]]
            table[cs[first], 1] = vals[cand[first]]
            placed = np.zeros(len(waiting), dtype=bool)
            placed[np.flatnonzero(free)[first]] = True
            waiting = waiting[~placed]
            r += 1
        self.table = table
        self.items = table.view(np.complex128).ravel()  # one 16-byte item per slot, for np.take

    def _hash(self, keys: np.ndarray) -> np.ndarray:
        mixed = keys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        return (mixed >> self.shift).astype(np.int64)

    def _probe(self, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        got = self.items.take(pos).view(np.int64).reshape(-1, 2)
        return got[:, 0], got[:, 1]

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """Value of each key (`zero` for unknown keys). At load factor 1/4 most keys are settled in the
        first round (hit or empty slot); the rest are probed on, one numpy round per slot."""
        pos = self._hash(keys)
        found, vals = self._probe(pos)
        hit = found == keys
        rows = np.where(hit, vals, self.zero)
        pending = (~hit & (found != self.EMPTY)).nonzero()[0]
        keys, pos = keys[pending], pos[pending]
        while len(pending):
            pos = (pos + 1) & self.mask
            found, vals = self._probe(pos)
            hit = found == keys
            rows[pending[hit]] = vals[hit]
            go = ~hit & (found != self.EMPTY)
            pending, keys, pos = pending[go], keys[go], pos[go]
        return rows


class Tagger:
    """`spans(norms, tokens)` -> per paragraph [(start, end, 'PER'|'ORG'|'LOC')]."""

    def __init__(self, res: Resources, path: Path | None = None) -> None:
        m = load_model(path or default_model_path())
        self.model = m
        self.feat = Featurizer(res, m.vocab, m.tags)
        # one extra all-zero row for keys the model does not know
        self.w = np.vstack([m.weights, np.zeros((1, len(LABELS)), np.float32)])
        self._index(m.keys)
        # a per-label bias on entering a label, folded into the transitions (so it costs nothing at run time):
        # data/label_bias.tsv, chosen on the annotated dev split (recall of persons and organisations)
        self.trans = constrain(m.trans) + label_bias()[None, :]
        self.trans_t = np.ascontiguousarray(self.trans.T)
        self.enders = np.zeros(0x10000, dtype=bool)
        self.enders[[ord(c) for c in CLAUSE_ENDS]] = True
        self.type_of = np.array([0, 1, 1, 2, 2, 3, 3])
        self.is_b = np.array([False, True, False, True, False, True, False])

    def _index(self, keys: np.ndarray) -> None:
        """Weight rows by key. The templates whose values fit in 14 bits (unigrams, word, gazetteer and cue
        features: 12 of 19) get a dense table, one gather; the n-gram keys are looked up in a hash table
        (`KeyTable`: on whole articles a binary search per key cost ~0.7 us in cache misses)."""
        zero = len(keys)  # the all-zero weight row, for keys the model does not know
        tpl, val = keys >> 56, keys & ((1 << 56) - 1)
        searched = (tpl >= NGRAMS.start) & (tpl < NGRAMS.stop)
        if (val[~searched] >= 1 << ID_BITS).any():
            raise ValueError("model has a direct-template value over 14 bits")
        self.direct = np.full(N_TEMPLATES << ID_BITS, zero, dtype=np.int64)
        self.direct[(tpl[~searched] << ID_BITS) | val[~searched]] = np.flatnonzero(~searched)
        self.ngram_table = KeyTable(keys[searched], np.flatnonzero(searched), zero)  # key -> weight row
        direct_t = np.array([t for t in range(N_TEMPLATES) if not NGRAMS.start <= t < NGRAMS.stop])
        self.direct_rows = direct_t
        self.direct_off = (TEMPLATE_BASE[direct_t, 0] - (direct_t << ID_BITS))[:, None]

    def emissions(self, text: str, toks) -> np.ndarray:
        keys = self.feat.keys(text, toks)
        direct = self.direct[keys[self.direct_rows] - self.direct_off]
        searched = self.ngram_table.rows(keys[NGRAMS].ravel())
        rows = np.concatenate((direct, searched.reshape(NGRAMS.stop - NGRAMS.start, len(text))))
        # one `take` per template into a reused buffer: ~2.5x faster than gathering all rows and summing
        # over the template axis (one large temporary, a strided reduction)
        w = self.w
        take = w.take  # the method: np.take's Python wrapper cost more than a short sentence's gather
        em = take(rows[0], axis=0)
        buf = np.empty_like(em)
        for row in rows[1:]:
            take(row, axis=0, out=buf)
            em += buf
        return em

    def decode(self, em: np.ndarray, sep: np.ndarray) -> np.ndarray:
        """Viterbi labels for emissions `em` (n, S); `sep` marks characters forced to O, so the runs between
        them are independent sequences with an O before and after, all decoded in one padded batch."""
        n = len(em)
        labels = np.zeros(n, dtype=np.int64)
        unsure = ~sep
        if not unsure.any():
            return labels
        edge = np.diff(np.concatenate(([0], unsure.view(np.int8), [0])))
        starts = (edge == 1).nonzero()[0]
        ends = (edge == -1).nonzero()[0]
        lens = ends - starts
        if lens.max() > MAX_RUN:  # no clause is that long in prose: cut into pieces decoded side by side
            pieces = [np.arange(a, b, MAX_RUN) for a, b in zip(starts.tolist(), ends.tolist())]
            new_starts = np.concatenate(pieces)
            ends = np.minimum(new_starts + MAX_RUN, np.repeat(ends, [len(x) for x in pieces]))
            starts, lens = new_starts, ends - new_starts
        # longest runs first: at step t only the runs still going are updated, a prefix of the batch,
        # so the work is the characters decoded, not (longest run x number of runs)
        order = np.argsort(-lens, kind="stable")
        starts, lens = starts[order], lens[order]
        L = int(lens[0]) + 1  # + one forced-O column: the transition out of the run
        R = len(starts)
        # active[t]: how many runs are still inside (or at their closing O) at step t: runs 0..active[t]-1
        active = R - np.searchsorted(lens[::-1], np.arange(L), side="left")
        # Packed cells: step t's active runs are columns cum[t] .. cum[t] + active[t] - 1 of (S, N) arrays,
        # so nothing is gathered, stored or scanned for the runs already over (a padded (L, S, R) layout
        # cost 4.6x the cells on whole articles, and building it was the decoder's largest part)
        cum = np.concatenate(([0], np.cumsum(active)))
        N = int(cum[-1])
        t_of = np.repeat(np.arange(L), active)
        r_of = np.arange(N) - cum[t_of]
        inside = t_of < lens[r_of]
        pos = starts[r_of] + t_of
        # (S, N): label-major, so the max over the previous label is an elementwise maximum of rows
        E = em.take(np.where(inside, pos, 0), axis=0).T.copy()
        E[:, ~inside] = FORCED_O[:, None]
        S = em.shape[1]
        # hist[:, cells of step t]: every label's best score at step t. No back-pointers in the forward
        # pass: the backtrack recomputes the argmax for the one label on the path (the same float32
        # additions, so the same maximum and the same first index), 1/7 of the forward's work
        hist = np.empty((S, N), dtype=np.float32)
        np.add(self.trans[0][:, None], E[:, :R], out=hist[:, :R])
        trans_yp = self.trans_t[:, :, None]  # [to, from, run]
        cand = np.empty((S, S, R), dtype=np.float32)
        runs = active.tolist()
        at = cum.tolist()
        for t in range(1, L):  # the only Python loop: one step per character of the longest run
            r, c, p = runs[t], at[t], at[t - 1]
            cd = cand[:, :, :r]
            np.add(hist[:, p:p + r], trans_yp, out=cd)  # broadcast: [from, run] over [to, from, 1]
            out = hist[:, c:c + r]
            maximum_reduce(cd, axis=1, out=out)
            out += E[:, c:c + r]
        # path[cell]: the label at that cell; each run's closing cell stays O, and the label at step t - 1
        # of a run still going at step t is the argmax given its label at step t
        path = np.zeros(N, dtype=np.int64)
        trans_t = self.trans_t  # [to, from]
        for t in range(L - 1, 0, -1):
            r, c, p = runs[t], at[t], at[t - 1]
            (hist[:, p:p + r].T + trans_t.take(path[c:c + r], axis=0)).argmax(axis=1, out=path[p:p + r])
        labels[pos[inside]] = path[inside]
        return labels

    def spans(self, norms: list[str], tokens: list[list]) -> list[list[tuple[int, int, str]]]:
        offsets, pos = [], 0
        for t in norms:
            offsets.append(pos)
            pos += len(t) + 1
        text = "\x00".join(norms)
        if not text:
            return [[] for _ in norms]
        toks = self.feat.token_arrays(list(zip(offsets, tokens)))
        em = self.emissions(text, toks)
        # paragraph joins and clause ends cut the text into clauses, decoded side by side: the Viterbi
        # steps are the longest clause's, not the document's length
        sep = self.enders[np.minimum(codes_of(text), 0xFFFF)]
        sep[np.array(offsets[1:], dtype=np.int64) - 1] = True
        labels = self.decode(em, sep)
        typ = self.type_of[labels]
        isb = self.is_b[labels]
        prev = np.concatenate(([0], typ[:-1]))
        nxt = np.concatenate((typ[1:], [0]))
        nxt_b = np.concatenate((isb[1:], [False]))
        starts = ((typ > 0) & (isb | (prev != typ))).nonzero()[0]
        ends = ((typ > 0) & ((nxt != typ) | nxt_b)).nonzero()[0] + 1
        out: list[list[tuple[int, int, str]]] = [[] for _ in norms]
        para = np.searchsorted(np.array(offsets), starts, side="right") - 1
        for s, e, p, t in zip(starts.tolist(), ends.tolist(), para.tolist(), typ[starts].tolist()):
            off = offsets[p]
            out[p].append((s - off, e - off, TYPES[t - 1]))
        return out
