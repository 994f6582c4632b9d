"""Lighthouse (npm) with Debian's chromium, mobile preset, on the public promise and contact pages."""

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
PAGES = {"promise (sv)": "", "contact (sv)": "contact/", "promise (en)": "en/", "contact (en)": "en/contact/"}
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
    from publish.build import build_one

    exe = _ensure_lighthouse()
    site = work / "public"
    url = _serve(site)
    os.environ["PUBLIC_SITE_URL"] = url  # built for the origin it is served from
    try:
        build_one("public", site)
    finally:
        os.environ.pop("PUBLIC_SITE_URL", None)
    results = {}
    for name, path in PAGES.items():
        report = work / f"{path.replace('/', '_') or 'index'}.json"
        proc = subprocess.run(
            [
                str(exe),
                url + path,
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
            results[name] = {"error": (proc.stderr or proc.stdout)[-300:]}
            continue
        data = json.loads(report.read_text())
        cats, audits = data["categories"], data["audits"]
        results[name] = {
            key: round(cats[key]["score"] * 100) for key in ("performance", "accessibility", "best-practices", "seo")
        }
        results[name]["bytes"] = audits["total-byte-weight"]["numericValue"]
        results[name]["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
        results[name]["failed_audits"] = sorted(
            k
            for k, a in audits.items()
            if a.get("score") is not None
            and a["score"] < 1
            and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        )
    return results
