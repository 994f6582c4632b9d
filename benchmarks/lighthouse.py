"""Lighthouse (npm) with Debian's chromium, mobile preset, on the public promise and contact pages."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"promise (sv)": "", "contact (sv)": "contact/", "promise (en)": "en/", "contact (en)": "en/contact/"}
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
         "--no-first-run --disable-sync")


def _ensure_lighthouse() -> Path:
    exe = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
    if not exe.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=ROOT / "benchmarks", check=True)
    return exe


def run_lighthouse(work: Path) -> dict:
    from publish.build import build_one
    from tests.conftest import serve  # the same loopback server the browser tests use

    exe = _ensure_lighthouse()
    site = work / "public"
    url = serve(site)
    os.environ["PUBLIC_SITE_URL"] = url  # built for the origin it is served from
    try:
        build_one("public", site)
    finally:
        os.environ.pop("PUBLIC_SITE_URL", None)
    results = {}
    for name, path in PAGES.items():
        report = work / f"{path.replace('/', '_') or 'index'}.json"
        proc = subprocess.run([str(exe), url + path, f"--chrome-flags={FLAGS}", "--quiet", "--output=json",
                               f"--output-path={report}", "--form-factor=mobile"],
                              env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True, text=True,
                              timeout=180)
        if proc.returncode or not report.exists():
            results[name] = {"error": (proc.stderr or proc.stdout)[-300:]}
            continue
        data = json.loads(report.read_text())
        cats, audits = data["categories"], data["audits"]
        results[name] = {key: round(cats[key]["score"] * 100) for key in
                         ("performance", "accessibility", "best-practices", "seo")}
        results[name]["bytes"] = audits["total-byte-weight"]["numericValue"]
        results[name]["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
        results[name]["failed_audits"] = sorted(
            k for k, a in audits.items() if a.get("score") is not None and a["score"] < 1
            and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
    return results
