"""Recognition half of the time tagger: a small regex grammar compiled from data files.

`data/time_lexicon.yaml` holds the word lists (zones, weekdays, modifiers, units, cues) and
regex fragments; `data/time_patterns.yaml` holds pattern templates that refer to them. The
scanner runs every pattern over `Paragraph.norm`, then keeps the longest non-overlapping
matches (ties: earlier pattern). Each pattern is linear-time: only bounded alternations and
single-character-class repeats, and each is run once per paragraph with `finditer`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from storyline.analyse.time.prefilter import compile_filter, with_first_chars

_PLACEHOLDER = re.compile(r"\{([A-Z]+)\}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_AFTER_YEAR = frozenset("轻龄纪级华会鉴画货糕夜饭")
_CN_NUMERAL = re.compile(r"[〇零一二两三四五六七八九十]")


def _alternation(words: list[str] | dict[str, Any]) -> str:
    """Longest-first alternation so that 将近 is tried before 近."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _tod_alternation(words: dict[str, Any]) -> str:
    """Like `_alternation`, but a word with `not_before` characters is no part of day when one of them
    follows (早些时候 is "earlier", not "morning"): a one-character lookahead, linear."""
    out = []
    for w in sorted(words, key=lambda w: (-len(w), w)):
        stop = (words[w] or {}).get("not_before")
        out.append(re.escape(w) + (f"(?![{re.escape(stop)}])" if stop else ""))
    return "|".join(out)


def load_yaml(name: str) -> dict[str, Any]:
    text = resources.files("storyline.analyse.time").joinpath("data", name).read_text("utf-8")
    return yaml.safe_load(text)


@dataclass
class RawMatch:
    """One recognised expression before resolution: its span and the named groups."""

    kind: str
    pattern: str
    start: int
    end: int
    groups: dict[str, str] = field(default_factory=dict)
    priority: int = 0  # pattern order; lower wins a tie
    length: int = 0  # full match length including context, used to choose among overlaps
    parts: list["RawMatch"] = field(default_factory=list)  # the pieces of a joined chain (merge.py)


@dataclass
class _Pattern:
    name: str
    kind: str
    regex: re.Pattern[str]
    order: int
    need: frozenset[str] | None = None  # every match contains one of these (prefilter.py)


