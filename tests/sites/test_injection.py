"""Hostile text in every prose field stays data in both sites: shown as text, never evaluated as a
template, never published as HTML. Fields allow no Markdown at all (see EDITING.md)."""

from __future__ import annotations

import collections
import re
from pathlib import Path
from typing import Any

import pytest

from philosophy.checks import check
from philosophy.loader import load
from tests.helpers import build_site, sample_data, write_yaml
from tests.schema_walk import SCHEMA, Canaries, plant
from tests.sites.html import soup

PAYLOAD = (
    "{{ 7*7 }} {% include 'x' %} <script>alert(\"xss\")</script> <img src=x onerror=alert(1)> "
    "[click](javascript:alert(1)) </p></div><b>bold</b> *em* & done"
)


# free strings with a grammar of their own, checked by the loader: not prose
NOT_PROSE = {"site.timezone", "channels[].hours", "channels[].exceptions[].hours"}


def _path(text: str) -> tuple[Any, ...]:
    return tuple(int(tok[1:-1]) if tok.startswith("[") else tok for tok in re.findall(r"\[\d+\]|[^.\[\]]+", text))


def prose_fields() -> dict[str, tuple[Any, ...]]:
    """One data path per prose field of the model (the first place it occurs in the sample)."""
    recorder = Canaries()
    plant(sample_data(), SCHEMA, False, "", recorder, everywhere=True)
    fields: dict[str, tuple[Any, ...]] = {}
    for path in recorder.made.values():
        parts = _path(path)
        if parts[-1] in ("sv", "en"):
            parts = parts[:-1]  # a text map: the payload goes into every language
        pattern = "".join("[]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")
        pattern = re.sub(r"^tone\.per_channel\.[^.]+", "tone.per_channel.*", pattern)
        pattern = re.sub(r"^channels\[\]\.hours\..*", "channels[].hours", pattern)
        if pattern in NOT_PROSE:
            continue
        fields.setdefault(pattern, parts)
    return fields


FIELDS = prose_fields()


def put_payload(data: dict[str, Any], parts: tuple[Any, ...]) -> None:
    """The payload into one field of the data: every language of a text map."""
    node: Any = data
    for part in parts[:-1]:
        node = node[part]
    old = node[parts[-1]]
    node[parts[-1]] = dict.fromkeys(old, PAYLOAD) if isinstance(old, dict) else PAYLOAD


def _with_payload(parts: tuple[Any, ...]) -> dict[str, Any]:
    data = sample_data()
    put_payload(data, parts)
    return data


def _tags(site: Path) -> dict[str, collections.Counter[str]]:
    return {
        str(p.relative_to(site)): collections.Counter(t.name for t in soup(p).find_all()) for p in site.rglob("*.html")
    }


def _texts(site: Path) -> str:
    """Visible text, plus meta descriptions (shown by search engines), of every page."""
    out = []
    for p in site.rglob("*.html"):
        html = soup(p)
        out.append(" ".join(html.get_text(" ").split()))
        out += [" ".join(m["content"].split()) for m in html.find_all("meta", attrs={"content": True})]
    return "\n".join(out)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, collections.Counter[str]]]:
    """The sample built from a copy outside git, as every payload build is (no change feed either way)."""
    tmp = tmp_path_factory.mktemp("baseline")
    source = write_yaml(sample_data(), tmp / "philosophy.yml")
    return {which: _tags(build_site(which, tmp / which, source)) for which in ("public", "handbook")}


def test_every_prose_field_is_covered() -> None:
    assert len(FIELDS) >= 60
    for field in [
        "promises[].title",
        "promises[].text",
        "channels[].contact.address",
        "site.company",
        "promises[].good_examples[].reply",
        "tone.avoid[].word",
        "site.pages.promise.title",
    ]:
        assert field in FIELDS, sorted(FIELDS)


@pytest.mark.slow
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_payload_is_inert(field: str, tmp_path: Path, baseline: dict) -> None:
    source = write_yaml(_with_payload(FIELDS[field]), tmp_path / "philosophy.yml")
    assert [p for p in check(load(source)) if p.severity == "error"] == []
    shown = " ".join(PAYLOAD.split())
    found = 0
    for which in ("public", "handbook"):
        site = build_site(which, tmp_path / which, source)
        assert _tags(site) == baseline[which], f"{field}: markup changed in the {which} site"
        raw = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
        assert "<script>alert" not in raw and "<img src=x" not in raw and "<b>bold" not in raw
        for page in site.rglob("*.html"):
            for tag in soup(page).find_all(True):
                assert not any(a.startswith("on") for a in tag.attrs), f"{field}: event handler on <{tag.name}>"
                href = str(tag.get("href", ""))
                assert not href.lower().startswith("javascript:"), f"{field}: javascript: link"
        found += shown in _texts(site)
    assert found, f"{field}: the payload is not shown as text anywhere"
