"""Entity mentions (PERSON, ORG, GPE, LOC) with within-article clusters.

`EntityRecognizer(segmenter)(doc)` sets `doc.mentions`: the learned character tagger (tagger.py, model
built by `storyline train`) over the whole document, the rule detector per paragraph (detect.py), the two
combined per paragraph (merge.py), propagation of newly found names through the article, then clustering into `local_id`s (see
cluster.py). Cross-article identity (`entity_id`) is set later by storyline.link.entities.
"""

from __future__ import annotations

from pathlib import Path

from storyline.analyse.entities.cluster import cluster, propagate, propagate_places, surname_mentions
from storyline.analyse.entities.detect import Cand, Detector
from storyline.analyse.entities.merge import Merger
from storyline.analyse.entities.names import TokenIndex
from storyline.analyse.entities.patterns import Patterns
from storyline.analyse.entities.placetype import PlaceTyper
from storyline.analyse.entities.resources import Resources, _lines
from storyline.analyse.entities.tagger import Tagger, default_model_path
from storyline.model import Doc, EntityMention

__all__ = ["EntityRecognizer"]


class EntityRecognizer:
    """`model`: the tagger model file (default: the shipped one); `use_model=False` runs the rules alone."""

    def __init__(self, segmenter=None, model: Path | None = None, use_model: bool = True) -> None:
        self.segmenter = segmenter
        res = getattr(segmenter, "resources", None)
        self.resources: Resources = res if isinstance(res, Resources) else Resources()
        self.patterns = Patterns(self.resources)
        self.detector = Detector(self.resources, self.patterns)
        path = model or default_model_path()
        self.tagger = Tagger(self.resources, path) if use_model and path.exists() else None
        self.merge = Merger(self.resources, self.patterns, PlaceTyper(self.resources), set(_lines("org_generic.txt")))

    def __call__(self, doc: Doc) -> None:
        paras = doc.paragraphs
        if self.segmenter is not None:
            for p in paras:
                if not p.tokens and p.norm:
                    p.tokens = self.segmenter.tokens(p.norm)
        indexes = [TokenIndex(p.tokens) for p in paras]  # one per paragraph, for the rules and the merge
        per_para: list[list[Cand]] = [self.detector.paragraph(p, x) if p.norm else [] for p, x in zip(paras, indexes)]
        if self.tagger is not None:
            spans = self.tagger.spans([p.norm for p in paras], [p.tokens for p in paras])
            for k, p in enumerate(paras):
                if p.norm:  # also with no tagger span: rule hits the tagger does not confirm are checked
                    per_para[k] = self.merge(p.norm, per_para[k], spans[k], indexes[k].bounds)
                    self.detector._attach_english(p.norm, per_para[k])
        per_para = [self.detector.english_mentions(p.norm, c) if c else c for p, c in zip(paras, per_para)]
        propagate([p.norm for p in paras], per_para, self.resources)
        surname_mentions([p.norm for p in paras], per_para, indexes, self.resources)
        propagate_places([p.norm for p in paras], per_para, indexes, self.patterns)
        no_mention = self.patterns.no_mention
        per_para = [[c for c in cands if not no_mention(p.norm, c, x.bounds)]
                    for p, cands, x in zip(paras, per_para, indexes)]
        items = [(p, p.norm[c.start:c.end], c) for p, cands in zip(paras, per_para) for c in cands]
        local = cluster([(s, c) for _, s, c in items])
        mentions = []
        for (para, surface, c), lid in zip(items, local):
            mentions.append(EntityMention(
                paragraph=para.index, start=c.start, end=c.end, text=para.text[c.start:c.end], type=c.type,
                norm=surface, english=c.english, role_title=c.role_title, role_of=c.role_of,
                country=c.country, canonical_hint=c.hint, local_id=lid,
            ))
        doc.mentions = mentions
