"""The public site, built for real from the sample, read back from its HTML, sitemap and search index."""
from __future__ import annotations

from pathlib import Path

import pytest

from philosophy.loader import load
from philosophy.structured_data import DAYS
from tests.conftest import SAMPLE
from tests.sites.html import jsonld, pages, search_index, sitemap, soup, text

MODEL = load(SAMPLE).model
URL = MODEL.site.url
LANGS = {"sv": "", "en": "en/"}
PAGES = {"promise": "", "contact": "contact/", "review": "review/"}


def page(site: Path, lang: str, key: str) -> Path:
    return site / LANGS[lang] / PAGES[key] / "index.html"


def t(value: object, lang: str) -> str:
    return value if isinstance(value, str) else value[lang]  # type: ignore[index,return-value]


def test_every_page_exists_in_both_languages(public_site: Path) -> None:
    assert {str(p.relative_to(public_site)) for p in pages(public_site)} == {
        "index.html", "contact/index.html", "review/index.html",
        "en/index.html", "en/contact/index.html", "en/review/index.html"}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_promises_on_promise_page(public_site: Path, lang: str) -> None:
    body = text(page(public_site, lang, "promise"))
    for value in MODEL.values:
        assert t(value.name, lang) in body and t(value.text, lang) in body
    for promise in MODEL.promises:
        assert t(promise.title, lang) in body and t(promise.text, lang) in body
    assert t(MODEL.statement.critical_function, lang) in body
    assert t(MODEL.statement.big_picture, lang) in body
    expected = {"sv": "E-post: svar inom 8 timmar (räknat i vår öppettid)",
                "en": "E-mail: a reply within 8 hours (counted in our opening hours)"}[lang]
    assert expected in body
    assert {"sv": "60 dagars fri retur", "en": "60 days of free returns"}[lang] in body


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_channels_on_contact_page(public_site: Path, lang: str) -> None:
    html = soup(page(public_site, lang, "contact"))
    body = " ".join(html.get_text(" ").split())
    for ch in MODEL.channels:
        section = html.find(id=f"channel-{ch.id}")
        assert section is not None
        assert t(ch.name, lang) in body and t(ch.response_target, lang) in body
        table = section.find("table")
        assert table.find("caption") and len(table.find_all("th", scope="row")) == 7
        assert table.find("thead").find_all("th", scope="col")
    phone = html.find(id="channel-telefon")
    rows = {th.get_text(strip=True): th.find_next("td").get_text(strip=True)
            for th in phone.find("table").find_all("th", scope="row")}
    monday, sunday = ("Måndag", "Söndag") if lang == "sv" else ("Monday", "Sunday")
    assert rows[monday] == "09:00–18:00" and rows[sunday] == ("Stängt" if lang == "sv" else "Closed")


def test_contact_details_not_on_promise_page_only(public_site: Path) -> None:
    assert "hej@hjulverket.se" in text(page(public_site, "sv", "contact"))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_review_page(public_site: Path, lang: str) -> None:
    body = text(page(public_site, lang, "review"))
    for trigger in MODEL.review.triggers:
        assert t(trigger.text, lang) in body
    assert {"sv": "15 september 2026", "en": "September 15, 2026"}[lang] in body


def test_titles_and_descriptions_distinct_and_from_yaml(public_site: Path) -> None:
    titles, descriptions = set(), set()
    for lang in LANGS:
        for key in PAGES:
            html = soup(page(public_site, lang, key))
            title = html.title.string
            desc = html.find("meta", attrs={"name": "description"})["content"]
            assert title == f"{t(MODEL.site.pages[key].title, lang)} – Hjulverket"
            assert desc == t(MODEL.site.pages[key].description, lang)
            assert html.html["lang"] == lang
            titles.add(title)
            descriptions.add(desc)
    assert len(titles) == 6 and len(descriptions) == 6


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("key", list(PAGES))
def test_canonical_hreflang_and_social_tags(public_site: Path, lang: str, key: str) -> None:
    html = soup(page(public_site, lang, key))
    own = URL + LANGS[lang] + PAGES[key]
    assert html.find("link", rel="canonical")["href"] == own
    alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate")}
    assert alternates == {"sv": URL + PAGES[key], "en": URL + "en/" + PAGES[key], "x-default": URL + PAGES[key]}
    og = {m["property"]: m["content"] for m in html.find_all("meta", property=True)}
    assert og["og:url"] == own and og["og:title"] == t(MODEL.site.pages[key].title, lang)
    assert og["og:locale"] == {"sv": "sv_SE", "en": "en_GB"}[lang] and og["og:type"] == "website"
    assert html.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    switcher = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
    assert set(switcher) == {"sv", "en"}


