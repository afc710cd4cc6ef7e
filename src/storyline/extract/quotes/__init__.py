"""Attributed quotes: direct speech in “…”/「…」 and indirect speech after a reporting verb.

Per sentence:
1. cue words (data/cues.yaml) outside quoted speech;
2. for each cue, the speaker is the leftmost candidate (entity head, anonymous descriptor such
   as 美国务院一名高级官员, or a pronoun resolved to the last PERSON) in the cue's clause, else in
   the nearest earlier clause of the sentence that has one, never crossing an earlier cue; which
   candidate of a clause speaks when one qualifies another is owner.py's choice (a person right
   before the cue, 日本防疫专家 as a phrase);
3. the content is the quote right after the cue (direct) or the rest of the sentence (indirect);
   a quote just before the cue (“…”普萨基说) is that speaker's too;
4. 据X报道 / X报导 / X引述 before the cue becomes `via`; when no other cue follows, "X报道称，…"
   is X's own statement;
5. a paragraph that is nothing but a quote continues the previous speaker, if there was one in
   this or the previous paragraph;
6. an anaphoric descriptor (这位官员, 该官员) takes the name of the article's last descriptor
   speaker with the same noun (美国务院一名高级官员); a document (报告指出, 该声明称) speaks for its
   issuer (issuers.py);
7. the stance is the cue's, or `deny` for a denial without a denial verb (stance.py).
Offsets are into Paragraph.text; `start`/`end` exclude the quote marks. Heading paragraphs are
skipped, like for events.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from storyline.extract.events import speech_quotes
from storyline.extract.events.dates import DocTimes
from storyline.extract.events.grammar import ACTOR_TYPES, Grammar, Head, resolve_pronouns
from storyline.extract.quotes.issuers import IssuerRules
from storyline.extract.quotes.owner import SpeakerChoice
from storyline.extract.quotes.labels import Label, colon_label, dialogue_labels, label_of
from storyline.extract.quotes.pronouns import Antecedents
from storyline.extract.quotes.runs import RunOnQuotes
from storyline.extract.quotes.speakers import Candidate, Cue, CueHit, CueLexicon
from storyline.extract.quotes.stance import StanceRules
from storyline.model import Doc, Paragraph, Quote

CLAUSE_SUBJECT_REACH = 24  # max chars before the cue in its clause read for a bare subject (双方代表都表示)
LABEL_CUE = Cue("", "assert")  # a label quote has no speech verb
LEDE_MIN = 30
SENTENCE_ENDS = ("。", "！", "？", "!", "?")
OPEN_MARKS = ("“", "「", '"')  # a paragraph opening with one that never closes goes on with the last speaker
TRAILING = "。！？!?；，”」\" "  # stripped from the end of such a paragraph
AFTER_WINDOW = 40  # (24 -> 40: "“…，”拜登的竞选经理詹妮弗·奥马利·狄龙在新闻发布会上说", train +5)
RUN_ON_NAME = 2  # a name this close to a sentence's start ends reported speech running on  # max chars between a closing mark and "X说" for the speaker-after pattern


def _bracket_clauses(norm: str, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A comma inside brackets ends no clause (翁明贤（Wong，Ming-hsien）也认为: the speaker is the name
    before the bracket, not the English name after the comma)."""
    if not clauses or norm.find("（", clauses[0][0], clauses[-1][1]) < 0:
        return clauses  # most sentences: no bracket at all
    out: list[tuple[int, int]] = []
    for cs, ce in clauses:
        if out and norm.count("（", out[-1][0], out[-1][1]) > norm.count("）", out[-1][0], out[-1][1]):
            out[-1] = (out[-1][0], ce)
        else:
            out.append((cs, ce))
    return out


