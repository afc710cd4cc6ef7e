"""The vendored chart library: the committed files are the ones scripts/vendor_web.sh recorded, the page
loads them from the app itself, and the app serves them with the strict CSP (no browser needed)."""

from __future__ import annotations

import hashlib
import re

from fastapi.testclient import TestClient

from storyline.serve.api import CSP, create_app, web_dir

VENDOR = web_dir() / "vendor"


def recorded_files() -> dict[str, tuple[str, str, str]]:
    """name -> (package, version, sha256) from VERSIONS.txt."""
    out = {}
    for line in (VENDOR / "VERSIONS.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            package, version, name, digest = line.split()
            out[name] = (package, version, digest)
    return out


def test_vendored_files_match_their_recorded_checksums_and_licences_ship():
    files = recorded_files()
    assert files["vis-timeline-graph2d.min.js"][:2] == ("vis-timeline", "8.5.4")
    assert files["echarts.common.min.js"][:2] == ("echarts", "6.1.0")
    assert files["cytoscape.min.js"][:2] == ("cytoscape", "3.35.0")
    assert files["swagger-ui-bundle.js"][:2] == ("swagger-ui-dist", "5.36.0")  # renders OpenAPI 3.1 (3.x did not)
    assert {"moment.min.js", "moment-locale-zh-cn.js", "vis-data.min.js", "vis-timeline-graph2d.min.css",
            "swagger-ui.css"} <= files.keys()
    for name, (_, _, digest) in files.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    licences = {p.name for p in (VENDOR / "licenses").iterdir()}
    # echarts.common.min.js bundles zrender and tslib: their licences ship with it
    for package in ("vis-timeline", "vis-data", "moment", "echarts", "zrender", "tslib", "cytoscape", "swagger-ui-dist"):
        assert any(n.startswith(package + ".LICENSE") for n in licences), package
    assert "swagger-ui-dist.swagger-ui-bundle.js.LICENSE.txt" in licences  # the bundled packages' licences
    assert "echarts.NOTICE.txt" in licences  # Apache-2.0: the NOTICE travels with the code


def test_no_page_loads_anything_from_another_origin():
    for page in ("index.html", "docs.html"):
        html = (web_dir() / page).read_text(encoding="utf-8")
        refs = re.findall(r'(?:src|href)="([^"#]+)"', html)
        assert refs and all(r.startswith("/") and not r.startswith("//") or r == "data:," for r in refs), (page, refs)


def test_pages_load_every_vendored_file_from_the_app_with_the_csp(tmp_path):
    pages = "".join((web_dir() / p).read_text(encoding="utf-8") for p in ("index.html", "docs.html"))
    refs = re.findall(r'(?:src|href)="(/static/vendor/[^"]+)"', pages)
    assert sorted(r.rsplit("/", 1)[1] for r in refs) == sorted(recorded_files())
    client = TestClient(create_app(str(tmp_path / "absent.db")))
    for ref in refs:
        r = client.get(ref)
        assert r.status_code == 200, ref
        assert r.headers["content-security-policy"] == CSP
        kind = "text/css" if ref.endswith(".css") else "javascript"
        assert kind in r.headers["content-type"], (ref, r.headers["content-type"])
