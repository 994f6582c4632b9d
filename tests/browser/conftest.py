"""Playwright driving Debian's chromium (never a downloaded browser) against sites served on 127.0.0.1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import build_site, serve

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make test` (installs it as root) or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def public_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The public site built for the origin it is served from, as a deployment would be."""
    root = tmp_path_factory.mktemp("served") / "public"
    url = serve(root)
    os.environ["PUBLIC_SITE_URL"] = url
    try:
        build_site("public", root)
    finally:
        os.environ.pop("PUBLIC_SITE_URL")
    yield url


@pytest.fixture(scope="session")
def handbook_url(handbook_site: Path) -> str:
    return serve(handbook_site)
