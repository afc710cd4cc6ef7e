"""Integer feature keys for the character tagger, computed with numpy for a whole text at once.

Every character position gets one int64 key per template: `template << 56 | value`. The same function
feeds training (keys become crfsuite attribute strings) and inference (keys are looked up in the
model's sorted key array with `np.searchsorted`), so the two can never drift apart.

Why not crfsuite's own tagger at run time: it needs a list of feature strings per character (see
tagger.py); here the features are a few dozen numpy operations per document, whatever its length.

Templates (value bits in brackets), on the Simplified `norm` text, character ids from the model's
vocabulary (0 unknown, 1 boundary, 2 digit, 3 Latin letter):
- U-2..U+2 character unigrams, B-2..B+1 bigrams, T-2/T-1/T0 trigrams (14 bits per character);
- the segmenter's word: its part-of-speech tag, the character's place in it (B/M/E/S) and its length;
- the tags of the words before and after the current word;
- the gazetteer match covering the character (type + B/M/E/S), from the existing trie regex;
- cue lists: transliteration characters at -1/0/+1, surname here, an office title starting 1-3
  characters later (江泽民主席) or ending right before (主席江泽民), a speech verb starting next.
"""

from __future__ import annotations

import re

import numpy as np

from storyline.analyse.entities.resources import Resources, trie_pattern
from storyline.model import Token

ID_BITS = 14
MAX_VOCAB = 1 << ID_BITS
UNK, BOUND, DIGIT, LATIN = 0, 1, 2, 3
SEP = "\x00"  # joins paragraphs; maps to the boundary id
GAZ_TYPES = {"PERSON": 1, "ORG": 2, "GPE": 3, "LOC": 4}
N_TEMPLATES = 19
NGRAMS = slice(5, 12)  # the bigram and trigram templates: values wider than 14 bits
TEMPLATE_BASE = (np.arange(N_TEMPLATES, dtype=np.int64) << 56)[:, None]


def char_class(ch: str) -> str:
    """Digits and Latin letters share one id each: the tagger learns shapes, not which digit."""
    if ch.isdigit() and ch.isascii() or "０" <= ch <= "９":
        return "0"
    if ch.isascii() and ch.isalpha() or "Ａ" <= ch <= "Ｚ" or "ａ" <= ch <= "ｚ":
        return "A"
    return ch


