"""Browser-test fixtures: real stores, the real app under uvicorn on a free loopback port, and
Debian's chromium driven by Playwright (never Playwright's own browser download)."""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
sys.path.insert(0, str(ROOT / "tests" / "api"))  # fixture_store: our own hand-annotated articles
sys.path.insert(0, str(ROOT / "tests" / "web"))  # views_store: fixture_store plus the overview views' data

HOSTILE_TEXT = (
    "读者来信处理说明\n\n"
    "本报近日收到读者留言，其中包含<script>alert(1)</script>以及<img src=x onerror=alert(1)>等代码，"
    "编辑部已作删除处理。\n\n"
    "外交部发言人表示，将继续关注事态发展。\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn in a thread; stopped by flagging should_exit."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        from storyline.serve.api import create_app

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory) -> Path:
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds not present")
    from storyline.ingest import ingest
    from storyline.store import open_store

    tmp = tmp_path_factory.mktemp("webstore")
    hostile = tmp / "hostile.txt"
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    db = tmp / "seeds.db"
    store = open_store(str(db))
    try:
        summary = ingest(store, [str(seeds), str(hostile)])
    finally:
        store.close()
    assert summary.failed == 0, summary.failures
    return db


@pytest.fixture(scope="session")
def seeds_server(seeds_store):
    with Server(seeds_store) as server:
        yield server


def _add_timeline_events(db: Path) -> None:
    """Two more events for the chart: a summary with markup in it (article text is untrusted) and a
    date range (drawn as a bar). Their sources are sentences of the fixture's hostile article."""
    import fixture_store

    from storyline.store import linked, open_store

    text = fixture_store.HOSTILE
    store = open_store(str(db))
    try:
        with store.transaction():
            for eid, typ, date, end, summary in (
                ("ev_hostile", "PROTEST", "2022-03-01", None, HOSTILE_SUMMARY),
                ("ev_range", "MOBILIZE", "2022-02-20", "2022-02-24", "边境地区持续集结兵力"),
            ):
                linked.save_event(store, {
                    "id": eid, "type": typ, "mode": None, "date": date, "date_end": end, "status": "occurred",
                    "location": None, "duration_minutes": None, "summary": summary, "actors": [],
                    "mentions": [{"article_id": "a_hostile", "paragraph": 0, "start": 0, "end": len(text),
                                  "text": text}],
                    "outlets": ["测试日报"]})
    finally:
        store.close()


HOSTILE_SUMMARY = "网友留言<script>alert(1)</script><img src=x onerror=alert(1)>被删除"


@pytest.fixture(scope="session")
def fixture_server(tmp_path_factory):
    import fixture_store

    db = fixture_store.build(tmp_path_factory.mktemp("webfixture") / "fixture.db")
    _add_timeline_events(db)
    with Server(db) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


class Watched:
    """A page that records dialogs (none may open), console errors (CSP violations show there) and the
    URL of every request it makes (all must go to the app's own origin)."""

    def __init__(self, page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.warnings: list[str] = []
        page.on("console", lambda msg: msg.type == "warning" and self.warnings.append(msg.text))
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("dialog", self._dialog)
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    watched = Watched(context.new_page())
    watched.page.set_default_timeout(10_000)
    yield watched
    context.close()
    assert not watched.dialogs, f"a dialog opened: {watched.dialogs}"


@pytest.fixture(scope="session")
def views_server(tmp_path_factory):
    """The overview views' store (views_store.py): emoji, a long URL, 514 synthetic events, stories."""
    import views_store

    db = views_store.build(tmp_path_factory.mktemp("webviews") / "views.db")
    with Server(db) as server:
        yield server
