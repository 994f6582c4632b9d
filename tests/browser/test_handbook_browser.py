"""The handbook in a real browser: search reaches a promise page from a tip; axe on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


def test_search_for_a_tip_reaches_its_promise(browser: object, handbook_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(handbook_url, wait_until="networkidle")
        page.locator("input.md-search__input").click()
        page.keyboard.type("returetiketten")  # from a tip of the 'fri-retur' promise
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_load_state("networkidle")
        assert "/promises/fri-retur/" in page.url
        assert page.locator("h1").inner_text() == "Fri retur i 60 dagar"
    finally:
        page.close()


def test_axe_on_every_handbook_page(browser: object, handbook_url: str, handbook_site: Path) -> None:
    paths = sorted(str(p.parent.relative_to(handbook_site)) for p in handbook_site.rglob("index.html"))
    assert len(paths) >= 15
    page = browser.new_page()  # type: ignore[attr-defined]
    failures = {}
    try:
        for path in paths:
            page.goto(handbook_url + ("" if path == "." else path + "/"), wait_until="networkidle")
            results = Axe().run(page)
            if results.violations_count:
                failures[path] = results.generate_report()
    finally:
        page.close()
    assert failures == {}
