"""Analyse stage: segmentation, entity mentions, time expressions, in that order."""

from __future__ import annotations


from storyline.analyse.entities import EntityRecognizer
from storyline.analyse.segment import Segmenter
from storyline.analyse.time import TimeTagger
from storyline.clock import clock
from storyline.model import Doc


class Analyser:
    def __init__(self) -> None:
        self.segmenter = Segmenter()
        self.entities = EntityRecognizer(self.segmenter)
        self.times = TimeTagger()

    def __call__(self, doc: Doc, timer) -> None:
        t = clock()
        self.segmenter(doc)
        timer.add("segment", t)
        t = clock()
        self.entities(doc)
        timer.add("entities", t)
        t = clock()
        self.times(doc)
        timer.add("time", t)
