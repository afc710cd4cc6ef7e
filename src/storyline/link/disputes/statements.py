"""Statements from the store: the quotes and event mentions of loaded articles, with their
speakers' names and sides taken from the linked entity records (`DisputeLinker` mixes this in).

A statement is rebuilt from stored rows whenever its article is loaded; `make_statement` is pure,
so statements are memoised by their arguments (a stored statement seen again in the next
batch's window costs a dict look-up).
"""

from __future__ import annotations

import json
from dataclasses import replace

from storyline.link.disputes.index import is_claim
from storyline.link.disputes.rules import DisputeLexicon, Statement, make_statement
from storyline.store import Store

_MEMO_MAX = 50_000  # statements remembered across batches (pure features, see _statement)
_ENTITIES_MAX = 20_000  # entity records remembered (parsed JSON, ~1 KB each)
_SHARED = ("text", "by_name", "terms", "concepts", "about", "generic", "cited", "parties")


class StatementSource:
    """Needs, from the class it is mixed into: store, lexicon, _entities, _memo, _shared."""

    store: Store
    lexicon: DisputeLexicon
    _entities: dict[str, dict | None]
    _memo: dict[tuple, Statement]
    _shared: dict  # equal values held once (_sharing); emptied with the memo
    _asked: set[str] | None  # entity ids whose records were read, while someone is noting them

    def statements(self, where: str, params: tuple) -> list[Statement]:
        return self._build(*self._rows(where, params))

    def claims_and_counters(self, article_ids: list[str]) -> tuple[dict[str, list[Statement]], set[str]]:
        """These articles' claims and counters, built from their rows (the statements that become
        nodes; none for a duplicate), and the entities whose records the build read."""
        built: dict[str, list[Statement]] = {a: [] for a in article_ids}
        self._asked = set()
        try:
            for s in self.statements(f"a.duplicate_of IS NULL AND a.id IN ({','.join('?' * len(article_ids))})",
                                     tuple(article_ids)):
                if is_claim(s) or s.counter:  # the rest never meet another statement
                    built[s.article_id].append(s)
            return built, self._asked
        finally:
            self._asked = None

    def _rows(self, where: str, params: tuple) -> tuple[list[dict], list[dict]]:
        q_where = where.replace("{d}", "COALESCE(q.date, a.published)")
        e_where = where.replace("{d}", "COALESCE(e.date, a.published)")
        quotes = self.store.rows(
            "SELECT q.*, a.published, a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"WHERE {q_where} ORDER BY q.article_id, q.paragraph, q.start_pos, q.id", params)
        events = self.store.rows(
            "SELECT e.*, a.published, a.outlet FROM event_mentions e JOIN articles a ON a.id = e.article_id "
            f"WHERE {e_where} ORDER BY e.article_id, e.paragraph, e.start_pos", params)
        return quotes, events

    def _build(self, quotes: list[dict], events: list[dict]) -> list[Statement]:
        mentions = self._mentions({r["article_id"] for r in quotes} | {r["article_id"] for r in events})
        self._paragraphs: dict[str, list[str]] = {}  # per build: articles whose text a denial's context needs
        out, previous = [], {}
        for r in quotes:
            out.append(self._from_quote(r, mentions, previous.get(r["article_id"])))
            name = r["speaker_name"]
            if name and not r["speaker_entity_id"] and not self.lexicon.is_anaphor(name):
                previous[r["article_id"]] = (name, self.lexicon.side_of(name))  # what 这位官员 points back to
        spans = {(r["article_id"], r["paragraph"]): [] for r in quotes}
        for r in quotes:
            spans[(r["article_id"], r["paragraph"])].append((r["start_pos"], r["end_pos"]))
        for r in events:
            taken = spans.get((r["article_id"], r["paragraph"]), [])
            # the same words reported as a quote and as an event: the quote (with its speaker) wins
            if any(s < r["end_pos"] and r["start_pos"] < e for s, e in taken):
                continue
            out.append(self._from_event(r, mentions))
        return out

    def _mentions(self, article_ids: set[str]) -> dict[tuple[str, int], list[dict]]:
        out: dict[tuple[str, int], list[dict]] = {}
        for aid in sorted(article_ids):
            for key, rows in self._article_mentions(aid).items():
                out[key] = rows
        return out

    def _article_mentions(self, aid: str) -> dict[tuple[str, int], list[dict]]:
        """One article's linked mentions by paragraph (read once: an article is loaded once)."""
        found: dict[tuple[str, int], list[dict]] = {}
        for m in self.store.rows(
                "SELECT paragraph, start_pos, end_pos, entity_id, type FROM mentions "
                "WHERE article_id = ? AND entity_id IS NOT NULL ORDER BY start_pos", (aid,)):
            found.setdefault((aid, m["paragraph"]), []).append(m)
        return found

    def _statement(self, **kwargs) -> Statement:
        """make_statement is a pure function of its arguments (and the lexicon): remember it, so a
        stored statement seen again in the next article's window costs a dict look-up."""
        # the values alone: each of the two callers passes its arguments in one fixed order and
        # `kind` first ("quote" / "event"), so values name the call; a tuple of (name, value)
        # pairs cost ~1 KB more per statement, and the memo holds up to _MEMO_MAX of them
        key = tuple(kwargs.values())
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()
                self._shared.clear()
            found = self._memo[key] = self._sharing(make_statement(self.lexicon, **kwargs))
        return found

    def _sharing(self, s: Statement) -> Statement:
        """The statement with its text and feature sets replaced by equal ones already held:
        copies of one report (reposts, wire copies) hold one text and one set of each kind, not
        one per copy. Equal values, so nothing that reads them can tell."""
        shared = self._shared
        return replace(s, **{name: shared.setdefault(value, value) for name in _SHARED
                             if (value := getattr(s, name))})

    def _context(self, r: dict) -> tuple[bool, int]:
        """For a denial (its text or cue says 否认 / 驳斥 …): whether its context voids it (it answers
        a question: the sentence before it, or its own up to it, asks, 辩方问黎有否…？黎否认; or its
        verb is negated before the quote, 不可否认，…, 并未承认或否认…), and where an earlier
        denial in its paragraph ends (黎否认。控方续指…。黎亦否认: what came before that one is
        answered; -1 when none). Read from the stored paragraph only for such statements (a cheap
        test on the text first)."""
        if not self.lexicon.may_deny(r["text"], r.get("cue")):
            return False, -1
        aid = r["article_id"]
        if aid not in self._paragraphs:
            rows = self.store.rows("SELECT paragraphs FROM articles WHERE id = ?", (aid,))
            self._paragraphs[aid] = json.loads(rows[0]["paragraphs"]) if rows else []
        paras = self._paragraphs[aid]
        if r["paragraph"] >= len(paras):
            return False, -1
        para, start = self.lexicon.simplified(paras[r["paragraph"]]), r["start_pos"]
        voided = self.lexicon.answers_question(para, start) or self.lexicon.negated_before(para, start)
        return voided, self.lexicon.prior_denial(para, start)

    def _inside(self, r: dict, mentions) -> list[dict]:
        return [m for m in mentions.get((r["article_id"], r["paragraph"]), [])
                if m["start_pos"] >= r["start_pos"] and m["end_pos"] <= r["end_pos"]]

    def _about(self, r: dict, inside: list[dict]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """Sides and entities the text talks about, those it names as the source it contests, and
        the sides of the entities it names."""
        text = self.lexicon.simplified(r["text"])  # the sides are listed in Simplified script
        found, cited, sides = set(self.lexicon.sides_in(text)), set(), set()
        for m in inside:
            side = self._side(m["entity_id"], None)
            found |= {m["entity_id"]} | ({side} if side else set())
            sides |= {side} if side else set()
            if self.lexicon.cited_at(text, m["start_pos"] - r["start_pos"], m["end_pos"] - r["start_pos"]):
                # a news outlet's report (路透社报道的) is not its country's claim: the outlet is cited, not the side
                media = self.lexicon.is_media(self._name(m["entity_id"], ""))
                cited |= {m["entity_id"]} | ({side} if side and not media else set())
        return frozenset(found), frozenset(cited), frozenset(sides)

    def speakers(self, entity_ids: set[str]) -> dict[str, tuple[str, str | None]]:
        """The name and side each of these entities gives a statement (what dispute_cache
        checks cached statements against)."""
        return {e: (rec["name"], self._record_side(rec)) for e in sorted(entity_ids) if (rec := self._entity(e))}

    def _entity(self, entity_id: str) -> dict | None:
        if self._asked is not None:
            self._asked.add(entity_id)
        if entity_id not in self._entities:
            if len(self._entities) >= _ENTITIES_MAX:  # records do not change while linking: a cache
                self._entities.clear()
            rows = self.store.rows("SELECT record FROM entities WHERE id = ?", (entity_id,))
            self._entities[entity_id] = json.loads(rows[0]["record"]) if rows else None
        return self._entities[entity_id]

    def _side(self, entity_id: str | None, name: str | None) -> str | None:
        rec = self._entity(entity_id) if entity_id else None
        return (self._record_side(rec) if rec else None) or self.lexicon.side_of(name)

    def _record_side(self, rec: dict) -> str | None:
        """The side an entity record gives: its country, itself for a country, else its roles' or
        its name's side."""
        if rec.get("country"):
            return rec["country"]
        if rec.get("type") == "GPE":
            return rec["name"]
        for role in rec.get("roles") or []:
            side = self.lexicon.side_of(role.get("of"))
            if side:
                return side
        return self.lexicon.side_of(rec.get("name"))

    def _name(self, entity_id: str | None, fallback: str) -> str:
        rec = self._entity(entity_id) if entity_id else None
        return rec["name"] if rec else fallback

    def _from_quote(self, r: dict, mentions, previous: tuple[str, str | None] | None) -> Statement:
        text, eid, name = r["text"], r["speaker_entity_id"], r["speaker_name"] or ""
        inside = self._inside(r, mentions)
        by_name, side = self._name(eid, name), self._side(eid, name)
        if not eid and previous and self.lexicon.is_anaphor(name):
            by_name, side = previous
        embedded = self.lexicon.embedded_speaker(self.lexicon.simplified(text))
        if embedded:
            # 马克龙 reported as saying "克里姆林宫发言人佩斯科夫称，…": the embedded speaker speaks
            person = [m for m in inside if m["type"] == "PERSON" and m["end_pos"] - r["start_pos"] <= embedded[1]]
            if person or self.lexicon.side_of(embedded[0]):
                eid = person[0]["entity_id"] if person else None  # the subject, not 向拉夫罗夫说
                by_name, side = self._name(eid, embedded[0]), self._side(eid, embedded[0])
            else:
                embedded = None
        about, cited, parties = self._about(r, inside)
        return self._statement(
            kind="quote", id=r["id"], key=r["id"], by_id=eid, by_name=by_name, side=side, text=text,
            date=r["date"] or _date_of(r["published"]), article_id=r["article_id"], paragraph=r["paragraph"],
            outlet=r["outlet"], stance=r["stance"], cue=r["cue"], start=r["start_pos"], about=about, cited=cited,
            embedded=bool(embedded), parties=parties, direct=bool(r["direct"]), context=self._context(r))

    def _from_event(self, r: dict, mentions) -> Statement:
        actors = json.loads(r["actors"])
        by = next((a for a in actors if a["role"] == "source"), actors[0] if actors else None)
        eid = by["entity_id"] if by else None
        name = by["name"] if by else ""
        about, cited, parties = self._about(r, self._inside(r, mentions))
        return self._statement(
            kind="event", id=r["event_id"] or r["id"], key=r["id"], by_id=eid,
            by_name=self._name(eid, name), side=self._side(eid, name), text=r["text"],
            date=r["date"] or _date_of(r["published"]), article_id=r["article_id"], paragraph=r["paragraph"],
            outlet=r["outlet"], event_type=r["type"], status=r["status"], start=r["start_pos"], about=about,
            cited=cited, parties=parties, context=self._context(r))


def _date_of(published: str | None) -> str | None:
    return published[:10] if published else None
