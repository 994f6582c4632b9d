"""Output quality of both built sites: reproducible, valid HTML from our templates, no broken links."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from publish.build import build_into
from tests.helpers import ROOT, SAMPLE, child_config, serve

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Errors in Material's own base markup (not ours), each matched by message and markup:
MATERIAL_KNOWN = [
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),  # base.html toggles
    ("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link"'),  # nav-item.html
]


def _tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def both_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("quality") / "site"
    build_into(out, SAMPLE)
    return out


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    build_into(tmp_path / "a", SAMPLE)
    build_into(tmp_path / "b", SAMPLE)
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert len(a) > 50
    assert a == b


def test_vnu_reports_no_error_in_our_markup(both_sites: Path) -> None:
    if not VNU.exists():
        pytest.fail("vnu.jar is missing: `make test` runs `npm ci` (or run it yourself)")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--skip-non-html",
            "--errors-only",
            "--format",
            "json",
            str(both_sites / "public"),
            str(both_sites / "handbook"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert messages, "vnu ran on nothing"  # Material's known errors prove the pages were read
    ours = [
        m
        for m in messages
        if not any(msg in m["message"] and mark in m.get("extract", "") for msg, mark in MATERIAL_KNOWN)
    ]
    assert ours == []


@pytest.mark.parametrize("which", ["public", "handbook"])
def test_linkchecker_offline(both_sites: Path, which: str) -> None:
    # over HTTP on loopback: linkchecker drops root privileges and could not read pytest's private tmp
    exe = shutil.which("linkchecker", path=str(Path(os.sys.executable).parent)) or "linkchecker"
    result = subprocess.run(
        [exe, "--no-status", "--no-warnings", "--ignore-url=^mailto:", "--ignore-url=^tel:", serve(both_sites / which)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert " 0 errors found" in result.stdout


def test_strict_build_fails_on_a_broken_link(tmp_path: Path) -> None:
    from publish.build import BuildFailed, build_one

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "public", docs)
    (docs / "review.md").write_text((docs / "review.md").read_text() + "\n[gone](missing.md)\n", encoding="utf-8")
    config = child_config(tmp_path, docs_dir=docs)
    with pytest.raises(BuildFailed, match=r"missing\.md"):
        build_one("public", tmp_path / "site", SAMPLE, config_file=config)
