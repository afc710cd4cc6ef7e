"""Context checks that decide whether a trigger word reports an event at all.

Real news uses event words for things that did not happen: demands and conditions (普京的关键
要求有三项：北约不扩张、不在俄边境部署…), topics (在有关北约不部署…等问题上), nouns (国际社会的
强烈谴责, 轰炸机), undone actions (减少与韩国的合作), and back-references to a meeting already
reported (此次会谈, 在会谈中, 会谈结束后), whose actors are those of that meeting, not of the
clause. Each check is a bounded look at the text around the trigger (at most LOOKBACK
characters), so a sentence costs time linear in its length. Word lists: data/grammar.yaml.
"""

from __future__ import annotations

from storyline.extract.events.grammar import Grammar, Head
from storyline.extract.events.lexicon import Hit

LOOKBACK = 200
TOPIC_SPAN = 60  # how far after the trigger a topic closer (…等问题上) is looked for
UNDO_WINDOW = 10
ANAPHOR_GAP = 4  # 在视频会晤中: at most this many characters between 在 and the trigger


def _find_outside(norm: str, words, lo: int, hi: int, quoted) -> bool:
    """A word of `words` in norm[lo:hi] that is not inside quotes."""
    for w in words:
        i = norm.find(w, lo, hi)
        while i >= 0:
            if quoted is None or not quoted[i]:
                return True
            i = norm.find(w, i + 1, hi)
    return False


class Context:
    def __init__(self, grammar: Grammar) -> None:
        self.w = grammar.context
        self.nominal_types = grammar.nominal_types

    def framed(self, norm: str, sent_start: int, sent_end: int, hit: Hit, quoted) -> bool:
        """Inside a demand/condition list or a topic phrase: not an event."""
        lo = max(sent_start, hit.start - LOOKBACK)
        # quoted frame words count too: 普京所说的“关键要求”有三项
        if _find_outside(norm, self.w["demand_frames"], lo, hit.start, None):
            return True
        if _find_outside(norm, self.w["topic_open"], lo, hit.start, quoted):
            return any(norm.find(w, hit.end, min(sent_end, hit.end + TOPIC_SPAN)) >= 0 for w in self.w["topic_close"])
        return False

    def nominal(self, norm: str, hit: Hit, clause_start: int) -> bool:
        """的 + (adverb) + trigger: a noun (国际社会的强烈谴责); 应美方请求: 'at the request of'."""
        if hit.trigger.type not in self.nominal_types:
            return False
        s = hit.start
        if hit.trigger.type == "REQUEST":
            lo = max(clause_start, s - UNDO_WINDOW)
            for i in range(lo, s):  # bounded window
                if any(norm.startswith(w, i) for w in self.w["at_request"]) and not any(
                        norm.startswith(w, j) for w in self.w["at_request_not"] for j in (i - 1, i)):
                    return True
        if s - 1 >= clause_start and norm[s - 1] == "的":
            return True
        return any(norm.endswith(a, clause_start, s) and norm[s - len(a) - 1 : s - len(a)] == "的"
                   for a in self.w["nominal_adverbs"])

    def undone(self, norm: str, clause_start: int, hit: Hit) -> bool:
        """减少/停止/缺乏 … trigger: the action is reduced or missing, not reported."""
        lo = max(clause_start, hit.start - UNDO_WINDOW)
        return any(norm.find(w, lo, hit.start) >= 0 for w in self.w["undo_before"])

    def refers_back(self, norm: str, clause_start: int, hit: Hit) -> bool:
        """这次袭击 / 此次会谈: a demonstrative right before the trigger."""
        return any(norm.endswith(w, clause_start, hit.start) for w in self.w["anaphor_before"])

    def anaphoric(self, norm: str, clause_start: int, clause_end: int, hit: Hit, heads: list[Head]) -> bool:
        """此次会谈 / 在会谈中 / 会谈结束后 / 称会谈是…: a reference to a meeting already reported."""
        cs, s, e = clause_start, hit.start, hit.end
        own = [h for h in heads if cs <= h.group_start and h.end <= s]
        if any(norm.endswith(w, cs, s) for w in self.w["anaphor_before"]):
            return not any(h.marker == "comitative" for h in own)  # 拜登同普京的此次会谈 names its actors
        after = any(norm.startswith(w, e) for w in self.w["anaphor_after"])
        if not after:
            return False
        zai = norm.rfind("在", max(cs, s - ANAPHOR_GAP), s)
        if zai >= 0 and not any(zai < h.start < s for h in own):
            return True  # 普京在会谈中指责…: 普京 is the speaker, not a new participant
        rest = norm[cs:s]
        for w in self.w["anaphor_strip"]:
            rest = rest.replace(w, "")
        return rest.strip() == ""  # 会谈结束后，… / 称会谈是应…举行的
