"""Hostile input, round two: the reader. What a careless editor or an attacker writes at the YAML level is
refused with the project's error (file, line, column, field path, hint), never a traceback: characters
written as escapes, numbers too long to print, merge keys, duplicate keys in flow maps, keys that are not
words, and files that are not the philosophy (a FIFO, a device, a symbolic link out of the folder)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from philosophy.loader import load
from philosophy.problems import PhilosophyError, Problem
from tests.helpers import MINIMAL, ROOT

pytestmark = pytest.mark.fast

BASE = MINIMAL.read_text(encoding="utf-8")


def _problem(tmp_path: Path, text: str | bytes, name: str = "philosophy.yml") -> Problem:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    with pytest.raises(PhilosophyError) as caught:
        load(path, name)
    return caught.value.first


def _swap(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


TITLE = "title: {sv: Snabbt svar, en: Fast reply}"


@pytest.mark.parametrize(
    ("escape", "words"),
    [
        ("\\u202e", "bidirectional control character (U+202E)"),
        ("\\L", "line separator (U+2028)"),
        ("\\P", "paragraph separator (U+2029)"),
        ("\\N", "next-line character (U+0085)"),
        ("\\e", "escape character (U+001B)"),
        ("\\x0b", "vertical tab"),
        ("\\0", "U+0000"),
        ("\\u2066", "bidirectional control character (U+2066)"),
        ("\\uFEFF", "byte-order mark"),
        ("\\r", "carriage return"),
    ],
)
def test_a_forbidden_character_written_as_an_escape_is_refused(tmp_path: Path, escape: str, words: str) -> None:
    problem = _problem(tmp_path, _swap(TITLE, f'title: {{sv: "Snabbt{escape}svar", en: Fast reply}}'))
    assert (problem.line, problem.path) == (33, "promises[0].title.sv")
    assert words in problem.message and "escape" in problem.message and problem.hint


def test_escapes_that_are_harmless_still_load(tmp_path: Path) -> None:
    path = tmp_path / "philosophy.yml"
    path.write_text(_swap(TITLE, 'title: {sv: "Snabbt\\tsvar \\u00e5 \\"ja\\"", en: "Fast\\nreply"}'), encoding="utf-8")
    title = load(path).model.promises[0].title
    assert title == {"sv": 'Snabbt\tsvar å "ja"', "en": "Fast\nreply"}


@pytest.mark.parametrize(
    ("char", "path"),
    [
        ("\u2028", "promises[0].title.sv"),
        ("\u202e", "promises[0].title.sv"),
        ("\x0b", "promises[0].title.sv"),
        ("\x85", "promises[0].title.sv"),
    ],
)
def test_a_raw_forbidden_character_is_refused_with_its_field(tmp_path: Path, char: str, path: str) -> None:
    problem = _problem(tmp_path, _swap(TITLE, f"title: {{sv: Snabbt{char}svar, en: Fast reply}}"))
    assert (problem.line, problem.column, problem.path) == (33, 23, path)


@pytest.mark.parametrize("number", ["9" * 5000, "0x" + "f" * 100_000, "0o" + "7" * 5000, "-" + "1" * 4301])
def test_a_number_too_long_to_print_is_refused(tmp_path: Path, number: str) -> None:
    for text in (
        _swap("review_every_months: 12", f"review_every_months: {number}"),
        _swap("review_every_months: 12", f"review_every_months: !!int {number}"),
    ):
        problem = _problem(tmp_path, text)
        assert problem.path == "promises[0].review_every_months" and "far too large" in problem.message


def test_a_long_number_as_a_key_is_refused(tmp_path: Path) -> None:
    problem = _problem(tmp_path, _swap(TITLE, "title: {sv: Snabbt svar, en: Fast reply, " + "1" * 5000 + ": x}"))
    assert problem.path.startswith("promises[0].title") and "far too large" in problem.message


def test_the_check_command_prints_no_traceback_for_a_huge_number(tmp_path: Path) -> None:
    path = tmp_path / "philosophy.yml"
    path.write_text(_swap("review_every_months: 12", "review_every_months: " + "9" * 5000), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "philosophy", "check", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr and "far too large" in result.stderr


@pytest.mark.parametrize(
    ("text", "words", "where"),
    [
        (
            _swap("  company: Testbolaget", "  company: Testbolaget\n  x: &m {a: 1}\n  y:\n    <<: *m"),
            "merge keys",
            "site.y",
        ),
        (_swap(TITLE, "title: {sv: Snabbt svar, en: Fast reply, sv: Annat}"), "appears twice", "promises[0].title"),
        (_swap("  company: Testbolaget", "  company: Testbolaget\n  ? [a, b]\n  : x"), "not a plain word", "site"),
        (_swap("  company: Testbolaget", "  company: Testbolaget\n  ~: x"), "not a plain word", "site"),
        (_swap("  company: Testbolaget", "  company: !!binary aGVsbG8="), "not allowed", "site.company"),
        (_swap("  - id: svar", "  - id: sv\u0430r"), "expected an id", "promises[0].id"),
    ],
)
def test_yaml_tricks_are_refused(tmp_path: Path, text: str, words: str, where: str) -> None:
    problem = _problem(tmp_path, text)
    assert words in problem.message and problem.path == where and problem.line >= 1 and problem.hint


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "philosophy.yml"
    os.mkfifo(fifo)
    with pytest.raises(PhilosophyError) as caught:
        load(fifo)
    assert "not a regular file" in caught.value.first.message


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ", "../outside.yml"])
def test_a_link_out_of_the_folder_is_refused(tmp_path: Path, target: str) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    (tmp_path / "outside.yml").write_text("site:\n  url: ghp_SECRET\n", encoding="utf-8")
    link = folder / "philosophy.yml"
    link.symlink_to(target)
    with pytest.raises(PhilosophyError) as caught:
        load(link)
    assert "symbolic link to a file outside its folder" in str(caught.value)
    assert "SECRET" not in str(caught.value) and "root:" not in str(caught.value)


def test_a_link_inside_the_folder_still_works(tmp_path: Path) -> None:
    (tmp_path / "real.yml").write_text(BASE, encoding="utf-8")
    (tmp_path / "philosophy.yml").symlink_to("real.yml")
    assert load(tmp_path / "philosophy.yml").model.site.company == "Testbolaget"
