"""When two merged events belong to one story: the relation every story is a connected
component of (the rules are in link.stories' docstring). Split from the linker to keep each
file readable; pure functions of the event records."""

from __future__ import annotations

from storyline.link.dates import month_or_finer

WINDOW_DAYS = 30
# Two events that share two actors but no article: at most this many days apart when both are
# day-precise. A month let one pair (普京, 乌克兰) chain a month of unrelated happenings into one
# story (the 2022-02-04 Xi-Putin meeting with the 2022-02-24 invasion); a longer thread of the
# same pair is still found month by month (link/stories/reads.py) and through shared articles.
PAIR_APART_DAYS = 7


def _actor_ids(event: dict) -> set[str]:
    return {a["entity_id"] for a in event["actors"] if a.get("entity_id")}


def _articles(event: dict) -> set[str]:
    return {m["article_id"] for m in event["mentions"]}


def related(a: dict, b: dict) -> bool:
    """Whether two merged events belong to the same thread (see the module docstring)."""
    return _related(_features(a), _features(b))


# day range, actor entity ids, article ids, (type, (entity, role) pairs)
Features = tuple[tuple[int, int] | None, set[str], set[str], tuple[str, frozenset]]


def _features(event: dict) -> Features:
    roles = frozenset((a["entity_id"], a.get("role")) for a in event["actors"] if a.get("entity_id"))
    return month_or_finer(event.get("date")), _actor_ids(event), _articles(event), (event.get("type"), roles)


def _related(fa: Features, fb: Features) -> bool:
    ra, ia, arts_a, kind_a = fa
    rb, ib, arts_b, kind_b = fb
    shared = ia & ib
    if ra is None or rb is None:  # no date at all: only beside what the same report tells
        return bool(shared) and not arts_a.isdisjoint(arts_b)
    apart = max(0, rb[0] - ra[1], ra[0] - rb[1])  # days between the ranges (0: they overlap)
    if apart > WINDOW_DAYS:
        return False
    exact = ra[0] == ra[1] and rb[0] == rb[1]
    if len(shared) >= 2:
        return apart <= PAIR_APART_DAYS or not exact or not arts_a.isdisjoint(arts_b)
    if arts_a.isdisjoint(arts_b):
        # the same act by (or on) the same party on the same day, told in other articles: one
        # happening (俄罗斯 bombing 敖德萨 and 俄罗斯 invading 乌克兰 on 2022-02-24)
        return (exact and apart == 0 and kind_a[0] == kind_b[0] and bool(shared)
                and not kind_a[1].isdisjoint(kind_b[1]))
    if not shared:
        # one article tells both, a day apart at most: one happening whose reports name different
        # parties (the raid by 警方 on 立场新闻 and the arrest of its editors; the killings in
        # 布查 and the bodies found there), which the role and entity errors of one report split
        return exact and apart <= 1
    return min(len(ia), len(ib)) < 2 or (exact and apart <= 1)


def basis(event: dict) -> str:
    """What an event's relations depend on that can take one away when it changes: its date and
    its number of linked actors (stored with its story, link.stories `_grown`)."""
    return f"{event.get('date')}|{len(_actor_ids(event))}"