class Grammar:
    """Compiled patterns plus the lexicon the resolver needs (shared, read-only)."""

    def __init__(self) -> None:
        self.lex = load_yaml("time_lexicon.yaml")
        self.holidays = load_yaml("holidays.yaml")
        spec = load_yaml("time_patterns.yaml")
        lex = self.lex
        period_mod_re = "中旬|上旬|下旬|初|底|末|中(?![\u4e00-\u9fff])"
        tables = {
            "ZONE": _alternation(lex["zones"]),
            # 2022年冬季奥运会: the season is part of the games' name, the year is the expression
            "SEASON": f"(?:{_alternation(lex['seasons'])})(?!{_alternation(lex['season_not_before'])})",
            "TOD": _tod_alternation(lex["times_of_day"]),
            "WOFF": _alternation(lex["week_offsets"]),
            "MOFF": _alternation(lex["month_offsets"]),
            "YOFF": _alternation(lex["year_offsets"]),
            "PMOD": period_mod_re,
            "DMOD": _alternation(lex["date_mods"]),
            "DPRE": _alternation(lex["duration_pre_mods"]),
            "DPOST": _alternation(lex["duration_post_mods"]),
            "SCOPE": _alternation(lex["duration_scopes"]),
            "UNIT": _alternation(lex["units"]),
            "RELDAY": _alternation(lex["relative_days"]),
            "MENTIONDAY": _alternation(lex["mention_days"]),
            "VAGUE": _alternation(lex["vague"]),
            "SDNEXT": _alternation(lex["single_day_next"]),
            "SDNOT": re.escape(lex["single_day_not_after"]),
            "RDBLOCK": _alternation(lex["relative_day_blocklist_after"]),
            "HOLIDAY": _alternation(self.holidays["holidays"]),
            "ERA": _alternation(self.holidays["eras"]),
            "YEAREVENT": _alternation(lex["year_events"]),
        }
        tables.update(lex["fragments"])
        tables["HMS"] = self._expand(spec["hms"], tables)
        tables["HMSB"] = self._expand(spec["hms2"], tables)
        clock = self._expand(spec["clock"], tables)
        tables["CLOCK"] = clock
        self.clock_after = tuple(lex["clock_after_cues"])
        self.clock_before = frozenset(lex["clock_before_chars"])
        self.vague_not_after: dict[str, str] = lex["vague_not_after"]
        self.weekday_not_before: dict[str, str] = lex["weekday_not_before"]
        self.one_day_not_after: str = lex["one_day_not_after"]
        self.patterns: list[_Pattern] = []
        for order, item in enumerate(spec["patterns"]):
            source = self._expand(item["re"], tables)
            plain = re.compile(source)
            regex = re.compile(with_first_chars(source))  # same matches, fewer start positions tried
            self.patterns.append(_Pattern(item["name"], item["kind"], regex, order, compile_filter(plain)))

    @staticmethod
    def _expand(template: str, tables: dict[str, str]) -> str:
        def sub(m: re.Match[str]) -> str:
            value = tables[m.group(1)]
            return f"(?:{value})"

        # fragments may contain placeholders themselves (CLOCK uses TOD, HOUR, MIN)
        for _ in range(3):
            template = _PLACEHOLDER.sub(sub, template)
        return template

    def scan(self, norm: str) -> list[RawMatch]:
        """All expressions in one paragraph, longest-first without overlaps, in text order."""
        found: list[RawMatch] = []
        titles = _book_title_spans(norm)
        chars = set(norm)
        for pat in self.patterns:
            if pat.need is not None and pat.need.isdisjoint(chars):
                continue  # none of the characters every match needs: no match possible
            for m in pat.regex.finditer(norm):
                if m.end() == m.start():
                    continue
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                start, end = (m.start("x"), m.end("x")) if "x" in groups else (m.start(), m.end())
                raw = RawMatch(pat.kind, pat.name, start, end, groups, pat.order, m.end() - m.start())
                if self._plausible(raw, norm) and not _inside(titles, start, end):
                    found.append(raw)
        found.sort(key=lambda r: (-r.length, r.priority, r.start))
        taken: list[RawMatch] = []
        used = bytearray(len(norm) + 1)
        for raw in found:
            if any(used[raw.start : raw.end]):
                continue
            used[raw.start : raw.end] = b"\x01" * (raw.end - raw.start)
            taken.append(raw)
        taken.sort(key=lambda r: r.start)
        return taken

    def _plausible(self, raw: RawMatch, norm: str) -> bool:
        """Filters that need a look at the text around a match (cheap, constant time)."""
        g = raw.groups
        after = norm[raw.end : raw.end + 1]
        if raw.pattern == "date" and "m" not in g and "y" not in g:
            # a bare day: only Arabic digits with 日 (一日/8号 are too often something else), or with 号
            # when a part of day or a clock follows (1号晚上, 3号下午3点: a day, not 3号决议)
            if _CN_NUMERAL.match(g["d"]) or (g.get("dw") == "号" and not g.get("tod") and not g.get("hh")):
                return False
        if raw.pattern == "month_period" and "pmod" not in g and _CN_NUMERAL.match(g["m"]):
            # 一月/三月 alone: accept only when followed by a non-CJK char or a day context
            if after and _CJK.match(after) and after not in "份初底末中":
                return False
        if raw.kind == "duration" and g.get("unit") in ("周", "年") and after in ("年", "岁"):
            return False  # 两周年 (anniversary), not a duration
        if raw.kind == "relyear" and g.get("ry") in ("上", "下") and raw.start and norm[raw.start - 1] in "以向往北南西东线马":
            return False  # 60岁以上年龄段: 以上 + 年, not "last year"
        if raw.kind == "relyear" and g.get("ry") in ("上", "下") and norm[raw.end : raw.end + 1] in _NOT_AFTER_YEAR:
            return False  # 爱上年轻人, 下年级: 年轻, 年级 are words of their own
        if raw.pattern in ("clock_arabic", "clock_dian") and not self._clock_like(raw, norm):
            return False  # 3:10 is a score and 三点 a count unless something says it is a clock time
        if raw.pattern == "lunar_date" and not ("lunar" in g or g["lm"] in "正腊冬" or g["ld"][0] in "初廿"):
            return False  # 八月十五 without 农历: a Gregorian date (date_noday), not a lunar one
        y = g.get("y", "")
        if len(y) == 2 and _CN_NUMERAL.match(y) and "〇零一二三四五六七八九".find(y[1]) == "〇零一二三四五六七八九".find(y[0]) + 1:
            return False  # 三四年, 五六年: "three or four years", not 2034
        if raw.kind == "vague" and g["vague"] == "至今" and norm[raw.end : raw.end + 1] in ("年", "天", "日", "晚", "早", "后", "夜"):
            return False  # 直至今年: 至 + 今年
        if raw.kind == "weekday" and after and after in self.weekday_not_before.get(g["w"][-1], "") and "bd" not in g:
            return False  # 本周五角大楼: the weekday digit starts the next word
        if raw.kind == "vague" and raw.start and norm[raw.start - 1] in self.vague_not_after.get(g["vague"], ""):
            return False  # 出现在, 兑现时间: the tail of another word, no time
        if raw.kind == "duration" and raw.start and norm[raw.start - 1] == "第" and \
                norm[max(0, raw.start - 2) : raw.start - 1] not in ("月", "年", "的"):
            return False  # 进入第四周, 审讯第51天: an ordinal count, not a length (十月的第一周 is left whole)
        if raw.kind == "duration" and g.get("n") == "一" and g.get("unit") == "天" and len(g) <= 2 and raw.start \
                and norm[raw.start - 1] in self.one_day_not_after:
            return False  # 黑暗的一天, 总有一天: a day spoken of, not a length of one day
        if raw.kind == "offset" and g["n"].isdigit() and len(g["n"]) >= 3:
            return False  # 2014年前 is "before 2014", not "2014 years ago"
        if raw.kind == "relday" and g["rd"] == "前两天" and raw.start and _CJK.match(norm[raw.start - 1]) and \
                norm[raw.start - 1] not in "我你他她它们咱":
            return False  # 去世前两天, 比赛的前两天: before an event or its first days, not two days ago
        return True


    def _clock_like(self, raw: RawMatch, norm: str) -> bool:
        g = raw.groups
        if "se2" in g and "zone" not in g and not norm[: raw.start].strip(" *#>-|"):
            return False  # 01:02:17 opening a paragraph: a video or transcript time code, not a clock
        if {"zone", "se", "se2", "ampm", "pre", "half", "qtr", "zheng", "mi3"} & g.keys():
            return True
        if raw.pattern == "clock_dian" and ("mi" in g or ("tod" in g and g["hh"][0].isdigit())):
            return True  # 8点20分, 早8点
        if raw.pattern == "clock_arabic" and "mi2" not in g:
            return True  # 8时, 8时30分: 时 says it
        if g.get("mi2") == "00" or (g.get("hh") == "零" and not _CN_NUMERAL.match(norm[raw.end : raw.end + 1])):
            return True  # 8:00, 零点: no score or count is written so
        if g.get("hh") in ("一", "二", "两"):
            return False  # 存在一点症状, 从两点分析: "a bit", "two points"; one o'clock needs 钟/整/半/分
        before = norm[raw.start - 1 : raw.start] if raw.start else ""
        if before in self.clock_before:
            return True
        return norm.startswith(self.clock_after, raw.end) or norm[raw.end : raw.end + 1] == " " and \
            norm.startswith(self.clock_after, raw.end + 1)


def _book_title_spans(norm: str) -> list[tuple[int, int]]:
    """Spans inside 《...》: 《星期日报》 is a newspaper, not a Sunday."""
    spans: list[tuple[int, int]] = []
    if "《" not in norm:  # most paragraphs: no title, and no per-character loop
        return spans
    # the last 《 before each 》 that follows an open one (what a left-to-right scan keeps), by find
    open_at = norm.find("《")
    while open_at >= 0:
        close = norm.find("》", open_at + 1)
        if close < 0:
            break
        reopen = norm.rfind("《", open_at, close)
        spans.append((reopen, close + 1))
        open_at = norm.find("《", close + 1)
    return spans


def _book_title_spans_simple(norm: str) -> list[tuple[int, int]]:
    """The character loop `_book_title_spans` replaces (kept for tests/perf)."""
    spans = []
    open_at = -1
    for i, ch in enumerate(norm):
        if ch == "《":
            open_at = i
        elif ch == "》" and open_at >= 0:
            spans.append((open_at, i + 1))
            open_at = -1
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
