"""Render the public page templates straight from a loaded philosophy (no MkDocs), for fast fuzzing."""
from __future__ import annotations

from macros.render import render
from macros.site import Build
from philosophy.loader import Loaded
from philosophy.walk import project


def render_public_pages(loaded: Loaded) -> str:
    build = Build("public", loaded, project(loaded.model, "public"), loaded.file)  # type: ignore[arg-type]
    links = {"promise": "../", "contact": "../contact/", "review": "../review/", "home": "../", "self": ""}
    out = []
    for lang in build.languages:
        for template in ("promise_page.html", "contact_page.html", "review_page.html"):
            out.append(str(render(build, template, lang, links)))
    return "\n".join(out)

