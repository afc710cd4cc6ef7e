"""PLOVER event mentions, clause by clause.

For every body sentence we find trigger words (data/triggers.yaml), then fill the event from
the shallow clause grammar in `grammar.py` (the role rules in `roles.py`):

* actors: the subject of the trigger's clause (or of the nearest earlier clause in the sentence,
  or, for a fronted "在与普京会晤后，马克龙…", of the next clause), its coordinated heads (A和B),
  comitatives (与/同/跟 B), targets (向/对 B) and the object right after the trigger (会见B,
  指责B), the one a giving verb gives to after 为 (为乌克兰提供); a clause with no subject of its
  own takes one from the clauses around it (subjects.py: the speaker for a 并-clause after
  "A说，…", the name after 对于 in "对于X在边境集结"). An office posted abroad with no name
  (俄罗斯驻美大使, 美国驻韩国大使馆) acts for the country that sent it (grammar.py).
  Symmetric types (CONSULT AGREE COOPERATE) make everybody a `participant`; directed
  types make the subject the `source` and the others `target`s. "A分别与B、C通电话" gives one
  event per pair; "双方" reuses the participants of the last symmetric event.
* status: conditional (如果/一旦… before the trigger in the sentence), denied (否认/未/没有 just
  before it), planned (将/计划/可能 in its clause), else occurred.
* mode/location/duration/date: trigger mode plus hints (电话, 视频, 前往), 在/前往 + place,
  duration in the clause span, date via the time stage's `DocTimes`.

Choices, documented because they change what users see:
* Heading paragraphs are skipped: headlines restate the body in telegraphic style without dates.
* Triggers inside quoted speech are skipped (that is a claim, captured as a Quote); a scare-quoted
  “入侵” is an ASSAULT only if it is conditional or denied, never one that occurred, and an
  ASSAULT after a claim word (所谓, 炒作, 指控) is dropped.
* SANCTION is only emitted when sanctions were actually imposed; threatened or conditional
  sanctions are the THREATEN event of the same sentence.
"""

from __future__ import annotations

from storyline.extract.events.dates import ClauseDates, DocTimes, duration_minutes, inherit_anaphoric_dates
from bisect import bisect_left, bisect_right
from dataclasses import replace

from storyline.extract.events.context import Context
from storyline.extract.events.descriptors import Descriptors
from storyline.extract.events.grammar import Grammar, Head, Quoted, quote_mask, resolve_pronouns
from storyline.extract.events.lexicon import Hit, TriggerLexicon
from storyline.extract.events.roles import ACTOR_KINDS, LOOKBACK, RoleGrammar, _has, _unique
from storyline.extract.events.subjects import Subjects
from storyline.model import Actor, Doc, EventMention, Paragraph, Sentence

SPEECH_MIN_LEN = 12  # a quote longer than this, or with a sentence mark inside, is speech


def speech_quotes(norm: str, quotes: list[Quoted]) -> list[Quoted]:
    out = []
    for q in quotes:
        s, e = q.inner
        if e - s > SPEECH_MIN_LEN or any(c in "，。！？；" for c in norm[s:e]):
            out.append(q)
    return out


