"""Terminal output is sanitised (issue #29, defect 13).

Titles, authors, outlets and file names come from untrusted files. Printed raw, an escape
sequence in one could retitle the window (OSC), clear the screen, move the cursor over the
lines before it or ring the bell. Every string the CLI prints shows a control character as one
visible character instead (ESC as ␛).
"""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from storyline.serve.cli import app

EVIL = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"
ESC_OR_BEL = re.compile("[\x1b\x07\x9b\r]")


def test_titles_authors_and_file_names_print_without_control_characters(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    record = {"title": f"普京会见马克龙{EVIL}红色标题", "author": f"记者{EVIL}", "outlet": f"新华社{EVIL}",
              "date": "2022-02-07", "url": "https://example.com/a",
              "content": f"俄罗斯总统普京周一在莫斯科会见法国总统马克龙{EVIL}，双方就乌克兰局势举行会谈。"}
    (corpus / "a.json").write_text(json.dumps(record, ensure_ascii=True), encoding="utf-8")
    (corpus / f"bad{EVIL}.json").write_text("{not json", encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    ingest = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert ingest.exit_code == 0, ingest.output
    assert "bad␛]0;pwned␇" in ingest.stderr and not ESC_OR_BEL.search(ingest.output), repr(ingest.output)
    article_id = json.loads(runner.invoke(app, ["export", "articles", "--db", db]).stdout.splitlines()[0])["id"]
    for args in (["articles"], ["show", article_id], ["search", "马克龙"], ["timeline"], ["entities"],
                 ["entity", "马克龙"]):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 0, (args, result.output)
        assert not ESC_OR_BEL.search(result.output), (args, repr(result.output))
    shown = runner.invoke(app, ["show", article_id, "--db", db]).output
    assert "普京会见马克龙␛]0;pwned" in shown and "␛[2J" in shown, shown  # (rich itself drops BEL)
    # the exported record keeps the text exactly as read: only the terminal view is sanitised
    assert "\\u001b]0;pwned" in runner.invoke(app, ["export", "articles", "--db", db]).stdout
