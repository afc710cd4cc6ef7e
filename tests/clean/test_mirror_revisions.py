"""Revised versions of one story under the same link (RTHK changes the headline during the
day): the clean text is the same, so the store's duplicate check (same content_hash, else
MinHash similarity >= THRESHOLD) files the later one as `duplicate_of` the first, not as an
unrelated article. Our own invented sentences."""

from __future__ import annotations

from storyline.clean import clean_record
from storyline.read import read_file

LINK = "https://news.rthk.hk/rthk/ch/component/k2/1699999-20220224.htm"
BODY = ("美國總統表示，將與盟友協調，對莫斯科作出強而有力的回應。\r\n\r\n"
        "白宮發言人說，總統會在稍後發表全國講話，交代制裁細節。\r\n")


def post(tmp_path, name, title, fetched, body=BODY):
    path = tmp_path / name
    path.write_bytes((f"---\nlayout: post\ntitle: {title}\ndate: {fetched}\nlink: {LINK}\ncategories: rthk\n---\n\n"
                      + body).encode("utf-8"))
    [raw] = read_file(path, str(path))
    return clean_record(raw).article


def test_new_headline_same_link_is_a_duplicate_not_a_new_story(tmp_path):
    first = post(tmp_path, "2022-02-24-RTHK-a.md", "美國總統︰將與盟友協調回應", "2022-02-24 11:00:00 +08:00")
    later = post(tmp_path, "2022-02-24-RTHK-b.md", "俄國展開軍事行動　美國將協調回應", "2022-02-24 15:00:00 +08:00")
    assert first.id != later.id and first.title != later.title
    assert first.url == later.url and first.published == later.published == "2022-02-24"
    assert first.content_hash == later.content_hash  # the store's exact check catches it
