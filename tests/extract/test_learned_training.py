"""`storyline train --part extract`: the event and quote models are rebuilt byte for byte from the same
annotated articles (a small slice here; the full rebuild reads the whole train split)."""

from pathlib import Path

import pytest

pytest.importorskip("sklearn")

from storyline.extract.learned.train import train_events  # noqa: E402

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (the corpora) is not beside the repository")
def test_training_twice_gives_the_same_files(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    first = train_events(SHARED, a, log=lambda _: None, limit=12)
    second = train_events(SHARED, b, log=lambda _: None, limit=12)
    assert first == second and first["articles"] == 12
    names = sorted(p.name for p in a.iterdir())
    assert names == ["events_role.json", "events_status.json", "events_trigger.json", "quotes_speaker.json",
                     "triggers.tsv"]
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
