"""HTTP API over a store written from our own sentences: every endpoint, limits, validation,
hostile input through every filter, security headers, and the token-only upload."""

from __future__ import annotations

import warnings

import pytest

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from storyline.serve.api import CSP, create_app  # noqa: E402

import fixture_store  # noqa: E402


@pytest.fixture
def client(fixture_db):
    return TestClient(create_app(str(fixture_db)))


def test_articles_list_and_pagination(client):
    body = client.get("/api/articles").json()
    assert body["total"] == 3 and [a["id"] for a in body["items"]] == ["a_hostile", "a_call", "a_macron"]
    page = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 3 and [a["id"] for a in page["items"]] == ["a_call"]
    assert client.get("/api/articles", params={"outlet": "环球观察"}).json()["total"] == 1
    dated = client.get("/api/articles", params={"from": "2022-02-10", "to": "2022-02"}).json()
    assert [a["id"] for a in dated["items"]] == ["a_call"]


def test_article_detail_has_all_annotations(client):
    body = client.get("/api/articles/a_call").json()
    assert body["paragraphs"][0].startswith("美国总统拜登")
    assert {m["entity_name"] for m in body["mentions"]} == {"拜登", "普京", "佩斯科夫"}
    assert body["times"][0]["value"] == "2022-02-12"
    ev = body["events"][0]
    assert ev["type"] == "CONSULT" and body["paragraphs"][0][ev["trigger_start"]:ev["trigger_end"]] == "通电话"
    assert body["quotes"][0]["speaker"]["name"] == "佩斯科夫"
    assert client.get("/api/articles/nope").status_code == 404


def test_hostile_text_is_returned_verbatim_as_json(client):
    body = client.get("/api/articles/a_hostile")
    assert body.headers["content-type"].startswith("application/json")
    assert body.json()["paragraphs"] == [fixture_store.HOSTILE]


def test_entities_and_profile_by_any_alias(client):
    body = client.get("/api/entities").json()
    assert body["total"] == 4
    assert client.get("/api/entities", params={"q": "马克"}).json()["items"][0]["id"] == "e_macron"
    assert client.get("/api/entities", params={"type": "org"}).json()["total"] == 0
    prof = client.get("/api/entities/俄罗斯总统普京").json()
    assert prof["id"] == "e_putin" and [e["id"] for e in prof["events"]] == ["ev_call"]
    peskov = client.get("/api/entities/佩斯科夫").json()
    assert len(peskov["quotes"]) == 2
    assert client.get("/api/entities/无名氏").status_code == 404


def test_events_timeline_and_event_detail(client):
    assert client.get("/api/events", params={"type": "consult"}).json()["total"] == 1
    assert client.get("/api/events", params={"type": "ASSAULT"}).json()["total"] == 0
    assert client.get("/api/events", params={"entity": "拜登", "from": "2022-02", "to": "2022-02-12"}).json()["total"] == 1
    assert client.get("/api/events", params={"from": "2022-02-13"}).json()["total"] == 0
    tl = client.get("/api/timeline").json()
    assert tl["total"] == 1 and tl["items"][0]["date"] == "2022-02-12"
    ev = client.get("/api/events/ev_call").json()
    src = ev["sources"][0]
    assert src["outlet"] == "测试日报" and src["title"] == "拜登与普京通话一小时"
    assert client.get("/api/events/ev_none").status_code == 404


def test_quotes_disputes_compare_stories(client):
    assert client.get("/api/quotes").json()["total"] == 3
    assert client.get("/api/quotes", params={"speaker": "佩斯科夫", "stance": "deny"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"article": "a_call"}).json()["total"] == 1
    d = client.get("/api/disputes").json()
    assert d["total"] == 1 and d["items"][0]["counter"]["by"]["name"] == "佩斯科夫"
    assert client.get("/api/disputes", params={"entity": "马克龙"}).json()["total"] == 1
    assert client.get("/api/disputes", params={"entity": "拜登"}).json()["total"] == 0
    cmp = client.get("/api/compare", params={"outlets": "环球观察"}).json()
    assert cmp["outlets"] == ["环球观察"]
    assert all(r["outlet"] == "环球观察" for r in cmp["records"])
    assert client.get("/api/stories").status_code == 200


def test_search_endpoint(client):
    body = client.get("/api/search", params={"q": "佩斯科夫", "outlet": "测试日报"}).json()
    assert body["total"] >= 1 and all(h["outlet"] == "测试日报" for h in body["items"])
    hit = body["items"][0]
    para = client.get(f"/api/articles/{hit['article_id']}").json()["paragraphs"][hit["paragraph"]]
    s, e = hit["highlights"][0]
    assert para[s:e] == "佩斯科夫"
    assert client.get("/api/search", params={"q": "普京", "entity": "普京"}).json()["total"] >= 1
    assert client.get("/api/search", params={"q": "双方", "type": "CONSULT"}).json()["total"] == 1


