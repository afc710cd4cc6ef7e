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

Incremental: the writer marks articles dirty and queues them in the store (`queue`, in the
batch's transaction); `link` then compares the queued articles' statements, in date order and a
chunk at a time, with the stored statements dated within ±14 days; a new dispute absorbs the
stored ones it shares a statement with. Date order is what makes a long ingest cheap: the weeks
around one chunk are mostly those of the next, so each stored statement enters the graph about
once, where linking every batch as it came read the same weeks back batch after batch.

Hand-written because no library links claims and denials in Chinese news; the features follow
the usual claim/counter-claim detection practice.
"""

from __future__ import annotations

import json
from datetime import date as Date, timedelta

from storyline.link.dates import day_of, in_spans, intersect_spans, merge_spans, subtract_spans
from storyline.link.dispute_graph import WINDOW_DAYS, DisputeGraph, _near
from storyline.link.dispute_rules import (  # re-exported: the linker's public vocabulary
    MAX_CLAIMS, MIN_SCORE, DisputeLexicon, Statement, make_statement, near_duplicate, score_pair,
)
from storyline.store import Store, linked
from storyline.link.dispute_records import _record, merge_records, select_disputes
from storyline.link.dispute_statements import StatementSource
from storyline.store.writer import dumps

# stored statements loaded around a new article's days: its counters' claims (WINDOW_DAYS + 1),
# their near claims (WINDOW_DAYS) and the clusters those belong to (WINDOW_DAYS), with slack
MARGIN_DAYS = 3 * WINDOW_DAYS + 2
QUEUE = "dispute"  # link_queue kind: articles whose disputes are not linked yet
CHUNK = 200  # dirty articles linked together (one transaction each when the ingest writer drives)
__all__ = ["WINDOW_DAYS", "MIN_SCORE", "MAX_CLAIMS", "DisputeLexicon", "DisputeLinker", "Statement",
           "make_statement", "score_pair", "near_duplicate", "select_disputes", "merge_records", "_near"]


class DisputeLinker(StatementSource):
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
        self._shared: dict = {}  # texts and feature sets held once across statements (_sharing)
        self._recent_days: list = []  # the days the latest flush needed (what `trim` keeps)
        self._unqueued: set[str] = set()  # noted, not yet in the link queue
        # a killed ingest's queue: linked by the next flush, like this run's articles
        self.dirty |= set(linked.queued(store, QUEUE))

    # -- the Linker hooks ----------------------------------------------------------------
    def note(self, article_id: str) -> None:
        self.dirty.add(article_id)
        self._unqueued.add(article_id)

    def queue(self) -> None:
        """Write the noted articles to the store's link queue (in the caller's transaction: a
        batch and its queue entries are stored together)."""
        linked.enqueue(self.store, QUEUE, sorted(self._unqueued))
        self._unqueued.clear()

    def chunks(self, size: int = CHUNK) -> list[list[str]]:
        """The dirty articles in date order (each by its earliest statement day; undated last),
        `size` at a time: what `link` takes."""
        ids = sorted(self.dirty)
        first: dict[str, str] = {}
        for aid, day in self._article_days(ids):
            if aid not in first or day < first[aid]:
                first[aid] = day
        ordered = sorted(ids, key=lambda a: (a not in first, first.get(a, ""), a))
        return [ordered[i:i + size] for i in range(0, len(ordered), size)]

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
        `max_statements`: keep the articles with a statement within MARGIN_DAYS of the latest
        batch's days and drop the rest, as if they had never been loaded (a later batch near
        those days reloads them). Returns whether anything was dropped."""
        g = self.graph
        if len(self._memo) > max_statements:  # pure, so always safe to drop; it grew without bound
            self._memo.clear()
            self._shared.clear()
        # dirty articles are never in the graph between flushes: only unsaved changes block a trim
        if g.touched_labels or g.touched_keys or len(g.stmts) <= max_statements:
            return False
        days_of = {a: {g.day[k] for k in keys} - {None} for a, keys in g.by_article.items()}
        margin = timedelta(days=MARGIN_DAYS)
        spans = merge_spans([(d - margin, d + margin) for d in set(self._recent_days)])
        keep = {a for a, days in days_of.items() if any(in_spans(d, spans) for d in days)}
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
        """Link every dirty article now (standalone use; the ingest writer queues and links
        chunk by chunk, each in its own transaction, see Linker.finish)."""
        self.queue()
        for chunk in self.chunks():
            self.link(chunk)

    def link(self, ids: list[str]) -> None:
        """Compare these dirty articles with the stored statements and store their disputes;
        they leave the queue (in the caller's transaction)."""
        self._refresh_entities()
        self._recent_days = self._days(ids)
        self._ensure(self._recent_days)
        for aid in ids:
            self.graph.remove_article(aid)
        self._load(ids)
        self._persist(set(ids))
        self.dirty -= set(ids)
        linked.dequeue(self.store, QUEUE, ids)

    # -- filling the graph ---------------------------------------------------------------
    def _article_days(self, article_ids: list[str]) -> list[tuple[str, str]]:
        """(article, day) of every dated statement of these articles (ISO days)."""
        out = []
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for table in ("quotes", "event_mentions"):
                out += [(r["article_id"], r["d"]) for r in self.store.rows(
                    f"SELECT DISTINCT t.article_id, substr(COALESCE(t.date, a.published), 1, 10) AS d FROM {table} t "
                    f"JOIN articles a ON a.id = t.article_id WHERE a.id IN ({marks})", tuple(chunk)) if day_of(r["d"])]
        return out

    def _days(self, article_ids: list[str]) -> list:
        return sorted({day_of(d) for _, d in self._article_days(article_ids)})

    def _ensure(self, days: list) -> None:
        """Load the stored statements dated within MARGIN_DAYS of `days` not loaded yet (day by
        day: a batch spanning years loads the weeks around its articles, not the years between).
        Loading changes nothing in the store (its disputes were built from those statements), so
        it marks nothing to rewrite; a loaded article's statements dated far from those weeks
        get their own weeks loaded only if a change reaches them (`_persist`)."""
        if not days:
            return
        margin = timedelta(days=MARGIN_DAYS)
        wanted = merge_spans([(d - margin, d + margin) for d in set(days)])
        todo = subtract_spans(wanted, self._spans)
        self._spans = merge_spans(self._spans + wanted)
        found: set[str] = set()
        for a, b in todo:
            found |= self._articles_dated(a, b)
        self._load_quietly(sorted(found - self.dirty - set(self.graph.by_article)))

    def _articles_dated(self, first: Date, last: Date) -> set[str]:
        """Articles (not duplicates) with a statement whose day, its own date or else its
        article's publication date, lies in [first, last]. The rule is the prefix test
        `substr(day, 1, 10) BETWEEN first AND last`; the range on the column before it lets the
        date indexes find the candidates: any value passing the test sorts at or after `first`'s
        month and before the day after `last` (digits decide: SQLite's order, PostgreSQL's C and usual
        collations alike). Without them each call read every quote and event mention of the store."""
        rule = "substr({d}, 1, 10) BETWEEN ? AND ? AND {d} >= ? AND {d} < ?"
        args = (first.isoformat(), last.isoformat(), first.isoformat()[:7], (last + timedelta(days=1)).isoformat())
        found: set[str] = set()
        for table in ("quotes", "event_mentions"):
            found |= {r["article_id"] for r in self.store.rows(
                f"SELECT DISTINCT t.article_id FROM {table} t JOIN articles a ON a.id = t.article_id "
                f"WHERE a.duplicate_of IS NULL AND {rule.format(d='t.date')}", args)}
            found |= {r["article_id"] for r in self.store.rows(
                f"SELECT DISTINCT t.article_id FROM articles a JOIN {table} t ON t.article_id = a.id "
                f"WHERE a.duplicate_of IS NULL AND t.date IS NULL AND {rule.format(d='a.published')}", args)}
        return found

    def _load_quietly(self, article_ids: list[str]) -> None:
        g = self.graph
        labels, keys = set(g.touched_labels), set(g.touched_keys)
        self._load(article_ids)
        g.touched_labels, g.touched_keys = labels, keys

    def _complete(self, keys: set[str], changed: set[str]) -> None:
        """Before disputes are rebuilt from these statements: their articles and the weeks
        around their days are in the graph (a claim reached through its own article can lie
        far from the batch's days). `changed` articles are as the caller left them (a forgotten
        one is out of the graph on purpose)."""
        g = self.graph
        missing = sorted({self._article_of[k] for k in keys if k not in g.stmts and k in self._article_of}
                         - set(g.by_article) - self.dirty - changed)
        self._load_quietly(missing)
        self._ensure([d for d in {g.day.get(k) for k in keys} if d is not None and not self._covered(d)])

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
        changed = set(articles)
        labels, keys = set(g.touched_labels), set(g.touched_keys)
        g.touched_labels.clear()
        g.touched_keys.clear()
        done_labels: set[str] = set()
        done_keys: set[str] = set()
        while labels - done_labels or keys - done_keys:
            for lb in sorted(labels - done_labels):
                for c in g.members.get(lb, ()):
                    keys |= {c, *g.backers.get(c, ())}
            done_labels |= labels
            todo = keys - done_keys
            self._complete(todo, changed)
            done_keys |= todo
            labels |= {g.label[k] for k in todo if k in g.label}
            labels |= {g.label[g.best[k][1]] for k in todo if k in g.best}
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
                        for m in rec["mentions"]:
                            self._article_of.setdefault(m["key"], m["article_id"])
                        keys |= mine
                        labels |= {g.label[k] for k in mine if k in g.label}
                        labels |= {g.label[g.best[k][1]] for k in mine if k in g.best}
            articles = set()  # searched once; later rounds search the articles of new keys
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
