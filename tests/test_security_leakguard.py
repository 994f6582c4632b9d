"""Hostile input, round two: the leak guard, against a real public site built in a temporary folder.

Staff-only texts pasted into a public page are found however they are written (a `|` block with its line
breaks and final newline, NFD letters, HTML entities, JSON escapes, gzip), short ones too (a job title, a
first name), but only as whole words; a staff value that is also public text is no leak; an internal text
aliased into a public field never gets that far: the check refuses it.
"""

from __future__ import annotations

import gzip
import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from philosophy.checks import check
from philosophy.loader import Loaded, load
from publish.leakguard import Leak, internal_strings, scan
from tests.helpers import ROOT, SAMPLE, build_site

BLOCK_LINES = [
    "Formuleringen kommer från kundintervjuerna 2025: pendlare sa att det värsta inte är en trasig",
    'cykel utan att inte veta när den blir klar. Därför står "när du behöver den" först, och därför',
    "lovar vi besked hellre än perfektion.",
]
BLOCK = "\n".join(BLOCK_LINES) + "\n"


def _source_text() -> str:
    """The sample with the statement's background as a `|` block, and short staff-only names."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count("  background: >-\n") == 1
    text = text.replace("  background: >-\n", "  background: |\n")
    text = text.replace("    owner: Verkstadschef\n", "    owner: Lina\n", 1)  # a first name, staff-only
    return text.replace("    owner: Produktteamet\n", "    owner: Hjulverket\n", 1)  # staff-only, also public text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Loaded, Path, dict]:
    tmp = tmp_path_factory.mktemp("leakguard")
    source = tmp / "philosophy.yml"
    source.write_text(_source_text(), encoding="utf-8")
    loaded = load(source)
    assert [p for p in check(loaded) if p.severity == "error"] == []
    public = build_site("public", tmp / "public", source)
    return loaded, public, internal_strings(loaded)


@pytest.fixture
def victim(site: tuple[Loaded, Path, dict], tmp_path: Path) -> Path:
    copy = tmp_path / "public"
    shutil.copytree(site[1], copy)
    return copy


def _paste(victim: Path, html: str, page: str = "contact/index.html") -> None:
    path = victim / page
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</article>", html + "</article>", 1), encoding="utf-8")


def _found(victim: Path, secrets: dict) -> set[str]:
    return {leak.text for leak in scan(victim, secrets)}


def test_the_built_site_is_clean(site: tuple[Loaded, Path, dict]) -> None:
    loaded, public, secrets = site
    assert loaded.model.statement.background == BLOCK  # the block kept its line breaks and final newline
    assert scan(public, secrets) == []
    assert {"Ekonomichef", "Lina"} <= set(secrets)


def test_a_block_text_pasted_with_its_line_breaks_is_found(site: tuple[Loaded, Path, dict], victim: Path) -> None:
    secrets = site[2]
    background = " ".join(BLOCK.split())
    assert background in secrets
    _paste(victim, "<p>\n" + "\n      ".join(BLOCK_LINES).replace('"', "&quot;") + "\n\n</p>")
    assert background in _found(victim, secrets)


def test_a_block_text_in_a_json_file_is_found(site: tuple[Loaded, Path, dict], victim: Path) -> None:
    secrets = site[2]
    index = victim / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"].append({"location": "x/", "title": "x", "text": BLOCK})
    index.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")  # \u00e4, \n escapes
    assert " ".join(BLOCK.split()) in _found(victim, secrets)


def test_an_nfd_copy_is_found(site: tuple[Loaded, Path, dict], victim: Path) -> None:
    secrets = site[2]
    decomposed = unicodedata.normalize("NFD", BLOCK)
    assert decomposed != BLOCK
    _paste(victim, f"<p>{decomposed}</p>")
    assert " ".join(BLOCK.split()) in _found(victim, secrets)


@pytest.mark.parametrize(
    "html",
    [
        "<p>Ring Ekonomichef direkt.</p>",
        "<p>Fråga Lina.</p>",
        '<meta name="author" content="Lina">',
        "<p>(Ekonomichef)</p>",
        "<p>&#76;ina</p>",
        "<p>Hej Lina!</p>",
    ],
)
def test_a_short_staff_text_is_found(site: tuple[Loaded, Path, dict], victim: Path, html: str) -> None:
    _paste(victim, html)
    assert _found(victim, site[2]) & {"Ekonomichef", "Lina"}


@pytest.mark.parametrize(
    "html",
    ["<p>Linaria är en blomma.</p>", "<p>Ekonomichefen och Karolina</p>", "<p>Linas</p>", "<p>Ekonomichefer</p>"],
)
def test_matches_are_whole_words(site: tuple[Loaded, Path, dict], victim: Path, html: str) -> None:
    _paste(victim, html)
    assert _found(victim, site[2]) == set()


def test_a_staff_value_that_is_also_public_text_is_not_reported(site: tuple[Loaded, Path, dict], victim: Path) -> None:
    loaded, _, secrets = site
    assert any(p.owner == "Hjulverket" for p in loaded.model.promises)
    assert "Hjulverket" not in secrets
    _paste(victim, "<p>Hjulverket</p>")
    assert _found(victim, secrets) == set()


def test_a_leak_in_a_gzipped_file_is_found(site: tuple[Loaded, Path, dict], victim: Path) -> None:
    (victim / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset><!-- Ekonomichef --></urlset>"))
    leaks = scan(victim, site[2])
    assert [(leak.file.name, leak.text) for leak in leaks] == [("sitemap.xml.gz", "Ekonomichef")]
    assert isinstance(leaks[0], Leak) and leaks[0].field.startswith("promises[")


def test_an_internal_text_aliased_into_a_public_field_is_refused() -> None:
    loaded = load(ROOT / "tests" / "bad" / "65_alias_staff_text_into_public.yml")
    errors = [p for p in check(loaded) if p.severity == "error"]
    assert errors and "alias" in errors[0].message and errors[0].path.startswith("promises[0].text")


def test_a_staff_block_aliased_into_a_public_title_is_refused(tmp_path: Path) -> None:
    text = _source_text().replace("  background: |\n", "  background: &why |\n", 1)
    assert text.count("      en: Fast written replies\n") == 1
    text = text.replace("      en: Fast written replies\n", "      en: *why\n", 1)
    (tmp_path / "philosophy.yml").write_text(text, encoding="utf-8")
    loaded = load(tmp_path / "philosophy.yml")
    errors = [p for p in check(loaded) if p.severity == "error"]
    assert [p.path for p in errors] == ["promises[0].title.en"]
    assert "staff-only" in errors[0].message and "statement.background" in errors[0].message
