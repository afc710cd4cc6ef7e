"""Disputes: a claim by one side linked to the counter-claims that contest it.

Statements are the stored quotes and event mentions. A *claim* is an assertion of fact: a quote
with stance assert/promise or an occurred/planned event, and not a conditional, demand or question
(如果…就应该 is no claim). A *counter* contests the CONTENT of a claim: a quote with stance `deny`
or a denial verb as cue, or any statement whose text carries a counter cue (否认, 搞错了,
未达成任何协议 …); a refusal to comment (拒绝透露细节) is none. All cue lists are in
data/disputes.yaml.

A counter contests a claim when (1) the speakers differ, resolved through anaphors (这位官员 is
the previous descriptor of the article) and embedded attributions (X称，…); (2) both sides are
known and differ (a bloc and its members are one side), or, with a side unknown, the counter
denies explicitly in the same or next paragraph; (3) when the counter names whose claim it
contests (马克龙口中, 美方理解错了), the claim comes from that side; and (4) they share a specific
topic (a concept such as 保证/协议, or content words), or only a generic one (入侵) and the counter
cites a claim (说法, 所谓, a quoted term), or the counter refers back (这一说法) within the
paragraph. Each counter keeps its best claims; near-identical claims of one side form one cluster,
and all counters of one side against a cluster form one dispute whose `mentions` list every source.

Incremental: the writer marks articles dirty; at flush each dirty article's statements are
compared with the stored statements dated within ±14 days (one SQL range query); a new dispute
absorbs the stored ones it shares a statement with. Hand-written because no library links claims
and denials in Chinese news; the features follow the usual claim/counter-claim detection practice.
"""

from __future__ import annotations

import json
from datetime import timedelta

from storyline.link.dates import closed_neighbourhood, day_of, in_spans, intersect_spans, merge_spans, subtract_spans
from storyline.link.dispute_graph import WINDOW_DAYS, DisputeGraph, _near
from storyline.link.dispute_rules import (  # re-exported: the linker's public vocabulary
    MAX_CLAIMS, MIN_SCORE, DisputeLexicon, Statement, make_statement, near_duplicate, score_pair,
)
from storyline.store import Store
from storyline.link.dispute_records import _record, merge_records, select_disputes
from storyline.store.writer import dumps

_MEMO_MAX = 50_000  # statements remembered across batches (pure features, see _statement)
# stored statements loaded around a new article's days: its counters' claims (WINDOW_DAYS + 1),
# their near claims (WINDOW_DAYS) and the clusters those belong to (WINDOW_DAYS), with slack
MARGIN_DAYS = 3 * WINDOW_DAYS + 2
__all__ = ["WINDOW_DAYS", "MIN_SCORE", "MAX_CLAIMS", "DisputeLexicon", "DisputeLinker", "Statement",
           "make_statement", "score_pair", "near_duplicate", "select_disputes", "merge_records", "_near"]


