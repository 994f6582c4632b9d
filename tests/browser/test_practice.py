"""The handbook's practice page in a real browser, by keyboard only: feedback, focus, stored progress,
axe; no request leaves 127.0.0.1; without JavaScript every pair is shown with its why texts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

KEY = "handbook-practice-progress"


def _tab_to(page: Any, selector_js: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches (a JS expression over `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!(el && ({selector_js})); }})()"):
            return
    raise AssertionError(f"Tab never reached {selector_js}")


def _focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        "({id: document.activeElement.id, cls: document.activeElement.className,"
        " kind: document.activeElement.dataset.kind || ''})"
    )


def _progress(page: Any) -> Any:
    return json.loads(page.evaluate(f"window.localStorage.getItem('{KEY}')") or "null")


def _axe(page: Any) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_practice_by_keyboard(browser: Any, handbook_url: str, artifacts: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(handbook_url + "practice/", wait_until="networkidle")
        data = json.loads(page.locator("#practice-data").text_content())
        labels, total = data["labels"], len(data["items"])
        assert total >= 5
        assert page.locator("[data-practice-all]").is_hidden()
        assert page.locator("[data-practice-quiz]").is_visible()
        assert page.locator(".practice-choice").count() == 2
        _axe(page)

        # 1. the good reply, with Enter
        _tab_to(page, "el.classList.contains('practice-choice') && el.dataset.kind === 'good'")
        page.keyboard.press("Enter")
        status = page.locator(".practice-status[role=status]")
        assert status.text_content().startswith(labels["right"])
        assert _focused(page)["id"] == "practice-why"  # focus moves to the explanation
        assert _progress(page) == {"answered": 1, "right": 1}
        whys = page.locator(".practice-feedback").text_content()
        item = next(
            i for i in data["items"] if i["situation"] == page.locator(".practice-situation blockquote").text_content()
        )
        assert item["good"]["why"] in whys and item["poor"]["why"] in whys
        assert page.locator(".practice-choice[disabled]").count() == 2
        _axe(page)
        page.screenshot(path=str(artifacts / "screenshots" / "practice-answered.png"), full_page=True)

        # 2. next situation, with Space; then the poor reply, with Space
        _tab_to(page, "el.classList.contains('practice-next')")
        page.keyboard.press("Space")
        assert _focused(page)["id"] == "practice-question"
        assert page.locator("#practice-question").text_content() == labels["counter"].replace("%(n)s", "2").replace(
            "%(total)s", str(total)
        )
        _tab_to(page, "el.classList.contains('practice-choice') && el.dataset.kind === 'poor'")
        page.keyboard.press("Space")
        assert status.text_content().startswith(labels["wrong"])
        assert _progress(page) == {"answered": 2, "right": 1}
        expected = labels["progress"].replace("%(answered)s", "2").replace("%(right)s", "1")
        assert page.locator("#practice-progress").text_content() == expected

        # 3. progress survives a reload (this browser only), and can be reset
        page.reload(wait_until="networkidle")
        assert page.locator("#practice-progress").text_content() == expected
        _tab_to(page, "el.classList.contains('practice-reset')")
        page.keyboard.press("Enter")
        assert status.text_content() == labels["was_reset"]
        assert _progress(page) is None
    finally:
        context.close()
    origin = handbook_url.rstrip("/")
    assert requests and all(u.startswith(origin + "/") and u.startswith("http://127.0.0.1:") for u in requests), [
        u for u in requests if not u.startswith(origin)
    ]


def test_a_whole_round_then_a_new_one(browser: Any, handbook_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(handbook_url + "practice/", wait_until="networkidle")
        data = json.loads(page.locator("#practice-data").text_content())
        seen = set()
        for n in range(len(data["items"])):
            seen.add(page.locator(".practice-situation blockquote").text_content())
            page.locator(".practice-choice").first.focus()
            page.keyboard.press("Enter")
            last = n == len(data["items"]) - 1
            button = page.locator(".practice-next")
            assert button.text_content() == (data["labels"]["again"] if last else data["labels"]["next"])
            if last:
                assert page.locator(".practice-done").text_content() == data["labels"]["done"]
            button.focus()
            page.keyboard.press("Enter")
        assert seen == {i["situation"] for i in data["items"]}  # every situation once per round
        assert _progress(page)["answered"] == len(data["items"])
        assert page.locator("#practice-question").text_content().startswith(data["labels"]["counter"].split("%(n)s")[0])
    finally:
        context.close()


def test_without_javascript_every_pair_is_shown(browser: Any, handbook_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(handbook_url + "practice/", wait_until="networkidle")
        assert page.locator("[data-practice-all]").is_visible()
        assert page.locator("[data-practice-quiz]").is_hidden()
        pairs = page.locator(".practice-pair")
        assert pairs.count() >= 5
        for i in range(pairs.count()):
            pair = pairs.nth(i)
            assert pair.locator(".example--good").count() == 1 and pair.locator(".example--poor").count() == 1
    finally:
        context.close()
