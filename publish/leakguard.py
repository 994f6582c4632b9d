"""The leak guard: no internal text may appear anywhere in the public output."""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from philosophy.loader import Loaded
from philosophy.walk import project, strings

MIN_LENGTH = 12  # shorter internal strings ("Chatt") may legitimately equal public words


@dataclass(frozen=True)
class Leak:
    file: Path
    text: str

    def __str__(self) -> str:
        return f"{self.file}: internal text found: {self.text[:80]!r}"


def internal_strings(loaded: Loaded) -> set[str]:
    """Strings only the handbook may show: in the full model, not in the public projection."""
    public = set(strings(project(loaded.model, "public")))
    public_blob = "\n".join(public)
    return {s for s in strings(project(loaded.model, "internal"))
            if s not in public and len(s.strip()) >= MIN_LENGTH and s not in public_blob}


def _forms(text: str) -> set[str]:
    return {text, str(escape(text)), html.escape(text), json.dumps(text)[1:-1],
            json.dumps(text, ensure_ascii=False)[1:-1]}


def scan(site_dir: Path, secrets: set[str]) -> list[Leak]:
    needles = [(form, secret) for secret in sorted(secrets) for form in _forms(secret)]
    leaks: list[Leak] = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        if path.suffix == ".gz":
            continue  # sitemap.xml.gz repeats sitemap.xml
        content = path.read_bytes().decode("utf-8", errors="replace")
        for form, secret in needles:
            if form in content:
                leaks.append(Leak(path, secret))
                break
    return leaks
