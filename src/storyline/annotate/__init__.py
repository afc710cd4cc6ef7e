"""Stand-off annotation of real articles: the measurement that every learned stage is judged by.

Annotations never hold article text (the articles belong to their outlets). Each one names the file
(path relative to the shared folder + SHA-1 of its bytes), the record inside multi-record files, the
paragraph of the *clean* text (what `storyline.clean` produces), character offsets into it, a short hash
of the span and a fingerprint of every paragraph, so a change of cleaning can be detected and the
offsets re-anchored (`storyline annotate check --reanchor`). Guidelines: docs/annotation.md.

Modules: `anchor` (fingerprints, re-anchoring), `corpus` (load annotated documents for training and
evaluation), `draft` (the annotators' line format turned into offsets), `render` (show an article and its
annotations, at run time only).
"""

from storyline.annotate.corpus import GoldDoc, annotation_root, load_gold

__all__ = ["GoldDoc", "annotation_root", "load_gold"]
