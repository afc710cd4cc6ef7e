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
from collections import Counter
from datetime import date as Date, timedelta
from functools import lru_cache

from storyline.link.dispute_rules import (  # re-exported: the linker's public vocabulary
    MAX_CLAIMS, MIN_SCORE, DisputeLexicon, Statement, _norm, make_statement, near_duplicate, score_pair,
)
from storyline.store import Store
from storyline.store.writer import dumps, stable_id

WINDOW_DAYS = 14
_MEMO_MAX = 200_000  # statements remembered across batches (pure features, see _statement)


@lru_cache(maxsize=1 << 17)
def _text_features(text: str) -> tuple[str, frozenset[str]]:
    norm = _norm(text)
    return norm, frozenset(norm[i:i + 2] for i in range(len(norm) - 1))


def _near(a: str, b: str) -> bool:
    """`near_duplicate` (dispute_rules) with each text's normal form and bigrams computed once:
    the claim clustering compares the same texts many times. Same rule, same result (a test
    checks the two agree)."""
    na, ga = _text_features(a)
    nb, gb = _text_features(b)
    if not na or not nb:
        return False
    if na in nb or nb in na:
        return min(len(na), len(nb)) >= 6
    return 2 * len(ga & gb) / (len(ga) + len(gb) or 1) >= 0.7
__all__ = ["WINDOW_DAYS", "MIN_SCORE", "MAX_CLAIMS", "DisputeLexicon", "DisputeLinker", "Statement",
           "make_statement", "score_pair", "near_duplicate", "select_disputes", "merge_records"]


class DisputeLinker:
    """Finds disputes for the articles written in a batch; see the module docstring."""

    def __init__(self, store: Store, lexicon: DisputeLexicon | None = None) -> None:
        self.store = store
        self.lexicon = lexicon or DisputeLexicon()
        self.dirty: set[str] = set()
        self._entities: dict[str, dict | None] = {}
        self._memo: dict[tuple, Statement] = {}  # make_statement(**kwargs) by its kwargs: pure
        self._window: tuple[str, str, list[dict], list[dict]] | None = None  # this flush's rows
        self._mention_rows: dict[str, dict[tuple[str, int], list[dict]]] = {}  # this flush's mentions

    # -- the Linker hooks ----------------------------------------------------------------
    def note(self, article_id: str) -> None:
        self.dirty.add(article_id)

    def forget(self, article_id: str) -> None:
        ids = [r["dispute_id"] for r in self.store.rows(
            "SELECT DISTINCT dispute_id FROM dispute_articles WHERE article_id = ?", (article_id,))]
        for did in ids:
            self._delete(did)

    def flush(self) -> None:
        self._entities = {}  # entity records change between batches (new aliases, countries)
        self._mention_rows = {}
        self._window = None
        try:
            self._prefetch(sorted(self.dirty))
            for article_id in sorted(self.dirty):
                self.link_article(article_id)
        finally:
            self._window = None
            self._mention_rows = {}
        self.dirty.clear()

    def _prefetch(self, article_ids: list[str]) -> None:
        """Speed: the stored statements of every dirty article's window, fetched in one range query
        per table for the whole batch (instead of one per article); `link_article` then picks its
        own window from them in Python with exactly the SQL conditions (see `_window_rows`)."""
        los, his = [], []
        for aid in article_ids:
            days = [d for d in (_day(s.date) for s in self.statements("a.id = ?", (aid,))) if d]
            if days:
                los.append((min(days) - timedelta(days=WINDOW_DAYS)).isoformat())
                his.append((max(days) + timedelta(days=WINDOW_DAYS)).isoformat())
        if not los:
            return
        lo, hi = min(los), max(his)
        where = "a.duplicate_of IS NULL AND substr({d}, 1, 10) >= ? AND substr({d}, 1, 10) <= ?"
        quotes, events = self._rows(where, (lo, hi))
        self._window = (lo, hi, quotes, events)

    # -- linking -------------------------------------------------------------------------
    def link_article(self, article_id: str) -> list[dict]:
        new = self.statements("a.id = ?", (article_id,))
        if not new:
            return []
        days = [d for d in (_day(s.date) for s in new) if d]
        old = []
        if days:
            lo = (min(days) - timedelta(days=WINDOW_DAYS)).isoformat()
            hi = (max(days) + timedelta(days=WINDOW_DAYS)).isoformat()
            # a same-month date ("2022-02") sorts inside the day range, so it stays a candidate
            if self._window is not None and self._window[0] <= lo and hi <= self._window[1]:
                old = self._build(*self._window_rows(article_id, lo, hi))
            else:
                old = self.statements(
                    "a.duplicate_of IS NULL AND a.id <> ? AND substr({d}, 1, 10) >= ? AND substr({d}, 1, 10) <= ?",
                    (article_id, lo, hi))
        records = [self._save(rec) for rec in select_disputes(self.lexicon, new + old, article_id)]
        return records

    def _delete(self, did: str) -> None:
        self.store.execute("DELETE FROM disputes WHERE id = ?", (did,))
        self.store.execute("DELETE FROM dispute_articles WHERE dispute_id = ?", (did,))

    def _save(self, rec: dict) -> dict:
        """Store `rec`, first absorbing stored disputes about the same claim from the same side."""
        arts = sorted({m["article_id"] for m in rec["mentions"]})
        marks = ",".join("?" * len(arts))
        for row in self.store.rows(
                "SELECT DISTINCT d.id, d.record FROM disputes d JOIN dispute_articles x ON x.dispute_id = d.id "
                f"WHERE x.article_id IN ({marks})", tuple(arts)):
            old = json.loads(row["record"])
            if old.get("camp") == rec["camp"] and _claim_keys(old) & _claim_keys(rec):
                rec = merge_records(rec, old)
                self._delete(row["id"])
        self._delete(rec["id"])
        self.store.execute("INSERT INTO disputes (id, record) VALUES (?,?)", (rec["id"], dumps(rec)))
        self.store.executemany("INSERT INTO dispute_articles (dispute_id, article_id) VALUES (?,?)",
                               [(rec["id"], a) for a in sorted({m["article_id"] for m in rec["mentions"]})])
        return rec

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

    def _window_rows(self, article_id: str, lo: str, hi: str) -> tuple[list[dict], list[dict]]:
        """The prefetched rows the per-article query would return: `a.id <> ?` and the day range
        on substr(COALESCE(date, published), 1, 10) (SQLite compares text by code point, as Python
        does; NULL never passes), in the same order (the prefetch is ordered the same way)."""
        _lo, _hi, quotes, events = self._window

        def keep(r: dict) -> bool:
            d = r["date"] if r["date"] is not None else r["published"]
            return r["article_id"] != article_id and d is not None and lo <= d[:10] <= hi

        return [r for r in quotes if keep(r)], [r for r in events if keep(r)]

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
        """One article's linked mentions by paragraph; cached for the flush (they do not change)."""
        if aid not in self._mention_rows:
            found: dict[tuple[str, int], list[dict]] = {}
            for m in self.store.rows(
                    "SELECT paragraph, start_pos, end_pos, entity_id, type FROM mentions "
                    "WHERE article_id = ? AND entity_id IS NOT NULL ORDER BY start_pos", (aid,)):
                found.setdefault((aid, m["paragraph"]), []).append(m)
            if self._window is None:
                return found
            self._mention_rows[aid] = found
        return self._mention_rows[aid]

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
        return self._statement(
            kind="event", id=r["event_id"] or r["id"], key=r["id"], by_id=eid,
            by_name=self._name(eid, name), side=self._side(eid, name), text=r["text"],
            date=r["date"] or _date_of(r["published"]), article_id=r["article_id"], paragraph=r["paragraph"],
            outlet=r["outlet"], event_type=r["type"], status=r["status"], start=r["start_pos"], about=about,
            cited=cited, parties=parties)


