"""The learned event models' linear layer: fit, export, reload, predict; deterministic."""

import pytest

pytest.importorskip("sklearn")

from storyline.extract.learned.linear import LinearModel, fit  # noqa: E402

ROWS = [["w=会谈", "l1=举"], ["w=会谈", "l1=行"], ["w=制裁", "r1=俄"], ["w=制裁", "r1=措"],
        ["w=表示", "l1=他"], ["w=表示", "l1=并"]] * 3
LABELS = ["CONSULT", "CONSULT", "SANCTION", "SANCTION", "NONE", "NONE"] * 3


def test_fit_predict_and_round_trip(tmp_path):
    model = fit(ROWS, LABELS)
    assert model.predict(["w=会谈"])[0] == "CONSULT"
    assert model.predict(["w=制裁"])[0] == "SANCTION"
    assert model.predict(["w=表示", "l1=他"])[0] == "NONE"
    path = tmp_path / "m.json"
    model.save(path)
    again = LinearModel.load(path)
    assert again.scores(["w=会谈", "unseen"]) == model.scores(["w=会谈"])
    label, prob = again.predict(["w=制裁"])
    assert label == "SANCTION" and 0.33 < prob <= 1.0


def test_training_is_deterministic(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    fit(ROWS, LABELS).save(a)
    fit(list(ROWS), list(LABELS)).save(b)
    assert a.read_bytes() == b.read_bytes()


def test_rare_features_are_dropped():
    model = fit(ROWS + [["w=罕见"]], LABELS + ["CONSULT"])
    assert "w=罕见" not in model.weights
