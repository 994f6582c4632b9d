"""Hostile-size inputs: does every check stay linear? Prints figures with their targets (not a test).

    .venv/bin/python -m benchmarks.hostile

1. `make check` on a file with 3,000 channels and 1,000 dangling channel references   (target < 2 s)
2. the size of the error output for a file whose first error's hint could list every id
   (target: hints list at most 10 ids; the whole output stays small)
3. the leak guard on the 1,000-promise benchmark file's public site: internal_strings + scan (target < 1 s)
4. the check on a file with 1,000 tone.avoid words                                      (target < 2 s)

Known quadratic path (philosophy/checks.py, measured here as "of which the references"): for every unknown
reference `_Refs.check` sorts all ids of the kind for the hint, and `_Suggest.__call__` sorts the ids that
share the first letter by length difference: O(unknown references x ids).
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

SAMPLE = ROOT / "tests" / "fixtures" / "sample.yml"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PHILOSOPHY_TODAY": "2026-11-23", "PYTHONDONTWRITEBYTECODE": "1"}


def _sample() -> dict[str, Any]:
    return YAML(typ="safe", pure=True).load(SAMPLE.read_text(encoding="utf-8"))


def _write(data: dict[str, Any], path: Path) -> Path:
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.width = 4096
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return path


def _check_command() -> list[str]:
    """`make check`; when requirements changed since the last setup, with the stamp taken as up to date (-o)
    so that the figure is the check's, not a package installation's."""
    dry = subprocess.run(["make", "-n", "check"], cwd=ROOT, capture_output=True, text=True, check=False)
    stamps = re.findall(r"touch (\S*\.installed-\w+)", dry.stdout)
    return ["make", "-s", *(["-o", stamps[0]] if stamps else []), "check"]


def _run_check(path: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    result = subprocess.run(
        _check_command(), cwd=ROOT, capture_output=True, text=True, check=False, env={**ENV, "FILE": str(path)}
    )
    return time.perf_counter() - start, result


COMPACT_CHANNEL = {"kind": "email", "contact": {"email": "hej@hjulverket.se"}, "hours": {"mon-fri": "08:00-17:00"}}


def many_channels(tmp: Path, channels: int = 3000, dangling: int = 1000, full: bool = False) -> Path:
    """3,000 channels (compact ones: id, kind, name, e-mail, hours; or, with full, copies of the sample's
    e-mail channel with its holidays, staff notes and texts) and 1,000 references to channels that do not exist."""
    data = _sample()
    template = next(c for c in data["channels"] if c["id"] == "e-post")
    for i in range(channels - len(data["channels"])):
        ch = copy.deepcopy(template) if full else copy.deepcopy(COMPACT_CHANNEL)
        ch["id"] = f"kanal-{i:04d}"
        ch["name"] = {lang: f"{text} {i}" for lang, text in template["name"].items()}
        data["channels"].append(ch)
    per_promise = -(-dangling // len(data["promises"]))
    left = dangling
    for p in data["promises"]:
        take = min(per_promise, left)
        p["channels"] = p["channels"] + [f"kanal-x{p['id']}-{k}" for k in range(take)]
        left -= take
    return _write(data, tmp / f"channels-{channels}{'-full' if full else ''}.yml")


def every_id_in_a_hint(tmp: Path, channels: int = 3000) -> Path:
    """A reference no id resembles: a naive hint would list all 3,000 channel ids."""
    data = _sample()
    template = next(c for c in data["channels"] if c["id"] == "e-post")
    for i in range(channels - len(data["channels"])):
        ch = copy.deepcopy(template)
        ch["id"] = f"k{i:04d}"
        data["channels"].append(ch)
    data["promises"][0]["channels"] = ["zzzzzz-nothing-like-it", *data["promises"][0]["channels"]]
    return _write(data, tmp / "hint-every-id.yml")


def many_avoid_words(tmp: Path, words: int = 1000) -> Path:
    data = _sample()
    data.setdefault("tone", {})["avoid"] = [{"word": f"ord{i:04d}x"} for i in range(words)]
    return _write(data, tmp / "avoid-1000.yml")


def _in_process(path: Path) -> tuple[float, float, float]:
    """Seconds for load, check, and the reference check inside it, measured in this process."""
    from philosophy import checks
    from philosophy.loader import load

    os.environ.setdefault("PHILOSOPHY_TODAY", "2026-11-23")
    start = time.perf_counter()
    loaded = load(path)
    loaded_at = time.perf_counter()
    checks.check(loaded)
    checked_at = time.perf_counter()
    collector = checks._Collector(loaded, False)
    checks._references(loaded.model, collector)
    return loaded_at - start, checked_at - loaded_at, time.perf_counter() - checked_at


def _lines(text: str) -> int:
    return len(text.splitlines())


def main() -> int:
    figures: list[tuple[str, str, str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp_name:
        tmp = Path(tmp_name)

        for full in (False, True):
            path = many_channels(tmp, full=full)
            seconds, result = _run_check(path)
            errors = len(re.findall(r": error:", result.stderr))
            load_s, check_s, refs_s = _in_process(path)
            what = "copies of the sample's e-mail channel" if full else "compact channels"
            value = (
                f"{seconds:.2f} s ({errors} errors, {len(result.stderr) / 1024:.0f} kB of output, exit "
                f"{result.returncode}; in process: load {load_s:.2f} s, check {check_s:.2f} s of which the "
                f"references {refs_s:.2f} s; file {path.stat().st_size / 2**20:.1f} MiB)"
            )
            figures.append(
                (
                    f"make check, 3,000 channels ({what}) + 1,000 dangling references",
                    value,
                    "informational" if full else "< 2 s",
                    (seconds < 2 or full) and errors == 1000,
                )
            )

        path = every_id_in_a_hint(tmp)
        _, result = _run_check(path)
        hints = [ln for ln in result.stderr.splitlines() if ln.strip().startswith("hint:")]
        first = hints[0].split("…")[0] if hints else ""
        listed = len([name for name in first.split("ids:", 1)[-1].split(",") if name.strip()])
        figures.append(
            (
                "error output, a hint that could list all 3,000 ids",
                f"{len(result.stderr)} bytes, {_lines(result.stderr)} lines; first hint lists {listed} ids",
                "<= 10 ids, < 4 kB",
                listed <= 10 and len(result.stderr) < 4096,
            )
        )

        from benchmarks.generate import write
        from philosophy.loader import load
        from publish.build import build_one
        from publish.leakguard import internal_strings, scan

        os.environ.update({"NO_MKDOCS_2_WARNING": "1", "PHILOSOPHY_TODAY": "2026-11-23"})
        big = write(1000, tmp / "promises-1000.yml")
        start = time.perf_counter()
        build_one("public", tmp / "public-1000", big)
        build_seconds = time.perf_counter() - start
        loaded = load(big)
        start = time.perf_counter()
        secrets = internal_strings(loaded)
        middle = time.perf_counter()
        leaks = scan(tmp / "public-1000", secrets)
        end = time.perf_counter()
        size = sum(p.stat().st_size for p in (tmp / "public-1000").rglob("*") if p.is_file())
        value = (
            f"{end - start:.2f} s (internal_strings {middle - start:.2f} s, scan {end - middle:.2f} s; "
            f"{len(secrets)} secrets, {size / 2**20:.1f} MiB output, {len(leaks)} leaks; "
            f"the build itself took {build_seconds:.1f} s)"
        )
        figures.append(("leak guard, 1,000-promise public site", value, "< 1 s", end - start < 1 and not leaks))

        path = many_avoid_words(tmp)
        seconds, result = _run_check(path)
        figures.append(
            (
                "make check, 1,000 tone.avoid words",
                f"{seconds:.2f} s (exit {result.returncode})",
                "< 2 s",
                seconds < 2 and result.returncode == 0,
            )
        )

    width = max(len(f[0]) for f in figures)
    for name, value, target, ok in figures:
        print(f"{name:<{width}}  {value}  [target {target}: {'met' if ok else 'MISSED'}]")
    return 0 if all(f[3] for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
