"""Any company, any language: real builds of the examples gallery and of made-up files, read back from HTML.

- every example builds both sites with its own languages, clock, look and calendar;
- every commitment kind is said in plain words in every shipped language, on both sites and in the summary;
- a throw-away kind added through the one extension point works without other edits;
- a file with only what customers must see builds, from outside the repository's root;
- one-language, regional (en-US) and split-language (de public, en handbook) sites;
- a language the theme has no words for (Northern Sami) builds, with a warning.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from philosophy.commitments import KINDS
from philosophy.i18n import shipped_languages, words
from philosophy.languages import Language
from philosophy.loader import load
from philosophy.views import Page
from tests.helpers import (
    EXAMPLES,
    ROOT,
    TODAY,
    build_site,
    example_files,
    read_yaml,
    relanguage,
    sample_data,
    write_yaml,
)
from tests.sites.html import jsonld, search_index, soup, text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=[p.parent.name for p in example_files()])
def example(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    source = EXAMPLES / request.param / "philosophy.yml"
    out = tmp_path_factory.mktemp(request.param)
    return source, build_site("public", out / "public", source), build_site("handbook", out / "handbook", source)


def test_gallery_has_five_companies_and_few_other_commitments() -> None:
    files = example_files()
    assert len(files) >= 5
    kinds = [c.kind for f in files for p in load(f).model.promises for c in p.commitments]
    kinds += [c.kind for p in load(ROOT / "tests" / "fixtures" / "sample.yml").model.promises for c in p.commitments]
    assert kinds.count("other") * 10 <= len(kinds), f"{kinds.count('other')} of {len(kinds)} are 'other'"
    assert set(KINDS) - {"other"} <= set(kinds), "every kind is used somewhere in the gallery"


def test_example_pages_are_in_their_languages(example: tuple[Path, Path, Path]) -> None:
    source, public, handbook = example
    model = load(source).model
    site = model.site
    for lang in site.languages:
        prefix = "" if lang == site.default else Language(lang).url_prefix + "/"
        for key in ("", "contact/", "review/", "performance/"):
            html = soup(public / prefix / key / "index.html")
            assert html.html["lang"] == lang
            body = " ".join(html.get_text(" ").split())
            assert "%(" not in body and "{{" not in body
            switcher = html.select("a.md-select__link")
            assert (len(switcher) == len(site.languages)) if len(site.languages) > 1 else not switcher
    home = soup(handbook / "index.html")
    assert home.html["lang"] == site.handbook
    assert words(site.handbook)._("Our service statement in three parts") in home.get_text()


def test_every_example_passes_the_leak_guard(example: tuple[Path, Path, Path]) -> None:
    from publish.leakguard import internal_strings, scan

    source, public, _ = example
    assert scan(public, internal_strings(load(source))) == []


def _catalogue_phrases() -> dict[str, dict[str, str]]:
    """msgid -> {language: translation} for multi-word messages without placeholders."""
    out: dict[str, dict[str, str]] = {}
    for babel_id in shipped_languages():
        lang = babel_id.replace("_", "-")
        catalog = words(lang)._tr._catalog  # type: ignore[attr-defined]
        for msgid, msgstr in catalog.items():
            if isinstance(msgid, str) and msgid and "%(" not in msgid and "|" not in msgid and isinstance(msgstr, str):
                out.setdefault(msgid, {})[lang] = msgstr
    return out


def test_no_page_shows_a_message_id_or_another_languages_words(example: tuple[Path, Path, Path]) -> None:
    """The catalogues give the word lists: on a page in language L, no translation of another language M
    (where M's words differ from L's) and no English message id appears, unless the company's own file says it."""
    source, public, handbook = example
    model = load(source).model
    own_texts = " ".join(" ".join(str(v).split()) for v in _strings(read_yaml(source)))
    phrases = _catalogue_phrases()
    pages = [
        (lang, public / ("" if lang == model.site.default else Language(lang).url_prefix + "/") / key / "index.html")
        for lang in model.site.languages
        for key in ("", "contact/", "review/")
    ]
    pages += [(model.site.handbook, p) for p in sorted(handbook.rglob("index.html"))[:6]]
    problems = []
    for lang, path in pages:
        body = " ".join(soup(path).find("article").get_text(" ").split())
        base = Language(lang).base
        for msgid, by_lang in phrases.items():
            mine = by_lang.get(lang, by_lang.get(base, msgid))
            candidates = {(o, s) for o, s in by_lang.items() if Language(o).base != base and s != mine}
            if base != "en" and msgid != mine:
                candidates.add(("msgid", msgid))
            for other, words_ in candidates:
                if len(words_.split()) < 2 or words_ in own_texts or words_ in mine:
                    continue
                if re.search(rf"(?<!\w){re.escape(words_)}(?!\w)", body):
                    problems.append(f"{path.relative_to(path.parents[3])}: {other} {words_!r}")
    assert problems == []


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def test_shipped_catalogues_are_complete() -> None:
    from babel.messages.pofile import read_po

    from philosophy.i18n import catalogue_path

    assert {"sv", "en", "de", "fr", "es", "da", "nb", "fi", "nl"} <= set(shipped_languages())
    template = {m.id for m in read_po((ROOT / "philosophy" / "locales" / "messages.pot").open("rb")) if m.id}
    for babel_id in shipped_languages():
        catalog = read_po(catalogue_path(babel_id).open("rb"))
        ids = {m.id for m in catalog if m.id}
        assert ids == template, f"{babel_id}: run `make messages`"
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings), f"{babel_id}: untranslated {message.id!r}"
            assert "fuzzy" not in message.flags, f"{babel_id}: fuzzy {message.id!r}"
            wanted = set(re.findall(r"%\(\w+\)s", message.id[-1] if isinstance(message.id, tuple) else message.id))
            for s in strings:
                assert set(re.findall(r"%\(\w+\)s", s)) <= wanted | {"%(num)s"}, (babel_id, message.id, s)


