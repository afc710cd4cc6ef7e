"""`storyline eval` on the annotated test split: the real-text figures may not drop below today's floors
(eval/data/real_floors.json, written from the run the README reports)."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.serve.cli import app

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FLOORS = REPO / "eval" / "data" / "real_floors.json"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (the corpora) is not beside the repository")
def test_test_split_holds_its_floors(tmp_path):
    out = tmp_path / "figures.json"
    result = CliRunner().invoke(app, ["eval", "--split", "test", "--json", str(out), "--check", str(FLOORS)])
    assert result.exit_code == 0, result.output
    assert "articles" in result.output and out.exists()
