"""Lighthouse (npm) and axe-core with Debian's chromium, mobile preset, on the public promise and contact
pages of the sample and of two examples in other languages (French, German)."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITES = {
    "sample": ROOT / "tests" / "fixtures" / "sample.yml",
    "hotel-fr": ROOT / "examples" / "hotel-fr" / "philosophy.yml",
    "versicherung-de": ROOT / "examples" / "versicherung-de" / "philosophy.yml",
}
PAGES = {"promise": "", "contact": "contact/", "promise (en)": "en/", "contact (en)": "en/contact/"}
FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--no-first-run --disable-sync"
)


def _ensure_lighthouse() -> Path:
    exe = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
    if not exe.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=ROOT / "benchmarks", check=True)
    return exe


class _Static(http.server.SimpleHTTPRequestHandler):
    """A static host as the site will have in production: gzip for text, long cache for hashed assets."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.suffix in (".html", ".css", ".js", ".json", ".xml", ".svg")
        if not (path.is_file() and compressible and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        if "/assets/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        self.end_headers()
        return io.BytesIO(body)


def _serve(root: Path) -> str:
    root.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Static, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def run_lighthouse(work: Path) -> dict:
    """{'sample promise': {performance, accessibility, best-practices, seo, bytes, lcp_ms, axe}, …}"""
    from publish.build import build_one

    exe = _ensure_lighthouse()
    results = {}
    for name, source in SITES.items():
        site = work / name / "public"
        url = _serve(site)
        os.environ["PUBLIC_SITE_URL"] = url  # built for the origin it is served from
        try:
            build_one("public", site, source)
        finally:
            os.environ.pop("PUBLIC_SITE_URL", None)
        pages = {page: path for page, path in PAGES.items() if (site / path / "index.html").exists()}
        axe = _axe(url, pages)
        for page, path in pages.items():
            key = f"{name} {page}"
            results[key] = _lighthouse(exe, url + path, work / f"{name}-{path.replace('/', '_') or 'index'}.json")
            results[key]["axe"] = axe.get(page, "error")
    return results


def _lighthouse(exe: Path, url: str, report: Path) -> dict:
    proc = subprocess.run(
        [
            str(exe),
            url,
            f"--chrome-flags={FLAGS}",
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--form-factor=mobile",
        ],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if proc.returncode or not report.exists():
        return {"error": (proc.stderr or proc.stdout)[-300:]}
    data = json.loads(report.read_text())
    cats, audits = data["categories"], data["audits"]
    out: dict = {
        key: round(cats[key]["score"] * 100) for key in ("performance", "accessibility", "best-practices", "seo")
    }
    out["bytes"] = audits["total-byte-weight"]["numericValue"]
    out["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
    out["failed_audits"] = sorted(
        k
        for k, a in audits.items()
        if a.get("score") is not None
        and a["score"] < 1
        and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    return out


def _axe(url: str, pages: dict[str, str]) -> dict[str, int]:
    """axe-core violations per page (axe-playwright-python, bundled axe; Debian's chromium)."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS.split())
        page = browser.new_page()
        for name, path in pages.items():
            page.goto(url + path, wait_until="networkidle")
            out[name] = Axe().run(page).violations_count
        browser.close()
    return out
