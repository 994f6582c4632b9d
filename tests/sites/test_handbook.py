"""The staff handbook, built for real, read back from its HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from philosophy.i18n import words
from philosophy.loader import load
from tests.helpers import SAMPLE, build_site, sample_data, write_yaml
from tests.sites.html import pages, search_index, soup, text

MODEL = load(SAMPLE).model
LINES = SAMPLE.read_text(encoding="utf-8").splitlines()


def sv(value: object) -> str:
    return value if isinstance(value, str) else value["sv"]  # type: ignore[index,return-value]


@pytest.mark.fast
def test_no_unrendered_macro_anywhere(handbook_site: Path) -> None:
    for path in pages(handbook_site):
        assert "{{" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("index", range(6))
def test_a_page_per_promise_with_examples_and_tips(handbook_site: Path, index: int) -> None:
    promise = MODEL.promises[index]
    path = handbook_site / "promises" / promise.id / "index.html"
    body = text(path)
    assert soup(path).h1.get_text(strip=True) == sv(promise.title)
    for item in [promise.in_practice, *promise.do, *promise.dont, *promise.tips]:
        assert " ".join(sv(item).split()) in body
    for example in [*promise.good_examples, *promise.poor_examples]:
        assert " ".join(sv(example.reply).split()) in body and " ".join(sv(example.why).split()) in body
    assert promise.owner in body
    assert promise.text["en"] in body  # the public wording, in every language
    quotes = soup(path).select("#public ~ blockquote, section[aria-labelledby=public] blockquote")
    assert [q["lang"] for q in quotes] == MODEL.site.languages  # in the site's order of languages
    assert all(q["dir"] == "auto" for q in quotes)


def test_noindex_on_every_page_and_robots_disallow(handbook_site: Path) -> None:
    for path in handbook_site.rglob("*.html"):
        meta = soup(path).find("meta", attrs={"name": "robots"})
        assert meta and meta["content"] == "noindex, nofollow", path
    assert (handbook_site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


def test_edit_links_point_at_existing_lines(handbook_site: Path) -> None:
    checked = 0
    for promise in MODEL.promises:
        link = soup(handbook_site / "promises" / promise.id / "index.html").find("a", rel="edit")
        assert link["href"].startswith(
            "https://github.dev/hjulverket/kundservice/blob/main/tests/fixtures/sample.yml#L"
        )
        line = int(link["href"].rsplit("#L", 1)[1])
        assert LINES[line - 1].strip() == f"- id: {promise.id}"
        checked += 1
    tone = soup(handbook_site / "tone" / "index.html").find("a", rel="edit")
    assert LINES[int(tone["href"].rsplit("#L", 1)[1]) - 1] == "tone:"
    assert checked == 6


def test_sections_present(handbook_site: Path) -> None:
    assert "Pendlar-Petra" in text(handbook_site / "personas" / "index.html")
    assert "enligt våra rutiner" in text(handbook_site / "tone" / "index.html")
    assert "Ett varmt välkomnande" in text(handbook_site / "steps" / "index.html")
    for dep in MODEL.departments:
        assert sv(dep.lives_it).split()[0] in text(handbook_site / "departments" / dep.id / "index.html")
    inspiration = text(handbook_site / "inspiration" / "index.html")
    for name in ["Ritz-Carlton", "Disney", "Zappos", "Nordstrom", "Amazon", "Pepephone"]:
        assert name in inspiration
    assert "anknytning 214" in text(handbook_site / "channels" / "index.html")


def test_search_index_covers_tips(handbook_site: Path) -> None:
    blob = " ".join(doc["text"] for doc in search_index(handbook_site)["docs"])
    assert "verkstadsplaneringen" in blob


def test_dashboard_lists_overdue_first(tmp_path: Path) -> None:
    data = sample_data()
    data["promises"][4]["last_reviewed"] = dt.date(2025, 1, 10)  # 'besked-fore-oro', every 6 months
    site = build_site("handbook", tmp_path / "site", write_yaml(data, tmp_path / "philosophy.yml"))
    rows = soup(site / "review" / "index.html").select("table.review-table tbody tr")
    assert rows[0]["data-promise"] == "besked-fore-oro"
    assert "is-overdue" in rows[0]["class"] and all("is-ok" in r["class"] for r in rows[1:])
    w = words("sv")
    assert w._("Overdue") in rows[0].get_text()
    expected = w._tr.ngettext(
        "%(num)s of %(total)s promises is overdue for review. Overdue promises come first.",
        "%(num)s of %(total)s promises are overdue for review. Overdue promises come first.",
        1,
    ) % {"num": 1, "total": 6}
    assert expected in text(site / "review" / "index.html")


@pytest.mark.fast
def test_dashboard_says_plainly_when_nothing_is_overdue(handbook_site: Path) -> None:
    """The sample has no overdue promise: no '0 of 6 … come first'."""
    body = text(handbook_site / "review" / "index.html")
    assert words("sv")._("No promise is overdue for review.") in body
    assert "0 av" not in body


def test_the_public_wording_follows_the_sites_order_of_languages(tmp_path: Path) -> None:
    """However the editor ordered a text's languages, staff read them in the site's order."""
    data = sample_data()
    promise = data["promises"][0]
    promise["text"] = {"en": promise["text"]["en"], "sv": promise["text"]["sv"]}
    source = write_yaml(data, tmp_path / "philosophy.yml")
    loaded = load(source)
    assert list(loaded.data["promises"][0]["text"]) == ["en", "sv"], "the fixture must list English first"
    site = build_site("handbook", tmp_path / "site", source)
    quotes = soup(site / "promises" / promise["id"] / "index.html").select("section[aria-labelledby=public] blockquote")
    assert [q["lang"] for q in quotes] == ["sv", "en"]


@pytest.mark.fast
def test_every_navigation_label_is_in_the_handbook_language(handbook_site: Path) -> None:
    """MkDocs names the department pages' section after their folder; the catalogue's word replaces it."""
    html = soup(handbook_site / "index.html")
    labels = {" ".join(s.get_text(" ", strip=True).split()) for s in html.select("nav.md-nav--primary .md-ellipsis")}
    assert words("sv")._("Departments") in labels
    assert "Departments" not in labels


def test_traditional_chinese_gets_the_themes_taiwan_words_and_locale() -> None:
    from macros.site import material_language
    from philosophy.languages import Language

    # Material's zh-Hant pack has Simplified characters; zh-HK has no pack: both take the Taiwan one
    assert [material_language(c) for c in ("zh-Hant", "zh-TW", "zh-HK", "zh-Hans", "zh")] == [
        "zh-TW",
        "zh-TW",
        "zh-TW",
        "zh",
        "zh",
    ]
    assert Language("zh-Hant").og_locale == "zh_TW"


@pytest.mark.fast
def test_tone_per_channel_names_each_channel_once(handbook_site: Path) -> None:
    """The sample's per-channel situation repeats the channel's name; the row says it once."""
    table = soup(handbook_site / "tone" / "index.html").find("section", attrs={"aria-labelledby": "per-channel"})
    heads = [th.get_text(" ", strip=True) for th in table.select("tbody th[scope=row]")]
    assert heads and "Telefon" in heads
    assert not [h for h in heads if "(" in h and h.split(" (")[0] == h.rsplit("(", 1)[1].rstrip(")")]


@pytest.mark.fast
def test_a_commitments_staff_note_stands_on_its_own_line(handbook_site: Path) -> None:
    """Not glued on with a dash: the commitment sentence may already hold dashes in some languages."""
    html = soup(handbook_site / "promises" / MODEL.promises[0].id / "index.html")
    notes = html.select("#commitments ~ ul li em.commitment-note")
    assert notes and any("helpdesken" in n.get_text() for n in notes)
    assert all(n.find_previous_sibling("br") is not None for n in notes)