@pytest.mark.parametrize("url,params", [
    ("/api/articles", {"limit": 0}), ("/api/articles", {"limit": 501}), ("/api/articles", {"offset": -1}),
    ("/api/articles", {"limit": "ten"}), ("/api/articles", {"from": "2022-02-30"}), ("/api/articles", {"to": "yesterday"}),
    ("/api/events", {"type": "DANCE"}), ("/api/events", {"from": "2022-13"}), ("/api/entities", {"type": "ALIEN"}),
    ("/api/search", {}), ("/api/search", {"q": ""}), ("/api/search", {"q": "x" * 201}),
    ("/api/search", {"q": "普京", "kind": "paragraph"}), ("/api/timeline", {"limit": 1000}),
    ("/api/entities", {"q": "长" * 101}), ("/api/quotes", {"stance": "DROP TABLE"}),
])
def test_validation_errors_are_422(client, url, params):
    assert client.get(url, params=params).status_code == 422


INJECTIONS = ["' OR '1'='1", "\"; DROP TABLE articles; --", "1) UNION SELECT record FROM entities --", "%", "_",
              "\\", "<script>alert(1)</script>", "普京' --", "NEAR(普京 拜登)", "*"]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_strings_through_every_filter_never_500(client, evil):
    calls = [
        ("/api/articles", {"outlet": evil}), ("/api/entities", {"q": evil}), ("/api/events", {"entity": evil}),
        ("/api/timeline", {"entity": evil}), ("/api/quotes", {"speaker": evil}), ("/api/quotes", {"article": evil}),
        ("/api/disputes", {"entity": evil}), ("/api/compare", {"outlets": evil}),
        ("/api/search", {"q": evil}), ("/api/search", {"q": "普京", "outlet": evil}),
        ("/api/search", {"q": "普京", "entity": evil}), ("/api/articles", {"from": evil}),
    ]
    for url, params in calls:
        r = client.get(url, params=params)
        assert r.status_code < 500, (url, params, r.text)
        if r.status_code == 200 and "total" in r.json() and url != "/api/search":
            assert r.json()["total"] == 0, (url, params)
    for path in ("/api/articles/", "/api/entities/", "/api/events/"):
        assert 400 <= client.get(path + evil.replace("/", "%2F")).status_code < 500
    assert client.get("/api/articles").json()["total"] == 3  # nothing was dropped


def test_security_headers_on_every_response(client):
    for url in ("/", "/static/app.js", "/api/articles", "/api/nope", "/docs", "/openapi.json"):
        r = client.get(url)
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self';" in CSP and "unsafe" not in CSP


def test_ui_and_docs_are_served_locally(client):
    index = client.get("/").text
    assert "时间线 Timeline" in index and "http" not in index.split("<body>")[1]
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in docs and "<script>" not in docs
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200
    assert "/api/search" in client.get("/openapi.json").json()["paths"]


def test_missing_store_is_503_not_500(tmp_path):
    c = TestClient(create_app(str(tmp_path / "absent.db")))
    assert c.get("/api/articles").status_code == 503
    assert not (tmp_path / "absent.db").exists()  # read-only: nothing created


def test_store_is_opened_read_only(client, fixture_db):
    # no route writes; the connection itself refuses writes
    from storyline.serve.api_routes import store_dep

    class Req:
        class app:
            class state:
                db = str(fixture_db)
    gen = store_dep(Req())
    store = next(gen)
    with pytest.raises(Exception):
        store.execute("DELETE FROM articles")
    gen.close()


def test_ingest_refused_without_token(fixture_db):
    files = {"files": ("a.txt", "标题\n\n正文。".encode(), "text/plain")}
    plain = TestClient(create_app(str(fixture_db)))
    assert plain.post("/api/ingest", files=files).status_code == 404  # no upload route without a token
    assert "/api/ingest" not in plain.get("/openapi.json").json()["paths"]
    guarded = TestClient(create_app(str(fixture_db), token="s3cret"))
    assert guarded.post("/api/ingest", files=files).status_code == 403
    assert guarded.post("/api/ingest", files=files, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert plain.get("/api/articles").json()["total"] == 3


def test_ingest_with_token_stores_the_upload(tmp_path):
    db = tmp_path / "up.db"
    app = create_app(str(db), token="s3cret", max_upload=4000)
    c = TestClient(app)
    text = "---\ntitle: 测试上传\ndate: 2022-02-20\n---\n\n外交部发言人20日在例行记者会上回答了有关提问。\n"
    r = c.post("/api/ingest", files={"files": ("../../etc/evil.md", text.encode(), "text/markdown")},
               headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200, r.text
    assert r.json()["summary"].startswith("read 1, new 1")
    assert c.get("/api/search", params={"q": "例行记者会"}).json()["total"] >= 1
    big = {"files": ("big.txt", b"x" * 5000, "text/plain")}
    assert c.post("/api/ingest", files=big, headers={"Authorization": "Bearer s3cret"}).status_code == 413
