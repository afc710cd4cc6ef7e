"""`storyline annotate` end to end on a tiny article of our own, in a throw-away shared folder."""

import json

from typer.testing import CliRunner

from storyline.serve.cli import app

ARTICLE = """---
title: 测试新闻：外长会谈
date: 2026-12-01 10:00:00 +0800
---

外交部长李华周二在北京与日本外相会谈。

李华表示，双方同意加强合作。
"""


def setup(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    (shared / "corpus" / "x").mkdir(parents=True)
    (shared / "corpus" / "x" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (shared / "heldout.txt").write_text("corpus/x/held.md\n", encoding="utf-8")
    root = tmp_path / "ann"
    root.mkdir()
    (root / "assignment.tsv").write_text(
        "path\trecord\tfolder\tsplit\tannotator\tsecond\ncorpus/x/a.md\t\tx\ttest\tt1\t\n", encoding="utf-8")
    monkeypatch.setenv("STORYLINE_ANNOTATIONS", str(root))
    return shared, root


def test_show_save_view_check(tmp_path, monkeypatch):
    shared, root = setup(tmp_path, monkeypatch)
    run = CliRunner().invoke
    shown = run(app, ["annotate", "show", "corpus/x/a.md", "--shared", str(shared)])
    assert shown.exit_code == 0 and "p0: 外交部长李华周二在北京与日本外相会谈。" in shown.output
    draft = tmp_path / "d.txt"
    draft.write_text("# file: corpus/x/a.md\nENT * PERSON 李华\nENT p0 GPE 北京\nENT p0 GPE 日本\n"
                     "TIME p0 周二 = 2026-12-01\n"
                     "EV p0 CONSULT trigger=会谈 src=李华 tgt=日本 date=2026-12-01 mode=meeting\n"
                     "Q p1 content=双方~~合作 cue=表示 speaker=李华 indirect\n", encoding="utf-8")
    saved = run(app, ["annotate", "save", str(draft), "--annotator", "t1", "--shared", str(shared)])
    assert saved.exit_code == 0, saved.output
    records = list((root / "first" / "x").glob("*.json"))
    data = json.loads(records[0].read_text(encoding="utf-8"))
    assert data["split"] == "test" and len(data["entities"]) == 4 and "李华" not in records[0].read_text()
    viewed = run(app, ["annotate", "view", "corpus/x/a.md", "--shared", str(shared)])
    assert "EV p0 CONSULT trigger=会谈 source=李华@p0 target=日本@p0" in viewed.output
    checked = run(app, ["annotate", "check", "--shared", str(shared)])
    assert checked.exit_code == 0 and "1 records, 0 re-anchored" in checked.output


def test_heldout_and_unassigned_files_are_refused(tmp_path, monkeypatch):
    shared, _ = setup(tmp_path, monkeypatch)
    (shared / "corpus" / "x" / "held.md").write_text(ARTICLE, encoding="utf-8")
    (shared / "corpus" / "x" / "b.md").write_text(ARTICLE, encoding="utf-8")
    for name, message in (("held.md", "heldout"), ("b.md", "not in")):
        draft = tmp_path / "d.txt"
        draft.write_text(f"# file: corpus/x/{name}\nENT p0 PERSON 李华\n", encoding="utf-8")
        res = CliRunner().invoke(app, ["annotate", "save", str(draft), "--annotator", "t1", "--shared", str(shared)])
        assert res.exit_code == 2 and message in res.output
