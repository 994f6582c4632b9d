"""MkDocs hook for the baseline: after macros rendered a page, keep its Markdown and metadata, so the
baseline site is the same text as plain Markdown files (no YAML, no macros)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    out = Path(os.environ["CAPTURE_DIR"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {k: (str(v) if k == "jsonld" else v) for k, v in page.meta.items()}
    out.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + markdown, encoding="utf-8")
    return markdown
