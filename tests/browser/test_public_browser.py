"""Every public page in both languages, in a real browser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from philosophy.i18n import words

pytestmark = pytest.mark.browser
PAGES = ["", "contact/", "review/", "en/", "en/contact/", "en/review/"]


def _open(browser: object, url: str, **context: object) -> tuple[object, object, list[str], list[str]]:
    ctx = browser.new_context(**context)  # type: ignore[attr-defined]
    page = ctx.new_page()
    errors: list[str] = []
    hosts: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: hosts.append(urlparse(r.url).hostname or r.url))
    page.goto(url, wait_until="networkidle")
    return ctx, page, errors, hosts


@pytest.mark.parametrize("path", PAGES)
def test_page_clean_local_and_accessible(browser: object, public_url: str, path: str) -> None:
    ctx, page, errors, hosts = _open(browser, public_url + path)
    try:
        assert errors == []
        assert set(hosts) == {"127.0.0.1"}
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    finally:
        ctx.close()


@pytest.mark.parametrize("path", PAGES)
def test_switcher_lands_on_same_page(browser: object, public_url: str, path: str) -> None:
    ctx, page, _, _ = _open(browser, public_url + path)
    try:
        other = "sv" if path.startswith("en/") else "en"
        page.hover(".md-header__option .md-select")
        page.click(f"a.md-select__link[hreflang={other}]")
        page.wait_for_load_state("networkidle")
        expected = path[3:] if path.startswith("en/") else "en/" + path
        assert page.url == public_url + expected
        assert page.locator("html").get_attribute("lang") == other
    finally:
        ctx.close()


STOCKHOLM = dt.timezone(dt.timedelta(hours=1))  # CET in November and December


def _line(lang: str, label: str, minutes: int, day: int | None = None) -> str:
    w = words(lang)
    values = {"time": w.time(minutes)}
    if day is not None:
        values["day"] = w.weekday_in_sentence(day)
    return w._(label, **values)


@pytest.mark.parametrize(
    "when,lang,expected",
    [
        (dt.datetime(2026, 11, 23, 10, 0, tzinfo=STOCKHOLM), "en", ("Open now – closes at %(time)s", 18 * 60, None)),
        (dt.datetime(2026, 11, 29, 12, 0, tzinfo=STOCKHOLM), "en", ("Closed – opens tomorrow at %(time)s", 540, None)),
        (dt.datetime(2026, 11, 29, 12, 0, tzinfo=STOCKHOLM), "sv", ("Closed – opens tomorrow at %(time)s", 540, None)),
        (dt.datetime(2026, 12, 24, 10, 0, tzinfo=STOCKHOLM), "en", ("Closed – opens %(day)s at %(time)s", 600, 5)),
        (dt.datetime(2026, 11, 23, 7, 30, tzinfo=STOCKHOLM), "en", ("Closed – opens today at %(time)s", 540, None)),
    ],
)
def test_open_now_line_for_fixed_clocks(
    browser: object, public_url: str, when: dt.datetime, lang: str, expected: tuple[str, int, int | None]
) -> None:
    # The visitor sits in New York: the line must still follow the company's time zone.
    ctx = browser.new_context(timezone_id="America/New_York")  # type: ignore[attr-defined]
    page = ctx.new_page()
    try:
        page.clock.set_fixed_time(when)
        page.goto(public_url + ("en/contact/" if lang == "en" else "contact/"), wait_until="networkidle")
        line = page.locator('.open-now[data-channel="telefon"]')
        assert line.text_content() == _line(lang, *expected)
        assert page.locator('.open-now[data-channel="guider"]').text_content() == words(lang)._("Open around the clock")
    finally:
        ctx.close()


def test_without_javascript_static_hours_remain(browser: object, public_url: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = ctx.new_page()
    try:
        page.goto(public_url + "en/contact/")
        assert page.locator('.open-now[data-channel="telefon"]').inner_text() == ""  # nothing claimed without JS
        assert words("en").time_range(540, 1080) in page.locator("#channel-telefon table").first.inner_text()
    finally:
        ctx.close()


@pytest.mark.parametrize("path", ["", "contact/", "en/", "en/contact/"])
@pytest.mark.parametrize("width,height,name", [(1280, 900, "desktop"), (390, 844, "mobile")])
def test_screenshots(
    browser: object, public_url: str, artifacts: Path, path: str, width: int, height: int, name: str
) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    page = ctx.new_page()
    try:
        page.goto(public_url + path, wait_until="networkidle")
        folder = artifacts / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        slug = {"": "sv-promise", "contact/": "sv-contact", "en/": "en-promise", "en/contact/": "en-contact"}[path]
        target = folder / f"{slug}-{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    finally:
        ctx.close()


@pytest.fixture(scope="module", params=["hotel-fr", "versicherung-de", "shop-us"])
def example_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    import os

    from tests.helpers import EXAMPLES, build_site, serve

    root = tmp_path_factory.mktemp(request.param) / "public"
    url = serve(root)
    os.environ["PUBLIC_SITE_URL"] = url
    try:
        build_site("public", root, EXAMPLES / request.param / "philosophy.yml")
    finally:
        os.environ.pop("PUBLIC_SITE_URL")
    return request.param, url


@pytest.mark.parametrize("path,slug", [("", "promise"), ("contact/", "contact")])
@pytest.mark.parametrize("width,height,name", [(1280, 900, "desktop"), (390, 844, "mobile")])
def test_example_screenshots_and_axe(
    browser: object,
    example_url: tuple[str, str],
    artifacts: Path,
    path: str,
    slug: str,
    width: int,
    height: int,
    name: str,
) -> None:
    example, url = example_url
    ctx = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    page = ctx.new_page()
    try:
        page.goto(url + path, wait_until="networkidle")
        target = artifacts / "screenshots" / f"{example}-{slug}-{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        if name == "desktop":
            results = Axe().run(page)
            assert results.violations_count == 0, results.generate_report()
    finally:
        ctx.close()
