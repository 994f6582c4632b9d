"""MkDocs hook for the baseline: after macros rendered a page, keep its Markdown and metadata, and after the
build keep the configuration our hooks resolved from the YAML (site name and URL, theme language, search
languages, generated assets), so the baseline is the same site as plain Markdown files: no YAML, no macros,
no hooks."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import yaml


def _out() -> Path:
    return Path(os.environ["CAPTURE_DIR"])


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    out = _out() / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = _plain(page.meta)
    out.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + markdown, encoding="utf-8")
    return markdown


def on_post_build(config: Any) -> None:
    search = config["plugins"].get("material/search")
    resolved = {
        "site_name": str(config["site_name"]),
        "site_url": config["site_url"],
        "language": config["theme"]["language"],
        "search_lang": list(search.config["lang"]) if search else ["en"],
        "extra": _plain(dict(config["extra"])),
        "extra_css": list(config["extra_css"]),
        "favicon": config["theme"].get("favicon"),
        "logo": config["theme"].get("logo"),
    }
    (_out() / "_config.json").write_text(json.dumps(resolved), encoding="utf-8")
    site = Path(config["site_dir"])
    for rel in (
        "assets/brand",
        "assets/javascripts/practice.js",
        "assets/stylesheets/practice.css",
    ):
        source = site / rel
        if source.is_dir():
            shutil.copytree(source, _out() / rel, dirs_exist_ok=True)
        elif source.is_file():
            (_out() / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, _out() / rel)


def _plain(value: Any) -> Any:
    """Markup and other str subclasses as plain strings, so the metadata dumps as YAML."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
