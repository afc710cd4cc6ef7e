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
paragraph. Each counter keeps its best claim; near-identical claims of one side form one cluster,
and all counters of one side against a cluster form one dispute whose `mentions` list every source
(definitions in dispute_graph, relations in dispute_index).

Incremental, with the graph's state in the store (link.disputes.state): each claim keeps its
label, each counter its best claim. The writer queues the articles it stores; `link_all` then
(1) gives each queued article fresh nodes and its own relations (any dates), and (2) visits the
days of the new statements in order, comparing each with the statements dated within
WINDOW_DAYS of it (link.disputes.window: stored or new, loaded once per sweep), and folds what it
finds into the stored labels and best claims; every few days it rebuilds the disputes of the
clusters that changed and takes the articles it has finished off the queue, in one transaction.
Memory is a month of statements and a new article costs its own window, however large the
store. A killed run leaves its unfinished articles queued; linking them again gives the same state.
Before that, while the ingest writer waits for analysed files, `build_ahead` builds and caches
the queued articles' statements (link.disputes.cache), so `link_all` reads them instead.

Hand-written because no library links claims and denials in Chinese news; the features follow
the usual claim/counter-claim detection practice.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date as Date
from typing import Callable

from storyline.link.dates import day_of
from storyline.link.day_index import ordinal
from storyline.link.disputes.cache import StatementCache
from storyline.link.disputes.graph import WINDOW_DAYS, _near
from storyline.link.disputes.index import Option, StatementIndex, is_claim, near_pair, option
from storyline.link.disputes.persist import DisputeWriter
from storyline.link.disputes.pairing import score_pair  # re-exported, as the rules below
from storyline.link.disputes.rules import (  # re-exported: the linker's public vocabulary
    MAX_CLAIMS, MIN_SCORE, DisputeLexicon, Statement, make_statement, near_duplicate,
)
from storyline.link.disputes.records import merge_records, select_disputes
from storyline.link.disputes.state import DisputeState, Node, node_of
from storyline.link.disputes.statements import StatementSource
from storyline.link.disputes.stream import StoredStream, chunks, offer, probe
from storyline.link.disputes.window import KEEP, Window
from storyline.store import Store, linked

QUEUE = "dispute"  # link_queue kind: articles whose disputes are not linked yet
PREPARE = 200  # queued articles given their nodes per transaction
BUILT_MAX = 40_000  # statements of recently built articles kept (_statements_of)
STEP_KEYS = 4000  # new statements swept between two commits (and dispute rebuilds)
__all__ = ["WINDOW_DAYS", "MIN_SCORE", "MAX_CLAIMS", "DisputeLexicon", "DisputeLinker", "Statement",
           "make_statement", "score_pair", "near_duplicate", "select_disputes", "merge_records", "_near"]