def select_disputes(lex: DisputeLexicon, pool: list[Statement], article_id: str | None = None) -> list[dict]:
    """Disputes among `pool` touching `article_id` (all when None): per counter its best claim
    clusters; per (claim cluster, counter side) one dispute with every source as a mention."""
    claims = [s for s in pool if s.claim and not s.counter]
    counters = [s for s in pool if s.counter]
    clusters = _clusters(lex, claims)
    groups: dict[tuple[int, str], list[tuple[int, str, Statement, Statement]]] = {}
    in_article = [c for c in claims if c.article_id == article_id] if article_id else claims
    for k in counters:
        options = []
        # speed: only pairs touching `article_id` (a counter elsewhere meets only its claims)
        for c in (claims if not article_id or k.article_id == article_id else in_article):
            if c.date and k.date and not _answerable(c.date, k.date):
                continue
            result = score_pair(c, k, lex)
            if result:
                options.append((result[0], result[1], c))
        if not options:
            continue
        best = max(o[0] for o in options)
        options.sort(key=lambda o: (-o[0], o[2].article_id != k.article_id, abs(o[2].paragraph - k.paragraph), o[2].key))
        taken: list[int] = []
        for score, topic, c in options:
            if score < best or len(taken) >= MAX_CLAIMS:
                break
            if clusters[c.key] not in taken:
                taken.append(clusters[c.key])
                groups.setdefault((clusters[c.key], _camp(k)), []).append((score, topic, c, k))
    members: dict[int, list[Statement]] = {}
    for c in claims:
        members.setdefault(clusters[c.key], []).append(c)
    return [_record(members[cid], camp, pairs) for (cid, camp), pairs in sorted(groups.items(), key=lambda g: g[0][1])]


def _camp(s: Statement) -> str:
    return s.side or f"?{s.by_name}"


