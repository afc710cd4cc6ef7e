"""Entity mentions (PERSON, ORG, GPE, LOC) with within-article clusters.

`EntityRecognizer(segmenter)(doc)` sets `doc.mentions`: detection per paragraph (see detect.py),
propagation of newly found names through the article, then clustering into `local_id`s (see
cluster.py). Cross-article identity (`entity_id`) is set later by storyline.link.entities.
"""

from __future__ import annotations

from storyline.analyse.entities.cluster import cluster, propagate
from storyline.analyse.entities.detect import Cand, Detector
from storyline.analyse.entities.patterns import Patterns
from storyline.analyse.entities.resources import Resources
from storyline.model import Doc, EntityMention

__all__ = ["EntityRecognizer"]


class EntityRecognizer:
    def __init__(self, segmenter=None) -> None:
        self.segmenter = segmenter
        res = getattr(segmenter, "resources", None)
        self.resources: Resources = res if isinstance(res, Resources) else Resources()
        self.patterns = Patterns(self.resources)
        self.detector = Detector(self.resources, self.patterns)

    def __call__(self, doc: Doc) -> None:
        paras = doc.paragraphs
        if self.segmenter is not None:
            for p in paras:
                if not p.tokens and p.norm:
                    p.tokens = self.segmenter.tokens(p.norm)
        per_para: list[list[Cand]] = [self.detector.paragraph(p) if p.norm else [] for p in paras]
        propagate([p.norm for p in paras], per_para, self.resources)
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
