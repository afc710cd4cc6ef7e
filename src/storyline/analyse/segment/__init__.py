"""Word segmentation with offsets (placeholder until the entities issue lands)."""

from __future__ import annotations

import rjieba

from storyline.model import Doc, Token


class Segmenter:
    def tokens(self, text: str) -> list[Token]:
        out, pos = [], 0
        for word in rjieba.cut(text):
            out.append(Token(pos, pos + len(word), word))
            pos += len(word)
        return out

    def __call__(self, doc: Doc) -> None:
        for para in doc.paragraphs:
            para.tokens = self.tokens(para.norm)
