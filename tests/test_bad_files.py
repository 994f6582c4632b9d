"""Pinned error messages: one test per broken file in tests/bad/, the first line of its first error.

Each file is tests/fixtures/minimal.yml with ONE mistake (tests/bad/make_corpus.py writes them). The
first error of the core check and of what the theme can build is pinned in tests/bad/expected.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from macros.site import framework_problems
from philosophy.checks import check
from philosophy.loader import load
from philosophy.problems import PhilosophyError
from tests.helpers import ROOT

pytestmark = pytest.mark.fast

BAD = ROOT / "tests" / "bad"
EXPECTED: dict[str, str] = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))


def first_error(path: Path) -> str:
    try:
        loaded = load(path, f"tests/bad/{path.name}")
    except PhilosophyError as exc:
        return str(exc.first).splitlines()[0]
    errors = [p for p in framework_problems(loaded) + check(loaded) if p.severity == "error"]
    assert errors, f"{path.name} has no error"
    errors.sort(key=lambda p: (p.line, p.column))
    return str(errors[0]).splitlines()[0]


def test_corpus_is_large_enough() -> None:
    assert len(list(BAD.glob("*.yml"))) >= 90
    assert set(EXPECTED) == {p.name for p in BAD.glob("*.yml")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_first_error_line(name: str) -> None:
    assert first_error(BAD / name) == EXPECTED[name]


@pytest.mark.parametrize(
    "name",
    [
        "04_unknown_key.yml",
        "25_latin1.yml",
        "13_alias_bomb.yml",
        "42_within_overflow.yml",
        "44_date_far_future.yml",
        "46_timezone_long.yml",
        "55_line_separator.yml",
    ],
)
def test_check_command_prints_errors_without_traceback(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "philosophy", "check", f"tests/bad/{name}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == EXPECTED[name]
    assert "hint:" in result.stderr
    assert "FAILED" in result.stderr


def test_minimal_fixture_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "publish", "check", "--strict", "tests/fixtures/minimal.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert ": ok: 1 promises, 1 channels, 1 personas, languages sv/en, 0 errors, 0 warnings" in result.stdout
