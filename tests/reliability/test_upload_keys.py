"""Uploads are keyed by content and original name (issue #29, defect 9).

Before the fix each upload was written to a fresh temporary folder and ingested from there:
the same file uploaded twice became two articles, the stored path named a deleted file, and a
crash left the folder behind. Now an upload is kept at `<upload dir>/<sha256>/<name>`.
"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.serve.api import create_app
from storyline.serve.cli import app as cli

TEXT = "---\ntitle: 测试上传\ndate: 2022-02-20\n---\n\n外交部发言人20日在例行记者会上回答了有关提问。\n"
AUTH = {"Authorization": "Bearer t"}


def test_the_same_upload_twice_is_one_article_whose_path_exists(tmp_path):
    db = tmp_path / "up.db"
    client = TestClient(create_app(str(db), token="t", max_upload=100_000))
    first = client.post("/api/ingest", headers=AUTH, files={"files": ("note.md", TEXT.encode(), "text/markdown")})
    assert first.status_code == 200 and first.json()["summary"].startswith("read 1, new 1"), first.text
    again = client.post("/api/ingest", headers=AUTH, files={"files": ("note.md", TEXT.encode(), "text/markdown")})
    assert again.json()["summary"] == "read 1, new 0, updated 0, unchanged 1, duplicate 0, failed 0", again.text
    exported = CliRunner().invoke(cli, ["export", "articles", "--db", str(db)]).stdout.splitlines()
    assert len(exported) == 1
    path = Path(json.loads(exported[0])["path"])
    assert path.is_file() and path.read_text(encoding="utf-8") == TEXT and path.name == "note.md"
    # a refused upload leaves no partial file behind
    big = client.post("/api/ingest", headers=AUTH, files={"files": ("big.md", b"x" * 200_000, "text/markdown")})
    assert big.status_code == 413
    leftovers = [p for p in Path(f"{db}.uploads").rglob("*") if p.is_file() and p != path]
    assert leftovers == [], leftovers
