"""make bench: build times against plain Material, validation time, memory, and Lighthouse.

Every figure is a ratio against a baseline measured in the same run: the baseline is the same
rendered text as plain Markdown files, built with the same theme and configuration without the
data layer (no YAML, no macros).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write  # noqa: E402
from benchmarks.lighthouse import run_lighthouse  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
TARGETS = {
    "build_ratio": 1.10,
    "growth_100_to_1000": 12.0,
    "validate_1000_s": 0.3,
    "lighthouse_score": 100,
    "weight_kib": 120,
    "lcp_s": 1.5,
}


DOCS = {"mkdocs.yml": ROOT / "docs" / "public", "mkdocs.internal.yml": ROOT / "docs" / "handbook"}


def _config(path: Path, parent: str, lines: list[str]) -> Path:
    if not any(line.startswith("docs_dir:") for line in lines):
        lines = [f"docs_dir: {DOCS[parent]}", *lines]
    path.write_text(
        "\n".join(
            [
                f"INHERIT: {ROOT / parent}",
                f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides' / 'theme'}",
                "watch: []",
                *lines,
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def _plugins(macros: bool) -> str:
    text = "plugins:\n  - search"
    if macros:
        text += (
            f"\n  - macros:\n      module_name: {ROOT / 'macros'}\n      on_undefined: strict\n"
            "      on_error_fail: true"
        )
    return text


def _measure(config: Path | None, site: Path, philosophy: Path, runs: int, validate: bool = False) -> dict:
    cmd = [
        sys.executable,
        str(ROOT / "benchmarks" / "measure.py"),
        "--philosophy",
        str(philosophy),
        "--runs",
        str(runs),
    ]
    cmd += ["--validate-only"] if validate else ["--config", str(config), "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PHILOSOPHY_TODAY": "2026-11-23"}
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if result.returncode:
        raise SystemExit(f"benchmark step failed: {' '.join(cmd)}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _baseline_config(path: Path, parent: str, capture: Path) -> Path:
    """Plain Material with the configuration our hooks resolved: same theme, language, search, assets."""
    resolved = json.loads((capture / "_config.json").read_text(encoding="utf-8"))
    extra = {k: v for k, v in resolved["extra"].items() if k not in ("philosophy_file",)}
    lines = [
        f"docs_dir: {capture}",
        "hooks: []",
        "exclude_docs: _config.json",
        f"site_name: {json.dumps(resolved['site_name'])}",
        f"plugins:\n  - search:\n      lang: {json.dumps(resolved['search_lang'])}",
        f"extra_css: {json.dumps(resolved['extra_css'])}",
        f"extra: {json.dumps(extra)}",
        "theme:\n  name: material\n  custom_dir: "
        + str(ROOT / "overrides" / "theme")
        + f"\n  language: {resolved['language']}"
        + (f"\n  favicon: {resolved['favicon']}" if resolved.get("favicon") else "")
        + (f"\n  logo: {resolved['logo']}" if resolved.get("logo") else ""),
    ]
    if resolved.get("site_url"):
        lines.append(f"site_url: {resolved['site_url']}")
    path.write_text("\n".join([f"INHERIT: {ROOT / parent}", "watch: []", *lines]) + "\n", encoding="utf-8")
    return path


def bench_size(n: int, runs: int, tmp: Path) -> dict:
    work = tmp / str(n)
    work.mkdir()
    source = write(n, work / "philosophy.yml")
    out: dict = {"promises": n, "yaml_bytes": source.stat().st_size}
    out["validate"] = _measure(None, work, source, max(runs, 3), validate=True)
    for name, parent in (("public", "mkdocs.yml"), ("handbook", "mkdocs.internal.yml")):
        hooks = f"hooks:\n  - {ROOT / 'macros' / 'hooks.py'}"
        project = _config(work / f"{name}.yml", parent, [_plugins(True), hooks])
        # capture the rendered Markdown and the resolved configuration once: the baseline
        capture = work / f"{name}-plain"
        capture_cfg = _config(
            work / f"{name}-capture.yml",
            parent,
            [_plugins(True), hooks + f"\n  - {ROOT / 'benchmarks' / 'capture_hook.py'}"],
        )
        os.environ["CAPTURE_DIR"] = str(capture)
        _measure(capture_cfg, work / f"{name}-capture-site", source, 1)
        baseline = _baseline_config(work / f"{name}-baseline.yml", parent, capture)
        proj = _measure(project, work / f"{name}-site", source, runs)
        base = _measure(baseline, work / f"{name}-baseline-site", source, runs)
        pages = sum(1 for _ in (work / f"{name}-site").rglob("*.html"))
        out[name] = {"project": proj, "baseline": base, "ratio": proj["median"] / base["median"], "pages": pages}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT / "results.json")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict = {"sizes": {}, "targets": TARGETS}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for n in sizes:
            runs = args.runs if n < 1000 else max(3, args.runs - 2)
            results["sizes"][str(n)] = bench_size(n, runs, Path(tmp))
            print(f"  measured {n} promises", file=sys.stderr, flush=True)
        if "100" in results["sizes"] and "1000" in results["sizes"]:
            results["growth_100_to_1000"] = {
                which: results["sizes"]["1000"][which]["project"]["median"]
                / results["sizes"]["100"][which]["project"]["median"]
                for which in ("public", "handbook")
            }
        if not args.no_lighthouse:
            results["lighthouse"] = run_lighthouse(Path(tmp) / "lighthouse")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nJSON: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


def table(results: dict) -> str:
    lines = [
        "| promises | site | pages | project (s) | plain Material (s) | ratio | peak MB | target |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for n, r in results["sizes"].items():
        for which in ("public", "handbook"):
            x = r[which]
            ok = "ok" if x["ratio"] <= TARGETS["build_ratio"] else f"MISSED (≤ {TARGETS['build_ratio']}×)"
            lines.append(
                f"| {n} | {which} | {x['pages']} | {x['project']['median']:.3f} | "
                f"{x['baseline']['median']:.3f} | {x['ratio']:.2f}× | {x['project']['peak_mb']:.0f} | {ok} |"
            )
    lines.append("")
    for n, r in results["sizes"].items():
        v = r["validate"]["median"]
        note = ""
        if n == "1000":
            note = " ok" if v <= TARGETS["validate_1000_s"] else f" MISSED (≤ {TARGETS['validate_1000_s']} s)"
        lines.append(f"validate {n} promises ({r['yaml_bytes'] / 1024:.0f} KiB YAML): {v:.3f} s{note}")
    if "growth_100_to_1000" in results:
        for which, g in results["growth_100_to_1000"].items():
            ok = "ok" if g <= TARGETS["growth_100_to_1000"] else "MISSED"
            lines.append(f"growth 100 → 1,000 promises, {which}: {g:.2f}× ({ok}, ≤ 12×)")
    if "lighthouse" in results:
        lines += [
            "",
            "| page | perf | a11y | best practices | SEO | KiB | LCP (s) | axe violations |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for page, r in results["lighthouse"].items():
            if "error" in r:
                lines.append(f"| {page} | error: {r['error']} |")
                continue
            lines.append(
                f"| {page} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | "
                f"{r['seo']} | {r['bytes'] / 1024:.0f} | {r['lcp_ms'] / 1000:.2f} | {r.get('axe', '–')} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