class EventExtractor(RoleGrammar):
    def __init__(self) -> None:
        self.grammar = Grammar()
        self.lexicon = TriggerLexicon()
        self.context = Context(self.grammar)
        self.subjects = Subjects(self.grammar)
        self.descriptors = Descriptors(self.grammar)

    def __call__(self, doc: Doc, all_heads: list[list[Head]] | None = None) -> None:
        """`all_heads`: `resolve_pronouns(grammar.doc_heads(doc))` when the caller already has it
        (the quote extractor reads the same heads; nobody mutates them)."""
        g = self.grammar
        if all_heads is None:
            all_heads = resolve_pronouns(g.doc_heads(doc))
        all_heads = self.descriptors.add(doc, all_heads)  # 警方, 抗议者: actors with no entity
        events: list[EventMention] = []
        times = DocTimes(doc)
        for para, heads in zip(doc.paragraphs, all_heads):
            if para.is_heading or not para.norm.strip():
                continue
            quotes = g.quotes_of(para.norm)
            speech_q = speech_quotes(para.norm, quotes)
            speech = quote_mask(para.norm, speech_q)  # inside quoted speech
            speech_ids = {id(q) for q in speech_q}
            scare = quote_mask(para.norm, [q for q in quotes if id(q) not in speech_ids])
            starts = [h.start for h in heads]
            for sent in g.sentences(para):
                lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
                sheads = [h for h in heads[lo:hi] if not speech[h.start]]
                events.extend(self._sentence(times, para, sent, sheads, speech, scare, events))
        norms = {p.index: p.norm for p in doc.paragraphs}
        own = ClauseDates(doc, times)
        for ev in events:
            norm = norms[ev.paragraph]
            ev.date, ev.date_end, ev.date_from_context = own.own(ev.paragraph, norm, ev.start,
                                                                 ev.trigger_end, (ev.date, ev.date_end))
            if ev.date_from_context:
                opening = own.sentence_opening(ev.paragraph, norm, ev.start)
                if opening is not None:  # 周六，A与B会谈，随后与C通了电话: the sentence's time is both
                    ev.date, ev.date_end, ev.date_from_context = (*opening, False)
        inherit_anaphoric_dates(events, norms, g.context["anaphor_before"], times.anchor)
        doc.events = events

    # ---- one sentence ------------------------------------------------------------------------
    def _sentence(self, times: DocTimes, para: Paragraph, sent: Sentence, sheads, speech, scare, prior) -> list[EventMention]:
        norm = para.norm
        clauses = self.grammar.clauses(norm, sent.start, sent.end)
        if not clauses:
            return []

        clause_ends = [e for _, e in clauses]

        def clause_index(pos: int) -> int:
            return min(bisect_right(clause_ends, pos), len(clauses) - 1)

        hits = [
            h
            for h in self.lexicon.scan(norm, sent.start, sent.end, lambda p: clauses[clause_index(p)])
            if not speech[h.start] and not any(a.start < h.end and h.start < a.end for a in sheads if a.mention is None)
        ]  # 抗议 inside the descriptor 抗议者 is no protest
        out: list[EventMention] = []
        seen: set[tuple] = set()
        chunk_start = sent.start
        for hit in hits:
            ci = clause_index(hit.start)
            cs, ce = clauses[ci]
            span = (min(chunk_start, cs), ce)
            chunk_start = ce + 1
            for ev in self._event(times, para, sent, hit, clauses, ci, span, sheads, scare, prior + out):
                key = (ev.type, ev.status, tuple(sorted((a.name, a.role) for a in ev.actors)))
                if key not in seen:
                    seen.add(key)
                    out.append(ev)
        return out

    def _event(self, times: DocTimes, para, sent, hit: Hit, clauses, ci, span, sheads: list[Head], scare, prior) -> list[EventMention]:
        g, norm, t = self.grammar, para.norm, hit.trigger
        cs, ce = clauses[ci]
        ctx = self.context
        if t.type == "CONSULT" and ctx.anaphoric(norm, cs, ce, hit, sheads):
            return self._refer_back(para, hit, span, prior)  # 此次会谈, 在会谈中: the meeting reported before
        if t.anaphor_only:
            return []
        status = self._status(norm, sent.start, span[0], hit.start, hit.end, ce, t.symmetric)
        in_scare = bool(scare[hit.start])
        if t.type == "ASSAULT":
            if status == "occurred" and "的" in norm[max(cs, hit.start - 3) : hit.start] and _has(norm, g.status["planned_after"], hit.end, min(ce, hit.end + 3)):
                status = "conditional"  # 俄罗斯对乌克兰的入侵将导致…: a consequence of a hypothetical
            claimed = (_has(norm, g.status["claim"], sent.start, hit.start)
                       or _has(norm, g.status["claim_after"], hit.end, ce)
                       or norm[sent.end - 1 : sent.end] in ("？", "?"))  # 传普京16日入侵？ is a rumour
            if (in_scare or claimed) and status not in ("conditional", "denied"):
                return []
            if ctx.refers_back(norm, cs, hit):
                return []  # 谴责这次袭击: an attack reported elsewhere, its actors are not in this clause
            if (norm.endswith("发生", cs, hit.start) or norm.startswith("事件", hit.end)) and not any(
                    cs <= h.group_start and h.end <= hit.start for h in sheads):
                return []  # 一旦发生“入侵事件”: nobody named attacks anybody
        elif in_scare:
            return []
        if t.type not in ("REQUEST", "REJECT") and ctx.framed(norm, sent.start, sent.end, hit, scare):
            return []  # 关键要求有三项：…不部署…; 在有关…等问题上
        if ctx.nominal(norm, hit, cs) or ctx.undone(norm, cs, hit):
            return []  # 国际社会的强烈谴责; 减少与韩国的合作
        if t.type != "REQUEST" and _has(norm, g.demanded, cs, hit.start):
            return []  # 要求北约撤回…: the withdrawal is demanded, it did not happen
        if t.type == "SANCTION" and (
            status not in ("occurred", "denied")
            or _has(norm, g.status["irrealis"], sent.start, hit.start)
        ):
            return []

        agents = None if t.symmetric else self.passive_agents(norm, cs, hit, sheads)
        if agents:
            # 黎智英被律政司加控, 遭俄军火箭袭击: the name after 被/遭 acts, the clause's subject (or the
            # subject it continues) is acted on
            rest = [h for h in sheads if h not in agents]
            patients, others, location = self._roles(norm, hit, clauses, ci, rest, t.symmetric, t.objects)
            subjects, others = list(agents), _unique(patients + others)
        else:
            subjects, others, location = self._roles(norm, hit, clauses, ci, sheads, t.symmetric, t.objects)
        raw_others = list(others)
        others = [h for h in others if h.name not in {s.name for s in subjects}]
        if not agents and (any(norm.endswith(w, cs, hit.start) or t.word.startswith(w) for w in g.status["passive"])
                           or self.undergoes(norm, cs, hit, subjects)):
            subjects, others = [], subjects  # 遭到炮击: the subject is the target, the source unknown
        if not subjects and not t.symmetric:
            subjects = self._both(norm, span[0], hit.start, prior, para.index)
        if t.target_location and others and others[0].type in ("GPE", "LOC"):
            location = location or others[0].name
        others = [h for h in others if h.type in ACTOR_KINDS]
        if t.symmetric:
            groups = self._pairs(norm, span[0], hit.start, subjects, others, prior, para.index)
            actors_list = [[Actor(h.name, "participant", h.mention) for h in grp] for grp in groups]
            if not actors_list or len(actors_list[0]) < 2:
                if t.type == "CONSULT":
                    self._continue_previous(times, para, span, prior)
                return []
        else:
            if not subjects or {h.name for h in subjects} & {h.name for h in raw_others}:
                return []  # 让乌克兰…向乌克兰提供: a subject that is also the target is a wrong guess
            actors = [Actor(h.name, "source", h.mention) for h in subjects]
            actors += [Actor(h.name, "target", h.mention) for h in others if h.name not in {a.name for a in actors}]
            if not others and t.objects:
                counted = self.subjects.counted_target(norm, hit.end, ce, t.type)
                if counted is not None:
                    actors.append(Actor(counted, "target", None))  # 拘捕了7人: no entity, the group as written
            if t.type in g.needs_target and not any(a.role == "target" for a in actors):
                return []  # 支持本地市场的措施: support for no one is not annotated as an event
            actors_list = [actors]

        mode = self._mode(norm, t, span, hit, len(actors_list[0]))
        # the span ends at the trigger: a date in "7日与普京会晤后，" belongs to that meeting
        date, date_end = times.date_for(para.index, span[0], hit.end, trigger=hit.start)
        minutes = duration_minutes(times, para.index, span[0], span[1], norm) if t.type == "CONSULT" else None
        return [
            EventMention(
                paragraph=para.index, start=span[0], end=span[1], text=para.text[span[0] : span[1]],
                type=t.type, trigger=para.text[hit.start : hit.end], trigger_start=hit.start,
                trigger_end=hit.end, actors=actors, mode=mode if t.type == "CONSULT" else None,
                status=status, date=date, date_end=date_end, location=location,
                duration_minutes=minutes,
            )
            for actors in actors_list
        ]

    # ---- attributes --------------------------------------------------------------------------
    def _status(self, norm, sent_start, span_start, ts, te, ce, symmetric: bool = False) -> str:
        st = self.grammar.status
        before = norm[max(sent_start, ts - LOOKBACK) : ts]
        for w in st["not_conditional"]:  # 如何, 例如 contain the conditional 如
            before = before.replace(w, "")
        if any(w in before for w in st["conditional"]):
            return "conditional"
        post = norm[te : min(ce, te + 10)]
        if "具体计划" in post:
            return "planned"  # 峰会“尚无具体计划”: not planned in detail yet, still possible
        window = norm[max(span_start, ts - 14) : ts]
        for w in st["not_denied"]:  # 不断输送, 不得不撤军: 不 inside another word negates nothing
            window = window.replace(w, "")
        if any(w in window for w in st["denied_before"]):
            return "denied"
        if any(window.endswith(w, 0, len(window) - k) for w in st["denied_adjacent"] for k in (0, 1)):
            return "denied"  # 不部署, 未能达成: 不/未/拒绝 negate only the verb right after them
        pre = norm[max(span_start, ts - 24) : ts]
        for w in st["not_planned"]:
            pre = pre.replace(w, "")
        if any(w in pre for w in st["planned"]) or "计划" in post[:3]:
            return "planned"
        if symmetric and any(post.startswith(w, 0) or post.startswith(w, 1) for w in st["planned_after"]):
            return "planned"  # 美俄峰会可能会为…; 会晤或许能为…
        return "occurred"

    def _mode(self, norm, t, span, hit: Hit, n_actors: int) -> str | None:
        mode = t.mode
        if mode == "multilateral" and n_actors < 3 and t.word == "峰会":
            mode = "meeting"
        if mode in (None, "meeting"):
            for hint in ("video", "phone", "visit"):
                if _has(norm, self.grammar.mode_hints[hint], span[0], hit.end):
                    return hint
        return mode

    def _refer_back(self, para, hit: Hit, span, prior) -> list[EventMention]:
        """A mention of the most recent meeting of the same kind (a call for 电话 words), or nothing."""
        want = hit.trigger.mode if hit.trigger.mode in ("phone", "video") else None
        for ev in reversed(prior):
            if ev.type == "CONSULT" and ev.status == "occurred" and len(ev.actors) >= 2 and (want is None or ev.mode == want):
                return [replace(ev, paragraph=para.index, start=span[0], end=span[1], text=para.text[span[0] : span[1]],
                                trigger=para.text[hit.start : hit.end], trigger_start=hit.start, trigger_end=hit.end,
                                actors=[replace(a) for a in ev.actors], event_id=None)]
        return []

    def _continue_previous(self, times: DocTimes, para, span, prior) -> None:
        """通话超过1小时: a CONSULT word with no actors right after a CONSULT adds its duration."""
        for ev in reversed(prior[-3:]):
            if ev.type == "CONSULT" and ev.duration_minutes is None and para.index - ev.paragraph <= 1:
                ev.duration_minutes = duration_minutes(times, para.index, span[0], span[1], para.norm)
                return
