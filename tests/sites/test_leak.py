"""The leak test: every internal field of the sample gets a unique canary, found through the JSON
Schema's x-audience. No canary may appear anywhere in the public output; every one must appear in
the handbook, so the test cannot pass by building nothing."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from philosophy.checks import check
from philosophy.loader import load
from tests.helpers import build_site, sample_data, write_yaml
from tests.schema_walk import SCHEMA, Canaries, plant


def _contents(site: Path) -> dict[Path, str]:
    out = {}
    for path in site.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            out[path] = raw.decode("utf-8", errors="replace")
    return out


@pytest.fixture(scope="module")
def canary_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Canaries, Path, Path]:
    tmp = tmp_path_factory.mktemp("canary")
    canaries = Canaries()
    data = plant(sample_data(), SCHEMA, False, "", canaries)
    source = write_yaml(data, tmp / "philosophy.yml")
    assert [p for p in check(load(source)) if p.severity == "error"] == []
    return canaries, build_site("public", tmp / "public", source), build_site("handbook", tmp / "handbook", source)


def test_canaries_cover_the_internal_fields(canary_sites: tuple[Canaries, Path, Path]) -> None:
    canaries, _, _ = canary_sites
    paths = set(canaries.made.values())
    assert len(canaries.made) > 150
    for field in [
        ".statement.background",
        ".promises[0].owner",
        ".promises[0].tips[0]",
        ".promises[0].good_examples[0].reply",
        ".promises[0].commitments[0].note",
        ".channels[0].escalation",
        ".personas[0].playbook",
        ".tone.voice",
        ".review.process",
        ".review.triggers[0].watch",
        ".inspiration[0].key_tip",
        ".values[0].guidance",
        ".departments[0].lives_it",
        ".steps_of_service.steps[0].example",
    ]:
        assert field in paths, field


def test_no_canary_in_any_public_file(canary_sites: tuple[Canaries, Path, Path]) -> None:
    canaries, public, _ = canary_sites
    files = _contents(public)
    assert any(p.name == "search_index.json" for p in files) and any(p.name == "sitemap.xml" for p in files)
    assert any(p.name == "404.html" for p in files)
    leaks = [
        (str(p.relative_to(public)), c, canaries.made[c])
        for p, body in files.items()
        for c in canaries.made
        if c in body
    ]
    assert leaks == []
    # the guard's own needle: 'CANARY' appears nowhere, in any form
    assert not any("CANARY" in body for body in files.values())


def test_every_canary_in_the_handbook(canary_sites: tuple[Canaries, Path, Path]) -> None:
    canaries, _, handbook = canary_sites
    blob = "\n".join(body for p, body in _contents(handbook).items() if p.suffix == ".html")
    missing = {c: path for c, path in canaries.made.items() if c not in blob}
    assert missing == {}


def test_leak_guard_catches_a_planted_leak(canary_sites: tuple[Canaries, Path, Path], tmp_path: Path) -> None:
    """The build's own guard finds internal text placed in a public page."""
    from publish.leakguard import internal_strings, scan

    _, public, _ = canary_sites
    loaded = load(public.parent / "philosophy.yml")
    secrets = internal_strings(loaded)
    assert secrets
    assert scan(public, secrets) == []
    victim = tmp_path / "site"
    import shutil

    shutil.copytree(public, victim)
    (victim / "contact" / "index.html").write_text(f"<p>{sorted(secrets)[0]}</p>", encoding="utf-8")
    [leak] = scan(victim, secrets)
    assert leak.file.name == "index.html" and leak.text == sorted(secrets)[0]
