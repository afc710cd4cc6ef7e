"""Per-event framing: for one real-world event, which outlets report it and how each tells it.

An *event group* is a set of articles about one event. Groups come from a tag file (a TSV of
`relative_path <tab> event`, such as ../shared/corpus2/EVENTS.tsv: an article belongs to a group
when its stored path is the tagged path or ends with "/" + it) or, without one, from the store's
merged events that at least `min_outlets` compared outlets report (the articles of its mentions).

Per group: one `event_coverage` record (the reporting outlets, and the compared outlets that were
publishing within `window_days` of the group's first date but did not report it), and per
reporting outlet one `event_framing` record with
- `words`: the words the outlet uses for this event more than the other reporting outlets do, by
  the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
  "Fightin' Words"): the prior is the group's own word counts, so a word every outlet writes
  about the event (峰会 for a summit) scores ~0 and only what sets the outlet apart comes first;
- `voices`: whose statements the outlet quotes in these articles (speaker, count);
- `scare_quotes`: the short terms it writes inside quotation marks there (“特别军事行动”);
- `articles`: the articles (id, title, date) for links.

Words are the segmenter's nouns, verbs and adjectives (rjieba, as the dispute topics), in
Simplified script, off the stop list of data/framing.yaml; proper names are left to the name
variants. Hand-written: the log-odds is a few lines and no library computes it on our tallies.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date as Date, timedelta
from pathlib import Path

import rjieba

from storyline.link.framing.corpus import QUOTED, Corpus, FramingSettings, record
from storyline.store import Store

CONTENT_POS = ("n", "v", "a")  # tag prefixes of the words a framing is made of
NAME_POS = ("nr", "ns", "nt", "nz")  # proper names: said by the name variants, not here
# the prior weighs half as much as the group's own counts: heavier, and one event's few articles
# never set a word apart; lighter, and one article's repeated word does
PRIOR_WEIGHT = 0.5
MIN_Z = 1.0  # a distinctive word's log-odds z-score at least


@dataclass
class EventGroup:
    label: str
    article_ids: list[str]
    date: str | None = None
    event_id: str | None = None  # the merged event the group was made from, for links


def read_groups(path: str | Path) -> dict[str, list[str]]:
    """A tag file (relative_path <tab> event, a header line first) as event -> relative paths."""
    groups: dict[str, list[str]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row.get("relative_path") and row.get("event"):
                groups[row["event"].strip()].append(row["relative_path"].strip())
    return dict(groups)


def tagged_groups(corpus: Corpus, tags: dict[str, list[str]]) -> list[EventGroup]:
    """The compared articles of each tagged event (a path matches when the stored path is it or
    ends with "/" + it)."""
    by_path: dict[str, list[str]] = defaultdict(list)
    for r in corpus.store.iter_rows("SELECT id, path FROM articles WHERE duplicate_of IS NULL ORDER BY id"):
        if r["id"] in corpus.outlet_of:
            by_path[r["path"]].append(r["id"])
    suffix: dict[str, list[str]] = defaultdict(list)  # every "/"-suffix of a stored path -> ids
    for path, ids in by_path.items():
        parts = path.split("/")
        for i in range(len(parts)):
            suffix["/".join(parts[i:])] += ids
    out = []
    for label in sorted(tags):
        ids = sorted({a for rel in tags[label] for a in suffix.get(rel.strip("/"), [])})
        if ids:
            out.append(EventGroup(label, ids, date=label[:10] if label[:4].isdigit() else None))
    return out


def merged_groups(store: Store, corpus: Corpus, min_outlets: int, limit: int) -> list[EventGroup]:
    """The merged events at least `min_outlets` compared outlets report, most outlets first (an
    event stored before its corroboration was counted has no `sources`: counted here)."""
    found = []
    for r in store.iter_rows("SELECT id, date, record FROM events WHERE sources >= ? OR sources IS NULL ORDER BY id",
                             (min_outlets,)):
        event = json.loads(r["record"])
        ids = sorted({m["article_id"] for m in event["mentions"] if m["article_id"] in corpus.outlet_of})
        outlets = {corpus.outlet_of[a] for a in ids}
        if len(outlets) >= min_outlets:
            label = " ".join(x for x in (r["date"], event.get("summary") or event["type"]) if x)
            found.append((len(outlets), len(ids), EventGroup(label, ids, date=r["date"], event_id=r["id"])))
    found.sort(key=lambda x: (-x[0], -x[1], x[2].label))
    return [g for *_, g in found[:limit]]


def event_framing(store: Store, corpus: Corpus, settings: FramingSettings, groups: list[EventGroup],
                  top: int = 8) -> list[dict]:
    out = []
    for g in groups:
        out += _group_records(store, corpus, settings, g, top)
    return out


def _group_records(store: Store, corpus: Corpus, settings: FramingSettings, g: EventGroup, top: int) -> list[dict]:
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for a in g.article_ids:
        by_outlet[corpus.outlet_of[a]].append(a)
    paras = corpus.paragraphs(set(g.article_ids))
    words: dict[str, Counter] = {o: Counter() for o in by_outlet}
    quoted: dict[str, Counter] = {o: Counter() for o in by_outlet}
    for o, ids in by_outlet.items():
        for a in ids:
            for text in paras.get(a, []):
                words[o].update(w for w, pos in rjieba.tag(text) if _content(w, pos, settings))
                quoted[o].update(m.group(1) for m in QUOTED.finditer(text) if m.group(1) not in settings.stop)
    voices = _voices(store, g.article_ids, corpus)
    meta = {r["id"]: r for r in _article_rows(store, g.article_ids)}
    reporting = sorted(by_outlet, key=lambda o: (-len(by_outlet[o]), o))
    silent = _silent(corpus, g, set(by_outlet), settings.window_days)
    extra = {"event_id": g.event_id} if g.event_id else {}
    out = [record("", "event_coverage", g.label, len(reporting), [], date=g.date, reported_by=reporting,
                  silent=silent, articles=len(g.article_ids), **extra)]
    prior = sum(words.values(), Counter())
    for o in reporting:
        rest = prior - words[o]
        out.append(record(o, "event_framing", g.label, len(by_outlet[o]), [], date=g.date, **extra,
                          words=_distinctive(words[o], rest, prior, top),
                          voices=[{"name": n, "count": c} for n, c in _top(voices[o], top)],
                          scare_quotes=[{"term": t, "count": c} for t, c in _top(quoted[o], top)],
                          articles=[{"article_id": a, "title": meta.get(a, {}).get("title") or "",
                                     "published": (meta.get(a, {}).get("published") or "")[:10]}
                                    for a in by_outlet[o]]))
    return out


def _top(counts: Counter, top: int) -> list[tuple[str, int]]:
    """The `top` most frequent, ties by the key: Counter.most_common keeps insertion order among
    ties, which follows the store's row order (SQLite and PostgreSQL differ)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def _content(word: str, pos: str, settings: FramingSettings) -> bool:
    return (len(word) >= 2 and pos.startswith(CONTENT_POS) and not pos.startswith(NAME_POS)
            and word not in settings.stop and all("\u4e00" <= ch <= "\u9fff" for ch in word))


