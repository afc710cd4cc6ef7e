"""Analyse stage: segmentation, entity mentions, time expressions, in that order.

This package is also the public function `storyline.analyse(text, published=None, outlet=None)`:
Python sets the attribute `storyline.analyse` to this sub-package whenever it is imported (by
the pipeline, or by `from storyline.analyse.entities import EntityRecognizer`), which would
clobber a function of that name. So the module itself is callable (its class is a ModuleType
subclass with __call__, below) and calling it runs storyline.public.analyse.
"""

from __future__ import annotations

import sys
import types

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


class _CallableModule(types.ModuleType):
    """`storyline.analyse(text, published=None, outlet=None, title=None)`: see storyline.public.analyse."""

    def __call__(self, text: str, published: str | None = None, outlet: str | None = None, title: str | None = None):
        from storyline.public import analyse

        return analyse(text, published, outlet, title)


sys.modules[__name__].__class__ = _CallableModule