class DisputeLinker(StatementSource):
    """Keeps the disputes table equal to the disputes of every stored statement (module
    docstring); holds nothing between calls but a memo of built statements."""

    def __init__(self, store: Store, lexicon: DisputeLexicon | None = None) -> None:
        self.store = store
        self.lexicon = lexicon or DisputeLexicon()
        self.state = DisputeState(store)
        self.dirty: set[str] = set()
        self._entities: dict[str, dict | None] = {}
        self.cache = StatementCache(store, self.lexicon)
        self._asked: set[str] | None = None
        self._memo: dict[tuple, Statement] = {}  # make_statement(**kwargs) by its kwargs: pure
        self._shared: dict = {}  # texts and feature sets held once across statements (_sharing)
        self._unqueued: set[str] = set()  # noted, not yet in the link queue
        self._built: OrderedDict[str, list[Statement]] = OrderedDict()  # article -> statements, recent last
        self._built_size = 0  # statements in _built
        self._ahead: list[str] = []  # noted articles build_ahead may build (most recent last)
        self._none: set[str] = set()  # built ahead with no claim or counter (never cached)
        self.peak_window = 0  # most statements a sweep held at once (bench, tests)
        self.window_keep = KEEP  # statements the sweep's window holds before it drops past days
        self.streamed = 0  # stored statements the sweeps probed (bench, tests)
        self.write_records = True  # False: keep the state only (an import brings its own records)
        # a killed ingest's queue: linked by the next run, like this run's articles
        self.dirty |= set(linked.queued(store, QUEUE))

    # -- the Linker hooks ----------------------------------------------------------------
    def note(self, article_id: str) -> None:
        self.dirty.add(article_id)
        self._unqueued.add(article_id)
        self._ahead.append(article_id)

    def build_ahead(self, limit: int) -> int:
        """While the writer waits for analysed articles (between batches): build and cache the
        statements of up to `limit` noted articles, so that link_all, the writer's work after
        the last batch, reads them from the cache instead of building them then. The cache
        keeps them valid until then (dispute_cache: a replaced article's row goes, a changed
        speaker's rows go); an article with none is remembered instead (whether a statement
        is a claim or a counter depends on its own row alone). Returns how many were taken
        (0: none left)."""
        taken = [self._ahead.pop() for _ in range(min(limit, len(self._ahead)))]
        todo = self.cache.uncached(taken)
        if todo:
            with self.store.transaction():
                built = self._build_and_cache(todo)
            self._none |= {a for a, found in built.items() if not found}  # duplicates too: none
        return len(taken)

    def queue(self) -> None:
        """Write the noted articles to the store's link queue (in the caller's transaction: a
        batch and its queue entries are stored together)."""
        linked.enqueue(self.store, QUEUE, sorted(self._unqueued))
        self._unqueued.clear()

    def forget(self, article_id: str) -> None:
        """The article is being replaced: its nodes go, and the disputes they were part of are
        rebuilt without them. A claim labelled by one of its claims, or a counter whose best
        claim was one of them, is reset and its article queued again (linking it anew finds
        its next label / best claim)."""
        self._forget_built()  # built before the batch that replaces the article
        self._none.discard(article_id)
        gone = self.state.delete_articles([article_id])
        claims = [n.key for n in gone if n.role == "claim"]
        labelled = [n for ns in self.state.members(claims).values() for n in ns]
        backing = [n for ns in self.state.backers(claims).values() for n in ns]
        self.state.set_labels({n.key: n.key for n in labelled})
        self.state.set_bests({n.key: None for n in backing})
        for aid in sorted({n.article_id for n in labelled + backing} - {article_id}):
            self.note(aid)
        self._writer().persist({n.key for n in gone + labelled + backing}, {article_id})

    def trim(self, max_statements: int) -> bool:
        """Between batches: the memo of built statements is pure, so it is dropped once it
        holds more than `max_statements` (nothing else outlives a call)."""
        if len(self._memo) <= max_statements:
            return False
        self._memo.clear()
        self._shared.clear()
        self._forget_built()
        return True

    def flush(self) -> None:
        """Link every queued article now (standalone use, in the caller's transaction)."""
        self.link_all()

    # -- linking -------------------------------------------------------------------------
    def link_all(self, on_done: Callable[[int], None] | None = None) -> None:
        """Link the queued articles (module docstring), a transaction per step;
        `on_done(n)` is told how many articles each step took off the queue."""
        try:
            self._link_all(on_done)
        finally:  # the articles built ahead are linked now (or the run ends)
            self._ahead.clear()
            self._none.clear()

    def _link_all(self, on_done: Callable[[int], None] | None) -> None:
        self.queue()
        ids = sorted(self.dirty)
        if not ids:
            return
        self._entities.clear()  # read again: the batches may have rewritten them since
        self._forget_built()
        plan: dict[int, list[str]] = {}  # day -> new claims and counters dated that day
        plan_articles: dict[int, set[str]] = {}  # day -> the articles of those
        last: dict[str, int] = {}  # article -> its last such day
        for i in range(0, len(ids), PREPARE):
            chunk = ids[i:i + PREPARE]
            with self.store.transaction():
                done = self._prepare(chunk, plan, plan_articles, last)
                self._finish(done, on_done)
        days = sorted(plan)
        by_last = sorted(last, key=lambda a: (last[a], a))  # articles in the order the sweep finishes them
        window = Window(self.lexicon, _planned(plan_articles), self._statements_of, self.window_keep)
        # this run's articles, fixed: finished ones leave `dirty` but are never stored ones here
        stored = StoredStream(self.state.articles_dated, self._statements_of, set(self.dirty))
        todo = chunks(days)
        finished, more, reached = 0, True, 0
        while more:
            with self.store.transaction():
                changed: set[str] = set()
                size = 0
                while size < STEP_KEYS:
                    chunk = next(todo, None)
                    if chunk is None:
                        more = False
                        break
                    size += self._sweep_chunk(window, stored, plan, chunk, changed)
                    reached = chunk[1]
                self._writer(window.index).persist(changed, set())
                done = finished
                # an article is finished once the stored days within WINDOW_DAYS of its last are swept
                while done < len(by_last) and (not more or last[by_last[done]] + WINDOW_DAYS <= reached):
                    done += 1
                self._finish(by_last[finished:done], on_done)
                finished = done
        self.streamed += stored.streamed

    def _sweep_chunk(self, window: Window, stored: StoredStream, plan: dict[int, list[str]],
                     chunk: tuple[int, int], changed: set[str]) -> int:
        """Sweep the days of one chunk in order: each day's new statements against the window,
        then its stored ones streamed past it. Returns how many statements it swept."""
        first, last = chunk
        old = stored.days(first, last)
        size = 0
        for day in sorted({d for d in plan if first <= d <= last} | set(old)):
            window.cover(day)
            self.peak_window = max(self.peak_window, len(window))
            new = plan.pop(day, [])
            changed |= self._sweep(window.index, day, new)
            edges: set[tuple[str, str]] = set()
            offers: dict[str, Option] = {}
            probe(self.lexicon, window.index, day, old.get(day, []), edges, offers)
            changed |= self._fold(edges, offers)
            size += len(new) + len(old.get(day, []))
        return size

    def _finish(self, articles: list[str], on_done) -> None:
        linked.dequeue(self.store, QUEUE, sorted(articles))
        self.dirty -= set(articles)
        if on_done and articles:
            on_done(len(articles))

    def _prepare(self, ids: list[str], plan: dict[int, list[str]], plan_articles: dict[int, set[str]],
                 last: dict[str, int]) -> list[str]:
        """Fresh nodes for these queued articles, with the relations within each article (whatever
        the dates); returns the articles with nothing left to sweep (their disputes rebuilt)."""
        by_article: dict[str, list[Statement]] = {a: [] for a in ids}
        for s in self._statements_of(ids):
            by_article[s.article_id].append(s)
        nodes: list[Node] = []
        edges: set[tuple[str, str]] = set()
        undated: set[str] = set()
        for aid, statements in by_article.items():
            mine = {n.key: n for s in statements if (n := node_of(s, ordinal(day_of(s.date))))}
            claims = [s for s in statements if s.key in mine and mine[s.key].role == "claim"]
            for i, s in enumerate(claims):  # each pair once: the relation is symmetric
                for o in claims[:i]:
                    if near_pair(self.lexicon, s, o):
                        edges.add((s.key, o.key))
                        for x, y in ((s.key, o.key), (o.key, s.key)):  # labels: the first near claim
                            if mine[y].order() < mine[mine[x].label].order():
                                mine[x].label = y
            for s in statements:
                node = mine.get(s.key)
                if node is None:
                    continue
                if node.role == "counter":
                    options = [o for o in (option(self.lexicon, s, c) for c in claims) if o]
                    if options:
                        _set_best(node, min(options))
                if node.day is None:
                    undated.add(s.key)
                else:
                    plan.setdefault(node.day, []).append(s.key)
                    plan_articles.setdefault(node.day, set()).add(aid)
                    last[aid] = max(last.get(aid, node.day), node.day)
            nodes += mine.values()
        self.state.replace(nodes)
        self.state.add_edges(edges)
        done = [a for a in ids if a not in last]
        self._writer().persist(undated | {n.key for n in nodes if n.article_id in done}, set(done))
        return done

    def _sweep(self, index: StatementIndex, day: int, keys: list[str]) -> set[str]:
        """Compare one day's new statements with the window's new statements of other articles
        (their own article's were compared by `_prepare`, the stored ones meet them in `probe`);
        fold what is found into the stored state. Returns the keys whose state changed."""
        edges: set[tuple[str, str]] = set()
        offers: dict[str, Option] = {}
        compared = _Compared(index, day)
        for k in keys:
            s = index.stmts.get(k)
            if s is None:  # its article became a duplicate, or was replaced, since it was queued
                continue
            if is_claim(s):
                edges |= {(k, n) for n in index.near_claims(k, compared, own_article=False)}
                compared.today.add(k)
            if s.counter:  # a new claim meets the counters of later days when they are swept
                options = index.options(k, index.claims_for(k, own_article=False))
                if options:
                    offer(offers, k, min(options))
        return set(keys) | self._fold(edges, offers)

    def _fold(self, edges: set[tuple[str, str]], offers: dict[str, Option]) -> set[str]:
        """Lower labels along the new edges and offer the new options; store what changed."""
        nodes = self.state.nodes({k for e in edges for k in e} | set(offers))
        nodes.update(self.state.nodes({n.label for n in nodes.values() if n.label} - set(nodes)))
        labels: dict[str, str] = {}
        for a, b in sorted(edges):
            for x, y in ((a, b), (b, a)):
                node, other = nodes.get(x), nodes.get(y)
                if node is None or other is None:
                    continue
                current = nodes.get(node.label)
                if current is None or other.order() < current.order():
                    node.label = labels[x] = y
        bests: dict[str, Option | None] = {}
        for q, found in offers.items():
            node = nodes.get(q)
            if node is not None and (node.rank() is None or found[0] < node.rank()):
                _set_best(node, found)
                bests[q] = found
        self.state.add_edges(edges)
        self.state.set_labels(labels)
        self.state.set_bests(bests)
        return set(labels) | set(bests)

    # -- reading the store ---------------------------------------------------------------
    def _statements_of(self, ids: list[str]) -> list[Statement]:
        """These articles' claims and counters (the statements that become nodes; none for a
        duplicate): the recently built ones from
        `_built` (the sweep's window reads an article once per few days it spans, and the
        disputes it rebuilds read their articles again), then the store's cache, then built
        from the rows (and cached, when in a transaction)."""
        out, missing = [], []
        for a in ids:
            hit = self._built.get(a)
            if hit is None:
                missing.append(a)
            else:
                self._built.move_to_end(a)
                out += hit
        if not missing:
            return out
        found = self.cache.get(missing)
        found.update((a, []) for a in missing if a in self._none and a not in found)
        todo = [a for a in missing if a not in found]
        if todo:
            found.update(self._build_and_cache(todo))
        for a in missing:
            self._built[a] = found[a]
            self._built_size += len(found[a])
            out += found[a]
        while self._built_size > BUILT_MAX and len(self._built) > 1:
            self._built_size -= len(self._built.popitem(last=False)[1])
        return out

    def _build_and_cache(self, ids: list[str]) -> dict[str, list[Statement]]:
        """These articles' claims and counters built from their rows, and cached when in a
        transaction (an article with none is never read again: not cached)."""
        built, asked = self.claims_and_counters(ids)
        if self.store.in_transaction:
            self.cache.put({a: found for a, found in built.items() if found}, self.speakers(asked))
        return built

    def entities_saved(self, records: list[dict]) -> None:
        """Entity records are about to be saved: cached statements built with another name or
        side of one of them are dropped (dispute_cache)."""
        self._entities.clear()
        dropped: set[str] = set()
        self.cache.speakers_changed({r["id"]: (r["name"], self._record_side(r)) for r in records}, dropped)
        # this run's queued articles among them are built again while the writer waits for the
        # workers (build_ahead), not after the last batch, alone on one core: an entity whose
        # name or side changes drops the rows of every article that mentions it
        self._ahead += sorted(dropped & self.dirty)

    def _forget_built(self) -> None:
        self._built.clear()
        self._built_size = 0

    def _writer(self, index: StatementIndex | None = None) -> DisputeWriter:
        return DisputeWriter(self.store, self.state, self._statements_of, index, enabled=self.write_records)


class _Compared:
    """The new claims a new claim of `day` is compared with for near pairs: those swept before it
    (a pair of new claims is found once, by the later of the two)."""

    def __init__(self, index: StatementIndex, day: int) -> None:
        self.index, self.day = index, day
        self.today: set[str] = set()

    def __contains__(self, key: object) -> bool:
        return self.index.ord[key] < self.day or key in self.today


def _planned(plan_articles: dict[int, set[str]]) -> Callable[[Date, Date], set[str]]:
    """The window's `articles_dated` over the new statements' days."""
    def dated(first: Date, last: Date) -> set[str]:
        return {a for d in range(first.toordinal(), last.toordinal() + 1) for a in plan_articles.get(d, ())}
    return dated


def _set_best(node: Node, found: Option) -> None:
    rank, node.best, node.score, node.topic = found
    node.other_article, node.distance = bool(rank[1]), rank[2]