def _distinctive(mine: Counter, rest: Counter, prior: Counter, top: int, min_count: int = 2) -> list[dict]:
    """Words of `mine` over `rest` by the weighted log-odds z-score with the informative prior
    `prior` (module docstring); kept when written at least `min_count` times and z > MIN_Z (not
    the 1.96 of a test: one event's few articles rarely reach it; the z is shown with the word)."""
    if not rest:  # one outlet alone: its most used words
        return [{"word": w, "count": c, "z": None} for w, c in _top(mine, top) if c >= min_count]
    a0 = PRIOR_WEIGHT * sum(prior.values())
    n1, n2 = sum(mine.values()), sum(rest.values())
    scored = []
    for w, c in mine.items():
        if c < min_count:
            continue
        alpha = PRIOR_WEIGHT * prior[w]
        c2 = rest.get(w, 0)
        delta = (math.log((c + alpha) / (n1 + a0 - c - alpha)) - math.log((c2 + alpha) / (n2 + a0 - c2 - alpha)))
        z = delta / math.sqrt(1 / (c + alpha) + 1 / (c2 + alpha))
        if z > MIN_Z:
            scored.append((z, w, c))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [{"word": w, "count": c, "z": round(z, 2)} for z, w, c in scored[:top]]


def _voices(store: Store, ids: list[str], corpus: Corpus) -> dict[str, Counter]:
    out: dict[str, Counter] = defaultdict(Counter)
    for r in store.rows_in("SELECT q.article_id, q.speaker_name, e.name FROM quotes q LEFT JOIN entities e "
                           "ON e.id = q.speaker_entity_id WHERE q.article_id IN ({in})", sorted(ids)):
        name = r["name"] or r["speaker_name"]
        if name:
            out[corpus.outlet_of[r["article_id"]]][name] += 1
    return out


def _article_rows(store: Store, ids: list[str]) -> list[dict]:
    return store.rows_in("SELECT id, title, published FROM articles WHERE id IN ({in})", sorted(ids))


def _silent(corpus: Corpus, g: EventGroup, reporting: set[str], window: int) -> list[str]:
    """Compared outlets that did not report the event although they published within `window`
    days of its first date (an outlet not publishing then is not silent, only absent)."""
    first = g.date or min((corpus.published.get(a) or "9999" for a in g.article_ids), default="9999")
    try:
        day = Date.fromisoformat(first[:10])
    except ValueError:
        return []
    lo, hi = (day - timedelta(days=window)).isoformat(), (day + timedelta(days=window)).isoformat()
    active = {corpus.outlet_of[a] for a, p in corpus.published.items() if lo <= p <= hi}
    return sorted(active - reporting)