def test_catalogue_template_is_in_sync_with_the_code(tmp_path: Path) -> None:
    from babel.messages.pofile import read_po

    target = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "N_",
            "-k",
            "ngettext:1,2",
            "--no-location",
            "--sort-output",
            "-c",
            "TRANSLATORS:",
            "-o",
            str(target),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    fresh = {m.id for m in read_po(target.open("rb")) if m.id}
    committed = {m.id for m in read_po((ROOT / "philosophy" / "locales" / "messages.pot").open("rb")) if m.id}
    assert fresh == committed, "run `make messages` and translate the new messages"


# --- every kind, every language -------------------------------------------------------------------


def all_kinds_data() -> dict[str, Any]:
    """The sample with one extra promise carrying a commitment of every kind, in every shipped language."""
    data = sample_data()
    langs = [b.replace("_", "-") for b in shipped_languages()]
    data["site"]["languages"] = langs
    data["site"]["fallback_to_default"] = True
    data["channels"][0]["contact"]["phone"] = "+46 31 12 34 50"
    commitments = [
        {"kind": "reply", "channel": "e-post", "within": "8h", "counts": "opening_hours", "target": "90%"},
        {"kind": "reply", "channel": "e-post", "within": "2 days", "counts": "business_days"},
        {"kind": "answer", "channel": "telefon", "within": "3 min"},
        {"kind": "callback", "channel": "telefon", "within": "2h"},
        {"kind": "available", "channel": "guider", "around_the_clock": True},
        {"kind": "notice", "about": "delay", "within": "24h", "via": "preferred"},
        {"kind": "first_contact", "where": "on_the_spot", "channels": ["butik"], "target": "80%"},
        {"kind": "delivery", "within": "2 days", "counts": "business_days", "free": True},
        {"kind": "returns", "no_time_limit": True, "free": True},
        {"kind": "refund", "within": "5 days", "counts": "business_days", "before_investigating": True},
        {"kind": "price", "match": True, "lowest_price_applied": True, "within": "30 days"},
        *(
            {"kind": "never", "what": what}
            for what in ("phone_menu", "call_time_limit", "scripts", "upselling", "lock_in")
        ),
        {"kind": "other", "text": {"sv": "Något annat", "en": "Something else"}},
    ]
    assert {c["kind"] for c in commitments} == set(KINDS)
    data["promises"].append(
        {
            "id": "allt",
            "title": {"sv": "Allt", "en": "Everything"},
            "text": {"sv": "Alla sorters löften.", "en": "Every kind of promise."},
            "commitments": commitments,
            "channels": ["e-post"],
            "last_reviewed": "2026-10-01",
        }
    )
    return data


