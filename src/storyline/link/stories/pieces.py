"""What is left of a stored story when some of its events change: pieces still known to be
connected, so the linker need not compare every remaining event again (link.stories).

Each story event is saved with a few events of its story it is related to (`links`: the event
it was reached through, plus up to `EXTRA_LINKS` more). A link between two events that did not
change, or only gained actors and reports, still holds (relations depend on the two records
only, and such a gain never takes one away), so the links among the unchanged events of a story
split them into connected pieces. The largest piece is taken whole; the events of the others are
compared again, which also finds every relation between two pieces (one end is always outside
the largest). Hand-written: a union-find over a few thousand ids.
"""

from __future__ import annotations

EXTRA_LINKS = 2  # related events kept per event beyond the one it was reached through
MIN_PIECE = 20  # a smaller remainder is searched again: keeping it whole saves little


def encode(links: set[str]) -> str | None:
    return " ".join(sorted(links)) or None


def decode(text: str | None) -> list[str]:
    return text.split() if text else []


def pieces(links: dict[str, list[str]], removed: set[str]) -> list[set[str]]:
    """The connected pieces of a story's events not in `removed`, by their stored links (a link
    to an event outside the story or in `removed` is ignored); largest first, ties by smallest id."""
    parent = {e: e for e in links if e not in removed}

    def root(e: str) -> str:
        while parent[e] != e:
            parent[e] = parent[parent[e]]
            e = parent[e]
        return e

    for e in sorted(parent):
        for other in links[e]:
            if other in parent:
                a, b = root(e), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[str, set[str]] = {}
    for e in parent:
        groups.setdefault(root(e), set()).add(e)
    return sorted(groups.values(), key=lambda g: (-len(g), min(g)))


def kept_piece(links: dict[str, list[str]], removed: set[str]) -> set[str]:
    """The piece of a story kept whole (empty when none is worth keeping)."""
    found = pieces(links, removed)
    return found[0] if found and len(found[0]) >= MIN_PIECE else set()
