"""The learned character tagger at run time: numpy emission scores + exact, chunked Viterbi.

The model (data/ner_model.bin, built by `storyline train`, see train.py) is a sorted int64 array of
feature keys, a float16 weight row per key (one weight per label), and the label transition matrix.
Inference for a whole document at once:
1. feature keys for every character (`features.Featurizer`), paragraphs joined by boundary characters;
2. `np.searchsorted` of all keys in the model's key array, weight rows gathered and summed -> emissions;
3. Viterbi. A per-character Python loop would cost more than everything else, and a numpy step per
   character is ~5 us, so the sequence is cut first: a character whose O score beats every other label
   by more than the largest gain any transition pair can give (`margin`) is O in the best path (changing
   it to O can only raise the score), so the best path is the concatenation of the best paths of the
   runs between such characters. All runs of the document are padded and decoded together, in as many
   numpy steps as the longest run (a few characters around each name), with an O before and after.
   The result is the exact Viterbi path of the whole sequence.

Why a hand-written Viterbi: python-crfsuite's tagger wants a Python dict of feature strings per
character (about 20x slower than this whole stage); no maintained CPU library decodes a linear-chain
CRF from numpy emissions without pulling in torch.
"""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storyline.analyse.entities.features import Featurizer, codes_of
from storyline.analyse.entities.resources import Resources

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
TYPES = ["PER", "ORG", "LOC"]
MAGIC = b"SLNER1\n"
MODEL_FILE = "ner_model.bin"
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


def default_model_path() -> Path:
    return Path(__file__).resolve().parent / "data" / MODEL_FILE


class KeyTable:
    """Feature key -> weight row, an open-addressing hash table probed with numpy.

    `np.searchsorted` over the sorted keys costs a binary search per key (~20 dependent cache misses);
    here each key is hashed (Fibonacci hashing) and its `probes` consecutive slots are compared at once.
    The table is built in rounds: in round r every key still waiting tries slot h + r, and of the keys
    wanting one free slot the first (in key order) gets it, so the layout is deterministic."""

    EMPTY = np.int64(-1)  # never a key: template ids are < 2**7, so keys are non-negative

    def __init__(self, keys: np.ndarray) -> None:
        bits = max(4, int(np.ceil(np.log2(max(len(keys), 1) * 8))))  # load factor <= 1/8
        self.shift = np.uint64(64 - bits)
        self.mask = (1 << bits) - 1
        self.slots = np.full(1 << bits, self.EMPTY, dtype=np.int64)
        self.zero = len(keys)  # the all-zero weight row, for keys the model does not know
        self.vals = np.full(1 << bits, self.zero, dtype=np.int64)
        h = self._hash(keys)
        waiting = np.arange(len(keys))
        r = 0
        while len(waiting):
            s = (h[waiting] + r) & self.mask
            free = self.slots[s] == self.EMPTY
            cand, cs = waiting[free], s[free]
            _, first = np.unique(cs, return_index=True)
            self.slots[cs[first]] = keys[cand[first]]
            self.vals[cs[first]] = cand[first]
            placed = np.zeros(len(waiting), dtype=bool)
            placed[np.flatnonzero(free)[first]] = True
            waiting = waiting[~placed]
            r += 1

    def _hash(self, keys: np.ndarray) -> np.ndarray:
        mixed = keys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        return (mixed >> self.shift).astype(np.int64)

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """Weight row of each key (`zero` for unknown keys). Linear probing, all keys one round at a
        time; at load factor 1/8 nearly every key is settled in the first round (hit or empty slot)."""
        rows = np.full(len(keys), self.zero, dtype=np.int64)
        pos = self._hash(keys)
        pending = np.arange(len(keys))
        slots, mask = self.slots, self.mask
        while len(pending):
            found = slots[pos]
            hit = found == keys
            rows[pending[hit]] = self.vals[pos[hit]]
            go = ~hit & (found != self.EMPTY)
            pending, keys, pos = pending[go], keys[go], (pos[go] + 1) & mask
        return rows


