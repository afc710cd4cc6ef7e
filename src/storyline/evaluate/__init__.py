"""`storyline eval`: the current pipeline measured on the annotated real-text corpus.

`items` turns gold records and pipeline output into comparable items per layer, `score` matches them and
counts, `report` prints the tables (per outlet, the outlets seen in training, the unseen outlets, overall).
The same matching serves inter-annotator agreement (`storyline annotate agree`).
"""

from storyline.evaluate.score import Counts, evaluate_docs

__all__ = ["Counts", "evaluate_docs"]