def _hours_from_jsonld(point: dict) -> dict[str, list[tuple[str, str]]]:
    week: dict[str, list[tuple[str, str]]] = {d: [] for d in DAYS}
    for spec in point["hoursAvailable"]:
        for day in spec.get("dayOfWeek", []):
            week[day.rsplit("/", 1)[1]].append((spec["opens"], spec["closes"]))
    return week


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_jsonld_contact_points_equal_yaml(public_site: Path, lang: str) -> None:
    [data] = jsonld(page(public_site, lang, "contact"))
    org = next(n for n in data["@graph"] if n["@type"] == "Organization")
    assert org["@id"] == URL + "#organization" and org["name"] == "Hjulverket"
    points = {p["@id"].rsplit("-", 1)[-1] if False else p["@id"].split("#channel-")[1]: p for p in org["contactPoint"]}
    assert set(points) == {ch.id for ch in MODEL.channels}
    for ch in MODEL.channels:
        point = points[ch.id]
        assert point["contactType"] == t(ch.name, lang)
        assert point["availableLanguage"] == ch.languages
        expected = {DAYS[i]: [(o, "23:59" if c == "24:00" else c) for o, c in day] for i, day in enumerate(ch.week)}
        assert _hours_from_jsonld(point) == expected
        holidays = {s["validFrom"] for s in point["hoursAvailable"] if "validFrom" in s}
        assert holidays == {ex.date.isoformat() for ex in ch.exceptions}
        if ch.contact.phone:
            assert point["telephone"] == ch.contact.phone


def test_jsonld_service_channels_match_promises(public_site: Path) -> None:
    [data] = jsonld(page(public_site, "en", "promise"))
    channels = [n for n in data["@graph"] if n["@type"] == "ServiceChannel"]
    times = sorted(c["processingTime"] for c in channels)
    assert times == sorted(["PT8H", "PT2M", "PT3M"])
    assert all(c["provider"] == {"@id": URL + "#organization"} for c in channels)


def test_sitemap_lists_every_page_in_both_languages(public_site: Path) -> None:
    entries = sitemap(public_site)
    locs = {e["loc"] for e in entries}
    assert locs == {URL + LANGS[lang] + PAGES[key] for lang in LANGS for key in PAGES}
    for entry in entries:
        assert set(entry["alternates"]) == {"sv", "en"}


def test_robots_txt_allows_crawling_and_names_sitemap(public_site: Path) -> None:
    robots = (public_site / "robots.txt").read_text()
    assert "Allow: /" in robots and f"Sitemap: {URL}sitemap.xml" in robots and "Disallow: /\n" not in robots


def test_search_index_covers_both_languages(public_site: Path) -> None:
    index = search_index(public_site)
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"", "contact/", "en/", "en/contact/"} <= locations
    assert index["config"]["lang"] == ["sv", "en"]


def test_no_request_to_other_hosts_in_markup(public_site: Path) -> None:
    for path in public_site.rglob("*.html"):
        html = soup(path)
        for tag in html.find_all(["link", "script", "img", "iframe"]):
            ref = tag.get("href") or tag.get("src") or ""
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert not ref.startswith(("http://", "https://", "//")), f"{path}: {ref}"
    assert "fonts.googleapis" not in "".join(p.read_text() for p in public_site.rglob("*.html"))


def test_skip_link_and_main_target(public_site: Path) -> None:
    html = soup(page(public_site, "sv", "contact"))
    skip = html.find("a", class_="md-skip")
    assert skip and html.find(id=skip["href"].lstrip("#"))