def codes_of(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


class Featurizer:
    """Holds the lookup tables (vocabulary, tag ids, cue sets); `keys(norm, tokens)` -> (n, T) int64."""

    def __init__(self, res: Resources, vocab: str, tags: list[str]) -> None:
        table = np.zeros(0x10000, dtype=np.int64)  # BMP only; other planes are unknown
        for k, ch in enumerate(vocab):
            table[ord(ch)] = k + 4
        for ch in map(chr, range(0x10000)):
            cls = char_class(ch)
            if cls == "0":
                table[ord(ch)] = DIGIT
            elif cls == "A":
                table[ord(ch)] = LATIN
        table[0] = BOUND
        table[0xFFFF] = UNK
        self.table = table
        self.tag_id = {t: k + 1 for k, t in enumerate(tags)}
        flags = np.zeros(0x10000, dtype=np.int64)
        for ch in res.translit:
            flags[ord(ch)] |= 1
        for ch in res.surnames:
            flags[ord(ch)] |= 2
        self.flags = flags
        self.gaz = re.compile(trie_pattern(res.surface_aliases(set(GAZ_TYPES), latin=False)))
        self.gaz_type = {a: GAZ_TYPES[es[0].type] for a, es in res.alias.items()}
        self.office = re.compile(trie_pattern(list(res.offices)))
        self.verb = re.compile(trie_pattern(res.speech_verbs))

    @staticmethod
    def build_vocab(texts: list[str], min_count: int = 2) -> str:
        """Characters seen at least `min_count` times (rarer ones train the unknown id), in code order."""
        counts: dict[str, int] = {}
        for t in texts:
            for ch in t:
                counts[ch] = counts.get(ch, 0) + 1
        chars = sorted(ch for ch, c in counts.items()
                       if c >= min_count and char_class(ch) == ch and ord(ch) < 0xFFFF and ch != SEP)
        return "".join(chars[:MAX_VOCAB - 4])

    def ids(self, text: str) -> np.ndarray:
        codes = codes_of(text)
        return self.table[np.minimum(codes, 0xFFFF)]

    def _spans(self, rx: re.Pattern, text: str, n: int) -> tuple[np.ndarray, np.ndarray]:
        starts = np.zeros(n + 4, dtype=np.int64)
        ends = np.zeros(n + 4, dtype=np.int64)
        for m in rx.finditer(text):
            if m.end() > m.start():
                starts[m.start()] = 1
                ends[m.end() - 1] = 1
        return starts, ends

    def token_arrays(self, paras: list[tuple[int, list[Token]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(start, length, tag id) of every token of every (offset, tokens) paragraph, in text offsets."""
        tag_id = self.tag_id
        starts = [off + t.start for off, toks in paras for t in toks]
        lens = [t.end - t.start for _, toks in paras for t in toks]
        tags = [tag_id.get(t.pos, 0) for _, toks in paras for t in toks]
        return (np.array(starts, dtype=np.int64), np.array(lens, dtype=np.int64), np.array(tags, dtype=np.int64))

    @staticmethod
    def _words(starts: np.ndarray, lens: np.ndarray, tags: np.ndarray, n: int):
        """Per character: tag id * 4 + B/M/E/S, B/M/E/S * 5 + word length (capped at 4), and the
        (previous word's tag, next word's tag) pair; zeros where no token covers the character."""
        per_tag = np.zeros(n, dtype=np.int64)
        shape = np.zeros(n, dtype=np.int64)
        ctx = np.zeros(n, dtype=np.int64)
        if not len(lens):
            return per_tag, shape, ctx
        which = np.repeat(np.arange(len(lens)), lens)
        pos = np.arange(len(which)) - (np.cumsum(lens) - lens)[which]
        idx = starts[which] + pos
        wl = lens[which]
        bmes = np.where(wl == 1, 3, np.where(pos == 0, 0, np.where(pos == wl - 1, 2, 1)))
        prev_tags = np.concatenate(([0], tags[:-1]))
        next_tags = np.concatenate((tags[1:], [0]))
        per_tag[idx] = tags[which] * 4 + bmes
        shape[idx] = bmes * 5 + np.minimum(wl, 4)
        ctx[idx] = prev_tags[which] * 128 + next_tags[which]
        return per_tag, shape, ctx

    def _gaz(self, text: str, n: int) -> np.ndarray:
        out = np.zeros(n, dtype=np.int64)
        gtype = self.gaz_type
        for m in self.gaz.finditer(text):
            s, e = m.span()
            if e - s < 1:
                continue
            t = gtype.get(m.group(), 0) * 4
            if e - s == 1:
                out[s] = t + 3
            else:
                out[s] = t
                out[s + 1:e - 1] = t + 1
                out[e - 1] = t + 2
        return out

    def keys(self, text: str, toks: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
        """(N_TEMPLATES, len(text)) int64 feature keys; `toks` from `token_arrays` (text offsets).
        Written column by column into one array: each template is one or two numpy operations."""
        n = len(text)
        codes = np.minimum(codes_of(text), 0xFFFF)
        p = np.empty(n + 4, dtype=np.int64)
        p[:2] = BOUND
        p[n + 2:] = BOUND
        p[2:n + 2] = self.table[codes]
        q = p << ID_BITS
        r = p << (2 * ID_BITS)
        out = np.empty((N_TEMPLATES, n), dtype=np.int64)
        for k in range(5):  # unigrams -2..+2
            out[k] = p[k:k + n]
        for k in range(4):  # bigrams (-2,-1) .. (+1,+2)
            np.bitwise_or(q[k:k + n], p[k + 1:k + 1 + n], out=out[5 + k])
        for k in range(3):  # trigrams (-2..0) (-1..+1) (0..+2)
            np.bitwise_or(r[k:k + n], q[k + 1:k + 1 + n], out=out[9 + k])
            out[9 + k] |= p[k + 2:k + 2 + n]
        out[12], out[13], out[14] = self._words(*toks, n)
        out[15] = self._gaz(text, n)
        fl = self.flags[codes]
        tr = np.zeros(n + 2, dtype=np.int64)
        tr[1:n + 1] = fl & 1
        out[16] = (tr[:n] << 2) | (tr[1:n + 1] << 1) | tr[2:]
        sur = (fl >> 1) & 1
        o_start, o_end = self._spans(self.office, text, n)
        v_start, _ = self._spans(self.verb, text, n)
        out[17] = sur | o_start[1:n + 1] << 1 | o_start[2:n + 2] << 2 | o_start[3:n + 3] << 3 | v_start[1:n + 1] << 4
        o_end_p = np.concatenate(([0, 0], o_end[:n]))
        out[18] = o_end_p[1:n + 1] | o_end_p[:n] << 1 | sur << 2
        out += TEMPLATE_BASE
        return out
