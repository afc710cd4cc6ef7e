"""Disputes: a claim by one side linked to the counter-claims that contest it.

Statements are the stored quotes and event mentions. A *counter* is a quote with stance `deny`,
a REJECT or `denied` event, or any statement carrying a counter cue (否认, 搞错了, 未达成任何协议 …,
see data/disputes.yaml). A counter contests a *claim* (any other statement) when the two come
from different speakers, from different sides when both sides are known, and share a topic:
a topic concept (保证 claimed / 协议 denied), content words, or the same paragraph of the same
article (a denial reported right after the claim). Per counter, its best-scoring claims are kept
(at most two, the nearest first). A counter cannot answer a claim reported more than a day
after it (one day of slack for time zones).

Incremental: the writer marks articles dirty; at flush each dirty article's statements are
compared with the stored statements dated within ±14 days (one SQL range query), so a new
article costs only its own candidate pairs. Hand-written because no library links claims and
denials in Chinese news; the features (stance cues, topic overlap, opposing sources) follow
the usual claim/counter-claim detection practice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date as Date, timedelta
from importlib import resources

import rjieba
import yaml

from storyline.store import Store
from storyline.store.writer import dumps, stable_id

WINDOW_DAYS = 14
MIN_SCORE = 2  # one shared topic concept, or a denial in the same paragraph, is enough
MAX_CLAIMS = 2  # per counter: its best-scoring claims, the nearest ones first


@dataclass(frozen=True)
class Statement:
    kind: str  # "quote" or "event"
    id: str  # quote id, or the merged event id for an event mention
    key: str  # quote id or event mention id: what the dispute id is derived from
    by_id: str | None
    by_name: str
    side: str | None  # country (or bloc) the speaker speaks for
    text: str
    date: str | None
    article_id: str
    paragraph: int
    outlet: str | None
    counter: bool
    terms: frozenset[str]
    concepts: frozenset[str]
    about: frozenset[str]  # sides and entity ids the statement talks about


class DisputeLexicon:
    """Counter cues, topic concepts, stopwords and side names from data/disputes.yaml."""

    def __init__(self, data: dict | None = None) -> None:
        if data is None:
            data = yaml.safe_load(
                (resources.files("storyline.link") / "data" / "disputes.yaml").read_text(encoding="utf-8"))
        self.cues: list[str] = sorted(data["counter_cues"], key=len, reverse=True)
        self.concepts: dict[str, list[str]] = data["concepts"]
        self.stopwords = set(data["stopwords"])
        self.sides: dict[str, str] = data["sides"]
        self.abbreviations: dict[str, str] = data["abbreviations"]
        self.followers = set(data["abbreviation_followers"])

    def is_counter(self, text: str) -> bool:
        return any(cue in text for cue in self.cues)

    def concepts_in(self, text: str) -> frozenset[str]:
        return frozenset(label for label, words in self.concepts.items() if any(w in text for w in words))

    def terms_in(self, text: str) -> frozenset[str]:
        out = set()
        for word in rjieba.cut(text):
            if len(word) < 2 or word in self.stopwords or word in self.sides or not _is_cjk_word(word):
                continue
            out.add(word)
        return frozenset(out)

    def side_of(self, name: str | None) -> str | None:
        """The side a speaker text names: 克里姆林宫 -> 俄罗斯, 美国务院官员 -> 美国."""
        if not name:
            return None
        best = None
        for frag, side in self.sides.items():
            pos = name.find(frag)
            if pos >= 0 and (best is None or (pos, -len(frag)) < best[0]):
                best = ((pos, -len(frag)), side)
        if best is not None:
            return best[1]
        if len(name) > 1 and name[0] in self.abbreviations and name[1] in self.followers:
            return self.abbreviations[name[0]]
        return None

    def sides_in(self, text: str) -> frozenset[str]:
        return frozenset(side for frag, side in self.sides.items() if frag in text)


def _is_cjk_word(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


def score_pair(claim: Statement, counter: Statement) -> tuple[int, str] | None:
    """How strongly `counter` contests `claim`, and the topic; None when it cannot."""
    if claim.counter or not counter.counter:
        return None
    if claim.key == counter.key:
        return None
    if claim.by_id and claim.by_id == counter.by_id:
        return None
    if claim.by_name and claim.by_name == counter.by_name:
        return None
    if claim.side and counter.side and claim.side == counter.side:
        return None
    concepts = claim.concepts & counter.concepts
    terms = claim.terms & counter.terms
    proximity = 0
    if claim.article_id == counter.article_id:
        gap = abs(claim.paragraph - counter.paragraph)
        proximity = 2 if gap == 0 else 1 if gap == 1 else 0
    if not (concepts or terms or proximity == 2):
        return None
    about = int(bool(counter.side and counter.side in claim.about))
    about += int(bool(claim.side and claim.side in counter.about))
    about += int(bool(counter.by_id and counter.by_id in claim.about))
    score = 2 * len(concepts) + min(len(terms), 3) + proximity + about
    if score < MIN_SCORE:
        return None
    topic = "、".join(sorted(concepts)) or "、".join(sorted(terms, key=lambda t: (-len(t), t))[:3])
    return score, topic or claim.text[:16]


class DisputeLinker:
    """Finds disputes for the articles written in a batch; see the module docstring."""

    def __init__(self, store: Store, lexicon: DisputeLexicon | None = None) -> None:
        self.store = store
        self.lexicon = lexicon or DisputeLexicon()
        self.dirty: set[str] = set()
        self._entities: dict[str, dict | None] = {}

    # -- the Linker hooks ----------------------------------------------------------------
    def note(self, article_id: str) -> None:
        self.dirty.add(article_id)

    def forget(self, article_id: str) -> None:
        ids = [r["dispute_id"] for r in self.store.rows(
            "SELECT DISTINCT dispute_id FROM dispute_articles WHERE article_id = ?", (article_id,))]
        for did in ids:
            self.store.execute("DELETE FROM disputes WHERE id = ?", (did,))
            self.store.execute("DELETE FROM dispute_articles WHERE dispute_id = ?", (did,))

    def flush(self) -> None:
        self._entities = {}  # entity records change between batches (new aliases, countries)
        for article_id in sorted(self.dirty):
            self.link_article(article_id)
        self.dirty.clear()

    # -- linking -------------------------------------------------------------------------
    def link_article(self, article_id: str) -> list[dict]:
        new = self.statements("a.id = ?", (article_id,))
        if not new:
            return []
        days = [d for d in (_day(s.date) for s in new) if d]
        if days:
            lo = (min(days) - timedelta(days=WINDOW_DAYS)).isoformat()
            hi = (max(days) + timedelta(days=WINDOW_DAYS)).isoformat()
            # a same-month date ("2022-02") sorts inside the day range, so it stays a candidate
            old = self.statements(
                "a.duplicate_of IS NULL AND a.id <> ? AND substr({d}, 1, 10) >= ? AND substr({d}, 1, 10) <= ?",
                (article_id, lo, hi))
        else:
            old = []
        pool = new + old
        pairs = [(c, k) for c in pool for k in pool
                 if (c.article_id == article_id or k.article_id == article_id)]
        records = self._select(pairs)
        for rec in records:
            self._save(rec)
        return records

    def _select(self, pairs: list[tuple[Statement, Statement]]) -> list[dict]:
        scored: dict[str, list[tuple[int, str, Statement]]] = {}
        counters: dict[str, Statement] = {}
        for claim, counter in pairs:
            if claim.date and counter.date and not _answerable(claim.date, counter.date):
                continue
            result = score_pair(claim, counter)
            if result is None:
                continue
            scored.setdefault(counter.key, []).append((result[0], result[1], claim))
            counters[counter.key] = counter
        out = []
        for key in sorted(scored):
            counter = counters[key]
            best = max(score for score, _, _ in scored[key])
            options = sorted((o for o in scored[key] if o[0] == best),
                             key=lambda o: (o[2].article_id != counter.article_id,
                                            abs(o[2].paragraph - counter.paragraph), o[2].key))
            for score, topic, claim in options[:MAX_CLAIMS]:
                out.append(dispute_record(claim, counter, topic, score))
        return out

    def _save(self, rec: dict) -> None:
        self.store.execute("DELETE FROM disputes WHERE id = ?", (rec["id"],))
        self.store.execute("DELETE FROM dispute_articles WHERE dispute_id = ?", (rec["id"],))
        self.store.execute("INSERT INTO disputes (id, record) VALUES (?,?)", (rec["id"], dumps(rec)))
        arts = sorted({rec["claim"]["article_id"], rec["counter"]["article_id"]})
        self.store.executemany("INSERT INTO dispute_articles (dispute_id, article_id) VALUES (?,?)",
                               [(rec["id"], a) for a in arts])

    # -- loading statements --------------------------------------------------------------
    def statements(self, where: str, params: tuple) -> list[Statement]:
        q_where = where.replace("{d}", "COALESCE(q.date, a.published)")
        e_where = where.replace("{d}", "COALESCE(e.date, a.published)")
        quotes = self.store.rows(
            "SELECT q.*, a.published, a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"WHERE {q_where} ORDER BY q.article_id, q.paragraph, q.start_pos", params)
        events = self.store.rows(
            "SELECT e.*, a.published, a.outlet FROM event_mentions e JOIN articles a ON a.id = e.article_id "
            f"WHERE {e_where} ORDER BY e.article_id, e.paragraph, e.start_pos", params)
        mentions = self._mentions({r["article_id"] for r in quotes} | {r["article_id"] for r in events})
        out = [self._from_quote(r, mentions) for r in quotes]
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
            for m in self.store.rows(
                    "SELECT paragraph, start_pos, end_pos, entity_id FROM mentions "
                    "WHERE article_id = ? AND entity_id IS NOT NULL", (aid,)):
                out.setdefault((aid, m["paragraph"]), []).append(m)
        return out

    def _about(self, article_id: str, paragraph: int, start: int, end: int, text: str, mentions) -> frozenset[str]:
        found = set(self.lexicon.sides_in(text))
        for m in mentions.get((article_id, paragraph), []):
            if m["start_pos"] >= start and m["end_pos"] <= end:
                found.add(m["entity_id"])
                side = self._side(m["entity_id"], None)
                if side:
                    found.add(side)
        return frozenset(found)

    def _entity(self, entity_id: str) -> dict | None:
        if entity_id not in self._entities:
            rows = self.store.rows("SELECT record FROM entities WHERE id = ?", (entity_id,))
            self._entities[entity_id] = json.loads(rows[0]["record"]) if rows else None
        return self._entities[entity_id]

    def _side(self, entity_id: str | None, name: str | None) -> str | None:
        rec = self._entity(entity_id) if entity_id else None
        if rec:
            if rec.get("country"):
                return rec["country"]
            if rec.get("type") == "GPE":
                return rec["name"]
            for role in rec.get("roles") or []:
                side = self.lexicon.side_of(role.get("of"))
                if side:
                    return side
            side = self.lexicon.side_of(rec.get("name"))
            if side:
                return side
        return self.lexicon.side_of(name)

    def _name(self, entity_id: str | None, fallback: str) -> str:
        rec = self._entity(entity_id) if entity_id else None
        return rec["name"] if rec else fallback

    def _from_quote(self, r: dict, mentions) -> Statement:
        text = r["text"]
        eid = r["speaker_entity_id"]
        return Statement(
            kind="quote", id=r["id"], key=r["id"], by_id=eid, by_name=self._name(eid, r["speaker_name"] or ""),
            side=self._side(eid, r["speaker_name"]), text=text, date=r["date"] or _date_of(r["published"]),
            article_id=r["article_id"], paragraph=r["paragraph"], outlet=r["outlet"],
            counter=r["stance"] == "deny" or self.lexicon.is_counter(text),
            terms=self.lexicon.terms_in(text), concepts=self.lexicon.concepts_in(text),
            about=self._about(r["article_id"], r["paragraph"], r["start_pos"], r["end_pos"], text, mentions),
        )

    def _from_event(self, r: dict, mentions) -> Statement:
        actors = json.loads(r["actors"])
        by = next((a for a in actors if a["role"] == "source"), actors[0] if actors else None)
        eid = by["entity_id"] if by else None
        name = by["name"] if by else ""
        text = r["text"]
        return Statement(
            kind="event", id=r["event_id"] or r["id"], key=r["id"], by_id=eid, by_name=self._name(eid, name),
            side=self._side(eid, name), text=text, date=r["date"] or _date_of(r["published"]),
            article_id=r["article_id"], paragraph=r["paragraph"], outlet=r["outlet"],
            counter=r["type"] == "REJECT" or r["status"] == "denied" or self.lexicon.is_counter(text),
            terms=self.lexicon.terms_in(text), concepts=self.lexicon.concepts_in(text),
            about=self._about(r["article_id"], r["paragraph"], r["start_pos"], r["end_pos"], text, mentions),
        )


def side_record(s: Statement) -> dict:
    ref = {"quote_id": s.id} if s.kind == "quote" else {"event_id": s.id}
    return {**ref, "by": {"entity_id": s.by_id, "name": s.by_name}, "text": s.text, "date": s.date,
            "article_id": s.article_id, "paragraph": s.paragraph, "side": s.side}


def dispute_record(claim: Statement, counter: Statement, topic: str, score: int) -> dict:
    return {
        "id": stable_id("dp", claim.key, counter.key),
        "topic": topic,
        "claim": side_record(claim),
        "counter": side_record(counter),
        "outlets": sorted({o for o in (claim.outlet, counter.outlet) if o}),
        "score": score,
    }


def _date_of(published: str | None) -> str | None:
    return published[:10] if published else None


def _day(value: str | None) -> Date | None:
    if value and len(value) >= 10:
        try:
            return Date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _answerable(claim: str, counter: str) -> bool:
    """Within the window, and the counter not more than a day older than the claim."""
    dc, dk = _day(claim), _day(counter)
    if dc and dk:
        return -1 <= (dk - dc).days <= WINDOW_DAYS
    return True
