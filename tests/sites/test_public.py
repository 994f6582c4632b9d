"""The public site, built for real from the sample fixture, read back from its HTML, sitemap and search index."""

from __future__ import annotations

from pathlib import Path

import pytest

from philosophy.i18n import words
from philosophy.loader import load
from philosophy.views import SCHEMA_DAYS, Page
from tests.helpers import SAMPLE, TODAY
from tests.sites.html import jsonld, pages, search_index, sitemap, soup, text

MODEL = load(SAMPLE).model
URL = MODEL.site.url
LANGS = {"sv": "", "en": "en/"}
PAGES = {"promise": "", "contact": "contact/", "review": "review/", "performance": "performance/"}


def page(site: Path, lang: str, key: str) -> Path:
    return site / LANGS[lang] / PAGES[key] / "index.html"


def t(value: object, lang: str) -> str:
    return value if isinstance(value, str) else value[lang]  # type: ignore[index,return-value]


def view(lang: str) -> Page:
    import datetime as dt

    return Page(MODEL, lang, ("sv",), dt.date.fromisoformat(TODAY))


@pytest.mark.fast
def test_every_page_exists_in_both_languages(public_site: Path) -> None:
    assert {str(p.relative_to(public_site)) for p in pages(public_site)} == {
        f"{prefix}{key}index.html" for prefix in LANGS.values() for key in PAGES.values()
    }


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_promise_page_leads_with_figures_and_shows_every_promise(public_site: Path, lang: str) -> None:
    html = soup(page(public_site, lang, "promise"))
    body = " ".join(html.get_text(" ").split())
    figures = html.select(".figures .figure")
    assert len(figures) >= 5
    numbers = [f.select_one(".figure__number").get_text() for f in figures]
    assert {"8", "2", "3", "60"} <= set(numbers)
    first_section = html.select_one(".promise-page section")
    assert "figures" in first_section["class"]
    for value in MODEL.values:
        assert t(value.name, lang) in body and t(value.text, lang) in body
    for promise in MODEL.promises:
        assert t(promise.title, lang) in body and t(promise.text, lang) in body
    for sentence in (c.sentence for p in view(lang).promises for c in p.commitments):
        assert sentence in body
    assert t(MODEL.statement.critical_function, lang) in body
    assert html.select(".channel-cards .channel-card") and html.select("table.week-grid")


@pytest.mark.fast
def test_commitment_sentences_come_from_the_catalogue(public_site: Path) -> None:
    body = text(page(public_site, "sv", "promise"))
    w = words("sv")
    expected = w._(
        "%(channel)s: a reply within %(duration)s, counted in our opening hours",
        channel="E-post",
        duration=w.duration(MODEL.promises[0].commitments[0].within),
    )  # type: ignore[union-attr]
    assert expected in body and "8 timmar" in expected


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_channels_on_contact_page(public_site: Path, lang: str) -> None:
    html = soup(page(public_site, lang, "contact"))
    body = " ".join(html.get_text(" ").split())
    w = words(lang)
    for ch in MODEL.channels:
        section = html.find(id=f"channel-{ch.id}")
        assert section is not None, ch.id
        assert t(ch.name, lang) in body and t(ch.response_target, lang) in body
    phone = html.find(id="channel-telefon")
    rows = {
        th.get_text(strip=True): th.find_next("td").get_text(strip=True)
        for th in phone.find("table", class_="hours").find_all("th", scope="row")
    }
    monday_friday = w._("%(first)s–%(last)s", first=w.weekday(0), last=w.weekday(4))
    assert rows[monday_friday] == w.time_range(9 * 60, 18 * 60)
    assert rows[w.weekday(6)] == w._("Closed")
    guides = html.find(id="channel-guider")  # open 24/7: one line, not seven rows
    assert guides.find("table", class_="hours") is None
    assert w._("Open around the clock, every day of the year") in guides.get_text(" ")


def test_contact_links_are_built_from_validated_values(public_site: Path) -> None:
    html = soup(page(public_site, "sv", "contact"))
    hrefs = [a["href"] for a in html.select(".channel__contacts a")]
    assert "tel:+4631123450" in hrefs
    assert "mailto:hej@hjulverket.se" in hrefs
    assert all(h.startswith(("tel:+", "mailto:", "https://")) for h in hrefs)
    phone = html.find("a", href="tel:+4631123450")
    assert phone.get_text() == "031-12 34 50"  # the national form for Swedish readers
    assert soup(page(public_site, "en", "contact")).find("a", href="tel:+4631123450").get_text() == "+46 31 12 34 50"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_review_page(public_site: Path, lang: str) -> None:
    body = text(page(public_site, lang, "review"))
    for trigger in MODEL.review.triggers:
        assert t(trigger.text, lang) in body
    assert words(lang).date(MODEL.promises[0].last_reviewed) in body  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_performance_page_says_nothing_is_published_without_exports(public_site: Path, lang: str) -> None:
    body = text(page(public_site, lang, "performance"))
    assert words(lang)._("How we're doing") in body


