"""Quotations running over several paragraphs whose inner paragraphs open with no mark.

An interviewee's words often run on: “战争前夜，…（no closing mark） / 不在俄国，我还是… / …自由。” A
paragraph ending with a closing mark it never opened closes a quotation opened in an earlier paragraph;
walking back over paragraphs with no marks and no quote of their own, to the paragraph holding the
opening mark, every paragraph on the way is the words of whoever that quotation is by: the last quote of
the opening paragraph, or, when the opening paragraphs quote nobody, the person a short header before
them names (达莉亚，37岁，英国：“我们的自由会受限制”, a header annotators do not mark as a quote). On the
annotated train and dev splits it adds 17 and 2 quotes, 15 and 2 of them gold quotes of that speaker.
Hand-written: a bracket matcher over paragraphs is all it takes.
"""

from __future__ import annotations

from storyline.model import Paragraph, Quote

PAIRS = (("“", "”"), ("「", "」"))
REACH = 12  # paragraphs back to the one opening the quotation
HEADER_MAX = 40  # a header naming the interviewee: at most this long, a person at its start
TRAILING = "。！？!?；，, "


def _balance(norm: str, open_: str, close: str) -> int:
    return norm.count(open_) - norm.count(close)


def _unmatched_close(norm: str, open_: str, close: str) -> int:
    """Position of a closing mark ending the paragraph that no mark in it opened, or -1."""
    t = norm.rstrip() if norm[-1:].isspace() else norm
    end = len(t) - (1 if t.endswith("。") else 0)
    if not t.endswith(close, 0, end) or _balance(norm, open_, close) >= 0:
        return -1
    return end - 1


class RunOnQuotes:
    def __init__(self, stance) -> None:
        self.stance = stance

    def __call__(self, paragraphs: list[Paragraph], mentions, quotes: list[Quote], skip) -> list[Quote]:
        """Quotes for the paragraphs inside quotations running over paragraphs (module docstring);
        `skip(para)` tells the paragraphs the quote stage does not read (headings)."""
        closes = [(k, open_, close, at) for k, para in enumerate(paragraphs) for open_, close in PAIRS
                  if (at := _unmatched_close(para.norm, open_, close)) >= 0]
        if not closes:  # most articles: nothing more to read
            return []
        by_para: dict[int, list[Quote]] = {}
        for q in quotes:
            by_para.setdefault(q.paragraph, []).append(q)
        people = {}
        for m in mentions:
            if m.type == "PERSON" and m.start <= 1:
                people.setdefault(m.paragraph, m)
        out: list[Quote] = []
        done: set[int] = set()
        for k, open_, close, at in closes:
            if k not in done and not by_para.get(k):
                done.add(k)
                span = self._run(paragraphs, by_para, people, k, open_, close)
                if span is not None:
                    first, speaker = span
                    out += [q for m in range(first, k + 1) if (q := self._quote(paragraphs[m], at if m == k else -1,
                                                                               speaker, skip)) is not None]
        return out

    @staticmethod
    def _run(paragraphs, by_para, people, k: int, open_: str, close: str):
        """(first paragraph of the run, the quote or header mention whose speaker it takes), or None."""
        def header(j: int) -> bool:
            head = paragraphs[j].norm.strip()
            return len(head) <= HEADER_MAX and "：" in head and j in people

        j = k - 1
        while j >= 0 and k - j <= REACH and not by_para.get(j) and _balance(paragraphs[j].norm, open_, close) == 0:
            if header(j):
                return j + 1, people[j]
            j -= 1
        if j < 0 or k - j > REACH or _balance(paragraphs[j].norm, open_, close) <= 0:
            return None
        if by_para.get(j):
            return j + 1, max(by_para[j], key=lambda q: q.end)
        # opening paragraphs quoting nobody: back over more of them to a header naming the speaker
        while j >= 0 and k - j <= REACH and not by_para.get(j) and _balance(paragraphs[j].norm, open_, close) > 0:
            j -= 1
        if j < 0 or k - j > REACH:
            return None
        if by_para.get(j):
            return j + 1, max(by_para[j], key=lambda q: q.end)
        return (j + 1, people[j]) if header(j) else None

    def _quote(self, p: Paragraph, at: int, speaker, skip) -> Quote | None:
        if skip(p):
            return None
        norm = p.norm
        lo = len(norm) - len(norm.lstrip())
        lo += norm[lo:lo + 1] in ("“", "「")
        hi = at if at >= 0 else len(norm.rstrip())
        while hi > lo and norm[hi - 1] in TRAILING:
            hi -= 1
        if hi - lo < 2:
            return None
        if isinstance(speaker, Quote):
            name, mention, via, date = speaker.speaker_name, speaker.speaker_mention, speaker.via, speaker.date
        else:
            name, mention, via, date = speaker.text, speaker, None, None
        return Quote(p.index, lo, hi, p.text[lo:hi], "", True, self.stance.of(norm, lo, hi, "assert", -1),
                     name, mention, via, date)
