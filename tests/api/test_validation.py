"""The shared validation layer (serve/validate.py) and the API's 422 answers built on it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from storyline.serve import validate
from storyline.serve.api import create_app


@pytest.fixture
def client(fixture_db):
    return TestClient(create_app(str(fixture_db)))


@pytest.mark.parametrize("value", ["2022", "2022-02", "2022-02-28", "2024-02-29"])
def test_iso_dates_pass(value):
    assert validate.iso_date(value) == value


@pytest.mark.parametrize("value,reason", [
    ("2022-13-45", "no such day"), ("2023-02-29", "no such day"), ("2022-13", "no such day"),
    ("yesterday", "use YYYY, YYYY-MM or YYYY-MM-DD"), ("2022/02/01", "(write 2022-02-01)"),
    ("2022年2月1日", "(write 2022-02-01)"), ("22-02-01", "use YYYY"), ("", "use YYYY"),
])
def test_bad_dates_say_why(value, reason):
    with pytest.raises(validate.FilterError) as err:
        validate.iso_date(value, "to")
    assert err.value.field == "to" and reason in err.value.message and repr(value) in err.value.message


def test_range_compares_at_the_shorter_precision():
    assert validate.date_range("2022-02-20", "2022-02") == ("2022-02-20", "2022-02")
    with pytest.raises(validate.FilterError, match="from 2022-03 is after to 2022-02-15"):
        validate.date_range("2022-03", "2022-02-15")


def test_event_types_come_from_the_package_data():
    types = validate.event_types()
    assert len(types) == 16 and types[:2] == ("AGREE", "CONSULT") and types[-1] == "ASSAULT"
    assert validate.event_type("consult") == "CONSULT"
    with pytest.raises(validate.FilterError, match="unknown event type 'FOO'; choose one of"):
        validate.event_type("FOO")


def test_formats_are_exact():
    assert validate.output_format("csv", ("jsonl", "csv")) == "csv"
    with pytest.raises(validate.FilterError, match="unknown format 'xml'; choose one of jsonl, csv"):
        validate.output_format("xml", ("jsonl", "csv"))


def _msg(response) -> str:
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert len(detail) == 1
    return detail[0]["msg"]


@pytest.mark.parametrize("url,params,expected", [
    ("/api/events", {"from": "2022-13-45"}, "bad from date '2022-13-45': no such day in the calendar"),
    ("/api/events", {"to": "yesterday"}, "bad to date 'yesterday': use YYYY, YYYY-MM or YYYY-MM-DD"),
    ("/api/timeline", {"from": "2022/02/01"},
     "bad from date '2022/02/01': use YYYY, YYYY-MM or YYYY-MM-DD (write 2022-02-01)"),
    ("/api/articles", {"from": "2022-03", "to": "2022-02"}, "bad date range: from 2022-03 is after to 2022-02"),
    ("/api/events", {"entity": "不存在的人"}, "no entity named '不存在的人'"),
    ("/api/timeline", {"entity": "不存在的人"}, "no entity named '不存在的人'"),
    ("/api/disputes", {"entity": "不存在的人"}, "no entity named '不存在的人'"),
    ("/api/search", {"q": "普京", "entity": "不存在的人"}, "no entity named '不存在的人'"),
    ("/api/entities", {"type": "ALIEN"}, "unknown entity type 'ALIEN'; choose one of PERSON, ORG, GPE, LOC"),
])
def test_api_answers_a_bad_filter_with_the_layers_message(client, url, params, expected):
    assert _msg(client.get(url, params=params)) == expected


def test_api_type_message_lists_the_plover_types(client):
    msg = _msg(client.get("/api/events", params={"type": "FOO"}))
    assert msg == "unknown event type 'FOO'; choose one of " + ", ".join(validate.event_types())


def test_entity_filters_accept_the_english_name_and_gazetteer_variants(client):
    for name in ("Vladimir Putin", "vladimir putin", "普丁"):
        page = client.get("/api/events", params={"entity": name}).json()
        assert [e["id"] for e in page["items"]] == ["ev_call"], name
    assert client.get("/api/entities/Vladimir Putin").json()["id"] == "e_putin"


def test_schema_still_documents_the_accepted_shapes(client):
    operation = client.get("/openapi.json").json()["paths"]["/api/events"]["get"]
    params = {p["name"]: next(a for a in p["schema"]["anyOf"] if a.get("type") == "string")
              for p in operation["parameters"] if "anyOf" in p["schema"]}
    assert params["from"]["pattern"].startswith("^\\d{4}")
    assert params["type"]["enum"] == list(validate.event_types())


def test_the_accepted_event_types_are_the_lexicons():
    assert set(validate.event_types()) == validate.lexicon_event_types()


def test_store_target_checks(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(validate.FilterError, match="not a storyline database"):
        validate.store_target(str(text), readonly=True)
    with pytest.raises(validate.FilterError, match=r"unsupported store URL 'mysql://u:\*\*\*@h/db'"):
        validate.store_target("mysql://u:secret@h/db", readonly=True)
    validate.store_target(str(tmp_path / "missing.db"), readonly=False)  # a new store: fine
    validate.store_target("postgresql://u@h/db", readonly=True)  # the driver answers for a server
