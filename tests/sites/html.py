"""Reading built sites: pages, their parsed HTML, the search index and the sitemap."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(path: Path) -> str:
    return " ".join(soup(path).get_text(" ").split())


def search_index(site: Path) -> dict[str, Any]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def sitemap(site: Path) -> list[dict[str, Any]]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()  # noqa: S314 - our own build output
    return [
        {
            "loc": url.findtext("s:loc", namespaces=ns),
            "alternates": {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)},
        }
        for url in root.findall("s:url", ns)
    ]


def jsonld(path: Path) -> list[dict[str, Any]]:
    return [json.loads(tag.string) for tag in soup(path).find_all("script", type="application/ld+json")]
