"""A multinomial linear model over sparse string features, stored as JSON inside the package.

Trained with scikit-learn's LogisticRegression (`storyline train`), then exported to a plain table
{feature: [weight per class]} so that inference needs no scikit-learn, no numpy and no pickle: a
candidate's score is a few dict look-ups (tens of features, a handful of classes), far below the
per-article budget. Weights are rounded and features with no weight above `PRUNE` are dropped, which
keeps the files small and byte-identical between runs.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

PRUNE = 1e-3
DIGITS = 4


class LinearModel:
    def __init__(self, classes: list[str], intercept: list[float], weights: dict[str, list[float]]) -> None:
        self.classes = classes
        self.intercept = intercept
        self.weights = weights

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["classes"], data["intercept"], data["weights"])

    def scores(self, features: list[str]) -> list[float]:
        """Intercept plus the weight rows of the known features, class by class, added in feature order;
        the rows are transposed and summed in C (the per-class Python loop was this stage's hottest line)."""
        rows = [w for w in map(self.weights.get, features) if w is not None]
        if not rows:
            return list(self.intercept)
        return [sum(column, start) for column, start in zip(zip(*rows), self.intercept)]

    def predict(self, features: list[str]) -> tuple[str, float]:
        """(best class, its probability)."""
        s = self.scores(features)
        if len(s) == 2:  # the binary models (speaker, status pairs): the general lines below, unrolled
            a, b = s
            if b > a:  # max() keeps the first of equal scores
                return self.classes[1], 1.0 / (math.exp(a - b) + 1.0)
            return self.classes[0], 1.0 / (1.0 + math.exp(b - a))
        top = max(range(len(s)), key=s.__getitem__)
        z = sum(math.exp(v - s[top]) for v in s)
        return self.classes[top], 1.0 / z

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"classes": self.classes, "intercept": self.intercept,
                                    "weights": self.weights}, ensure_ascii=False, sort_keys=True,
                                   separators=(",", ":")) + "\n", encoding="utf-8")


def fit(rows: list[list[str]], labels: list[str], c: float = 1.0, min_count: int = 2) -> LinearModel:
    """Logistic regression (lbfgs, deterministic) on binary features seen at least `min_count` times."""
    from collections import Counter

    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for row in rows for f in set(row))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    indptr, indices = [0], []
    for row in rows:
        cols = sorted({vocab[f] for f in row if f in vocab})
        indices.extend(cols)
        indptr.append(len(indices))
    x = csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(rows), len(vocab)))
    classes = sorted(set(labels))
    if len(classes) == 1:
        return LinearModel(classes, [0.0], {})
    model = LogisticRegression(C=c, max_iter=2000, solver="lbfgs")
    model.fit(x, labels)
    coef = model.coef_
    if len(model.classes_) == 2:  # binary: sklearn keeps one row; make it two, symmetric
        coef = [[-v / 2 for v in coef[0]], [v / 2 for v in coef[0]]]
        intercept = [-model.intercept_[0] / 2, model.intercept_[0] / 2]
    else:
        coef = [list(r) for r in coef]
        intercept = list(model.intercept_)
    names = sorted(vocab, key=vocab.get)
    weights = {}
    for j, f in enumerate(names):
        w = [round(float(coef[k][j]), DIGITS) for k in range(len(coef))]
        if max(abs(v) for v in w) > PRUNE:
            weights[f] = w
    return LinearModel([str(c) for c in model.classes_], [round(float(v), DIGITS) for v in intercept], weights)