def test_every_kind_in_every_shipped_language_on_both_sites_and_in_the_summary(tmp_path: Path) -> None:
    from philosophy.summary import summarize

    source = write_yaml(all_kinds_data(), tmp_path / "philosophy.yml")
    loaded = load(source)
    public = build_site("public", tmp_path / "public", source)
    handbook = build_site("handbook", tmp_path / "handbook", source)
    promise = loaded.model.promise_by_id["allt"]
    day = dt.date.fromisoformat(TODAY)
    for lang in loaded.model.site.languages:
        page = Page(loaded.model, lang, ("sv",), day)
        sentences = [page.commitment(c).sentence for c in promise.commitments]
        assert all(s and "%(" not in s and "duration-" not in s for s in sentences), (lang, sentences)
        prefix = "" if lang == "sv" else Language(lang).url_prefix + "/"
        body = " ".join(soup(public / prefix / "index.html").get_text(" ").split())
        for sentence in sentences:
            assert " ".join(sentence.split()) in body, (lang, sentence)
    handbook_body = text(handbook / "promises" / "allt" / "index.html")
    for c in promise.commitments:
        assert " ".join(Page(loaded.model, "sv", ("sv",), day).commitment(c).sentence.split()) in handbook_body
    base = write_yaml(sample_data(), tmp_path / "base.yml")
    summary = summarize(load(base), loaded, "base", "head", "en")
    en = Page(loaded.model, "en", ("sv",), day)
    from philosophy.summary import md

    for c in promise.commitments:
        assert md(en.commitment(c).sentence) in summary
    [graph] = jsonld(public / "index.html")
    types = {n["@type"] for n in graph["@graph"]}
    assert "ServiceChannel" in types


EXTENSION = """
from typing import Literal
from philosophy.audience import public
from philosophy.commitments.base import CommitmentKind, Say


class Warranty(CommitmentKind):
    kind: Literal["warranty"] = public("A warranty on repairs.")
    years: int = public("Years of warranty.")

    def sentence(self, say: Say) -> str:
        return f"{self.years}-year warranty on every repair"
"""


