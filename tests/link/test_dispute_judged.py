"""The judged samples of real-corpus disputes (eval/data/disputes_judged*.tsv) are stand-off data
and their precision is what docs/disputes.md reports: the #32 target of 0.8 is met only by the
session-17 store re-linked with the rules written after reading its sample (not independent)."""

from __future__ import annotations

import csv
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "eval"
COLUMNS = ["dispute", "claim_path", "claim_paragraph", "counter_path", "counter_paragraph", "verdict", "reason"]


def _index() -> list[dict]:
    with (EVAL / "data" / "disputes_judged_files.tsv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_judged_files_are_stand_off_data():
    listed = [e["file"] for e in _index()]
    # every verdict file is in the index (which --judged reads), once
    on_disk = {p.name for p in (EVAL / "data").glob("disputes_judged*.tsv")} - {"disputes_judged_files.tsv"}
    assert sorted(listed) == sorted(on_disk)
    for name in listed:
        with (EVAL / "data" / name).open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        assert rows and list(rows[0]) == COLUMNS
        for r in rows:
            assert r["dispute"].startswith("dp_") and r["verdict"] in ("yes", "no")
            assert r["claim_path"].startswith(("corpus/", "corpus2/")) and r["claim_paragraph"].isdigit()
            # our own one-line reason, never a copied passage: short, and in English
            assert 10 < len(r["reason"]) < 240 and r["reason"].isascii(), r["reason"]
        assert len({r["dispute"] for r in rows}) == len(rows)


def test_judged_precision_figures(repo_script):
    mod = repo_script("eval/evaluate_disputes_corpus.py")
    first = mod.judged_precision()
    assert first["n"] == 58 and first["yes"] == 40  # every dispute of the store (a draw of 60, fewer exist)
    after = mod.judged_precision(mod.JUDGED_AFTER)
    assert after["n"] == 54 and after["precision"] >= 0.7


def test_session17_sample_and_after(repo_script):
    """The seed-17 draw of 60 from the whole-corpus store (0.700 with the rules it was drawn under)
    and every dispute of that store re-linked with the rules written after reading it."""
    mod = repo_script("eval/evaluate_disputes_corpus.py")
    drawn = mod.judged_precision(mod.JUDGED_S17)
    assert drawn["n"] == 60 and drawn["yes"] == 42
    after = mod.judged_precision(mod.JUDGED_S17_AFTER)
    assert after["n"] == 62 and after["precision"] >= 0.8


def test_session18_independent_sample(repo_script):
    """The seed-18 draw of 60 from the store of the whole corpus, judged before this session's rules:
    47 real (0.783); of the 18 pairs no earlier file judged, 11 (0.611)."""
    mod = repo_script("eval/evaluate_disputes_corpus.py")
    drawn = mod.judged_precision(mod.JUDGED_S18, mod.EARLIER)
    assert drawn["n"] == 60 and drawn["yes"] == 47
    assert drawn["fresh"] == 18 and drawn["fresh_yes"] == 11


def test_session18_after_the_rules(repo_script):
    """Every dispute of that store re-linked with RULES_VERSION 17 (not independent): the four false
    the rules were written from are gone, and 18 new denials right after their claims (否认 + its
    object) came in, 15 of them real."""
    mod = repo_script("eval/evaluate_disputes_corpus.py")
    after = mod.judged_precision(mod.JUDGED_S18_AFTER)
    assert after["n"] == 92 and after["yes"] == 73


def test_session18b_fresh_store_before_and_after(repo_script):
    """A fresh store of the whole corpus (head 4bcc08b): its 93 disputes under RULES_VERSION 17, 74
    real; re-linked with RULES_VERSION 21 (Traditional script read in Simplified, denials' context),
    144 disputes, 115 real. Not independent: the rules were written from this store's disputes."""
    mod = repo_script("eval/evaluate_disputes_corpus.py")
    before = mod.judged_precision(mod.JUDGED_S18B)
    assert before["n"] == 93 and before["yes"] == 74
    after = mod.judged_precision(mod.JUDGED_S18B_AFTER)
    assert after["n"] == 144 and after["yes"] == 115


def test_judged_files_report_fresh_pairs_of_independent_judges(repo_script):
    """`--judged` reads the index: an independent judge's file also reports the pairs no earlier round
    judged. The session-19 judge (a fresh store at 6d629b6, RULES_VERSION 25) found 104 of 131 real."""
    mod = repo_script("eval/evaluate_disputes_corpus.py")
    by_file = dict(zip([e["file"] for e in _index()], mod.judged_files()))
    store = by_file["disputes_judged_s20_store.tsv"]
    assert (store["n"], store["yes"], store["fresh"], store["fresh_yes"]) == (131, 104, 4, 1)
    assert "fresh" not in by_file["disputes_judged_s19_after.tsv"]  # the rule writer's file
    assert by_file["disputes_judged_s18.tsv"]["fresh"] == 18
