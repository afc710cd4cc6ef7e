"""Extraction must not depend on Python's hash seed (set iteration order)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
from storyline.extract.quotes.speakers import CueLexicon
lex = CueLexicon()
text = "据塔斯社和路透社报道，该官员表示"
print(lex.outlet_name(text, text, 0, len(text)), lex.outlets[:5])
"""


def test_outlet_choice_is_the_same_under_any_hash_seed():
    outs = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.add(subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True,
                                check=True).stdout)
    assert len(outs) == 1, outs
    assert next(iter(outs)).startswith("塔斯社")
