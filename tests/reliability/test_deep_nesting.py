"""Deeply nested markup is refused before the parser sees it (issue #29, defect 4).

The HTML parser's time grows much faster than the depth (measured before the fix: 20,000
levels 0.6 s, 100,000 levels 48 s, 200,000 levels 361 s in one C call) and the SIGALRM budget
cannot interrupt a C call, so the 30 s budget did not hold; an upload had no budget at all.
A linear pre-scan of the bytes now refuses a file nested over 10,000 levels, in any format
and on every path (CLI, pool workers, uploads).
"""

from __future__ import annotations

import json
import time

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.serve.api import create_app
from storyline.serve.cli import app

TEXT = "俄罗斯总统普京周一在莫斯科会见法国总统马克龙，双方就乌克兰局势举行了会谈。"


def _nested(levels: int) -> str:
    return ("<html><body>" + "<div><span>" * (levels // 2) + f"<p>{TEXT}</p>" + "</span></div>" * (levels // 2)
            + "</body></html>")


def test_deep_html_is_refused_fast_and_shallow_html_still_read(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "deep.html").write_text(_nested(200_000), encoding="utf-8")
    (corpus / "deep.json").write_text(json.dumps({"title": "深", "content_html": _nested(60_000)}), encoding="utf-8")
    (corpus / "ok.html").write_text(_nested(2_000).replace("普京", "普京总统"), encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "s.db")])
    assert time.monotonic() - started < 30  # 200,000 levels alone took minutes before
    assert result.exit_code == 0, result.output
    assert "read 1, new 1" in result.stdout, result.output
    lines = sorted(result.stderr.splitlines())
    assert lines == [f"{corpus}/deep.html: markup nested too deeply (over 10,000 levels): not parsed",
                     f"{corpus}/deep.json: markup nested too deeply (over 10,000 levels): not parsed"], lines


def test_deep_upload_is_refused_too(tmp_path):
    client = TestClient(create_app(str(tmp_path / "up.db"), token="t", max_upload=8_000_000))
    started = time.monotonic()
    r = client.post("/api/ingest", headers={"Authorization": "Bearer t"},
                    files={"files": ("deep.html", _nested(200_000).encode(), "text/html")})
    assert r.status_code == 200, r.text
    assert time.monotonic() - started < 30
    assert r.json()["failures"] and "nested too deeply" in r.json()["failures"][0]
