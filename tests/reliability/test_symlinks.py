"""Symbolic links are not followed by default (issue #29, defect 2).

Before the fix, `ln -s /etc/shadow corpus/x.md; storyline ingest corpus` stored the private
file as an article, searchable and served by /api/articles/{id}. Now every link, given or met
in a folder, is skipped as one `path: reason` line; `--follow-symlinks` reads them on purpose.
"""

from __future__ import annotations

import json
import os
import re

from typer.testing import CliRunner

from storyline.serve.cli import app

SECRET = "机密文件内容：国防部长周一在内部会议上表示，不得对外公布这份名单。"
PUBLIC = "外交部发言人汪文斌周一表示，中方一贯主张通过对话解决问题。"


def _setup(tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (outside / "dir").mkdir()
    (outside / "dir" / "more.txt").write_text("机密附件：空军司令周三下令所有基地进入一级战备状态，并暂停一切对外交流活动。\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(PUBLIC + "\n", encoding="utf-8")
    os.symlink(outside / "secret.txt", corpus / "x.md")
    os.symlink(outside / "dir", corpus / "linked")
    os.mkfifo(corpus / "pipe.txt")  # reading a FIFO would block the ingest forever
    return corpus


def _texts(db: str) -> str:
    out = CliRunner().invoke(app, ["export", "articles", "--db", db])
    assert out.exit_code == 0, out.output
    return "".join(json.loads(line)["paragraphs"][0] for line in out.stdout.splitlines() if line.strip())


def test_links_out_of_the_corpus_are_skipped_with_a_reason(tmp_path):
    corpus = _setup(tmp_path)
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    assert re.search(r"read 1, new 1, .* failed 3", result.stdout), result.output
    stored = _texts(db)
    assert PUBLIC in stored and "机密" not in stored
    lines = sorted(result.stderr.splitlines())
    assert lines == sorted([
        f"{corpus}/linked: symbolic link skipped (--follow-symlinks reads it)",
        f"{corpus}/pipe.txt: not a regular file",
        f"{corpus}/x.md: symbolic link skipped (--follow-symlinks reads it)",
    ]), result.stderr
    # a link named on the command line is skipped the same way
    given = CliRunner().invoke(app, ["ingest", str(corpus / "x.md"), "--db", db])
    assert given.exit_code == 1 and "x.md: symbolic link skipped" in given.stderr, given.output


def test_follow_symlinks_reads_them_on_purpose(tmp_path):
    corpus = _setup(tmp_path)
    os.symlink(corpus, corpus / "linked" / "loop")  # a loop back up: walked once, never forever
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db, "--follow-symlinks"])
    assert result.exit_code == 0, result.output
    assert re.search(r"read 3, new 3, .* failed 1", result.stdout), result.output
    assert "机密" in _texts(db)