def test_titles_and_descriptions_distinct_and_from_yaml(public_site: Path) -> None:
    titles, descriptions = set(), set()
    for lang in LANGS:
        for key in ("promise", "contact", "review"):
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
    alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate", hreflang=True)}
    assert alternates == {"sv": URL + PAGES[key], "en": URL + "en/" + PAGES[key], "x-default": URL + PAGES[key]}
    og = {m["property"]: m["content"] for m in html.find_all("meta", property=True)}
    assert og["og:url"] == own and og["og:type"] == "website"
    assert og["og:locale"] == {"sv": "sv_SE", "en": "en_US"}[lang]
    assert html.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    switcher = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
    assert set(switcher) == {"sv", "en"}


def _hours_from_jsonld(point: dict) -> dict[str, list[tuple[str, str]]]:
    week: dict[str, list[tuple[str, str]]] = {d: [] for d in SCHEMA_DAYS}
    for spec in point.get("hoursAvailable", []):
        for day in spec.get("dayOfWeek", []):
            week[day.rsplit("/", 1)[1]].append((spec["opens"], spec["closes"]))
    return {d: sorted(v) for d, v in week.items()}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_jsonld_contact_points_equal_the_visible_hours(public_site: Path, lang: str) -> None:
    [data] = jsonld(page(public_site, lang, "contact"))
    org = next(n for n in data["@graph"] if n["@type"] == "Organization")
    assert org["@id"] == URL + "#organization" and org["name"] == "Hjulverket"
    points = {p["@id"].split("#channel-")[1]: p for p in org["contactPoint"]}
    assert set(points) == {ch.id for ch in MODEL.channels}
    for ch in MODEL.channels:
        point = points[ch.id]
        assert point["name"] == t(ch.name, lang)
        expected = {
            SCHEMA_DAYS[i]: sorted(
                (f"{a // 60:02d}:{a % 60:02d}", "23:59" if b >= 1440 else f"{b // 60:02d}:{b % 60:02d}") for a, b in day
            )
            for i, day in enumerate(ch.week)
        }
        assert _hours_from_jsonld(point) == expected
        dated = {s["validFrom"] for s in point["hoursAvailable"] if "validFrom" in s}
        assert dated == {ex.date.isoformat() for ex in ch.exceptions if ex.date.isoformat() >= TODAY}
        if ch.contact.phone:
            assert point["telephone"] == ch.contact.phone[0].e164
    policy = org["hasMerchantReturnPolicy"]
    assert policy["merchantReturnDays"] == 60 and policy["returnFees"] == "https://schema.org/FreeReturn"


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


def test_search_stems_every_site_language(public_site: Path) -> None:
    index = search_index(public_site)
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"", "contact/", "en/", "en/contact/"} <= locations
    assert index["config"]["lang"] == ["sv", "en"]


def test_404_page_is_in_the_default_language(public_site: Path) -> None:
    html = soup(public_site / "404.html")
    assert html.html["lang"] == "sv"
    assert words("sv")._("Page not found") in html.get_text()


def test_no_request_to_other_hosts_in_markup(public_site: Path) -> None:
    for path in public_site.rglob("*.html"):
        html = soup(path)
        for tag in html.find_all(["link", "script", "img", "iframe"]):
            ref = tag.get("href") or tag.get("src") or ""
            if tag.name == "link" and set(tag.get("rel", [])) & {"canonical", "alternate"}:
                continue
            assert not ref.startswith(("http://", "https://", "//")), f"{path}: {ref}"
    assert "fonts.googleapis" not in "".join(p.read_text() for p in public_site.rglob("*.html"))


def test_skip_link_and_main_target(public_site: Path) -> None:
    html = soup(page(public_site, "sv", "contact"))
    skip = html.find("a", class_="md-skip")
    assert skip and html.find(id=skip["href"].lstrip("#"))
    assert skip.get_text(strip=True) == words("sv")._("Skip to content")  # the catalogue's words, not the theme's


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_drawer_lists_this_languages_pages_like_the_tabs(public_site: Path, lang: str) -> None:
    """The primary navigation (the menu on phones) holds the page's own language only, in the tabs' order."""
    for key in PAGES:
        html = soup(page(public_site, lang, key))
        tabs = [(a.get_text(strip=True), a["href"]) for a in html.select("nav.md-tabs a")]
        drawer = [(a.get_text(strip=True), a["href"]) for a in html.select("nav.md-nav--primary .md-nav__list a")]
        assert drawer == tabs and len(tabs) == len(PAGES)
        current = html.select("nav.md-nav--primary a[aria-current=page]")
        assert len(current) == 1 and current[0]["href"] == tabs[list(PAGES).index(key)][1]


def test_language_folders_are_named_by_their_language_in_the_navigation(public_site: Path) -> None:
    """The 404 page's menu lists every language's folder: 'English', never MkDocs's 'En'."""
    html = soup(public_site / "404.html")
    labels = {s.get_text(" ", strip=True) for s in html.select("nav.md-nav--primary .md-ellipsis")}
    assert "English" in labels and "En" not in labels
