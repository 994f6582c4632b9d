"""Encodings and odd files: each loads correctly or gives a clear error within 2 s and bounded memory."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from philosophy.loader import load
from philosophy.problems import PhilosophyError
from tests.helpers import MINIMAL, SAMPLE

BASE = MINIMAL.read_text(encoding="utf-8")
pytestmark = pytest.mark.fast


def _measure(path: Path) -> tuple[object, float, int]:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result: object = load(path)
    except PhilosophyError as exc:
        result = exc
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, seconds, peak


def test_utf8_with_bom_and_swedish_letters(tmp_path: Path) -> None:
    path = tmp_path / "bom.yml"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    model = load(path).model
    assert model.channels[4].contact.address[0]["sv"] == "Andra Långgatan 12, 413 03 Göteborg"
    assert load(SAMPLE).model.values[4].name["sv"] == "Enkelhet"


CASES = {
    "utf16": (lambda: BASE.encode("utf-16"), "the file is UTF-16, not UTF-8"),
    "latin1": (lambda: BASE.encode("latin-1"), "is not UTF-8 (the file looks like Latin-1"),
    "garbage": (lambda: bytes(range(256)) * 64, "binary data"),
    "tabs": (lambda: BASE.replace("  company", "\tcompany").encode(), "a tab is used for indentation"),
    "empty": (lambda: b"", "the file is empty"),
    "list": (lambda: b"- a\n- b\n", "a list at the top level"),
    "deep": (lambda: b"site: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "nests deeper than 40 levels"),
    "deep_block": (lambda: "".join(f"{'  ' * i}k{i}:\n" for i in range(1_000)).encode(), "nests deeper"),
    "huge": (lambda: b"site:\n" + b"  # " + b"x" * (50 * 1024 * 1024) + b"\n", "larger than 20 MB"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_clear_error_fast_and_bounded(tmp_path: Path, name: str) -> None:
    make, expected = CASES[name]
    path = tmp_path / f"{name}.yml"
    path.write_bytes(make())
    result, seconds, peak = _measure(path)
    assert isinstance(result, PhilosophyError), result
    assert expected in str(result)
    assert str(result).startswith(f"{path}:") or str(result).split(":")[0].endswith(f"{name}.yml")
    assert seconds < 2.0, f"{seconds:.2f} s"
    assert peak < 64 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"
