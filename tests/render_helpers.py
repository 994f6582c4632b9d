"""Render the public page templates straight from a loaded philosophy (no MkDocs), for fast fuzzing."""

from __future__ import annotations

from macros.render import render
from macros.site import Build
from philosophy.audience import Audience
from philosophy.loader import Loaded
from philosophy.walk import redact

LINKS = {
    "promise": "../",
    "contact": "../contact/",
    "review": "../review/",
    "performance": "../performance/",
    "home": "../",
    "root": "../",
    "self": "",
}


def render_public_pages(loaded: Loaded) -> str:
    build = Build(Audience.PUBLIC, loaded, redact(loaded.model, Audience.PUBLIC), loaded.path)
    out = []
    for lang in build.languages:
        for template in ("promise_page.html", "contact_page.html", "review_page.html", "performance_page.html"):
            out.append(
                str(render(Audience.PUBLIC, template, lang=lang, page=build.pages[lang], links=LINKS, metrics=None))
            )
    return "\n".join(out)
