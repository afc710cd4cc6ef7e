"""Word segmentation with character offsets into the paragraph.

rjieba (Rust jieba, ~10-35 MB/s) with a *private* `rjieba.Jieba()` instance (never the global
dictionary, so other users of jieba in the process are unaffected). The gazetteer's names and the
office titles are added to that instance as user words, so 佩斯科夫, 克里姆林宫, 新闻发言人 come out
as single tokens (plain jieba splits them: 佩/斯科夫). Offsets are accumulated from the token
lengths: jieba's `tag` returns every input character exactly once.

Tokens carry jieba's dictionary part-of-speech tag (`Token.pos`: nr person, ns place, nt organisation,
v verb, p preposition, r pronoun ...). The entity rules use it to reject common words in name slots
(记者关于他, 代表江苏, 跟随大学). jieba keeps its own tag for words it already knows (白宫 is 'nr'
in its dictionary), so gazetteer words get our tag from the gazetteer type instead.
"""

from __future__ import annotations

import rjieba

from storyline.analyse.entities.resources import Resources
from storyline.model import Doc, Token

USER_FREQ = 50_000  # high enough to beat ordinary dictionary words around a name
TYPE_TAG = {"PERSON": "nr", "ORG": "nt", "GPE": "ns", "LOC": "ns"}


class Segmenter:
    def __init__(self, resources: Resources | None = None) -> None:
        self.resources = resources or Resources()
        self.jieba = rjieba.Jieba()
        self.tag_of: dict[str, str] = {}
        for a, entries in self.resources.alias.items():
            if len(a) > 1 and not a.isascii():
                self.tag_of[a] = TYPE_TAG[entries[0].type]
        for o in self.resources.offices:
            if len(o) > 1:
                self.tag_of[o] = "n"
        for w in sorted(self.tag_of):
            self.jieba.add_word(w, USER_FREQ, self.tag_of[w])

    def tokens(self, text: str) -> list[Token]:
        out, pos = [], 0
        tag_of, append = self.tag_of, out.append  # the hottest loop of the stage: locals only
        for word, tag in self.jieba.tag(text):
            if word:
                end = pos + len(word)
                append(Token(pos, end, word, tag_of.get(word, tag)))
                pos = end
        if pos != len(text):  # never seen; keep offsets honest if a jieba version drops characters
            return [Token(s, e, w) for w, s, e in self.jieba.tokenize(text)]
        return out

    def __call__(self, doc: Doc) -> None:
        for para in doc.paragraphs:
            para.tokens = self.tokens(para.norm)
