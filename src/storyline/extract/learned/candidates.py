"""Event candidates and their features: the rules propose, the learned models decide.

A candidate is a trigger position found by the rule extractor (with the rule's type, status and actors
as features), by the trigger lexicon, or by the words annotators marked as triggers in the training
split (data/triggers.tsv, written by `storyline train`). Argument candidates are the actor heads of the
trigger's sentence (pronouns resolved), plus the rule's actors wherever they were found (zero subjects).
Features are short strings; the same functions serve training and inference.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from storyline.extract.events.grammar import Head, quote_mask
from storyline.model import Doc, EventMention, Paragraph

STATUS_CUES = ("将", "会", "拟", "计划", "准备", "打算", "愿意", "希望", "有意", "考虑", "可能", "若", "如果",
               "一旦", "除非", "假如", "拒绝", "否认", "没有", "未", "不", "无意", "不会", "并未", "尚未",
               "已", "已经", "曾", "正在", "要求", "呼吁", "敦促", "威胁", "警告", "称", "表示", "定于", "即将")
PREPS = ("对", "向", "与", "同", "和", "跟", "被", "遭", "由", "为", "给", "把", "将", "在", "从", "及", "、")


@dataclass
class Candidate:
    para: int
    start: int
    end: int
    sent: tuple[int, int]
    clause: tuple[int, int]
    word: str
    lex_type: str | None = None
    rule: EventMention | None = None
    heads: list[Head] = field(default_factory=list)  # actor candidates


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


class CandidateFinder:
    def __init__(self, grammar, lexicon, learned_words: dict[str, str]) -> None:
        self.grammar = grammar
        self.lexicon = lexicon
        self.learned = learned_words
        words = sorted((w for w in learned_words if len(w) >= 2), key=lambda w: (-len(w), w))
        self._learned_re = re.compile("|".join(map(re.escape, words))) if words else None

    def find(self, doc: Doc, rule_events: list[EventMention], all_heads: list[list[Head]]) -> list[Candidate]:
        rules = {(e.paragraph, e.trigger_start, e.trigger_end): e for e in rule_events}
        out: list[Candidate] = []
        for para, heads in zip(doc.paragraphs, all_heads):
            if para.is_heading or not para.norm.strip():
                continue
            out.extend(self._paragraph(para, heads, rules))
        # the rule's events whose trigger the scans above missed keep their place as candidates
        have = {(c.para, c.start, c.end) for c in out}
        for key, ev in rules.items():
            if key not in have:
                norm = doc.paragraphs[ev.paragraph].norm
                out.append(Candidate(ev.paragraph, ev.trigger_start, ev.trigger_end, (ev.start, ev.end),
                                     (ev.start, ev.end), norm[ev.trigger_start:ev.trigger_end], None, ev,
                                     self._rule_heads(ev, all_heads[ev.paragraph])))
        out.sort(key=lambda c: (c.para, c.start, c.end))
        return out

    def _paragraph(self, para: Paragraph, heads: list[Head], rules) -> list[Candidate]:
        norm, out = para.norm, []
        for sent in self.grammar.sentences(para):
            clauses = self.grammar.clauses(norm, sent.start, sent.end) or [(sent.start, sent.end)]
            ends = [e for _, e in clauses]

            def clause_of(pos: int, clauses=clauses, ends=ends) -> tuple[int, int]:
                return clauses[min(bisect_right(ends, pos), len(clauses) - 1)]

            spans: dict[tuple[int, int], str | None] = {}
            for hit in self.lexicon.scan(norm, sent.start, sent.end, clause_of):
                spans[(hit.start, hit.end)] = hit.trigger.type
            if self._learned_re is not None:
                for m in self._learned_re.finditer(norm, sent.start, sent.end):
                    spans.setdefault((m.start(), m.end()), None)
            sheads = [h for h in heads if sent.start <= h.start < sent.end]
            described = [(h.start, h.end) for h in sheads if h.mention is None]  # 抗议 of 抗议者 is no trigger
            for (s, e), lex in sorted(spans.items()):
                if any(a < e and s < b for a, b in described):
                    continue
                rule = rules.get((para.index, s, e))
                cand_heads = sheads + [h for h in self._rule_heads(rule, heads) if h not in sheads] if rule else sheads
                out.append(Candidate(para.index, s, e, (sent.start, sent.end), clause_of(s), norm[s:e], lex, rule,
                                     cand_heads))
        return out

    @staticmethod
    def _rule_heads(ev: EventMention | None, heads: list[Head]) -> list[Head]:
        if ev is None:
            return []
        names = {a.name for a in ev.actors}
        return [h for h in heads if h.name in names]


class Features:
    """Feature strings for the three decisions: is it an event (and which type), its status, and the
    role of each actor head."""

    def __init__(self, grammar, learned_words: dict[str, str]) -> None:
        self.grammar = grammar
        self.learned = learned_words

    def paragraph_context(self, para: Paragraph) -> tuple[bytearray, list]:
        quotes = self.grammar.quotes_of(para.norm)
        return quote_mask(para.norm, quotes), [t.start for t in para.tokens]

    def trigger(self, c: Candidate, para: Paragraph, ctx) -> list[str]:
        norm, (mask, token_starts) = para.norm, ctx
        s, e = c.start, c.end
        rule = c.rule
        f = [f"w={c.word}", f"lex={c.lex_type}", f"learned={self.learned.get(c.word)}",
             f"rule={rule.type if rule else 'NONE'}", f"l1={norm[s - 1:s]}", f"l2={norm[max(0, s - 2):s]}",
             f"r1={norm[e:e + 1]}", f"r2={norm[e:e + 2]}", f"len={min(e - s, 4)}",
             f"quoted={bool(mask[s])}", f"first={c.word[:1]}", f"last={c.word[-1:]}"]
        if rule:
            f += [f"rule_status={rule.status}", f"rule_actors={_bucket(len(rule.actors))}",
                  f"rule_w={rule.type}|{c.word}"]
        i = bisect_right(token_starts, s) - 1
        if 0 <= i < len(para.tokens):
            tok = para.tokens[i]
            f += [f"pos={tok.pos}", f"tok_whole={tok.start == s and tok.end == e}"]
        cs, ce = c.clause
        before = norm[cs:s]
        f += [f"cue={w}" for w in STATUS_CUES if w in before[-12:]]
        nb = sum(1 for h in c.heads if h.end <= s)
        na = sum(1 for h in c.heads if h.start >= e)
        f += [f"heads_before={_bucket(nb)}", f"heads_after={_bucket(na)}", f"clause_pos={_bucket(s - cs)}",
              f"de_after={norm[e:e + 1] == '的'}", f"para={min(c.para, 3)}"]
        return f

    def status(self, c: Candidate, para: Paragraph, etype: str) -> list[str]:
        norm = para.norm
        cs = c.clause[0]
        before = norm[max(c.sent[0], cs - 20):c.start]
        f = [f"type={etype}", f"w={c.word}", f"rule_status={c.rule.status if c.rule else 'NONE'}",
             f"r1={norm[c.end:c.end + 1]}"]
        near = norm[max(cs, c.start - 8):c.start]
        f += [f"near={w}" for w in STATUS_CUES if w in near]
        f += [f"clause={w}" for w in STATUS_CUES if w in before]
        return f

    def role(self, c: Candidate, h: Head, para: Paragraph, etype: str, rule_roles: dict[str, str]) -> list[str]:
        norm = para.norm
        same_para = h.mention is None or h.mention.paragraph == c.para
        if h.start < c.start and same_para:
            rel, dist = "before", c.start - h.end
            between = norm[h.end:c.start]
        elif same_para:
            rel, dist = "after", h.start - c.end
            between = norm[c.end:h.start]
        else:
            rel, dist, between = "elsewhere", 99, ""
        in_clause = c.clause[0] <= h.start < c.clause[1]
        n_between = sum(1 for o in c.heads if o is not h and min(h.end, c.end) <= o.start < max(h.start, c.start))
        f = [f"rel={rel}", f"dist={_bucket(dist)}", f"rel_type={rel}|{etype}", f"htype={h.type}",
             f"marker={h.marker or 'none'}", f"marker_rel={h.marker or 'none'}|{rel}", f"initial={h.initial}",
             f"pronoun={h.pronoun}", f"in_clause={in_clause}", f"between={_bucket(n_between)}",
             f"rule_role={rule_roles.get(h.name, 'NONE')}", f"rule_role_type={rule_roles.get(h.name, 'NONE')}|{etype}",
             f"after1={norm[h.end:h.end + 1]}", f"after2={norm[h.end:h.end + 2]}",
             f"before1={norm[h.group_start - 1:h.group_start]}", f"first_head={n_between == 0}|{rel}"]
        if rel != "elsewhere":
            f += [f"prep={p}|{rel}" for p in PREPS if norm[h.group_start - 1:h.group_start] == p]
            f.append(f"passive={'被' in between or '遭' in between}")
            f.append(f"comma_between={'，' in between or ',' in between}")
        return f
