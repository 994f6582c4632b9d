"""Structured fields in a real browser: every payload of tests/test_security_structured.py that the check lets
through goes into a file (several files when one field takes several), both sites are built from it and
served, and Chromium loads every page (and the 404 page, and searches) with listeners on dialogs, the console
and page errors, hovers and focuses every element, and finds nothing that ran."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from philosophy.problems import Problem, format_path
from tests.helpers import build_site, serve
from tests.test_security_structured import (
    FIELDS,
    PAYLOADS,
    extended_data,
    payload_file,
    rounds,
    verdict,
    where,
)

pytestmark = pytest.mark.browser

PROVOKE = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) if (a.name.startsWith('on')) out.push(el.tagName + ' ' + a.name);
    for (const type of ['mouseover', 'mouseenter', 'focus', 'animationstart']) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
  return out;
}"""


def _inside(problem_path: str, loc: tuple[Any, ...]) -> bool:
    prefix = format_path(loc)
    return problem_path == prefix or problem_path.startswith((prefix + ".", prefix + "["))


def passing(folder: Path) -> dict[tuple[str, str], list[Problem]]:
    """(field, payload name) -> [] for every payload the check accepts in that field, found in batches: the
    payload in every field at once, then again without the fields the errors point at."""
    out: dict[tuple[str, str], list[Problem]] = {}
    for name, payload in PAYLOADS.items():
        pending = list(FIELDS)
        while pending:
            batch: list[str] = []
            for field in pending:  # never a field together with one inside it
                here = where(folder, field)
                taken = [where(folder, f) for f in batch]
                if not any(here[: len(o)] == o or o[: len(here)] == here for o in taken):
                    batch.append(field)
            pending = [f for f in pending if f not in batch]
            while batch:
                _, errors = verdict(payload_file(folder, dict.fromkeys(batch, payload), "probe.yml"))
                if not errors:
                    out.update({(field, name): [] for field in batch})
                    break
                refused = {f for f in batch if any(_inside(e.path, where(folder, f)) for e in errors)}
                if not refused:  # errors no single field explains: ask field by field
                    refused = {f for f in batch if verdict(payload_file(folder, {f: payload}, "probe.yml"))[1]}
                assert refused, "\n".join(map(str, errors))
                batch = [f for f in batch if f not in refused]
    return out


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[tuple[str, str, Path]]]:
    folder = tmp_path_factory.mktemp("structured-browser")
    extended_data(folder)
    files = rounds(folder, passing(folder))
    assert files, "no structured field takes any payload"
    sites = []
    for k, assignments in enumerate(files):
        source = payload_file(folder, assignments, f"round-{k}.yml")
        loaded, errors = verdict(source)
        assert loaded is not None and errors == [], "\n".join(map(str, errors))
        for which in ("public", "handbook"):
            root = build_site(which, folder / f"round-{k}-{which}", source)
            sites.append((f"round {k} {which}", serve(root), root))
    yield sites


def test_nothing_from_a_structured_field_runs(browser: object, hostile_sites: list[tuple[str, str, Path]]) -> None:
    dialogs: list[str] = []
    messages: list[str] = []
    handlers: list[str] = []
    missing: list[str] = []
    current = [""]
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    page.on("response", lambda r: r.status == 404 and missing.append(f"{current[0]} -> {r.url}"))
    loaded = 0
    try:
        for label, url, root in hostile_sites:
            paths = [index.parent.relative_to(root).as_posix() for index in sorted(root.rglob("index.html"))]
            for path in [*paths, "404.html"]:
                current[0] = f"{label} {path}"
                page.goto(
                    url + ("" if path == "." else path if path.endswith(".html") else path + "/"), wait_until="load"
                )
                handlers += [f"{label} {path}: {h}" for h in page.evaluate(PROVOKE)]
                page.wait_for_timeout(50)
                for link in page.locator("a[href]").all():
                    href = (link.get_attribute("href") or "").strip().lower()
                    assert not href.startswith(("javascript:", "data:", "vbscript:")), (label, path, href)
                loaded += 1
            current[0] = f"{label} search"
            page.goto(url, wait_until="networkidle")  # the search renders results from the index: type into it
            page.keyboard.press("s")
            for query in ("example", "svg", "help", "hjul"):
                page.locator("input.md-search__input").first.fill(query)
                page.wait_for_timeout(300)
    finally:
        context.close()
    assert loaded >= 20
    assert dialogs == []
    assert handlers == []
    assert [m for m in messages if "alert" in m or "pageerror" in m or "Refused" in m] == []
    # the 404 page links its assets under the site's own path (site.url), which this server does not have
    assert [m for m in missing if " 404.html -> " not in m] == []
