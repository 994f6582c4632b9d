"""A site in a right-to-left language and in Japanese, in a real browser: the page reads right to left,
search finds words in both scripts (lunr's Arabic stemmer and Japanese segmenter), and axe passes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers import build_site, relanguage, sample_data, serve, write_yaml

pytestmark = pytest.mark.browser

ARABIC = "خدمة "  # "service", before every Arabic text
JAPANESE = "サービス"  # "service", before every Japanese text


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("ar-ja")
    data = relanguage(sample_data(), {"sv": ("ar", ARABIC), "en": ("ja", JAPANESE)})
    source = write_yaml(data, tmp / "philosophy.yml")
    yield serve(build_site("public", tmp / "public", source))


def test_arabic_reads_right_to_left_and_japanese_left_to_right(browser: object, site_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        for path, lang, direction in (("", "ar", "rtl"), ("ja/", "ja", "ltr")):
            page.goto(site_url + path, wait_until="networkidle")
            assert page.locator("html").get_attribute("lang") == lang
            assert page.locator("body").get_attribute("dir") == direction
            assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == direction
            results = Axe().run(page)
            assert results.violations_count == 0, results.generate_report()
    finally:
        page.close()


@pytest.mark.parametrize(("path", "query"), [("", "خدمة"), ("ja/", "サービス")])
def test_search_finds_words_in_both_scripts(browser: object, site_url: str, path: str, query: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(site_url + path, wait_until="networkidle")
        box = page.locator("input.md-search__input")
        box.click()
        # an input method delivers the word whole (typing Arabic or kana sends no key events); Material
        # searches on keyup, which the key pressed afterwards gives, as a real keyboard does
        box.fill(query)
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert page.locator(".md-search-result__item").count() >= 1
        assert errors == []
    finally:
        page.close()


def test_the_built_pages_name_their_languages(tmp_path: Path) -> None:
    data = relanguage(sample_data(), {"sv": ("ar", ARABIC), "en": ("ja", JAPANESE)})
    assert data["site"]["languages"] == ["ar", "ja"] and data["site"]["default_language"] == "ar"
    assert all(set(c.get("languages", [])) <= {"ar", "ja"} for c in data["channels"])
