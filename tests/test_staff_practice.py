"""The practice page's template: which good and poor examples are paired, the data the script gets, the
page without JavaScript; the handbook's own assets reach the handbook only; the leak guard covers the
change feed."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

from philosophy.audience import Audience
from philosophy.loader import load
from philosophy.views import Page
from tests.helpers import SAMPLE, sample_data, write_yaml


def _render(path: Path) -> str:
    from macros.render import render

    model = load(path).model
    page = Page(model, "sv", ("sv",), dt.date(2026, 11, 23))
    return str(render(Audience.INTERNAL, "practice.html", lang="sv", page=page, links={"home": "../"}))


def _data(html: str) -> Any:
    match = re.search(r'<script type="application/json" id="practice-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def _example(situation: str, reply: str) -> dict[str, str]:
    return {"situation": situation, "reply": reply, "why": f"why {reply}"}


def test_pairs_by_situation_then_first_with_first(tmp_path: Path) -> None:
    data = sample_data()
    for p in data["promises"]:
        p["good_examples"], p["poor_examples"] = [], []
    first = data["promises"][0]
    first["good_examples"] = [_example("A", "good A"), _example("B", "good B"), _example("D", "good D")]
    first["poor_examples"] = [_example("C", "poor C"), _example("B", "poor B")]
    data["promises"][1]["good_examples"] = [_example("E", "good only")]  # no poor example: no pair
    html = _render(write_yaml(data, tmp_path / "philosophy.yml"))
    items = _data(html)["items"]
    assert [(i["situation"], i["good"]["reply"], i["poor"]["reply"]) for i in items] == [
        ("B", "good B", "poor B"),
        ("A", "good A", "poor C"),
    ]
    assert items[0]["good"]["why"] == "why good B" and items[0]["poor"]["why"] == "why poor B"
    assert "good only" not in html and "good D" not in html


def test_without_javascript_the_page_shows_every_pair_and_why(tmp_path: Path) -> None:
    html = _render(SAMPLE)
    text = unescape(html)
    model = load(SAMPLE).model
    assert html.count('class="practice-pair"') == 6
    for p in model.promises:
        for e in [*p.good_examples, *p.poor_examples]:
            assert str(e.why) in text
    assert "data-practice-quiz hidden" in html
    assert '<script src="../assets/javascripts/practice.js" defer></script>' in html
    labels = _data(html)["labels"]
    from philosophy.i18n import words

    counter = words("sv")._tr.gettext("Situation %(n)s of %(total)s")
    assert labels["counter"] == counter and "%(n)s" in counter  # placeholders kept for the script


def test_text_from_the_file_is_escaped_in_the_page_and_in_the_data(tmp_path: Path) -> None:
    data = sample_data()
    data["promises"][0]["good_examples"][0]["reply"] = '</script><script>alert("x")</script> & <b>hej</b>'
    html = _render(write_yaml(data, tmp_path / "philosophy.yml"))
    assert "<script>alert" not in html and "<b>hej</b>" not in html
    assert _data(html)["items"][0]["good"]["reply"] == '</script><script>alert("x")</script> & <b>hej</b>'


def test_nothing_to_practise(tmp_path: Path) -> None:
    data = sample_data()
    for p in data["promises"]:
        p["poor_examples"] = []
    html = _render(write_yaml(data, tmp_path / "philosophy.yml"))
    assert "practice-data" not in html and 'class="todo"' in html


def test_handbook_assets_are_added_to_the_handbook_build_only(public_site: Path, handbook_site: Path) -> None:
    assert (handbook_site / "assets" / "javascripts" / "practice.js").is_file()
    assert (handbook_site / "assets" / "stylesheets" / "practice.css").is_file()
    assert not list(public_site.rglob("practice*"))


def test_the_leak_guard_scans_the_feed(tmp_path: Path) -> None:
    from publish.leakguard import internal_strings, scan

    loaded = load(SAMPLE)
    secret = loaded.model.promises[0].tips[0]
    site = tmp_path / "public"
    site.mkdir()
    (site / "changes.xml").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml"><div xmlns="http://www.w3.org/1999/'
        f'xhtml"><ul><li>{secret.replace("&", "&amp;")}</li></ul></div></content></entry></feed>',
        encoding="utf-8",
    )
    leaks = scan(site, internal_strings(loaded))
    assert [leak.file.name for leak in leaks] == ["changes.xml"]
