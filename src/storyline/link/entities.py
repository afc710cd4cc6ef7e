"""Cross-article entity linking: every mention gets an `entity_id`, incrementally.

`EntityRegistry` keeps all entities in memory with an alias index. `link_doc` looks only at the new
article's within-article clusters (local_id) and merges each into an existing entity or creates one;
old articles are never reprocessed. Changed entity ids collect in `registry.dirty` for the store.

Merge rules, in order:
1. the same gazetteer entry (mention.canonical_hint names it);
2. the same English/Latin name;
3. a shared alias, including the surname of a dotted full name (德米特里·佩斯科夫 / 佩斯科夫);
4. a transliteration variant: same number of syllables, at most one syllable in three differing, a
   differing syllable differing in its final or in an initial of the same sound class (b/p, d/t, g/k,
   j/q, z/c/s, zh/ch/sh: 布林肯 / 布林根, 莫拉维茨基 / 莫拉维斯基), via pypinyin
   (泽连斯基 ze-lian-si-ji / 泽伦斯基 ze-lun-si-ji; 库列巴 / 库莱巴);
rules 3-4 only between compatible entities: same type, no conflicting country, no conflicting
role class (美驻俄大使沙利文 vs 美国国家安全顾问沙利文 stay two), and no conflicting dotted full names
(亨特·拜登 is not 约瑟夫·拜登: given names that cannot be variants of each other). A bare ambiguous name goes to
the compatible candidate seen most recently, then the one with most mentions.

Ids: 'e_' + 12 hex of sha1(type|canonical name), with '#2', '#3'... appended before hashing for a
second same-name entity. Outside the gazetteer the name hashed has its script variants folded
(OpenCC s2t then t2s: 锺沛权 and 钟沛权 one id, whichever is read first); a cluster whose English
name is one gazetteer entry's (苏利文（Jake Sullivan）) takes it as hint; ties break on the id. Still
order-dependent: which namesake gets '#2', a sound-merged variant's id (docs/linking.md).
Display name: the gazetteer name if known; else the most frequent dotted full form if one was
seen (德米特里·佩斯科夫), else the most frequent surface.

Replaced articles: when an article is linked again (its file changed and was re-ingested), what its
previous version added must not stay behind as junk. Mention and article counts are recomputed by the
store from the mentions table, so only aliases and roles need care. Each alias and role keeps the ids of
the articles that brought it while it has been seen in fewer than SOURCE_CAP articles (`alias_sources`,
`role_sources` in the record); re-linking an article first withdraws it from those lists, and an alias
or role left with no source is dropped. An alias or role seen in SOURCE_CAP or more articles is
established and kept for good (bounded memory: no per-article lists for frequent aliases such as 俄方),
so a replaced article can leave behind at most what other articles also said. Gazetteer aliases and
roles are never dropped. alias_counts of established aliases may over-count re-linked articles; they
only rank display names.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from storyline.analyse.entities.names import full_names_conflict, sound_key, sounds_alike  # noqa: F401 (re-exported)
from storyline.model import Doc, EntityMention

DOT_RE = re.compile("[·∙•・‧]")
GENERIC_ROLES = {"leader", "journalist", "researcher", "editor", "professional", "minister", "deputy_minister",
                 "director", "secretary", "executive", "", None}
SOURCE_CAP = 3  # an alias/role seen in this many articles is established: no longer withdrawn


def entity_id(type_: str, name: str, n: int = 1) -> str:
    key = f"{type_}|{name}" + (f"#{n}" if n > 1 else "")
    return "e_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def surname(surface: str) -> str:
    parts = [p for p in DOT_RE.split(surface) if p]
    return parts[-1] if parts else surface


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    english: str | None = None
    roles: list[dict] = field(default_factory=list)  # title, of, class, first_seen, last_seen
    country: str | None = None
    mentions: int = 0
    articles: int = 0
    alias_counts: dict[str, int] = field(default_factory=dict)
    gazetteer: bool = False
    last_seen: str | None = None
    alias_sources: dict[str, list[str]] = field(default_factory=dict)  # alias -> articles, while < SOURCE_CAP
    role_sources: dict[str, list[str]] = field(default_factory=dict)  # "title|of" -> articles, likewise

    def role_classes(self) -> set[str]:
        return {r.get("class") for r in self.roles} - GENERIC_ROLES

    def to_record(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
                "english": self.english,
                "roles": [{k: v for k, v in r.items()} for r in self.roles],
                "mentions": self.mentions, "articles": self.articles, "country": self.country,
                "alias_counts": dict(self.alias_counts), "gazetteer": self.gazetteer,
                "last_seen": self.last_seen, "alias_sources": {k: list(v) for k, v in self.alias_sources.items()},
                "role_sources": {k: list(v) for k, v in self.role_sources.items()}}


@dataclass
class _Cluster:
    type: str
    mentions: list[EntityMention]
    hint: str | None
    english: str | None
    country: str | None
    surfaces: Counter
    roles: list[dict]

    def role_classes(self) -> set[str]:
        return {r.get("class") for r in self.roles} - GENERIC_ROLES


class EntityRegistry:
    def __init__(self, resources=None) -> None:
        if resources is None:
            from storyline.analyse.entities.resources import Resources

            resources = Resources()
        self.res = resources
        from storyline.clean.normalise import Normaliser

        conv = Normaliser()  # its OpenCC converters (per instance: no global state)
        self._s2t, self._t2s = conv.s2t, conv.t2s
        english: dict[tuple[str, str], set[str]] = {}
        for g in resources.entries:
            if g.english:
                english.setdefault((g.type, g.english.lower()), set()).add(g.name)
        # an English name one gazetteer entry has (two entries sharing one is no evidence)
        self._gaz_by_english = {k: next(iter(v)) for k, v in english.items() if len(v) == 1}
        self.entities: dict[str, Entity] = {}
        self.dirty: set[str] = set()
        self._by_hint: dict[tuple[str, str], str] = {}
        self._by_alias: dict[tuple[str, str], set[str]] = {}
        self._by_english: dict[tuple[str, str], str] = {}
        self._by_sound: dict[tuple[str, tuple[str, ...]], set[str]] = {}
        self._by_article: dict[str, set[str]] = {}  # article id -> entities holding its provisional aliases/roles

    # -- persistence ---------------------------------------------------------------------------
    def to_records(self) -> list[dict]:
        return [e.to_record() for e in sorted(self.entities.values(), key=lambda e: e.id)]

    @classmethod
    def from_records(cls, records: list[dict], resources=None) -> "EntityRegistry":
        reg = cls(resources)
        for r in records:
            e = Entity(r["id"], r["name"], r["type"], list(r.get("aliases") or []), r.get("english"),
                       [dict(x) for x in r.get("roles") or []], r.get("country"), int(r.get("mentions") or 0),
                       int(r.get("articles") or 0), dict(r.get("alias_counts") or {}),
                       bool(r.get("gazetteer")), r.get("last_seen"),
                       {k: list(v) for k, v in (r.get("alias_sources") or {}).items()},
                       {k: list(v) for k, v in (r.get("role_sources") or {}).items()})
            reg._add(e)
        return reg

    def get(self, name: str) -> list[Entity]:
        """Entities any of whose aliases (or English name) is `name`."""
        ids = set()
        for (t, a), s in self._by_alias.items():
            if a == name:
                ids |= s
        ids |= {i for (t, en), i in self._by_english.items() if en == name.lower()}
        return [self.entities[i] for i in sorted(ids)]

    # -- indexes -------------------------------------------------------------------------------
    def _index_alias(self, e: Entity, alias: str) -> None:
        self._by_alias.setdefault((e.type, alias), set()).add(e.id)
        sn = surname(alias)
        if sn != alias:
            self._by_alias.setdefault((e.type, sn), set()).add(e.id)
        key = sound_key(sn) if e.type == "PERSON" else None
        if key is not None:  # bucketed by the whole sound pattern: only possible variants meet
            self._by_sound.setdefault(key, set()).add(e.id)

    def _add(self, e: Entity) -> None:
        self.entities[e.id] = e
        if e.gazetteer:
            self._by_hint[(e.type, e.name)] = e.id
        if e.english:
            self._by_english.setdefault((e.type, e.english.lower()), e.id)
        for a in e.aliases:
            self._index_alias(e, a)
        for srcs in (*e.alias_sources.values(), *e.role_sources.values()):
            for aid in srcs:
                self._by_article.setdefault(aid, set()).add(e.id)

    # -- linking -------------------------------------------------------------------------------
    def _clusters(self, doc: Doc) -> list[_Cluster]:
        groups: dict[int, list[EntityMention]] = {}
        for i, m in enumerate(doc.mentions):
            groups.setdefault(m.local_id if m.local_id >= 0 else -1 - i, []).append(m)
        out = []
        for ms in groups.values():
            types = Counter(m.type for m in ms)
            roles, seen = [], set()
            for m in ms:
                if m.role_title and (m.role_title, m.role_of) not in seen:
                    seen.add((m.role_title, m.role_of))
                    roles.append({"title": m.role_title, "of": m.role_of, "class": self._role_class(m.role_title)})
            type_ = types.most_common(1)[0][0]
            english = next((m.english for m in ms if m.english), None)
            hint = next((m.canonical_hint for m in ms if m.canonical_hint), None)
            if hint is None and english:
                hint = self._gaz_by_english.get((type_, english.lower()))
            out.append(_Cluster(type_, ms, hint, english,
                                next((m.country for m in ms if m.country), None),
                                Counter(m.norm for m in ms), roles))
        return out

    def _role_class(self, title: str) -> str | None:
        t = re.sub(r"^驻.+?(?=大使|代表)", "", title)
        o = self.res.offices.get(t)
        return o.cls if o else None

    def _full_names(self, e: Entity) -> list[str]:
        names = [a for a in e.aliases if DOT_RE.search(a)]
        gaz = self.res.by_name.get((e.type, e.name)) if e.gazetteer else None
        if gaz:
            names += [a for a in gaz.aliases if DOT_RE.search(a)]
        return [DOT_RE.sub("·", a) for a in names]

    def _compatible(self, e: Entity, c: _Cluster) -> bool:
        if e.type != c.type:
            return False
        if e.country and c.country and e.country != c.country:
            return False
        if e.type == "PERSON" and full_names_conflict(
                self._full_names(e), [DOT_RE.sub("·", s) for s in c.surfaces if DOT_RE.search(s)]):
            return False
        a, b = e.role_classes(), c.role_classes()
        return not (a and b and not (a & b))

    def _find(self, c: _Cluster) -> str | None:
        if c.hint:
            hit = self._by_hint.get((c.type, c.hint))
            if hit:
                return hit
            gaz = self._gaz_entry(c)
            if gaz:  # a gazetteer entity not created yet: never merge it into another ...
                return self._promote(gaz, c)  # ... unless a plain one of its very name came first
        if c.english and (c.type, c.english.lower()) in self._by_english:
            e = self.entities[self._by_english[(c.type, c.english.lower())]]
            if self._compatible(e, c):
                return e.id
        cands: set[str] = set()
        for s in c.surfaces:
            cands |= self._by_alias.get((c.type, s), set())
            cands |= self._by_alias.get((c.type, surname(s)), set())
        if not cands and c.type == "PERSON":
            for s in c.surfaces:
                sn = surname(s)
                key = sound_key(sn)
                for i in (self._by_sound.get(key, ()) if key is not None else ()):
                    if any(sounds_alike(sn, surname(a)) for a in self.entities[i].aliases):
                        cands.add(i)
        ok = [self.entities[i] for i in cands if self._compatible(self.entities[i], c)]
        if not ok:
            return None
        ok.sort(key=lambda e: (e.last_seen or "", e.mentions, e.id), reverse=True)  # id: not set order
        return ok[0].id

    def _promote(self, gaz, c: _Cluster) -> str | None:
        """The plain entity a cluster without the gazetteer's hint created under the gazetteer
        name (美国 read before the gazetteer's 美国) becomes the gazetteer entity, so the order
        of reading does not decide between one 美国 and two (美国, 美国#2)."""
        e = self.entities.get(entity_id(c.type, gaz.name)) or self.entities.get(self._plain_id(c.type, gaz.name))
        if e is None or e.gazetteer or e.name != gaz.name or not self._compatible(e, c):
            return None
        e.gazetteer = True
        e.english = e.english or gaz.english
        e.country = e.country or gaz.country
        for r in gaz.roles:
            e.roles.append({"title": r["title"], "of": r["of"], "class": r.get("class"),
                            "first_seen": None, "last_seen": None})
        self._add(e)  # indexes it under the hint (and again under its aliases: sets)
        self.dirty.add(e.id)
        return e.id

    def _fold(self, name: str) -> str:
        """The name with its script variants folded (锺 -> 鍾 -> 钟), for ids only."""
        return self._t2s.convert(self._s2t.convert(name))

    def _plain_id(self, type_: str, name: str) -> str:
        return entity_id(type_, self._fold(name))

    def _gaz_entry(self, c: _Cluster):
        return self.res.by_name.get((c.type, c.hint)) if c.hint else None

    def _create(self, c: _Cluster) -> Entity:
        gaz = self._gaz_entry(c)
        name = gaz.name if gaz else self._display(c.surfaces)
        key = name if gaz else self._fold(name)  # gazetteer ids stay those of their names
        n = 1
        while entity_id(c.type, key, n) in self.entities:
            n += 1
        e = Entity(entity_id(c.type, key, n), name, c.type, english=gaz.english if gaz else None,
                   country=gaz.country if gaz else None, gazetteer=gaz is not None)
        if gaz:
            for r in gaz.roles:
                e.roles.append({"title": r["title"], "of": r["of"], "class": r.get("class"),
                                "first_seen": None, "last_seen": None})
            e.aliases.append(name)
        self._add(e)
        return e

    @staticmethod
    def _display(counts: Counter) -> str:
        full = [(n, s) for s, n in counts.items() if DOT_RE.search(s)]
        pool = full or [(n, s) for s, n in counts.items()]
        return sorted(pool, key=lambda x: (-x[0], -len(x[1]), x[1]))[0][1]

    def _note_source(self, e: Entity, sources: dict[str, list[str]], key: str, new: bool, aid: str | None) -> None:
        if aid is None:
            return
        if new:
            sources[key] = [aid]
        elif key in sources and aid not in sources[key]:
            sources[key].append(aid)
            if len(sources[key]) >= SOURCE_CAP:
                del sources[key]  # established
                return
        if key in sources:
            self._by_article.setdefault(aid, set()).add(e.id)

    def uncount(self, mentions_by_entity: dict[str, int]) -> None:
        """A stored article's mentions are being deleted (the article is replaced): take them out
        of the mention and article counts, which `link_doc` added, so the counts stay those of
        the stored mentions without recounting them."""
        for eid, n in mentions_by_entity.items():
            e = self.entities.get(eid)
            if e is not None:
                e.mentions -= n
                e.articles -= 1
                self.dirty.add(eid)

    def _withdraw(self, aid: str) -> None:
        """Take back the provisional aliases and roles an earlier version of article `aid` added."""
        for eid in sorted(self._by_article.pop(aid, set())):
            e = self.entities[eid]
            gaz = self.res.by_name.get((e.type, e.name)) if e.gazetteer else None
            keep = {e.name, *(gaz.aliases if gaz else [])}
            for alias, srcs in list(e.alias_sources.items()):
                if aid in srcs:
                    srcs.remove(aid)
                    if not srcs:
                        del e.alias_sources[alias]
                        if alias not in keep and alias in e.aliases:
                            e.aliases.remove(alias)
                            e.alias_counts.pop(alias, None)
                            self._by_alias.get((e.type, alias), set()).discard(e.id)
            for key, srcs in list(e.role_sources.items()):
                if aid in srcs:
                    srcs.remove(aid)
                    if not srcs:
                        del e.role_sources[key]
                        e.roles = [r for r in e.roles if f"{r['title']}|{r['of']}" != key or r.get("first_seen") is None]
            if not e.gazetteer and e.alias_counts:
                e.name = self._display(Counter(e.alias_counts))
            self.dirty.add(e.id)

    def _update(self, e: Entity, c: _Cluster, date: str | None, aid: str | None = None) -> None:
        for s, n in c.surfaces.items():
            new = s not in e.aliases
            if new:
                e.aliases.append(s)
                self._index_alias(e, s)
            self._note_source(e, e.alias_sources, s, new, aid)
            e.alias_counts[s] = e.alias_counts.get(s, 0) + n
        if not e.gazetteer:
            e.name = self._display(Counter(e.alias_counts))
        if c.english and not e.english:
            e.english = c.english
            self._by_english.setdefault((e.type, c.english.lower()), e.id)
        e.country = e.country or c.country
        for r in c.roles:
            if r["of"] is None and any(x["title"] == r["title"] for x in e.roles):
                continue  # 外交部长库莱巴 adds nothing to 乌克兰外长
            have = next((x for x in e.roles if x["title"] == r["title"] and x["of"] == r["of"]), None)
            self._note_source(e, e.role_sources, f"{r['title']}|{r['of']}", have is None, aid)
            if have is None:
                have = dict(r, first_seen=date, last_seen=date)
                e.roles.append(have)
            if date:
                have["first_seen"] = min(filter(None, [have.get("first_seen"), date]))
                have["last_seen"] = max(filter(None, [have.get("last_seen"), date]))
        e.mentions += len(c.mentions)
        if date and (e.last_seen is None or date > e.last_seen):
            e.last_seen = date
        self.dirty.add(e.id)

    def link_doc(self, doc: Doc, date: str | None = None) -> None:
        date = date or doc.anchor or doc.article.published
        date = date[:10] if date else None
        aid = doc.article.id or None
        if aid in self._by_article:
            self._withdraw(aid)  # a replaced article: its old version's provisional aliases/roles go
        touched: set[str] = set()
        # titled and gazetteer clusters first, so a bare ambiguous name sees them
        clusters = sorted(self._clusters(doc), key=lambda c: (c.hint is None, not c.roles))
        for c in clusters:
            eid = self._find(c)
            e = self.entities[eid] if eid else self._create(c)
            self._update(e, c, date, aid)
            for m in c.mentions:
                m.entity_id = e.id
            touched.add(e.id)
        for eid in touched:
            self.entities[eid].articles += 1
