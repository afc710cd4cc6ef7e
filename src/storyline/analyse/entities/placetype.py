"""GPE or LOC for a place span found by the tagger (which has a single place type, MSRA's LOC).

The gazetteer decides when it knows the surface (places.tsv types every entry); otherwise a span ending
in a geographic-feature word (data/loc_endings.txt: 山, 河, 海峡, 高原, 地区, 洲; and the man-made places
without a government: 站, 线, 街, 道, 广场, 公园) is LOC and any other
place is GPE: in news text an unknown place name is mostly a country, province, city or county
(马拉维, 廊坊, 加利福尼亚州), the geographic features carry their kind in their last characters.
Cities named after rivers or mountains (黄山, 九江) are GPE in the gazetteer when it lists them;
data/gpe_feature_names.txt lists the provinces and cities that end like a feature (上海, 浙江, 佛山);
others get the ending's type, a documented approximation. data/place_types.tsv overrides the gazetteer's
type for a few regions (西方, 中环 are LOC), for the tagger's spans and the rules' (Merger). A known place and
地区 takes that place's type (基辅地区 GPE, 亚太地区 LOC: 40 of 40 annotated in train+dev).
"""

from __future__ import annotations

from storyline.analyse.entities.resources import Resources, _lines


class PlaceTyper:
    def __init__(self, res: Resources) -> None:
        self.res = res
        self.endings = sorted(set(_lines("loc_endings.txt")), key=len, reverse=True)
        self.ending_set = set(self.endings)
        self.ending_lengths = sorted({len(e) for e in self.endings if e})
        self.gpe_names = set(_lines("gpe_feature_names.txt"))  # 上海, 浙江, 佛山: cities, not features
        # 西方, 中环: regions the gazetteer types GPE, LOC in the guidelines (data/place_types.tsv)
        self.overrides = {w: t for w, _, t in (ln.partition("\t") for ln in _lines("place_types.tsv"))}

    def __call__(self, surface: str) -> str:
        if surface in self.overrides:
            return self.overrides[surface]
        for e in self.res.alias.get(surface, []):
            if e.type in ("GPE", "LOC"):
                return e.type
        if surface in self.gpe_names:
            return "GPE"
        if surface.endswith("地区") and len(surface) > 2:  # 基辅地区 GPE, 亚太地区 LOC: the named place's type
            for e in self.res.alias.get(surface[:-2], []):
                if e.type in ("GPE", "LOC"):
                    return e.type
        # by ending length, not ending by ending: this runs for every place the tagger proposes
        return "LOC" if any(surface[-k:] in self.ending_set for k in self.ending_lengths if k < len(surface)) \
            else "GPE"
