"""Scare quotes: ordinary terms an outlet writes inside quotation marks (西方所谓的“入侵”) more
often than the other compared outlets do.

Per (outlet, term): how often the outlet quotes the term and how often it writes it plainly.
`value` is the quoted share; `score` ranks the records: the lower bound of the quoted share's
95% Wilson interval (so 2 of 2 does not outrank 21 of 35) minus the share the other compared
outlets quote it with (a slogan every outlet quotes is no one outlet's framing). Kept only:
terms off the stop list (我们, 没有 …), quoted at least `min_quoted` times by some outlet,
written at least `min_uses` times in all and plainly in at least `min_plain_share` of those
(a term nobody writes plainly is a name or a slogan quoted by convention: 一带一路), and no
entity name or alias (“华尔街日报” cites a source). The
thresholds are data (data/framing.yaml); on a handful of articles they are 1.

Hand-written: counting quoted and plain uses of the same term per outlet is a few loops; no
library does it for Chinese quotation marks.
"""

from __future__ import annotations

import math

from storyline.link.framing.corpus import CLOSERS, OPENERS, QUOTED, Corpus, FramingSettings, Tally, example, \
    record, simplifier, tallies

Z = 1.96  # 95% interval


def wilson_lower(hits: int, n: int) -> float:
    """Lower bound of the Wilson score interval of hits / n (0 when n is 0)."""
    if n <= 0:
        return 0.0
    p = hits / n
    centre = p + Z * Z / (2 * n)
    margin = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return max(0.0, (centre - margin) / (1 + Z * Z / n))


def scare_quotes(corpus: Corpus, settings: FramingSettings) -> list[dict]:
    large = len(corpus.outlet_of) >= settings.thresholds_from
    min_quoted = settings.min_quoted if large else 1
    quoted: dict[tuple[str, str], Tally] = tallies()
    for aid, outlet, paras in corpus.texts():
        for i, text in enumerate(paras):
            for m in QUOTED.finditer(text):
                if m.group(1) not in settings.stop:
                    quoted[(outlet, m.group(1))].add(example(aid, i, text, m.start(), m.end()))
    names = _entity_names(corpus) if large else set()
    terms = {term for (_, term), t in quoted.items() if t.n >= min_quoted and term not in names}
    plain = _plain_uses(corpus, terms)
    none = Tally()
    kept = []
    for term in sorted(terms):
        per_outlet = {o: (quoted.get((o, term), none).n, plain.get((o, term), none).n) for o in corpus.outlets}
        per_outlet = {o: qp for o, qp in per_outlet.items() if sum(qp)}
        q_all = sum(q for q, _ in per_outlet.values())
        p_all = sum(p for _, p in per_outlet.values())
        if large:
            if q_all + p_all < settings.min_uses or p_all < settings.min_plain_share * (q_all + p_all):
                continue
        elif not (len(per_outlet) >= 2 or (len(corpus.outlets) == 1 and q_all + p_all >= 2)):
            continue  # the old small-corpus rule: one-off quotations of one outlet do not flood the output
        rows = []
        for outlet, (q, p) in per_outlet.items():
            q_else, n_else = q_all - q, q_all + p_all - q - p
            elsewhere = q_else / n_else if n_else else 0.0
            # ranked only where the outlet itself quotes the term often enough
            score = round(wilson_lower(q, q + p) - elsewhere, 4) if q >= min_quoted else 0.0
            examples = (quoted if q >= p else plain).get((outlet, term), none).examples
            rows.append(record(outlet, "scare_quote", term, round(q / (q + p), 3), examples, quoted=q, plain=p,
                               percent=round(100 * q / (q + p), 1),
                               elsewhere_percent=round(100 * elsewhere, 1) if n_else else None, score=score))
        rows.sort(key=lambda r: (-r["score"], r["outlet"]))
        kept.append(rows)
    kept.sort(key=lambda rows: (-rows[0]["score"], rows[0]["key"]))  # the term's best outlet first
    return [r for rows in kept for r in rows]


def _entity_names(corpus: Corpus) -> set[str]:
    """Entity names and aliases (in Simplified): a quoted name (“华尔街日报”) is a citation, not a scare quote."""
    convert = simplifier()
    out = set()
    for r in corpus.store.iter_rows("SELECT alias FROM entity_aliases"):
        out.add(convert(r["alias"]))
    return out


def _plain_uses(corpus: Corpus, terms: set[str]) -> dict[tuple[str, str], Tally]:
    """Plain (unquoted) uses of the terms per outlet. One pass over the text, looking every 2-6
    character window up in the term set: linear in the corpus size, whatever the number of terms."""
    plain: dict[tuple[str, str], Tally] = tallies()
    if not terms:
        return plain
    for aid, outlet, paras in corpus.texts():
        for i, text in enumerate(paras):
            for start in range(len(text) - 1):
                for length in range(2, 7):
                    term = text[start:start + length]
                    if len(term) < length:
                        break
                    if term not in terms:
                        continue
                    before, after = text[start - 1:start] if start else "", text[start + length:start + length + 1]
                    if before and after and before in OPENERS and after in CLOSERS:
                        continue  # the quoted use, already counted
                    plain[(outlet, term)].add(lambda: example(aid, i, text, start, start + length))
    return plain
