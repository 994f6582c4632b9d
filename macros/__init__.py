"""mkdocs-macros entry point: a thin adapter from MkDocs pages to the philosophy core.

Only `render(...)` is exposed to pages. The data it renders is the projection for this build's
audience, so nothing internal is ever loaded into the public build's template context.
"""
from __future__ import annotations

import html
import os
from typing import Any

from babel import Locale
from markupsafe import Markup

from philosophy.structured_data import organization_graph

from . import render as rendering
from .site import build_for, counterpart, page_language, relative, url_of

PUBLIC_PAGES = {"promise": "index.md", "contact": "contact.md", "review": "review.md"}


def define_env(env: Any) -> None:
    build = build_for(env.conf)
    site = build.loaded.model.site
    env.conf["site_name"] = html.escape(site.company)  # Material prints site_name unescaped
    if build.audience == "public":
        # PUBLIC_SITE_URL serves a preview or test build from its own origin (Material fetches the
        # sitemap of every hreflang link, so links to the production host would leave the machine).
        env.conf["site_url"] = os.environ.get("PUBLIC_SITE_URL") or site.url

    @env.macro
    def render(template: str, **kwargs: Any) -> Markup:
        page = env.page
        lang = page_language(page.file.src_uri, build)
        links = {key: relative(url_of(counterpart(src, lang, build)), page.url)
                 for key, src in PUBLIC_PAGES.items()} if build.audience == "public" else {}
        links["home"] = relative("", page.url)
        links["self"] = page.url
        return rendering.render(build, template, lang, links, **kwargs)


def on_post_page_macros(env: Any) -> None:
    """mkdocs-macros calls this after rendering each page, and after it rendered page.title as a
    template: titles from YAML are set here so that they are never evaluated as Jinja."""
    _page_meta(env, build_for(env.conf))


def _page_meta(env: Any, build: Any) -> None:
    """Set language, title, description, alternates and JSON-LD on the page before it renders."""
    page = env.page
    meta = page.meta  # shared with the real page: macros hands a shallow copy
    src = page.file.src_uri
    lang = page_language(src, build)
    meta["lang"] = lang
    if build.audience == "public":
        key = meta.get("page")
        if key not in PUBLIC_PAGES:
            raise ValueError(f"{src}: front matter 'page:' must be one of {', '.join(PUBLIC_PAGES)}")
        texts = build.data["site"]["pages"][key]
        meta["title"] = html.escape(rendering.text_in(texts["title"], lang, build.default))
        meta["description"] = html.escape(rendering.text_in(texts["description"], lang, build.default))
        meta["hide"] = ["navigation", "toc"]
        meta["alternates"] = [
            {"lang": other, "name": Locale.parse(other).get_display_name(other).capitalize(),
             "url": env.conf["site_url"] + url_of(counterpart(src, other, build)),
             "href": relative(url_of(counterpart(src, other, build)), page.url), "current": other == lang}
            for other in build.languages]
        meta["locale"] = _og_locale(lang)
        if key in ("promise", "contact"):
            graph = organization_graph(build.data, lang, key, env.conf["site_url"] + url_of(src))
            meta["jsonld"] = Markup(rendering._json_script(graph))
    else:
        for section, key, field in (("promises", "promise", "title"), ("departments", "department", "name")):
            if key in meta:
                item = build.by_id[section].get(meta[key])
                if item is None:
                    raise ValueError(f"{src}: no {key} {meta[key]!r}")
                meta["title"] = html.escape(rendering.text_in(item[field], lang, build.default))
        meta["edit_url"] = _edit_url(build, meta)


def _og_locale(lang: str) -> str:
    loc = Locale.parse(lang)
    territory = loc.territory or {"sv": "SE", "en": "GB", "de": "DE", "fi": "FI", "da": "DK", "nb": "NO"}.get(
        lang, lang.upper())
    return f"{loc.language}_{territory}"


def _edit_url(build: Any, meta: dict[str, Any]) -> str | None:
    """Open philosophy.yml at the page's source line in the repository's web editor."""
    loaded = build.loaded
    if "promise" in meta:
        line = loaded.positions[("promises", build.index_of["promises"][meta["promise"]])][0]
    elif "department" in meta:
        line = loaded.positions[("departments", build.index_of["departments"][meta["department"]])][0]
    elif "source" in meta:
        line = loaded.key_positions[(meta["source"],)][0]
    else:
        return None
    site = loaded.model.site
    repo = site.repository
    if repo.startswith("https://github.com/"):
        return f"https://github.dev/{repo.removeprefix('https://github.com/')}/blob/{site.branch}/philosophy.yml#L{line}"
    return f"{repo}/-/blob/{site.branch}/philosophy.yml#L{line}"


__all__ = ["define_env", "on_post_page_macros"]
