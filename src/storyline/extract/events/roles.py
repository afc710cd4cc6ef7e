"""Who does what to whom: the role half of the event grammar (split out of `events/__init__.py`).

`RoleGrammar` is a mixin of `EventExtractor`: it reads `self.grammar` (data/grammar.yaml) and
`self.subjects` (subjects.py) and gives, for a trigger, its subjects, the others it acts on and a
location (`_roles`), the agent of a 被 / 遭 passive, the undergoer of 面临 / 获准, the country after 在
that an attack targets, and the sides 双方 refers back to. The learned events (`extract/learned`) read
the same methods, so one rule change moves both.
"""

from __future__ import annotations

from storyline.extract.events.grammar import Head
from storyline.extract.events.lexicon import Hit
from storyline.extract.events.subjects import abbreviation

ACTOR_KINDS = {"PERSON", "ORG", "GPE"}


class RoleGrammar:
    """Role methods of EventExtractor (needs `self.grammar` and `self.subjects`)."""

    def _roles(self, norm, hit: Hit, clauses, ci, sheads: list[Head], symmetric: bool, objects: bool = True):
        """(subjects, others, location) for a trigger, from its clause and the clauses around it."""
        cs, ce = clauses[ci]
        location = None
        before = [h for h in sheads if cs <= h.group_start and h.end <= hit.start]
        # groups of coordinated heads (A和B, A、B), each with the role its first head's marker gives
        groups: list[tuple[str, list[Head]]] = []
        for h in before:
            if h.marker in ("target", "location", "topic") and self.subjects.embedded_subject(norm, h, hit, before, sheads, ce):
                groups.append(("subject", [h]))  # 在俄罗斯入侵时: the marker governs the clause 俄罗斯入侵
                continue
            if h.marker == "target" and self.subjects.about_subject(norm, h, before):
                groups.append(("subject", [h]))  # 对于朝鲜在边境集结…: 朝鲜 is the one massing troops
                continue
            if not h.marker and self.subjects.beneficiary(norm, h, hit):
                groups.append(("other", [h]))  # 为乌克兰提供武器: 乌克兰 is provided for
                continue
            if symmetric and self.subjects.host(norm, h, hit):
                groups.append(("other", [h]))  # 对中国进行国事访问: 中国 is the host
                continue
            if self.subjects.abbreviated_pair(norm, h, hit, before):
                groups.append(("subject", [h]))  # 在俄白联合军演结束后: 在 opens a time, 俄白 hold the exercise
                continue
            if h.marker == "location" or h.type == "LOC":
                if h.type in ("GPE", "LOC") and h.marker == "location":
                    location = h.name
                continue
            if h.marker in ("source", "topic") or (symmetric and h.marker == "target"):
                continue  # 据X; 就X达成共识; 就对俄制裁达成共识
            if groups and (h.marker == "coordinator" or (h.group_start == groups[-1][1][-1].end and abbreviation(h))):
                groups[-1][1].append(h)  # 俄法之间: adjacent abbreviations are coordinated too
            elif h.marker in ("comitative", "target"):
                groups.append(("other", [h]))
            else:
                groups.append(("subject", [h]))
        # the subject is the closest subject group: 拜登重申了美国支持乌克兰 -> 美国 supports
        subj_groups = [g for kind, g in groups if kind == "subject"]
        while not symmetric and len(subj_groups) >= 2 and _qualifies_noun(norm, subj_groups[-1][-1], hit.start):
            # 班农在富豪郭文贵的游艇上被捕, 中南海透过罗宇的家人向他施压: a name that only owns a noun
            # before the trigger is no subject when the clause has an earlier one (train 879 -> 881)
            subj_groups.pop()
        subjects: list[Head] = list(subj_groups[-1]) if subj_groups else []
        if len(subj_groups) >= 2 and norm.startswith(tuple(self.grammar.shared_subject_links), subjects[-1].end, hit.start):
            # 马克龙访问莫斯科并会见普京: the name before 并 is the first verb's object; both verbs share
            # the clause's subject
            subjects = list(subj_groups[-2])
        others: list[Head] = [h for kind, g in groups if kind == "other" for h in g]
        if not subjects:
            subjects = self.subjects.elsewhere(norm, clauses, ci, sheads, hit)
        # object right after the trigger (会见B, 指责B, 访问基辅), in the same clause
        gap_max = 4
        after = [h for h in sheads if hit.end <= h.group_start < ce and h.marker in ("", "location", "coordinator")]
        while after and after[0].marker == "coordinator":
            after = after[1:]  # only a list's later members (承认顿涅茨克和卢甘斯克) follow the object
        if not objects:
            # 拒绝了波兰, 否认美国关于…的说法: a name right after the denial is the one rejected
            rule = self.grammar.rejected_object
            if after and norm[hit.end:after[0].group_start] in rule["gaps"] and after[0].marker == "" \
                    and after[0].type in ACTOR_KINDS and norm.startswith(tuple(rule["next"]), after[0].end):
                others.append(after[0])
        elif after and after[0].group_start - hit.end <= gap_max and not any(
            c in "，；：" for c in norm[hit.end : after[0].group_start]
        ):
            first = after[0]
            if first.marker == "location" and first.type in ("GPE", "LOC"):
                location = location or first.name
            elif first.type in ACTOR_KINDS or first.type == "LOC":
                owned = self._owned(norm, first, after)
                if owned is not None:  # 承认乌克兰东部的顿涅茨克: the name owned is the object
                    first, after = owned, after[after.index(owned):]
                others.append(first)
                for h in after[1:]:
                    if h.marker == "coordinator" and h.marker_start == others[-1].end:  # not 乌克兰第二周战况和…
                        others.append(h)
                    else:
                        break
        elif not symmetric and norm[hit.end : hit.end + 1] in ("称", "道", "说"):  # 警告称，俄罗斯若…
            nxt = [h for h in sheads if h.group_start >= ce and h.marker == "" and h.type in ACTOR_KINDS]
            if nxt and ci + 1 < len(clauses) and nxt[0].start < clauses[ci + 1][1]:
                others.append(nxt[0])
        if objects and not symmetric and not others:
            place = self.place_target(norm, cs, hit, sheads)
            if place is not None and place not in subjects:
                others.append(place)  # 俄罗斯在乌克兰发动军事行动: Ukraine is attacked
        if not symmetric and not others and ci > 0 and _has(norm, self.grammar.this_words, cs, hit.start):
            # 普京宣布承认…，基辅对此予以拒绝: 对此 is what the previous clause's subject did
            prev = self._clause_subject(clauses, ci, sheads)
            if prev is not None and prev not in subjects:
                others.append(prev)
        if location is None:
            for h in sheads:
                if h.marker == "location" and h.type in ("GPE", "LOC") and clauses[max(0, ci - 1)][0] <= h.start < ce:
                    location = h.name
        subjects = [h for h in subjects if h.type in ACTOR_KINDS]
        return subjects, others, location

    @staticmethod
    def _clause_subject(clauses, ci: int, sheads: list[Head]) -> Head | None:
        """The first actor head (no marker) of the nearest earlier clause of the sentence that has one."""
        for k in range(ci - 1, -1, -1):
            s, e = clauses[k]
            h = next((h for h in sheads if s <= h.group_start < e and h.type in ACTOR_KINDS), None)
            if h is not None:
                return h if not h.marker else None
        return None

    def _owned(self, norm: str, first: Head, after: list[Head]) -> Head | None:
        """The next name after `first` when `first` only owns it (乌克兰东部的顿涅茨克, 俄罗斯的盟友白俄罗斯):
        the next name right after a 的, no break nor marker between, at most max_gap characters on
        (grammar.yaml owned); a descriptor (盟国, 政府) is no such name."""
        rule = self.grammar.owned
        nxt = next((h for h in after if h.group_start >= first.end), None)
        if nxt is None or nxt.marker != "" or nxt.type not in ACTOR_KINDS or nxt.mention is None:
            return None
        gap = norm[first.end:nxt.group_start]
        if len(gap) > rule["max_gap"] or not gap.endswith("的") or any(c in rule["breaks"] for c in gap):
            return None
        if norm.startswith(self.grammar.title_words, nxt.end):
            return None  # 访问斐济的美国国务卿: a relative clause on the one who visits, not an owner
        return nxt

    def place_target(self, norm: str, cs: int, hit: Hit, heads: list[Head]) -> Head | None:
        """The country after 在 in the trigger's clause before an attack (grammar.yaml place_target),
        when no other head and no break stand between it and the trigger."""
        rule = self.grammar.place_target
        if hit.trigger.type not in rule["types"]:
            return None
        before = [h for h in heads if cs <= h.group_start and h.end <= hit.start]
        if not before:
            return None
        h = before[-1]
        if h.type != "GPE" or h.marker != "location" or norm[h.marker_start:h.group_start] not in rule["markers"]:
            return None
        gap = norm[h.end:hit.start]
        if len(gap) > rule["max_gap"] or any(c in "，；：。！？" for c in gap):
            return None
        return h

    def passive_agents(self, norm: str, cs: int, hit: Hit, sheads: list[Head]) -> list[Head]:
        """The heads right after 被/遭/遭到/受到 in the trigger's clause, when at most PASSIVE_GAP
        characters (人员, 的, 火箭) and no break separate the last of them from the trigger."""
        passive = tuple(self.grammar.status["passive"])
        group: list[Head] = []
        for h in sheads:
            if not (cs <= h.group_start and h.end <= hit.start) or h.type not in ACTOR_KINDS:
                continue
            if norm.endswith(passive, cs, h.group_start):
                group = [h]
            elif group and h.marker == "coordinator":
                group.append(h)
        if group and hit.start - group[-1].end <= PASSIVE_GAP and not any(
                c in "，；：。" for c in norm[group[-1].end:hit.start]):
            return group
        return []

    def undergoes(self, norm: str, cs: int, hit: Hit, subjects: list[Head]) -> bool:
        """The clause's own subject undergoes the act: an undergoer word (面临, 获准, 遭遇, 被 ...) stands
        between it and the trigger, at most UNDERGOER_GAP characters and no break apart."""
        if not subjects or not all(cs <= h.start and h.end <= hit.start for h in subjects):
            return False
        gap = norm[subjects[-1].end:hit.start]
        return len(gap) <= UNDERGOER_GAP and not any(c in "，；：。" for c in gap) and \
            any(w in gap for w in self.grammar.status["undergoer"])

    def _both(self, norm, start, trig, prior, para_index: int) -> list[Head]:
        """双方/两人 before the trigger: the participants of the last symmetric event."""
        if not _has(norm, self.grammar.both_words, start, trig):
            return []
        for ev in reversed(prior):
            if para_index - ev.paragraph > self.grammar.both_max_distance:
                break  # 两国元首 three paragraphs later: too far to be sure who they are
            if ev.type in ("CONSULT", "AGREE") and len(ev.actors) == 2:
                return [Head(-1, -1, -1, a.name, a.mention.type if a.mention else "ORG", a.mention) for a in ev.actors]
        return []

    def _pairs(self, norm, start, trig, subjects, others, prior, para_index: int) -> list[list[Head]]:
        everyone = _unique(subjects + others)
        if len(everyone) < 2:
            both = self._both(norm, start, trig, prior, para_index)
            return [both] if both else []
        if _has(norm, self.grammar.each_words, start, trig) and len(everyone) >= 3:
            if len(subjects) == 1:
                return [[subjects[0], o] for o in _unique(others)]
            if len(others) == 1:
                return [[s, others[0]] for s in _unique(subjects)]
        return [everyone]


UNDERGOER_GAP = 12  # 俄罗斯将受到新的一揽子制裁
PASSIVE_GAP = 6  # 遭香港国家安全处人员拘捕: characters allowed between the agent and the trigger
LOOKBACK = 200  # context words are searched at most this far back: keeps huge lines linear


def _qualifies_noun(norm: str, h: Head, trigger_start: int) -> bool:
    """X的 + a noun before the trigger, no break nor passive between (X的 right before the trigger,
    俄罗斯的入侵, stays the actor; 陈朗升的住家也遭警方搜索 is the passive's business)."""
    gap = norm[h.end:trigger_start]
    return gap.startswith("的") and len(gap) > 1 and not any(c in "，；：。被遭" for c in gap)


def _has(norm: str, words, lo: int, hi: int) -> bool:
    lo = max(lo, hi - LOOKBACK)
    return any(norm.find(w, lo, hi) >= 0 for w in words)


def _unique(heads: list[Head]) -> list[Head]:
    seen, out = set(), []
    for h in heads:
        if h.name not in seen:
            seen.add(h.name)
            out.append(h)
    return out