class DisputeLinker:
    """Keeps the disputes table equal to the disputes of every stored statement (see the module
    docstrings here and in dispute_graph); the graph lives for the run, filled lazily by date."""

    def __init__(self, store: Store, lexicon: DisputeLexicon | None = None, reports_entity_changes: bool = False) -> None:
        """`reports_entity_changes`: the caller promises to pass every entity id whose stored
        record it rewrites to `entities_changed`, so a flush re-reads only those instead of every
        loaded entity (the Linker does; standalone users get the safe full re-read)."""
        self.store = store
        self._stale: set[str] | None = set() if reports_entity_changes else None
        self.lexicon = lexicon or DisputeLexicon()
        self.graph = DisputeGraph(self.lexicon)
        self.dirty: set[str] = set()
        self._entities: dict[str, dict | None] = {}
        self._entity_articles: dict[str, set[str]] = {}  # entity id -> loaded articles using it
        self._article_of: dict[str, str] = {}  # statement key -> article id
        self._spans: list = []  # merged day spans whose stored statements are in the graph
        self._memo: dict[tuple, Statement] = {}  # make_statement(**kwargs) by its kwargs: pure
        self._recent_days: list = []  # the days the latest flush needed (what `trim` keeps)

    # -- the Linker hooks ----------------------------------------------------------------
    def note(self, article_id: str) -> None:
        self.dirty.add(article_id)

    def forget(self, article_id: str) -> None:
        """The article is being replaced: its statements leave the graph, the disputes they were
        part of are rebuilt without them (its annotations are still stored at this point)."""
        self._refresh_entities()
        self._ensure(self._days([article_id]))
        if article_id not in self.graph.by_article:
            self._load([article_id])
        self.graph.remove_article(article_id)
        self._persist({article_id})

    def trim(self, max_statements: int) -> bool:
        """Between batches (every dispute the graph knows is stored), once it holds more than
        `max_statements`: keep what the latest batch needed and drop the rest, as if it had
        never been loaded (a later batch near those days reloads them). Kept: the articles with
        a statement within MARGIN_DAYS of the latest batch's days, then, until nothing changes,
        every article with a statement within MARGIN_DAYS of a kept statement, so each kept
        statement still has its weeks loaded. Returns whether anything was dropped."""
        g = self.graph
        if self.dirty or g.touched_labels or g.touched_keys or len(g.stmts) <= max_statements:
            return False
        days_of = {a: {g.day[k] for k in keys} - {None} for a, keys in g.by_article.items()}
        keep, spans = closed_neighbourhood(days_of, self._recent_days, timedelta(days=MARGIN_DAYS))
        gone = [a for a in g.by_article if a not in keep]
        if not gone:
            return False
        for aid in gone:
            for k in g.by_article.get(aid, ()):
                self._article_of.pop(k, None)
            g.remove_article(aid)
        g.touched_labels.clear()  # nothing changed in the store: nothing to rewrite
        g.touched_keys.clear()
        self._spans = intersect_spans(spans, self._spans)  # what was loaded, and still is
        gone_set = set(gone)
        for e in list(self._entity_articles):
            self._entity_articles[e] -= gone_set
            if not self._entity_articles[e]:
                del self._entity_articles[e]
                self._entities.pop(e, None)  # no loaded statement uses it: no change to watch
        return True

    def flush(self) -> None:
        self._refresh_entities()
        ids = sorted(self.dirty)
        self._recent_days = self._days(ids)
        self._ensure(self._recent_days)
        for aid in ids:
            self.graph.remove_article(aid)
        self._load(ids)
        self._persist(set(ids))
        self.dirty.clear()

    # -- filling the graph ---------------------------------------------------------------
    def _days(self, article_ids: list[str]) -> list:
        days = []
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for table, col in (("quotes", "q"), ("event_mentions", "q")):
                days += [day_of(r["d"]) for r in self.store.rows(
                    f"SELECT DISTINCT substr(COALESCE({col}.date, a.published), 1, 10) AS d FROM {table} {col} "
                    f"JOIN articles a ON a.id = {col}.article_id WHERE a.id IN ({marks})", tuple(chunk))]
        return [d for d in days if d]

    def _ensure(self, days: list) -> None:
        """Load the stored statements dated within MARGIN_DAYS of `days` not loaded yet (day by
        day: a batch spanning years loads the weeks around its articles, not the years between).

        An article comes in whole, so a loaded article can bring statements dated far outside
        those weeks (a 2022 report quoting a 2020 claim); any of them can be touched (relabelled,
        answered), and its stored disputes are rebuilt from the graph, so the weeks around each
        of them are loaded too, until every statement in the graph has its weeks loaded."""
        margin = timedelta(days=MARGIN_DAYS)
        while days:
            wanted = merge_spans([(d - margin, d + margin) for d in set(days)])
            todo = subtract_spans(wanted, self._spans)
            self._spans = merge_spans(self._spans + wanted)
            found: set[str] = set()
            for a, b in todo:
                for table in ("quotes", "event_mentions"):
                    found |= {r["article_id"] for r in self.store.rows(
                        f"SELECT DISTINCT t.article_id FROM {table} t JOIN articles a ON a.id = t.article_id "
                        "WHERE a.duplicate_of IS NULL AND substr(COALESCE(t.date, a.published), 1, 10) BETWEEN ? AND ?",
                        (a.isoformat(), b.isoformat()))}
            new = sorted(found - self.dirty - set(self.graph.by_article))
            self._load(new)
            days = [d for d in {self.graph.day[k] for a in new for k in self.graph.by_article.get(a, ())}
                    if d is not None and not self._covered(d)]

    def _covered(self, day) -> bool:
        return in_spans(day, self._spans)

    def _load(self, article_ids: list[str]) -> None:
        for i in range(0, len(article_ids), 200):
            chunk = article_ids[i:i + 200]
            marks = ",".join("?" * len(chunk))
            statements = self.statements(f"a.duplicate_of IS NULL AND a.id IN ({marks})", tuple(chunk))
            by_article: dict[str, list[Statement]] = {aid: [] for aid in chunk}
            for s in statements:
                by_article[s.article_id].append(s)
                self._article_of[s.key] = s.article_id
            for aid in chunk:
                self.graph.add_article(aid, by_article[aid])

    def entities_changed(self, entity_ids) -> None:
        """These entities' stored records were rewritten (see `reports_entity_changes`)."""
        if self._stale is not None:
            self._stale.update(entity_ids)

    def _refresh_entities(self) -> None:
        """Entity records change between batches (a country learnt): the statements of loaded
        articles that use a changed entity are rebuilt (their side may differ now)."""
        # by id, in chunks: portable SQL (PostgreSQL has no rowid to find rewritten rows by)
        if self._stale is None:
            known = sorted(self._entities)
        else:
            known = sorted(self._stale.intersection(self._entities))
            self._stale.clear()
        rows = []
        for i in range(0, len(known), 500):
            chunk = known[i:i + 500]
            rows += self.store.rows(
                f"SELECT id, record FROM entities WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk))
        changed = set()
        for row in rows:
            if row["id"] in self._entities:
                rec = json.loads(row["record"])
                if self._entity_sig(rec) != self._entity_sig(self._entities[row["id"]]):
                    changed.add(row["id"])
                self._entities[row["id"]] = rec
        redo = sorted({a for e in changed for a in self._entity_articles.get(e, ())} & set(self.graph.by_article))
        for aid in redo:
            self.graph.remove_article(aid)
        self._load(redo)
        if redo:
            self._persist(set(redo))

    # -- storing disputes ----------------------------------------------------------------
    def _persist(self, articles: set[str]) -> None:
        """Replace the stored disputes of every touched cluster (and of any cluster a stale stored
        record shares a statement with) by the graph's."""
        g = self.graph
        labels, keys = set(g.touched_labels), set(g.touched_keys)
        g.touched_labels.clear()
        g.touched_keys.clear()
        done: set[str] = set()
        while labels - done:
            for lb in sorted(labels - done):
                for c in g.members.get(lb, ()):
                    keys |= {c, *g.backers.get(c, ())}
            done |= labels
            arts = sorted(articles | {self._article_of[k] for k in keys if k in self._article_of})
            for i in range(0, len(arts), 500):
                chunk = arts[i:i + 500]
                for row in self.store.rows(
                        "SELECT DISTINCT d.id, d.record FROM disputes d JOIN dispute_articles x ON x.dispute_id = d.id "
                        f"WHERE x.article_id IN ({','.join('?' * len(chunk))})", tuple(chunk)):
                    rec = json.loads(row["record"])
                    mine = {m["key"] for m in rec["mentions"]}
                    if mine & keys:
                        self._delete(row["id"])
                        keys |= mine
                        labels |= {g.label[k] for k in mine if k in g.label}
                        labels |= {g.label[g.best[k][1]] for k in mine if k in g.best}
        for lb in sorted(labels):
            for claims, camp, pairs in g.groups(lb):
                self._save(_record(claims, camp, pairs))

    def _delete(self, did: str) -> None:
        self.store.execute("DELETE FROM disputes WHERE id = ?", (did,))
        self.store.execute("DELETE FROM dispute_articles WHERE dispute_id = ?", (did,))

    def _save(self, rec: dict) -> None:
        self._delete(rec["id"])
        self.store.execute("INSERT INTO disputes (id, record) VALUES (?,?)", (rec["id"], dumps(rec)))
        self.store.executemany("INSERT INTO dispute_articles (dispute_id, article_id) VALUES (?,?)",
                               [(rec["id"], a) for a in sorted({m["article_id"] for m in rec["mentions"]})])

    # -- loading statements --------------------------------------------------------------
    def statements(self, where: str, params: tuple) -> list[Statement]:
        return self._build(*self._rows(where, params))

    def _rows(self, where: str, params: tuple) -> tuple[list[dict], list[dict]]:
        q_where = where.replace("{d}", "COALESCE(q.date, a.published)")
        e_where = where.replace("{d}", "COALESCE(e.date, a.published)")
        quotes = self.store.rows(
            "SELECT q.*, a.published, a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"WHERE {q_where} ORDER BY q.article_id, q.paragraph, q.start_pos", params)
        events = self.store.rows(
            "SELECT e.*, a.published, a.outlet FROM event_mentions e JOIN articles a ON a.id = e.article_id "
            f"WHERE {e_where} ORDER BY e.article_id, e.paragraph, e.start_pos", params)
        return quotes, events

    def _build(self, quotes: list[dict], events: list[dict]) -> list[Statement]:
        mentions = self._mentions({r["article_id"] for r in quotes} | {r["article_id"] for r in events})
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
            self._entity_articles.setdefault(m["entity_id"], set()).add(aid)
        return found

    def _statement(self, **kwargs) -> Statement:
        """make_statement is a pure function of its arguments (and the lexicon): remember it, so a
        stored statement seen again in the next article's window costs a dict look-up."""
        key = tuple(sorted(kwargs.items()))
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()
            found = self._memo[key] = make_statement(self.lexicon, **kwargs)
        return found

    def _inside(self, r: dict, mentions) -> list[dict]:
        return [m for m in mentions.get((r["article_id"], r["paragraph"]), [])
                if m["start_pos"] >= r["start_pos"] and m["end_pos"] <= r["end_pos"]]

    def _about(self, r: dict, inside: list[dict]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """Sides and entities the text talks about, those it names as the source it contests, and
        the sides of the entities it names."""
        found, cited, sides = set(self.lexicon.sides_in(r["text"])), set(), set()
        for m in inside:
            side = self._side(m["entity_id"], None)
            found |= {m["entity_id"]} | ({side} if side else set())
            sides |= {side} if side else set()
            if self.lexicon.cites_after(r["text"], m["end_pos"] - r["start_pos"]):
                cited |= {m["entity_id"]} | ({side} if side else set())
        return frozenset(found), frozenset(cited), frozenset(sides)

    def _entity(self, entity_id: str) -> dict | None:
        if entity_id not in self._entities:
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

    def _entity_sig(self, rec: dict | None) -> tuple | None:
        """All a statement takes from an entity record (`_name`, `_side`): a record whose other
        fields change (counts, a new role of the same side) needs no statement rebuilt."""
        return (rec["name"], self._record_side(rec)) if rec else None

    def _name(self, entity_id: str | None, fallback: str) -> str:
        rec = self._entity(entity_id) if entity_id else None
        return rec["name"] if rec else fallback

    def _from_quote(self, r: dict, mentions, previous: tuple[str, str | None] | None) -> Statement:
        text, eid, name = r["text"], r["speaker_entity_id"], r["speaker_name"] or ""
        inside = self._inside(r, mentions)
        by_name, side = self._name(eid, name), self._side(eid, name)
        if not eid and previous and self.lexicon.is_anaphor(name):
            by_name, side = previous
        embedded = self.lexicon.embedded_speaker(text)
        if embedded:
            # 马克龙 reported as saying "克里姆林宫发言人佩斯科夫称，…": the embedded speaker speaks
            person = [m for m in inside if m["type"] == "PERSON" and m["end_pos"] - r["start_pos"] <= embedded[1]]
            if person or self.lexicon.side_of(embedded[0]):
                eid = person[0]["entity_id"] if person else None  # the subject, not 向拉夫罗夫说
                by_name, side = self._name(eid, embedded[0]), self._side(eid, embedded[0])
            else:
                embedded = None
        about, cited, parties = self._about(r, inside)
        for e in {eid, r["speaker_entity_id"]} - {None}:
            self._entity_articles.setdefault(e, set()).add(r["article_id"])
        return self._statement(
            kind="quote", id=r["id"], key=r["id"], by_id=eid, by_name=by_name, side=side, text=text,
            date=r["date"] or _date_of(r["published"]), article_id=r["article_id"], paragraph=r["paragraph"],
            outlet=r["outlet"], stance=r["stance"], cue=r["cue"], start=r["start_pos"], about=about, cited=cited,
            embedded=bool(embedded), parties=parties)

    def _from_event(self, r: dict, mentions) -> Statement:
        actors = json.loads(r["actors"])
        by = next((a for a in actors if a["role"] == "source"), actors[0] if actors else None)
        eid = by["entity_id"] if by else None
        name = by["name"] if by else ""
        about, cited, parties = self._about(r, self._inside(r, mentions))
        if eid:
            self._entity_articles.setdefault(eid, set()).add(r["article_id"])
        return self._statement(
            kind="event", id=r["event_id"] or r["id"], key=r["id"], by_id=eid,
            by_name=self._name(eid, name), side=self._side(eid, name), text=r["text"],
            date=r["date"] or _date_of(r["published"]), article_id=r["article_id"], paragraph=r["paragraph"],
            outlet=r["outlet"], event_type=r["type"], status=r["status"], start=r["start_pos"], about=about,
            cited=cited, parties=parties)


def _date_of(published: str | None) -> str | None:
    return published[:10] if published else None
