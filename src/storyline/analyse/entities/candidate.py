"""A mention candidate proposed by the detector's stages, before merging and clustering."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.analyse.entities.resources import GazEntry


@dataclass
class Cand:
    start: int
    end: int
    type: str
    prio: int
    hint: str | None = None
    country: str | None = None
    role_title: str | None = None
    role_of: str | None = None
    role_class: str | None = None
    english: str | None = None
    source: str = "gaz"  # gaz title dot translit abbr org
    entries: list[GazEntry] = field(default_factory=list)
    refused: bool = False  # a titled name whose gazetteer namesake is someone else (美国众议院议长约翰逊)

    def overlaps(self, other: "Cand") -> bool:
        return self.start < other.end and other.start < self.end