class Tagger:
    """`spans(norms, tokens)` -> per paragraph [(start, end, 'PER'|'ORG'|'LOC')]."""

    def __init__(self, res: Resources, path: Path | None = None, margin: float | None = None) -> None:
        m = load_model(path or default_model_path())
        self.model = m
        self.feat = Featurizer(res, m.vocab, m.tags)
        # one extra all-zero row for keys the model does not know
        self.w = np.vstack([m.weights, np.zeros((1, len(LABELS)), np.float32)])
        self.table = KeyTable(m.keys)
        self.set_transitions(m.trans, margin)
        self.enders = np.zeros(0x10000, dtype=bool)
        self.enders[[ord(c) for c in "。！？"]] = True
        self.type_of = np.array([0, 1, 1, 2, 2, 3, 3])
        self.is_b = np.array([False, True, False, True, False, True, False])

    def set_transitions(self, trans: np.ndarray, margin: float | None = None) -> None:
        """Transitions with invalid BIO steps (O -> I-X, X -> I-Y) forbidden, and the per-label bounds of
        `sure_o`: what a non-O label y at one character can gain over O from its two transitions."""
        t = constrain(trans)
        self.trans = t
        ok = t > FORBIDDEN / 2
        n = len(LABELS)
        # into y from a valid previous label p (after the change p -> O is always valid)
        self.g_in = np.array([np.where(ok[:, y], t[:, y] - t[:, 0], -np.inf).max() for y in range(1, n)])
        # out of y into a next label that is not I-*: unchanged by y -> O
        plain = [q for q in range(n) if LABELS[q][:1] != "I"]
        self.g_out = np.array([max(t[y, q] - t[0, q] for q in plain if ok[y, q]) for y in range(1, n)])
        # out of y into I-X, which has to become B-X once y is O: both its emission and its own next step change
        cont = np.full(n - 1, -np.inf)
        self.cont_col = np.zeros(n - 1, dtype=np.int64)
        for y in range(1, n):
            x = next((q for q in range(n) if LABELS[q] == "I-" + LABELS[y][2:]), None)
            if x is not None and ok[y, x]:
                cont[y - 1] = t[y, x] - t[0, x - 1] + (t[x] - t[x - 1]).max()
                self.cont_col[y - 1] = x
        self.g_cont = cont
        self.margin = margin

    def sure_o(self, em: np.ndarray) -> np.ndarray:
        """Characters that are O in every best path: for every other label y, O's emission beats y's by
        more than y's transitions can give back, the next character included (an I-X there must become
        B-X). Exact (a changed path is strictly better); with a `margin` given, a plain threshold."""
        gap = em[:, :1] - em[:, 1:]
        if self.margin is not None:
            return gap.min(axis=1) > self.margin
        nxt = np.full(em.shape, -np.inf, dtype=np.float32)
        nxt[:-1, 2::2] = em[1:, 2::2] - em[1:, 1::2]  # I-X minus B-X at the next character
        cont = self.g_cont[None, :] + nxt[:, self.cont_col]
        need = self.g_in[None, :] + np.maximum(self.g_out[None, :], cont)
        return (gap > need).all(axis=1)

    def emissions(self, text: str, toks) -> np.ndarray:
        keys = self.feat.keys(text, toks)
        rows = self.table.rows(keys.ravel())
        return self.w[rows].reshape(keys.shape[0], keys.shape[1], -1).sum(axis=0)

    def decode(self, em: np.ndarray, sep: np.ndarray) -> np.ndarray:
        """Exact Viterbi labels for emissions `em` (n, S); `sep` marks characters forced to O."""
        n = len(em)
        labels = np.zeros(n, dtype=np.int64)
        sure = self.sure_o(em) | sep
        unsure = ~sure
        if not unsure.any():
            return labels
        edge = np.diff(np.concatenate(([0], unsure.view(np.int8), [0])))
        starts = np.flatnonzero(edge == 1)
        ends = np.flatnonzero(edge == -1)
        lens = ends - starts
        L = int(lens.max()) + 1  # + one forced-O column: the transition out of the run
        R = len(starts)
        steps = np.arange(L)
        idx = starts[:, None] + steps[None, :]
        inside = steps[None, :] < lens[:, None]
        S = em.shape[1]
        # (L, R, S): step-major, so each Viterbi step reads one contiguous block
        E = em[np.minimum(idx, n - 1).T]
        E[~inside.T] = FORCED_O
        trans = self.trans
        score = trans[0][None, :] + E[0]
        cand = np.empty((R, S, S), dtype=np.float32)
        back = np.zeros((L, R, S), dtype=np.int64)
        for t in range(1, L):  # the only Python loop: one step per character of the longest run
            np.add(score[:, :, None], trans, out=cand)
            np.argmax(cand, axis=1, out=back[t])
            np.max(cand, axis=1, out=score)
            score += E[t]
        path = np.zeros((L, R), dtype=np.int64)  # row L-1 is O
        rr = np.arange(R)
        y = path[L - 1]
        for t in range(L - 1, 0, -1):
            y = back[t][rr, y]
            path[t - 1] = y
        labels[idx[inside]] = path.T[inside]
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
        # paragraph joins and sentence ends (。！？, never inside a name) cut the text into sentences,
        # decoded side by side: the Viterbi steps are the longest sentence's, not the document's length
        sep = self.enders[np.minimum(codes_of(text), 0xFFFF)]
        sep[np.array(offsets[1:], dtype=np.int64) - 1] = True
        labels = self.decode(em, sep)
        typ = self.type_of[labels]
        isb = self.is_b[labels]
        prev = np.concatenate(([0], typ[:-1]))
        nxt = np.concatenate((typ[1:], [0]))
        nxt_b = np.concatenate((isb[1:], [False]))
        starts = np.flatnonzero((typ > 0) & (isb | (prev != typ)))
        ends = np.flatnonzero((typ > 0) & ((nxt != typ) | nxt_b)) + 1
        out: list[list[tuple[int, int, str]]] = [[] for _ in norms]
        para = np.searchsorted(np.array(offsets), starts, side="right") - 1
        for s, e, p, t in zip(starts.tolist(), ends.tolist(), para.tolist(), typ[starts].tolist()):
            off = offsets[p]
            out[p].append((s - off, e - off, TYPES[t - 1]))
        return out
