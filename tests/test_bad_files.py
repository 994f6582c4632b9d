"""Pinned error messages: one test per broken file in tests/bad/, first line of the error."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from philosophy.checks import check
from philosophy.loader import load
from philosophy.problems import PhilosophyError
from tests.conftest import ROOT

BAD = ROOT / "tests" / "bad"
EXPECTED: dict[str, str] = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))


def first_error(path: Path) -> str:
    try:
        loaded = load(path, f"tests/bad/{path.name}")
    except PhilosophyError as exc:
        return str(exc.first).splitlines()[0]
    errors = [p for p in check(loaded) if p.severity == "error"]
    assert errors, f"{path.name} has no error"
    return str(errors[0]).splitlines()[0]


def test_corpus_is_large_enough() -> None:
    assert len(list(BAD.glob("*.yml"))) >= 25
    assert set(EXPECTED) == {p.name for p in BAD.glob("*.yml")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_first_error_line(name: str) -> None:
    assert first_error(BAD / name) == EXPECTED[name]


@pytest.mark.parametrize("name", ["04_unknown_key.yml", "25_latin1.yml", "13_alias_bomb.yml"])
def test_check_command_prints_errors_without_traceback(name: str) -> None:
    result = subprocess.run([sys.executable, "-m", "philosophy", "check", f"tests/bad/{name}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == EXPECTED[name]
    assert "hint:" in result.stderr and "FAILED" in result.stderr


def test_check_command_summary_on_sample() -> None:
    result = subprocess.run([sys.executable, "-m", "philosophy", "check"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("philosophy.yml: ok: 6 promises, 6 channels, 3 personas, languages sv/en, "
                                    "0 errors, 0 warnings")