class QuoteExtractor:
    def __init__(self, grammar: Grammar | None = None) -> None:
        self.grammar = grammar or Grammar()
        self.cues = CueLexicon()
        self.owner = SpeakerChoice(self.cues)
        self.issuers = IssuerRules.from_data(self.cues.data)
        self.stance = StanceRules.from_data(self.cues.data)
        self.runs = RunOnQuotes(self.stance)

    def __call__(self, doc: Doc, all_heads: list[list[Head]] | None = None) -> None:
        """`all_heads`: as for `EventExtractor.__call__`, computed once for both extractors."""
        if all_heads is None:
            all_heads = resolve_pronouns(self.grammar.doc_heads(doc))
        quotes: list[Quote] = []
        times = DocTimes(doc)
        speakers = dialogue_labels(doc.paragraphs) - self.cues.label_not_speakers
        antecedents = Antecedents(doc, all_heads, self.grammar, self.cues.connectives)
        def skip(para: Paragraph) -> bool:  # a transcript's 控方：… lines may be set in bold, but they are speech
            return not para.norm.strip() or (para.is_heading and label_of(para.norm) not in speakers
                                             and not self._lede(para.norm))

        for para, heads in zip(doc.paragraphs, all_heads):
            if not skip(para):
                quotes.extend(self._paragraph(times, para, heads, quotes, antecedents, speakers))
        runs = self.runs(doc.paragraphs, doc.mentions, quotes, skip)
        if runs:
            quotes = sorted(quotes + runs, key=lambda q: (q.paragraph, q.start))
        doc.quotes = [self._plain_descriptor(q) for q in self.issuers.resolve(doc, self.cues.resolve_titled(
            doc, self.cues.resolve_entity_anaphors(doc.mentions, self.cues.resolve_anaphors(quotes), doc.paragraphs)))]

    @staticmethod
    def _plain_descriptor(q: Quote) -> Quote:
        """A speaker named by no entity, qualified through 的, is the noun after it, as annotators write it
        (这些城市的地方当局 -> 地方当局, 被捕者的律师 -> 律师, 了解情报的官员 -> 官员; train 1886 -> 1893
        right, dev 342 -> 343; 德国外交部的发言人, kept whole by the annotators, is the loss)."""
        name = q.speaker_name
        if q.speaker_mention is not None or not name or "的" not in name[1:-1]:
            return q
        tail = name[name.rindex("的") + 1:]
        return replace(q, speaker_name=tail) if len(tail) >= 2 else q

    @staticmethod
    def _lede(norm: str) -> bool:
        """A bold paragraph that is a whole sentence of body length (an outlet's lede set in bold) is
        read like body text; short bold lines are titles."""
        return len(norm) >= LEDE_MIN and norm.rstrip().endswith(SENTENCE_ENDS)

    def _paragraph(self, times: DocTimes, para: Paragraph, heads, previous: list[Quote], antecedents: Antecedents,
                   speakers: frozenset[str] = frozenset()) -> list[Quote]:
        norm, text = para.norm, para.text
        quoted = self.grammar.quotes_of(norm)
        blocked = bytearray(len(norm) + 1)  # quote marks and everything between them
        for q in quoted:
            blocked[q.open : q.close + 1] = b"\x01" * (q.close + 1 - q.open)
        speech = [q.inner for q in speech_quotes(norm, quoted)]
        by_start = {s: (s, e) for s, e in speech}
        ends = [e for _, e in speech]
        starts = [h.start for h in heads]
        claimed: set[tuple[int, int]] = set()
        covered: list[tuple[int, int]] = []  # spans of indirect content already reported
        out: list[Quote] = []

        def emit(s, e, cue: CueHit, speaker: Candidate, via, direct: bool) -> None:
            if direct:
                if (s, e) in claimed:
                    return
                claimed.add((s, e))
            stance = self.stance.of(norm, s, e, cue.cue.stance, cue.start)
            date, _ = times.date_for(para.index, speaker.start if speaker.start >= 0 else cue.start, cue.end)
            mention = speaker.head.mention if speaker.head else None
            out.append(Quote(para.index, s, e, text[s:e], text[cue.start : cue.end], direct, stance,
                             speaker.name, mention, via, date))

        label = colon_label(norm, text, heads, self.cues.label_nouns, speakers, self.cues.label_not_speakers,
                            lambda lo, hi: bool(self.cues.scan(norm, lo, hi, blocked.__getitem__)))
        if label is not None:
            self._label_quote(norm, label, by_start, blocked, emit)
        sents = self.grammar.sentences(para)
        sent_hits = [self.cues.scan(norm, st.start, st.end, blocked.__getitem__) for st in sents]
        for si, (sent, hits) in enumerate(zip(sents, sent_hits)):
            clauses = _bracket_clauses(norm, self.grammar.clauses(norm, sent.start, sent.end))
            sheads = heads[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            via, floor, last_speaker, cited = None, sent.start, None, -1
            for k, hit in enumerate(hits):
                later = [h for h in hits[k + 1 :] if not h.via]
                if hit.via and not later and hit.cue.word in self.cues.via_only:
                    if hit.cue.word in self.cues.cite_words and k + 1 < len(hits):
                        # 美联社援引消息人士的话报道称，…: the one cited speaks, the outlet is the via
                        via = self.cues.outlet_name(norm, text, floor, hit.start) or via
                        floor = cited = hit.end
                    continue  # 综合X消息，…: a source for what follows, not X speaking
                if hit.via and later:
                    via = self.cues.outlet_name(norm, text, floor, hit.start) or via
                    floor = hit.end
                    if hit.cue.word in self.cues.cite_words:
                        cited = hit.end
                    continue
                speaker = self._speaker(norm, text, sheads, clauses, floor, hit, own_clause=last_speaker is not None,
                                        cited=cited)
                speaker = speaker or last_speaker  # 否认…，称…: the same speaker goes on
                if speaker is not None and speaker.head is not None and speaker.head.pronoun:
                    speaker = self._pronoun_speaker(speaker, para, out or previous, antecedents)
                if speaker is None:
                    speaker = self._bare_speaker(norm, text, clauses, floor, hit)
                if speaker is None:
                    speaker = self._source_speaker(norm, text, sheads, clauses, floor, hit)
                if speaker is None and via is not None:
                    # 《纽约时报》4月4日报导指，…: nobody else speaks, the outlet reports in its own voice
                    speaker, via = Candidate(-1, -1, self.cues.outlet_speaker(via)), None
                if speaker is None:
                    # 报导指，… / 该报道称，… naming no outlet: the outlet last reporting in the article
                    rs = hit.start if hit.via else hits[k - 1].start if k and hits[k - 1].via else -1
                    if rs >= 0 and self.cues.bare_report(norm, sent.start, rs):
                        speaker = self._last_outlet([*previous, *out])
                if speaker is None or any(q.start <= hit.start < q.end and (q.speaker_name == speaker.name or (
                        speaker.head is not None and speaker.head.pronoun)) for q in out):
                    # X表示，他认为…: a cue inside X's own reported words, X again (or 他), adds no statement
                    floor = hit.end
                    continue
                last_speaker = speaker
                # the content stops before a later cue's clause: that cue either continues this
                # speaker (否认…，称…) or starts another statement (…，俄方随即表示…); only a cue in
                # the content's first clause is nested reporting (这位官员说，布林肯告诉拉夫罗夫，…)
                sent_end = sent.end
                if later:
                    nxt_clause = next((s for s, e in clauses if s <= later[0].start < e), sent.end)
                    c0 = hit.end + (1 if norm[hit.end : hit.end + 1] in ("，", "：") else 0)
                    first_clause = next((e for s, e in clauses if s <= c0 < e), sent.end)
                    own = self._speaker(norm, text, sheads, clauses, hit.end, later[0], own_clause=True)
                    if own is None or nxt_clause >= first_clause:
                        sent_end = nxt_clause - 1
                # a quote just before the cue: “…”普萨基说 / “…，”约翰逊说
                k = bisect_left(ends, hit.start - AFTER_WINDOW)
                for s, e in speech[k : bisect_left(ends, hit.start)]:
                    if "。" not in norm[e + 1 : speaker.start]:
                        if speaker.start > e and (s, e) not in claimed:
                            emit(s, e, hit, speaker, via, True)
                if not later and not out and si == 0:
                    sent_end = self._run_on(sents, sent_hits, si, speech, starts, sent_end)
                content = self._content(norm, hit, sent_end, by_start, blocked)
                if content is None:
                    floor = hit.end
                    continue
                direct, spans = content
                for j, (s, e) in enumerate(spans):
                    is_direct = direct or j > 0  # after a summary, the quotation that follows its colon
                    emit(s, e, hit, speaker, via, is_direct)
                    if not is_direct:
                        covered.append((s, e))
                floor = hit.end
        # speech quotes that stand alone continue the last speaker
        for s, e in speech:
            if (s, e) in claimed or any(cs <= s < ce for cs, ce in covered):
                continue
            last = None
            if norm[: s - 1].strip() == "" and (out or previous):
                last = (out or previous)[-1]
                if para.index - last.paragraph > 1:
                    last = None
            elif norm[: s - 1].rstrip().endswith(SENTENCE_ENDS):
                # “…，”杨大利说。“…”: a quotation opening a later sentence goes on with the last
                # speaker quoted before it in this paragraph
                last = max((q for q in out if q.end < s), key=lambda q: q.end, default=None)
            if last is not None:
                claimed.add((s, e))
                out.append(Quote(para.index, s, e, text[s:e], "", True, self.stance.of(norm, s, e, "assert", -1),
                                 last.speaker_name,
                                 last.speaker_mention, last.via, last.date))
        self._open_paragraph(para, quoted, out, previous)
        out.sort(key=lambda q: q.start)
        return out

    def _open_paragraph(self, para: Paragraph, quoted, out: list[Quote], previous: list[Quote]) -> None:
        """A quotation running over several paragraphs opens each with a mark and closes only the last:
        a paragraph opening with a mark that never closes, right after a quote, goes on with its speaker
        (9 train / dev paragraphs, each a gold quote of the speaker before)."""
        norm = para.norm
        lead = len(norm) - len(norm.lstrip())
        if norm[lead:lead + 1] not in OPEN_MARKS or any(q.open == lead for q in quoted) or not previous \
                or para.index - previous[-1].paragraph != 1 or any(q.start <= lead + 1 < q.end for q in out):
            return
        end = len(norm)
        while end > lead + 1 and norm[end - 1] in TRAILING:
            end -= 1
        if end - lead < 3:
            return
        last = previous[-1]
        out.append(Quote(para.index, lead + 1, end, para.text[lead + 1:end], "", True,
                         self.stance.of(norm, lead + 1, end, "assert", -1), last.speaker_name, last.speaker_mention,
                         last.via, last.date))

    def _last_outlet(self, before: list[Quote]) -> Candidate | None:
        """The outlet of the latest quote it reported (as via) or spoke in its own voice."""
        for q in reversed(before):
            if q.via:
                return Candidate(-1, -1, self.cues.outlet_speaker(q.via).strip("《》"))
            if q.speaker_name.strip("《》") in self.cues.outlet_set:
                return Candidate(-1, -1, q.speaker_name.strip("《》"))
        return None

    @staticmethod
    def _run_on(sents, sent_hits, si: int, speech, head_starts: list[int], end: int) -> int:
        """X指出，A。B。C。 with the cue in the paragraph's first sentence: the reported speech runs on
        through the sentences after it, up to one with a cue of its own, a quotation, or a name at its
        start (王毅指挥了…: narration about someone)."""
        for sent, hits in zip(sents[si + 1 :], sent_hits[si + 1 :]):
            k = bisect_left(head_starts, sent.start)
            named = k < len(head_starts) and head_starts[k] < sent.start + RUN_ON_NAME
            if hits or named or any(sent.start <= s < sent.end for s, _ in speech):
                break
            end = sent.end
        return end

    def _label_quote(self, norm, label: Label, by_start, blocked, emit) -> None:
        """李家宝：“……” (the quotation and any joined to it) or 律师：…… (the rest of the paragraph)."""
        cue = CueHit(label.start - 1, label.start - 1, LABEL_CUE)
        if label.quoted and by_start.get(label.start + 1):
            content = self._content(norm, cue, len(norm), by_start, blocked)
            if content is not None:
                for s, e in content[1]:
                    emit(s, e, cue, label.speaker, None, True)
                return
        end = len(norm)
        while end > label.start and norm[end - 1] in "。！？!?；，":
            end -= 1
        emit(label.start, end, cue, label.speaker, None, label.quoted)

    def _speaker(self, norm, text, heads, clauses, floor: int, hit: CueHit, own_clause: bool = False,
                 cited: int = -1) -> Candidate | None:
        """Leftmost candidate in the cue's clause, else (unless own_clause) in the nearest earlier one.
        `cited`: the end of a 援引 / 引述 before the cue (its object speaks), or -1."""
        for cs, ce in reversed([c for c in clauses if c[0] <= hit.start]):
            if own_clause and ce < hit.start:
                break
            lo, hi = max(cs, floor), min(ce, hit.start)
            if lo >= hi:
                if cs < floor:
                    break
                continue
            cands = self.cues.candidates(norm, text, lo, hi, heads, cited=lo == cited)
            if cands:
                return self.owner(norm, text, cands, hi)
            if hi == hit.start and not own_clause and hi - lo <= CLAUSE_SUBJECT_REACH:
                # 双方代表都表示: the cue's own clause names its speaker with no entity (a bare noun
                # ending in a speaker word), and an earlier clause's entity (俄罗斯与乌克兰之间的谈判…)
                # is not it
                bare = self.cues.bare_subject(norm, text, lo, hi)
                if bare is not None and bare.name.endswith(self.cues.clause_speakers):
                    return bare
            if cs <= floor:
                break
        return None

    def _bare_speaker(self, norm, text, clauses, floor: int, hit: CueHit) -> Candidate | None:
        """No entity or descriptor before the cue: the bare words of its own clause (辩方指, 贸协指出)."""
        cs = next((s for s, e in clauses if s <= hit.start < e), floor)
        return self.cues.bare_subject(norm, text, max(cs, floor), hit.start, single=True)

    def _source_speaker(self, norm, text, heads, clauses, floor: int, hit: CueHit) -> Candidate | None:
        """据X称 / 据X报道，…: X, which the event grammar marks as a source (no actor of an event),
        is the speaker when the cue's clause names nobody else."""
        cs = next((s for s, e in clauses if s <= hit.start < e), floor)
        lo = max(cs, floor)
        for h in heads:
            if h.marker == "source" and lo <= h.marker_start and h.end <= hit.start and h.type in ACTOR_TYPES \
                    and norm.startswith(self.cues.source_markers, h.marker_start):
                cand = Candidate(h.start, h.end, h.name, h)
                return self.owner(norm, text, [cand], hit.start)
        return None

    @staticmethod
    def _pronoun_speaker(cand: Candidate, para: Paragraph, before: list[Quote], antecedents: Antecedents) -> Candidate:
        """他说 right after someone was quoted is that speaker (…欧尔班则说…，但他说…), unless another
        person is named after that quote (…马克龙表示…。而泽连斯基没那么乐观，他说…); otherwise the
        antecedent of pronouns.py (never a person named inside quotation marks: “乔·拜登的心里不只有他
        自己，”她说). Only a person's quote carries 他 on: 他说 after 中国称 is the antecedent."""
        if before and para.index - before[-1].paragraph <= 1 and before[-1].speaker_mention is not None \
                and before[-1].speaker_mention.type == "PERSON":
            last = before[-1]
            if not antecedents.named_between((last.paragraph, last.end), (para.index, cand.start),
                                             last.speaker_name):
                head = replace(cand.head, name=last.speaker_name, mention=last.speaker_mention)
                return Candidate(cand.start, cand.end, last.speaker_name, head)
        ante = antecedents.before(para.index, cand.start)
        if ante is None:
            return cand
        return Candidate(cand.start, cand.end, ante.name, replace(cand.head, name=ante.name, mention=ante.mention))

    def _content(self, norm: str, hit: CueHit, sent_end: int, by_start, blocked) -> tuple[bool, list[tuple[int, int]]] | None:
        i = hit.end
        if hit.cue.recipient:  # 告诉拉夫罗夫，… / 告诉媒体：“…”: the content starts after the addressee
            comma = min((k for k in (norm.find("，", i, i + 14), norm.find("：", i, i + 14)) if k >= 0), default=-1)
            if comma < 0:
                return None
            i = comma
        while i < len(norm) and norm[i] in "，：:, ":
            i += 1
        opened = by_start.get(i + 1)
        if opened:  # direct: this quote and any further ones joined by ，
            spans = [opened]
            j = opened[1] + 1
            while True:
                while j < len(norm) and norm[j] in "，、 ":
                    j += 1
                nxt = by_start.get(j + 1)
                if not nxt:
                    break
                spans.append(nxt)
                j = nxt[1] + 1
            return True, spans
        unclosed = norm[i:i + 1] in OPEN_MARKS  # 说：“… running on to a later paragraph: direct, mark left out
        i += unclosed
        end = sent_end
        while 0 < end < len(norm) and blocked[end - 1] and blocked[end]:
            end += 1  # a sentence mark inside a quote does not end the content
        while end > i and norm[end - 1] in "。！？!?；，":
            end -= 1
        if end - i < 2 or norm[i] in self.cues.not_content_start:
            return None  # 说的…, 表示得…: the verb's object or a noun phrase, not reported speech
        # X说，…：“…”: the summary stops at the colon and the words quoted after it are a direct quote
        # of the same speaker
        colon = norm.find("：", i, end)
        while colon >= 0 and by_start.get(colon + 2) is None:
            colon = norm.find("：", colon + 1, end)
        if colon - i >= 2:
            return unclosed, [(i, colon), by_start[colon + 2]]
        return unclosed, [(i, end)]
