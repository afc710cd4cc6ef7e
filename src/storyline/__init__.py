"""storyline: Chinese-language news into a source-attributed record of what happened.

The public Python API (docs/python-api.md):

    storyline.analyse(text, published=None, outlet=None)  -> storyline.public.Analysis
    storyline.open_store(url=None)                         -> storyline.public.StoreReader
    storyline.FilterError                                  (a bad filter: a ValueError)

Nothing heavy is imported by `import storyline` (the CLI starts from here): these names are
resolved on first use. `storyline.analyse` is both the analysis sub-package (analyse.entities,
analyse.segment, analyse.time) and callable: see storyline/analyse/__init__.py.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_PUBLIC = {"open_store": "storyline.public", "Analysis": "storyline.public", "Analyzer": "storyline.public",
           "StoreReader": "storyline.public", "FilterError": "storyline.public"}
__all__ = ["__version__", "analyse", *_PUBLIC]


def __getattr__(name: str):
    if name == "analyse":  # the sub-package, callable; importing it makes it this attribute for good
        return importlib.import_module("storyline.analyse")
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