def test_a_throw_away_kind_through_the_extension_point(tmp_path: Path) -> None:
    (tmp_path / "warranty_kind.py").write_text(EXTENSION, encoding="utf-8")
    data = sample_data()
    data["promises"][0]["commitments"].append({"kind": "warranty", "years": 3})
    source = write_yaml(data, tmp_path / "philosophy.yml")
    env = {
        **os.environ,
        "PHILOSOPHY_EXTENSIONS": "warranty_kind",
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    check = subprocess.run(
        [sys.executable, "-m", "philosophy", "check", str(source)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    out = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "publish", "build", "--file", str(source), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    assert "3-year warranty on every repair" in text(out / "public" / "index.html")
    assert "3-year warranty on every repair" in text(
        out / "handbook" / "promises" / data["promises"][0]["id"] / "index.html"
    )
    schema = subprocess.run(
        [sys.executable, "-m", "philosophy", "schema", "--output", "-"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert '"warranty"' in schema.stdout
    base = write_yaml(sample_data(), tmp_path / "base.yml")
    summary = subprocess.run(
        [
            sys.executable,
            "-c",
            (
                "import sys; from philosophy.loader import load; from philosophy.summary import summarize; "
                f"print(summarize(load({str(base)!r}), load({str(source)!r}), 'a', 'b', 'en'))"
            ),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert summary.returncode == 0, summary.stderr
    assert "3\\-year warranty on every repair" in summary.stdout


# --- start small -------------------------------------------------------------------------------------

TINY = """\
site:
  company: Café Lina
  url: https://cafe.example.com/
  languages: [fi]
  timezone: Europe/Helsinki
statement:
  critical_function: Hyvä kahvi nopeasti.
  method: Paahdamme itse ja palvelemme ystävällisesti.
  big_picture: Kaupunki, jossa jokainen aamu alkaa hyvin.
values:
  - id: lampo
    name: Lämpö
    text: Tervehdimme jokaista asiakasta.
promises:
  - id: vastaus
    title: Nopea vastaus
    text: Vastaamme sähköpostiin kahden päivän kuluessa.
    commitments:
      - kind: reply
        channel: sahkoposti
        within: 2 days
        counts: business_days
channels:
  - id: sahkoposti
    kind: email
    name: Sähköposti
    contact:
      email: kahvila@example.com
    hours:
      mon-fri: "08:00-16:00"
"""


def test_a_file_with_only_what_customers_see_builds_both_sites_from_outside_the_repository(tmp_path: Path) -> None:
    source = tmp_path / "elsewhere" / "philosophy.yml"
    source.parent.mkdir()
    source.write_text(TINY, encoding="utf-8")
    result = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "site", f"FILE={source}"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "MAKEFLAGS": ""},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Café Lina" in result.stdout or "ok:" in result.stdout
    site = ROOT / "site"
    html = soup(site / "public" / "index.html")
    assert html.html["lang"] == "fi" and "Café Lina" in html.title.get_text()
    assert not html.select("a.md-select__link")  # one language: no switcher
    assert not (site / "public" / "fi").exists()  # and no language folder
    assert (site / "handbook" / "index.html").exists()
    checked = subprocess.run(
        [sys.executable, "-m", "philosophy", "check", str(source)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0 and "warning" in checked.stderr  # the handbook still lacks texts: warnings


# --- languages and looks --------------------------------------------------------------------------


def test_en_us_site_uses_the_12_hour_clock_and_us_locale(tmp_path: Path) -> None:
    source = EXAMPLES / "shop-us" / "philosophy.yml"
    public = build_site("public", tmp_path / "public", source)
    html = soup(public / "contact" / "index.html")
    assert html.html["lang"] == "en-US"
    assert html.find("meta", property="og:locale")["content"] == "en_US"
    hours = " ".join(t.get_text(" ") for t in html.select("table.week-grid td"))
    assert re.search(r"\d{1,2}:\d{2}\s?(AM|PM)", hours.replace("\u202f", " ")), hours
    assert not html.select("a.md-select__link") and not (public / "en-us").exists()


def test_german_public_site_with_an_english_handbook(tmp_path: Path) -> None:
    source = EXAMPLES / "versicherung-de" / "philosophy.yml"
    public = build_site("public", tmp_path / "public", source)
    handbook = build_site("handbook", tmp_path / "handbook", source)
    assert soup(public / "index.html").html["lang"] == "de"
    assert soup(public / "en" / "index.html").html["lang"] == "en"
    home = soup(handbook / "index.html")
    assert home.html["lang"] == "en"
    assert words("en")._("Our service statement in three parts") in home.get_text()
    assert words("de")._("Our mission") in text(public / "index.html")


def test_brand_logo_colours_and_company_name_from_the_file(tmp_path: Path) -> None:
    source = EXAMPLES / "shop-us" / "philosophy.yml"
    brand = load(source).model.site.brand
    public = build_site("public", tmp_path / "public", source)
    logo = soup(public / "index.html").select_one(".md-header img")
    assert logo["src"].endswith("assets/brand/" + Path(brand.logo).name)  # type: ignore[arg-type]
    assert logo["alt"] == load(source).model.site.company
    css = " ".join(style.get_text() for style in soup(public / "index.html").select("head style"))
    assert brand.primary in css and brand.accent in css  # type: ignore[operator]
    assert (public / "assets" / "brand" / Path(brand.logo).name).exists()  # type: ignore[arg-type]


def test_one_language_finnish_site(tmp_path: Path) -> None:
    data = read_yaml(EXAMPLES / "virasto-fi" / "philosophy.yml")
    data["site"]["languages"] = ["fi"]
    data["site"]["default_language"] = "fi"

    def only_fi(node: Any) -> Any:
        if isinstance(node, dict):
            if "fi" in node and set(node) <= {"fi", "sv", "en"} and all(isinstance(v, str) for v in node.values()):
                return node["fi"]
            return {k: only_fi(v) for k, v in node.items()}
        if isinstance(node, list):
            return [only_fi(v) for v in node]
        return node

    source = write_yaml(only_fi(data), tmp_path / "philosophy.yml")
    shutil.copytree(EXAMPLES / "virasto-fi", tmp_path / "assets", dirs_exist_ok=True)
    public = build_site("public", tmp_path / "public", source)
    html = soup(public / "index.html")
    assert html.html["lang"] == "fi" and not html.select("a.md-select__link")
    assert not any(p.name in ("sv", "en") for p in public.iterdir())
    assert words("fi")._("Our promises") in html.get_text()


def test_a_language_the_theme_has_no_pack_for_builds_with_a_warning(tmp_path: Path) -> None:
    # a Finnish agency that also serves in Northern Sami ('se'): neither Material nor we ship its words
    data = relanguage(sample_data(), {"sv": ("fi", "Palvelu "), "en": ("se", "Bálvalus ")})
    source = write_yaml(data, tmp_path / "philosophy.yml")
    check = subprocess.run(
        [sys.executable, "-m", "publish", "check", str(source)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert re.search(
        r"philosophy\.yml:\d+:\d+: warning: site\.languages\[1\]: the site theme has no interface in 'se' "
        r"\(Northern Sami\)",
        check.stdout + check.stderr,
    ), check.stderr
    public = build_site("public", tmp_path / "public", source)
    page = soup(public / "se" / "index.html")
    assert page.html["lang"] == "se" and page.body["dir"] == "ltr"
    words_on_page = text(public / "se" / "index.html")
    assert "Bálvalus" in words_on_page and "Palvelu" not in words_on_page
    index = search_index(public)
    assert any(doc["location"].startswith("se/") and "Bálvalus" in doc["text"] for doc in index["docs"])
    handbook = build_site("handbook", tmp_path / "handbook", source)
    assert (handbook / "index.html").exists()
