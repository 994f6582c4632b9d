"""With hostile text in every prose field at once, no script from the payload runs in either site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import build_site, sample_data, serve, write_yaml
from tests.sites.test_injection import FIELDS, put_payload

pytestmark = pytest.mark.browser


def _all_payloads() -> dict[str, Any]:
    data = sample_data()
    for parts in FIELDS.values():
        put_payload(data, parts)
    return data


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[str, Path]]]:
    tmp = tmp_path_factory.mktemp("hostile")
    source = write_yaml(_all_payloads(), tmp / "philosophy.yml")
    sites = {}
    for which in ("public", "handbook"):
        root = build_site(which, tmp / which, source)
        sites[which] = (serve(root), root)
    yield sites


@pytest.mark.parametrize("which", ["public", "handbook"])
def test_no_payload_script_runs(browser: object, hostile_sites: dict, which: str) -> None:
    url, root = hostile_sites[which]
    dialogs: list[str] = []
    messages: list[str] = []
    page = browser.new_page()  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: messages.append(m.text))
    page.on("pageerror", lambda e: messages.append(str(e)))
    try:
        paths = sorted(str(p.parent.relative_to(root)) for p in root.rglob("index.html"))
        for path in paths:
            page.goto(url + ("" if path == "." else path + "/"), wait_until="networkidle")
            assert "{{ 7*7 }}" in page.content()
            for link in page.locator("a[href^='javascript:']").all():
                pytest.fail(f"javascript: link on {path}: {link.get_attribute('href')}")
        assert len(paths) >= 6
    finally:
        page.close()
    assert dialogs == []
    assert [m for m in messages if "xss" in m or "alert" in m or "404" in m] == []
