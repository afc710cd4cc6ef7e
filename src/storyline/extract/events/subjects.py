"""Who the parties of a trigger are when its own clause does not say plainly.

Split from the event extractor (events/__init__.py) because these rules read the clauses and
words around the trigger: a subject in an earlier clause, or in the next one after a fronted
subordinate clause; the speaker of a sentence whose 并-clause continues it; a name after 对于
that is the subject of the event talked about; the one a giving verb gives to after 为; the
host in 对X进行…访问; and the parties in 在俄白联合军演… (not a place). The words live in
data/grammar.yaml.
"""

from __future__ import annotations

from storyline.extract.events.grammar import Grammar, Head
from storyline.extract.events.lexicon import Hit

ACTOR_KINDS = {"PERSON", "ORG", "GPE"}
SPEAKER_ACTS_GAP = 3  # characters before the trigger in the clause after a speech verb (理解并支持)


class Subjects:
    """Pure functions of their arguments and the grammar's word lists."""

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar

    def about_subject(self, norm: str, h: Head, before: list[Head]) -> bool:
        """X after 对/对于 and right before 在…+trigger (对于朝鲜在边境集结重兵深感忧虑) is the subject
        of the event talked about, not the target of the clause's own subject."""
        g = self.grammar
        return (norm[h.marker_start : h.group_start] in g.about_markers
                and norm.startswith(g.about_next, h.end)
                and not any(h.end <= o.group_start and o.marker != "location" for o in before))

    def beneficiary(self, norm: str, h: Head, hit: Hit) -> bool:
        """为乌克兰提供武器: X right after 为 (not 认为, 成为) is the one a giving verb gives to,
        unless X qualifies a noun (为俄罗斯的入侵提供辩护)."""
        b = self.grammar.beneficiary
        s = h.group_start - len(b["marker"])
        return (hit.trigger.word in b["triggers"] and s >= 0 and norm.startswith(b["marker"], s)
                and not norm.endswith(self.grammar.beneficiary_not_after, 0, s) and not norm.startswith("的", h.end))

    def host(self, norm: str, h: Head, hit: Hit) -> bool:
        """对中国进行为期三天的国事访问: for a meeting word, X after 对 and before 进行 is the host,
        a participant (a target marker is otherwise no party to a symmetric event)."""
        g = self.grammar
        return (h.marker == "target" and norm[h.marker_start : h.group_start] in g.host_markers
                and norm.find(g.host_verb, h.end, hit.start) >= 0)

    def abbreviated_pair(self, norm: str, h: Head, hit: Hit, before: list[Head]) -> bool:
        """在俄白联合军演结束后, 在中美高官会谈期间: after 在, one-character country abbreviations
        side by side and right before the event word name its parties; 在中美之间, 从俄乌边界 and
        在俄乌危机…时 stay places or times."""
        g = self.grammar.pair_before_event
        if h.marker != "location" or norm[h.marker_start : h.group_start] not in g["markers"] or not abbreviation(h):
            return False
        pair = next((o for o in before if o.group_start == h.end and abbreviation(o)), None)
        if pair is None:
            return False
        gap = norm[pair.end : hit.start]
        return len(gap) <= g["max_gap"] and not any(c in gap for c in g["not_in_gap"])

    def embedded_subject(self, norm: str, h: Head, hit: Hit, before: list[Head], sheads: list[Head], ce: int) -> bool:
        """在俄罗斯入侵时, 在莫斯科开始全面入侵乌克兰后, 对俄罗斯入侵乌克兰一事: X after 在/对 and right
        before a directed trigger is the subject of the clause the marker governs, when a name follows
        the trigger as its object or a word closing the time or topic phrase does (grammar.yaml
        embedded_subject); after 在, or with no object, X must be the clause's only name before the
        trigger (普京在北京冬奥会期间攻击乌克兰). 对乌克兰的入侵 (的
        between) and 对乌克兰发动攻击 (no object, no closer) keep X as the target."""
        g = self.grammar.embedded_subject
        if hit.trigger.symmetric or h.place_owner or h.type not in ACTOR_KINDS or norm[h.marker_start:h.group_start] not in g["markers"]:
            return False
        gap = norm[h.end:hit.start]
        if len(gap) > g["max_gap"] or "的" in gap or any(c in "，；：。、“”「」" for c in gap):
            return False
        if any(o.group_start >= h.end for o in before if o is not h):
            return False  # another name stands between it and the trigger
        obj = next((o for o in sheads if hit.end <= o.group_start < ce), None)
        if obj is not None and obj.type in ACTOR_KINDS and obj.marker == "" and obj.group_start - hit.end <= g["object_gap"] \
                and "的" not in norm[hit.end:obj.group_start] and (
                    norm[h.marker_start:h.group_start] in g["outer_subject_markers"] or len(before) == 1):
            return True  # 对俄罗斯入侵乌克兰一事 even after the clause's own subject (中共就对…)
        if any(o is not h for o in before):
            return False  # 普京在北京冬奥会期间攻击乌克兰: the clause has a subject of its own
        return any(norm.startswith(w, hit.end) for w in g["closers"])

    def counted_target(self, norm: str, end: int, ce: int, etype: str) -> str | None:
        """拘捕了7人, 逮捕七名相关人士: the counted group right after the trigger (ending at `end`), as
        written, when it ends in a people noun (grammar.yaml counted_target); a plain scan, no regex."""
        g = self.grammar.counted_target
        if etype not in g["types"]:
            return None
        i = end + 1 if norm.startswith("了", end) else end
        j = i
        while j < ce and norm[j] in g["numerals"]:
            j += 1
        if j == i:
            return None
        if norm[j:j + 1] in g["measures"]:
            j += 1
        for k in range(j, min(ce, j + g["max_len"]) + 1):
            noun = next((n for n in g["nouns"] if norm.startswith(n, k)), None)
            if noun is not None:
                return norm[i:k + len(noun)]
            if k < ce and norm[k] in "，。；：、,;:的及或和与并（(":
                return None
        return None

    def elsewhere(self, norm, clauses, ci, sheads: list[Head], hit: Hit) -> list[Head]:
        def first_in(k: int) -> list[Head]:
            s, e = clauses[k]
            group: list[Head] = []
            for h in sheads:
                if s <= h.group_start < e and h.end <= (hit.start if k == ci else e) and h.type in ACTOR_KINDS:
                    if not group and h.marker in ("", "coordinator", "opener"):
                        group.append(h)
                    elif group and h.marker == "coordinator":
                        group.append(h)  # 美国和英国…，并呼吁
                    elif group:
                        break
            return group

        speaker = self._speaker_continued(norm, clauses, ci, sheads, first_in, hit.trigger.type)
        if speaker is not None:
            return speaker
        for k in range(ci - 1, -1, -1):
            if any(norm.endswith(w, *clauses[k]) for w in self.grammar.speech_verbs):
                if k == ci - 1 and hit.start - clauses[ci][0] <= SPEAKER_ACTS_GAP:
                    # 德国表示，不承认…; 李家超指出，支持警方…: a clause that opens with the act itself
                    # has no subject of its own, the speaker does what they say
                    found = first_in(k)
                    if found:
                        return found
                break  # 绍伊古表示，部队已开始撤回: the speaker is not the one withdrawing
            found = first_in(k)
            if found:
                return found
        if ci + 1 < len(clauses) and any(norm.endswith(w, *clauses[ci]) for w in self.grammar.subordinate_ends):
            # fronted subordinate clause: 在与普京会晤后，马克龙…
            return first_in(ci + 1)
        return []

    def _speaker_continued(self, norm, clauses, ci, sheads: list[Head], first_in, etype: str = "") -> list[Head] | None:
        """岸田说，朝鲜的导弹发射将威胁地区和平，并呼吁平壤停止挑衅: a clause opening with 并/同时…
        after a speech clause continues the speaker's predicates, so its subject is the speaker,
        unless a clause in between has a subject of its own (他指出，俄方坚持对话，并要求西方…:
        俄方), which for a speech act (grammar.yaml speech_acts) is only what was said (布林肯认为，
        俄罗斯的袭击构成战争罪，同时还要求中国…: 布林肯 asks). A name after a preposition or one that only qualifies a noun (朝鲜的导弹,
        俄罗斯对乌克兰的入侵, 成为美国的附庸) is no such subject. None: the rule does not apply."""
        g = self.grammar
        cs, ce = clauses[ci]
        if not any(norm.startswith(w, cs, ce) for w in g.continuation_starts):
            return None
        for k in range(ci - 1, -1, -1):
            ks, ke = clauses[k]
            if any(norm.endswith(w, ks, ke) for w in g.speech_verbs):
                return first_in(k) or None
            own = [h for h in sheads if ks <= h.group_start < ke and h.type in ACTOR_KINDS and not h.marker]
            if own and not self._qualifier(norm, own[0], sheads) and etype not in g.speech_acts:
                return None  # the clause between has its own subject: the older rules decide
        return None

    @staticmethod
    def _qualifier(norm: str, h: Head, sheads: list[Head]) -> bool:
        """朝鲜的导弹, 俄罗斯对乌克兰的入侵: the name qualifies a noun (X的, X对/向Y的)."""
        if norm.startswith("的", h.end):
            return True
        nxt = next((o for o in sheads if o.group_start > h.end), None)
        return (nxt is not None and nxt.marker in ("target", "comitative") and nxt.marker_start == h.end
                and norm.startswith("的", nxt.end))


def abbreviation(h: Head) -> bool:
    """俄, 美, 中: a one-character country abbreviation."""
    return h.type == "GPE" and h.end - h.start == 1
