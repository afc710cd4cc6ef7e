"""Speaker labels: a paragraph that opens with `Name：` and then gives that person's words
(李家宝：“……” / 律师：…… / @某网友：……), the interview and transcript form that has no speech verb.

Only labels that name a speaker are read, so that headers such as 作者：, 来源：, 编辑： are not: a
PERSON mention that is the whole label, an @handle, a short label ending in a person noun
(data/cues.yaml: label_nouns), or any label without a cue whose text after the colon is quoted.
On the train split (377 articles) these forms start a gold quote in 101 of 107 paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extract.events.grammar import Head
from storyline.extract.quotes.speakers import Candidate

# a label of 1-16 characters without punctuation, then a colon; one bounded class: linear
LABEL = re.compile(r"[^，。：:“”「」\"\s]{1,16}[：:]")
QUOTE_OPENERS = "“「\"『"
MIN_CONTENT = 8
MIN_TURN = 2  # 黄沙：对。


@dataclass(frozen=True)
class Label:
    speaker: Candidate
    start: int  # first character after the colon
    quoted: bool  # the words after the colon open with a quotation mark


def label_of(norm: str) -> str | None:
    m = LABEL.match(norm)
    return m.group(0)[:-1] if m else None


def dialogue_labels(paragraphs) -> frozenset[str]:
    """Labels that open two or more paragraphs of the article: the turns of a transcript
    (控方：… 林：… 控方：…), speech however short and whatever the label."""
    seen: dict[str, int] = {}
    for p in paragraphs:
        label = label_of(p.norm)
        if label is not None:
            seen[label] = seen.get(label, 0) + 1
    return frozenset(k for k, n in seen.items() if n >= 2)


def colon_label(norm: str, text: str, heads: list[Head], nouns: tuple[str, ...], turns: frozenset[str],
                not_speakers: frozenset[str], has_cue) -> Label | None:
    """The speaker label that opens the paragraph, if any; `turns` are the article's dialogue labels
    (dialogue_labels); `has_cue(lo, hi)` says whether a cue word lies in norm[lo:hi] (then the
    ordinary cue rules read the sentence)."""
    m = LABEL.match(norm)
    if m is None:
        return None
    end = m.end() - 1  # the colon
    rest = norm[m.end():].lstrip()
    turn = norm[:end] in turns
    if norm[:end] in not_speakers:
        return None
    if len(rest) < (MIN_TURN if turn else MIN_CONTENT) or has_cue(0, end):
        return None
    start = len(norm) - len(rest)
    quoted = rest[0] in QUOTE_OPENERS
    label = norm[:end]
    person = next((h for h in heads if h.start == 0 and h.end == end and h.type == "PERSON" and not h.pronoun), None)
    if person is not None:
        return Label(Candidate(0, end, person.name, person), start, quoted)
    if turn or label.startswith("@") or (label.endswith(nouns) and len(label) <= 6) or quoted:
        name = text[:end].strip("“”「」\"@")  # annotators write @handle as the handle
        return Label(Candidate(0, end, name), start, quoted) if name else None
    return None
