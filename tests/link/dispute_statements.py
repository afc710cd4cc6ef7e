"""A dispute statement built from our own sentence for the rule tests of tests/link (one quote, one
paragraph, a fixed date), through the same `make_statement` the linker uses."""

from __future__ import annotations

from storyline.link.disputes import DisputeLexicon, make_statement

LEX = DisputeLexicon()


def statement(text, by, side, article="a1", paragraph=0, start=0, stance=None, cue=None, direct=None):
    key = f"{article}-{paragraph}-{start}"
    return make_statement(LEX, kind="quote", id=key, key=key, by_id=None, by_name=by, side=side, text=text,
                          date="2022-03-15", article_id=article, paragraph=paragraph, stance=stance, cue=cue,
                          start=start, about=LEX.sides_in(text), direct=direct)
