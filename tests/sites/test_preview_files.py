"""`make preview` writes pages that open straight from an unzipped CI artifact (file://, no web server):
every link between pages must name an .html file that exists, in both sites and every language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.helpers import ROOT, SAMPLE
from tests.sites.html import soup


def test_every_link_in_a_file_preview_opens_a_file(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "publish", "preview", "--file", str(SAMPLE), "--out", str(tmp_path)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    checked = 0
    for site in ("public", "handbook"):
        root = tmp_path / "preview" / site
        assert (root / "index.html").is_file()
        for page in sorted(root.rglob("*.html")):
            if page.name == "404.html":
                continue  # only a web server shows it, for any path: its links are absolute on purpose
            for a in soup(page).find_all("a", href=True):
                parts = urlsplit(str(a["href"]))
                if parts.scheme or parts.netloc or not parts.path:
                    continue  # another site, mailto:, tel:, or a fragment on this page
                target = (page.parent / unquote(parts.path)).resolve()
                assert target.is_file(), f"{page.relative_to(root)}: {a['href']} opens no file"
                assert root.resolve() in target.parents or target.parent == root.resolve()
                checked += 1
    assert checked > 100, checked
