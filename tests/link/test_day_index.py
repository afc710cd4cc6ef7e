"""DayIndex (link.day_index) collects windows exactly as a plain list of (feature, day, key) would,
through every shape an entry takes (one pair, a short list, a day map) and back."""

from __future__ import annotations

import random

from storyline.link.day_index import SMALL, DayIndex


def _expected(entries: list[tuple[str, int | None, str]], feature: str, day: int, lo: int, hi: int) -> list[str]:
    return sorted(k for f, d, k in entries if f == feature and d is not None and day + lo <= d <= day + hi)


def _window(index: DayIndex, feature: str, day: int, lo: int, hi: int) -> list[str]:
    found: set[str] = set()
    index.collect([feature], day, lo, hi, found)
    return sorted(found)


def test_random_adds_and_removes_match_a_plain_list():
    rng = random.Random(7)
    index, entries = DayIndex(), []
    features = [f"f{i}" for i in range(12)]
    for step in range(3000):
        if entries and rng.random() < 0.4:
            f, d, k = entries.pop(rng.randrange(len(entries)))
            index.remove([f], d, k)
        else:
            item = (rng.choice(features[: 1 + step % len(features)]), rng.choice([None, *range(30)]), f"k{step}")
            entries.append(item)
            index.add([item[0]], item[1], item[2])
        f, day = rng.choice(features), rng.randrange(30)
        lo, hi = -rng.randrange(15), rng.randrange(15)
        assert _window(index, f, day, lo, hi) == _expected(entries, f, day, lo, hi)
        some = rng.sample(features, 3)
        collected: set[str] = set()
        index.collect(some, day, lo, hi, collected)
        assert sorted(collected) == sorted({k for g in some for k in _expected(entries, g, day, lo, hi)})


def test_one_claim_shares_its_pair_and_an_emptied_feature_is_gone():
    index = DayIndex()
    index.add(["a", "b"], 5, "k1")
    assert index._by["a"] is index._by["b"]  # the same (day, key) tuple, not one per feature
    for i in range(SMALL + 2):  # past SMALL: a day map
        index.add(["a"], i, f"m{i}")
    assert isinstance(index._by["a"], dict) and _window(index, "a", 5, 0, 0) == ["k1", "m5"]
    index.add(["b"], 6, "k2")
    assert isinstance(index._by["b"], list)
    index.remove(["b"], 6, "k2")
    assert index._by["b"] == (5, "k1")  # back to one pair
    index.remove(["a", "b"], 5, "k1")
    assert "b" not in index._by and _window(index, "a", 5, 0, 0) == ["m5"]
