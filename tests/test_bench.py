"""The benchmark code keeps working: run it at a tiny size (not timed; figures come from make bench)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.generate import philosophy, write
from philosophy.checks import check
from philosophy.loader import load
from tests.helpers import ROOT


def test_generated_philosophies_are_valid(tmp_path: Path) -> None:
    for n in (10, 30):
        loaded = load(write(n, tmp_path / f"{n}.yml"))
        assert len(loaded.model.promises) == n
        assert [p for p in check(loaded) if p.severity == "error"] == []
    assert len(philosophy(100)["channels"]) == 10 and len(philosophy(100)["personas"]) == 10


def test_bench_runs_at_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "10", "--runs", "1", "--no-lighthouse", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(out.read_text())
    size = data["sizes"]["10"]
    for which in ("public", "handbook"):
        assert size[which]["ratio"] > 0 and size[which]["baseline"]["median"] > 0
        assert size[which]["pages"] > 5
    assert size["validate"]["median"] > 0
    assert "| 10 | public |" in result.stdout
