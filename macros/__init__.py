"""mkdocs-macros entry point: a thin adapter from MkDocs pages to the philosophy core.

Only `render(...)` is exposed to pages. The data it renders is the model cut down to this build's
audience, so nothing staff-only is ever loaded into the public build's template context.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from philosophy.audience import Audience

from . import render as rendering
from .site import Build, build_for, relative

PUBLIC_PAGES = {"promise": "index.md", "contact": "contact.md", "review": "review.md", "performance": "performance.md"}


def define_env(env: Any) -> None:
    @env.macro  # type: ignore[untyped-decorator]
    def render(template: str, **kwargs: Any) -> Markup:
        build = build_for(env.conf)
        page = env.page
        lang = page_language(build, page.file.src_uri)
        if build.errors:
            return rendering.render(
                build.audience, "errors.html", lang=lang, problems=build.errors, home=relative("", page.url)
            )
        links = page_links(build, page.file.src_uri, page.url, lang)

        def href(path: str) -> str:
            """A link to another page of this site ('promises/fast-reply'), as this build writes URLs."""
            return relative(build.url(path + ".md"), page.url)

        return rendering.render(
            build.audience,
            template,
            lang=lang,
            page=build.pages[lang],
            links=links,
            href=href,
            metrics=build.metrics,
            **kwargs,
        )


def page_language(build: Build, src_uri: str) -> str:
    first = src_uri.split("/", 1)[0]
    return build.language_of_prefix(first) or build.default


def base_uri(build: Build, src_uri: str) -> str:
    """'en-us/contact.md' -> 'contact.md' (the page without its language folder)."""
    first, _, rest = src_uri.partition("/")
    return rest if rest and build.language_of_prefix(first) else src_uri


def page_links(build: Build, src_uri: str, page_url: str, lang: str) -> dict[str, str]:
    links = {
        "home": relative("", page_url),
        "self": page_url,
        "root": relative(build.url(build.prefix(lang) + "index.md"), page_url),
        "folder": relative(build.prefix(lang), page_url),  # the language's folder, for files beside its pages
    }
    if build.audience is Audience.PUBLIC:
        for key, src in PUBLIC_PAGES.items():
            links[key] = relative(build.url(build.prefix(lang) + src), page_url)
    return links


__all__ = ["define_env"]
