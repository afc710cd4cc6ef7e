"""Failure reporting (issue #29, defect 16): failure lines are never wrapped when stderr is not
a terminal, Ctrl-C prints one line and no worker tracebacks, and input the code cannot take
(nesting past the recursion limit, a lone surrogate) is the input's fault, not "internal error".
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from typer.testing import CliRunner

from storyline.serve.cli import app
from tests.reliability.helpers import committed_articles, ingest_cmd


def test_failure_lines_are_one_line_whatever_their_length(tmp_path):
    deep = tmp_path / ("长目录名" * 20)
    deep.mkdir()
    (deep / "broken.json").write_text("{not json", encoding="utf-8")
    (deep / "nested.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (deep / "surrogate.json").write_text(json.dumps({"title": "标题", "content": "正文\ud800。"}), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(deep), "--db", str(tmp_path / "s.db")])
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith(str(deep)) for line in lines), result.stderr
    reasons = {Path(line.split(": ", 1)[0]).name: line.split(": ", 1)[1] for line in lines}
    assert reasons["broken.json"].startswith("invalid JSON")
    assert reasons["nested.json"] == "reading: structure nested too deeply", reasons
    assert reasons["surrogate.json"].startswith("reading: text that cannot be encoded"), reasons
    assert not any("internal error" in r for r in reasons.values())


def test_ctrl_c_stops_the_ingest_with_one_line(tmp_path, copy_sample):
    copy_sample(tmp_path / "in", 200)  # enough that the ingest is still running when Ctrl-C comes
    proc = subprocess.Popen(ingest_cmd("in", str(tmp_path / "s.db"), workers=2), cwd=tmp_path,
                            env={**os.environ, "STORYLINE_BATCH": "5"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            # as from a shell: an ignored SIGINT (left by an earlier test in this
                            # process) would be inherited and make the ingest deaf to Ctrl-C
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while committed_articles(tmp_path / "s.db") == 0:  # the pool is up and a batch is in
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
    started = time.monotonic()
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert time.monotonic() - started < 15
    assert proc.returncode == 130, (proc.returncode, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.strip().splitlines()[-1].startswith("storyline: interrupted"), err
