"""The web compare view (#32 item 4): shares as percentages with their counts, never raw
fractions; per-event framing tables when the store has events several outlets report."""

from __future__ import annotations

import re

from test_browser import no_csp_errors  # noqa: F401 -- shared browser helpers


def test_compare_shows_percentages_not_fractions(views_server, page):
    p = page.page
    p.goto(views_server.url + "/#/compare")
    p.wait_for_selector("#view[data-view=compare] table.compare")
    cells = [c.strip() for c in p.locator("table.compare td").all_inner_texts()]
    assert not [c for c in cells if re.fullmatch(r"0\.\d+|1\.0", c)], "a raw fraction is shown"
    assert any(re.fullmatch(r"\d+(\.\d+)?% \(\d+(/\d+)?\)", c) for c in cells), cells[:20]
    for section in p.locator("section.event-framing").all():  # per event: a title, then its outlets
        assert section.locator("h3").inner_text().strip()
        assert section.locator("tbody tr").count() >= 1
    no_csp_errors(page)
