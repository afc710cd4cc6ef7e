"""The tagger's machinery on its own: Viterbi decoding, key lookups, tag parsing, determinism.

Decoding is checked against brute force (every label sequence of a short input), the hash table against
a Python dict; training twice on the same (invented) sentences must give the same file, byte for byte.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from storyline.analyse.entities.tagger import LABELS, KeyTable, Tagger, constrain, label_bias, load_model
from storyline.analyse.entities.train import Example, TrainConfig, Trainer, bio_labels, bio_spans


def brute_force(em: np.ndarray, trans: np.ndarray) -> list[int]:
    """Best sequence with an O before the first and after the last character (as `decode` assumes)."""
    n, s = em.shape
    best, arg = -np.inf, None
    for seq in itertools.product(range(s), repeat=n):
        score = trans[0, seq[0]] + sum(em[i, y] for i, y in enumerate(seq))
        score += sum(trans[a, b] for a, b in zip(seq, seq[1:])) + trans[seq[-1], 0]
        if score > best:
            best, arg = score, list(seq)
    return arg


def bare_tagger(trans: np.ndarray) -> Tagger:
    t = Tagger.__new__(Tagger)
    t.trans = constrain(trans)
    t.trans_t = np.ascontiguousarray(t.trans.T)
    return t


def test_decode_matches_brute_force_on_random_inputs():
    rng = np.random.default_rng(7)
    for _ in range(40):
        n = int(rng.integers(1, 6))
        trans = rng.normal(0, 1.5, (len(LABELS), len(LABELS))).astype(np.float32)
        em = rng.normal(0, 2, (n, len(LABELS))).astype(np.float32)
        got = bare_tagger(trans).decode(em, np.zeros(n, dtype=bool)).tolist()
        assert got == brute_force(em, constrain(trans))


def test_decode_keeps_forced_characters_o():
    trans = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    em = np.zeros((3, len(LABELS)), dtype=np.float32)
    em[:, 1] = 5.0  # B-PER everywhere, but the middle character is a paragraph boundary
    got = bare_tagger(trans).decode(em, np.array([False, True, False])).tolist()
    assert got == [1, 0, 1]


def test_long_runs_are_decoded_in_pieces():
    from storyline.analyse.entities import tagger as tg

    rng = np.random.default_rng(5)
    trans = rng.normal(0, 1.5, (len(LABELS), len(LABELS))).astype(np.float32)
    em = rng.normal(0, 2, (2 * tg.MAX_RUN + 7, len(LABELS))).astype(np.float32)
    t = bare_tagger(trans)
    whole = t.decode(em, np.zeros(len(em), dtype=bool))
    pieces = np.concatenate([t.decode(em[k:k + tg.MAX_RUN], np.zeros(len(em[k:k + tg.MAX_RUN]), dtype=bool))
                             for k in range(0, len(em), tg.MAX_RUN)])
    assert whole.tolist() == pieces.tolist()


def test_decode_of_separated_runs_equals_forcing_o_in_one_sequence():
    rng = np.random.default_rng(11)
    trans = rng.normal(0, 1.5, (len(LABELS), len(LABELS))).astype(np.float32)
    em = rng.normal(0, 2, (5, len(LABELS))).astype(np.float32)
    sep = np.array([False, False, True, False, False])
    forced = em.copy()
    forced[2, 1:] = -1e9
    assert bare_tagger(trans).decode(em, sep).tolist() == brute_force(forced, constrain(trans))


def test_key_table_agrees_with_a_dict():
    rng = np.random.default_rng(3)
    keys = np.unique(rng.integers(0, 1 << 62, 5000, dtype=np.int64))
    table = KeyTable(keys)
    queries = np.concatenate([keys[::3], rng.integers(0, 1 << 62, 2000, dtype=np.int64)])
    index = {k: i for i, k in enumerate(keys.tolist())}
    assert table.rows(queries).tolist() == [index.get(q, len(keys)) for q in queries.tolist()]


def test_bmes_and_bio_tags():
    assert bio_spans(["O", "B-LOC", "M-LOC", "E-LOC", "S-PER", "B-ORG", "E-ORG", "O"]) == [
        (1, 4, "LOC"), (4, 5, "PER"), (5, 7, "ORG")]
    assert bio_spans(["B-PER", "I-PER", "O", "I-ORG"]) == [(0, 2, "PER"), (3, 4, "ORG")]
    assert bio_labels(5, [(0, 2, "PER"), (1, 3, "LOC"), (3, 5, "ORG")]) == ["B-PER", "I-PER", "O", "B-ORG", "I-ORG"]


SENTENCES = [  # our own sentences, tagged by hand
    ("王晓明同志在北京会见了法国客人。", [(0, 3, "PER"), (6, 8, "LOC"), (11, 13, "LOC")]),
    ("上海市政府今天宣布，陈立新担任副市长。", [(0, 3, "LOC"), (10, 13, "PER")]),
    ("清华大学的李华教授访问了日本。", [(0, 4, "ORG"), (5, 7, "PER"), (12, 14, "LOC")]),
]


@pytest.fixture(scope="module")
def trainer(seg):
    return Trainer(seg.resources)


def test_training_is_byte_identical_and_loads(trainer, tmp_path):
    examples = [Example(t, s) for t, s in SENTENCES] * 2
    cfg = TrainConfig(max_iterations=15, min_vocab_count=1)
    a, b = tmp_path / "a.bin", tmp_path / "b.bin"
    trainer.build(examples, cfg, a)
    trainer.build(examples, TrainConfig(max_iterations=15, min_vocab_count=1), b)
    assert a.read_bytes() == b.read_bytes()
    m = load_model(a)
    assert len(m.keys) > 0 and np.all(np.diff(m.keys) > 0)
    assert m.weights.shape == (len(m.keys), len(LABELS))


def test_label_bias_in_the_transitions_is_a_bias_on_every_character():
    """Folding b into every transition into a label decodes as adding b to that label's emission at every
    character (the start included); the shipped file favours persons and organisations a little."""
    bias = label_bias()
    assert bias[LABELS.index("B-PER")] > 0 and bias[LABELS.index("B-ORG")] > 0 and bias[0] == 0
    rng = np.random.default_rng(11)
    for _ in range(30):
        n = int(rng.integers(1, 6))
        trans = rng.normal(0, 1.5, (len(LABELS), len(LABELS))).astype(np.float32)
        em = rng.normal(0, 2, (n, len(LABELS))).astype(np.float32)
        t = bare_tagger(trans)
        t.trans = constrain(trans) + bias[None, :]
        t.trans_t = np.ascontiguousarray(t.trans.T)
        assert t.decode(em, np.zeros(n, dtype=bool)).tolist() == brute_force(em + bias, constrain(trans))