def _clusters(lex: DisputeLexicon, claims: list[Statement]) -> dict[str, int]:
    """Claim key -> cluster number: near-identical claims from one side (or one speaker).

    Each claim joins the first earlier head of its camp (or of its speaker) with near-identical
    text. Speed, same result as a scan over all heads: heads are indexed by side, speaker name
    and text bigram. Near-identical texts always share bigrams: either one contains the other
    (then all bigrams of the shorter are shared) or their bigram Dice is >= 0.7; so only heads
    whose shared-bigram count allows one of the two are tested, in head order."""
    out: dict[str, int] = {}
    heads: list[Statement] = []
    by_side: dict[str, list[int]] = {}
    by_name: dict[str, list[int]] = {}
    by_gram: dict[str, list[int]] = {}
    sizes: list[int] = []
    camps: dict[str, list[str]] = {}
    for c in sorted(claims, key=lambda s: (s.article_id, s.paragraph, s.start, s.key)):
        grams = _text_features(c.text)[1]
        found: set[int] = set(by_name.get(c.by_name, ()))
        if c.side:
            if c.side not in camps:
                camps[c.side] = [s for s in {*by_side, c.side} if lex.same_camp(c.side, s)]
            for side in camps[c.side]:
                found.update(by_side.get(side, ()))
        shared: Counter[int] = Counter()
        if found and grams:
            for g in grams:
                shared.update(by_gram.get(g, ()))
        n_c = len(grams)
        for n in sorted(h for h, k in shared.items() if h in found and (
                k == min(n_c, sizes[h]) or 2 * k / (n_c + sizes[h]) >= 0.7)):
            if _near(c.text, heads[n].text):
                out[c.key] = n
                break
        else:
            n = out[c.key] = len(heads)
            heads.append(c)
            sizes.append(n_c)
            for g in grams:
                by_gram.setdefault(g, []).append(n)
            by_name.setdefault(c.by_name, []).append(n)
            if c.side:
                if c.side not in by_side:
                    by_side[c.side] = []
                    camps.clear()  # a new side: camp lists are rebuilt on demand
                by_side[c.side].append(n)
    return out


def _mention(s: Statement, role: str, score: int) -> dict:
    return {"role": role, **side_record(s), "key": s.key, "score": score, "kind": s.kind, "start": s.start,
            "outlet": s.outlet, "embedded": s.embedded}


def _record(cluster: list[Statement], camp: str, pairs: list[tuple[int, str, Statement, Statement]]) -> dict:
    scores: dict[str, int] = {}
    for score, _, c, k in pairs:
        scores[c.key] = max(scores.get(c.key, 0), score)
        scores[k.key] = max(scores.get(k.key, 0), score)
    mentions = [_mention(c, "claim", scores.get(c.key, 0)) for c in cluster]
    mentions += [_mention(k, "counter", scores[k.key]) for k in {p[3].key: p[3] for p in pairs}.values()]
    # shown: what the other side said (a quote, in its own words) before a narrated event
    score, topic, claim, counter = min(pairs, key=lambda p: (
        p[3].kind != "quote", p[3].embedded, -p[0], p[2].article_id != p[3].article_id,
        abs(p[2].paragraph - p[3].paragraph), p[2].key, p[3].key))
    return _finish({"topic": topic, "claim": side_record(claim), "counter": side_record(counter), "score": score,
                    "camp": camp, "mentions": mentions})


def _finish(rec: dict) -> dict:
    ms = sorted(rec["mentions"], key=lambda m: (m["role"], m["article_id"], m["paragraph"], m["start"], m["key"]))
    rec["mentions"] = ms
    rec["outlets"] = sorted({m["outlet"] for m in ms if m.get("outlet")})
    rec["id"] = stable_id("dp", min(m["key"] for m in ms if m["role"] == "claim"), rec["camp"])
    order = ("id", "topic", "claim", "counter", "outlets", "score", "camp", "mentions")
    return {k: rec[k] for k in order}


def merge_records(new: dict, old: dict) -> dict:
    """One dispute from two computed at different times: every mention, the stronger pair shown."""
    seen = {(m["role"], m["key"]): m for m in old["mentions"]}
    for m in new["mentions"]:
        prev = seen.get((m["role"], m["key"]))
        seen[(m["role"], m["key"])] = m if prev is None or m["score"] >= prev["score"] else prev
    best = new if new["score"] >= old["score"] else old
    return _finish({**best, "mentions": list(seen.values())})


def _claim_keys(rec: dict) -> set[str]:
    return {m["key"] for m in rec.get("mentions", []) if m["role"] == "claim"}


def side_record(s: Statement) -> dict:
    ref = {"quote_id": s.id} if s.kind == "quote" else {"event_id": s.id}
    return {**ref, "by": {"entity_id": s.by_id, "name": s.by_name}, "text": s.text, "date": s.date,
            "article_id": s.article_id, "paragraph": s.paragraph, "side": s.side}


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
