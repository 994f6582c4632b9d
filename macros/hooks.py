"""MkDocs hooks: the site's name, URL, languages, theme language, search stemming and brand from
philosophy.yml; pages that follow from the data (one per language on the public site, one per promise
and department in the handbook); page metadata (titles, alternates, JSON-LD, edit links); robots.txt."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from macros import PUBLIC_PAGES, base_uri, page_language, page_links
from macros.render import json_script, render
from macros.site import ROOT, Build, build_for, lunr_language, material_language, public_site_url, remember_good, url_of
from philosophy.audience import Audience
from philosophy.i18n import words
from philosophy.languages import Language

# A generated handbook page; ids are validated (lowercase letters, digits, hyphens), so they are safe here.
PAGE = "---\n{meta}\n---\n\n{{{{ render('{template}', {arg}) }}}}\n"


@event_priority(100)  # before the search plugin reads its languages and the theme's
def on_config(config: Any) -> Any:
    build = build_for(config)
    site = build.loaded.model.site
    config["site_name"] = Markup.escape(site.company)  # Material prints it both raw and with |e: escape once
    if build.audience is Audience.PUBLIC:
        config["site_url"] = public_site_url(site.url)
    else:
        config["site_url"] = site.handbook_url
    config["theme"]["language"] = material_language(build.default) or "en"
    search = config["plugins"].get("material/search") or config["plugins"].get("search")
    if search is not None:
        stemmers = [s for s in (lunr_language(lang) for lang in build.languages) if s]
        search.config["lang"] = list(dict.fromkeys(stemmers)) or ["en"]
    brand = site.brand
    if brand.favicon:
        config["theme"]["favicon"] = "assets/brand/" + Path(brand.favicon).name
    if brand.logo:
        config["theme"]["logo"] = "assets/brand/" + Path(brand.logo).name
    # The brand's colours inline in <head> (a few validated #rrggbb values): one render-blocking request less.
    config["extra"]["brand_css"] = str(render(build.audience, "brand.css", lang=build.default, brand=brand))
    w = words(build.default)
    config["extra"]["not_found"] = {
        "title": w._("Page not found"),
        "text": w._("The page you are looking for is not here. It may have moved."),
        "home": w._("Go to the start page"),
    }
    remember_good(build)
    return config


def on_files(files: Files, config: Any) -> Files:
    build = build_for(config)
    if build.audience is Audience.PUBLIC:
        # Every page exists in every language: non-default languages mirror the thin pages.
        for file in list(files.documentation_pages()):
            content = Path(file.abs_src_path).read_text(encoding="utf-8")  # type: ignore[arg-type]
            for lang in build.languages:
                if lang != build.default:
                    files.append(File.generated(config, build.prefix(lang) + file.src_uri, content=content))
    elif not build.errors:
        for promise in build.loaded.model.promises:
            files.append(
                File.generated(
                    config,
                    f"promises/{promise.id}.md",
                    content=PAGE.format(
                        meta=f"promise: {promise.id}", template="promise.html", arg=f"promise_id='{promise.id}'"
                    ),
                )
            )
        for dep in build.loaded.model.departments:
            files.append(
                File.generated(
                    config,
                    f"departments/{dep.id}.md",
                    content=PAGE.format(
                        meta=f"department: {dep.id}", template="department.html", arg=f"department_id='{dep.id}'"
                    ),
                )
            )
    if build.audience is not Audience.PUBLIC:
        _handbook_assets(files, config)
    elif not build.errors:
        from staff.feed import has_history  # the review page links the change feed when there is one

        feed = has_history(build.source)
        for view in build.pages.values():
            view.has_feed = feed
    _brand_files(build, files, config)
    return files


HANDBOOK_ASSETS = ROOT / "overrides" / "handbook" / "assets"


def _handbook_assets(files: Files, config: Any) -> None:
    """The handbook's own static files (the practice script): added to the handbook build only."""
    for path in sorted(HANDBOOK_ASSETS.rglob("*")):
        if path.is_file():
            files.append(
                File.generated(
                    config, "assets/" + path.relative_to(HANDBOOK_ASSETS).as_posix(), content=path.read_bytes()
                )
            )


def _brand_files(build: Build, files: Files, config: Any) -> None:
    brand = build.loaded.model.site.brand
    folder = build.loaded.folder
    for rel in (brand.logo, brand.favicon):
        if rel:  # paths are validated and checked to stay inside the philosophy's folder
            files.append(File.generated(config, "assets/brand/" + Path(rel).name, content=(folder / rel).read_bytes()))


def on_nav(nav: Navigation, config: Any, files: Files) -> Navigation:
    """MkDocs names a section after its folder: the handbook's department pages get the catalogue's word
    for 'Departments', the public site's language folders the language's own name."""
    build = build_for(config)
    if build.errors:
        return nav
    if build.audience is Audience.PUBLIC:  # a language's folder: its own name, not 'En' (seen on the 404 page)
        for item in nav.items:
            first = next((c for c in getattr(item, "children", None) or [] if isinstance(c, Page)), None)
            lang = build.language_of_prefix(first.file.src_uri.split("/", 1)[0]) if first else None
            if isinstance(item, Section) and lang:
                item.title = Language(lang).own_name()
        return nav
    for item in nav.items:
        if isinstance(item, Section) and any(
            isinstance(child, Page) and child.file.src_uri.startswith("departments/") for child in item.children
        ):
            item.title = handbook_title("departments", build.default)
    return nav


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """After mkdocs-macros rendered the page (and its title) as a template: titles from the YAML are set
    here, so they are never evaluated as Jinja."""
    build = build_for(config)
    meta = page.meta
    src = page.file.src_uri
    lang = page_language(build, src)
    meta["lang"] = lang
    meta["html_lang"] = lang
    meta["direction"] = Language(lang).direction  # from CLDR: also for a language the theme does not know
    meta["theme_lang"] = material_language(lang) or "en"
    view = build.pages[lang]
    w = words(lang)
    meta["labels"] = {"languages": w._("Languages"), "skip": w._("Skip to content"), "menu": w._("Pages")}
    if build.errors:
        meta["title"] = Markup.escape(w._("The philosophy file has errors"))
        return markdown
    if build.audience is Audience.PUBLIC:
        key = meta.get("page")
        if key not in PUBLIC_PAGES:
            raise ValueError(f"{src}: front matter 'page:' must be one of {', '.join(PUBLIC_PAGES)}")
        meta["title"] = Markup.escape(view.page_title(key, default_title(key, lang)))
        meta["description"] = view.page_description(key, view.summary)
        meta["hide"] = ["navigation", "toc"]
        site_url = config["site_url"]
        base = base_uri(build, src)
        if len(build.languages) > 1:
            meta["alternates"] = [
                {
                    "lang": other,
                    "name": Language(other).own_name(),
                    "locale": Language(other).og_locale,
                    "url": site_url + url_of(build.prefix(other) + base),
                    "href": page_links(build, src, page.url, lang)["home"] + build.url(build.prefix(other) + base),
                    "current": other == lang,
                }
                for other in build.languages
            ]
        meta["locale"] = Language(lang).og_locale
        if view.has_feed:
            meta["feed"] = page_links(build, src, page.url, lang)["folder"] + "changes.xml"
        meta["nav_links"] = [
            {
                "title": view.page_title(k, default_title(k, lang)),
                "href": page_links(build, src, page.url, lang)[k],
                "current": k == key,
            }
            for k in PUBLIC_PAGES
        ]
        if key in ("promise", "contact"):
            logo = site_url + "assets/brand/" + Path(build.site.brand.logo).name if build.site.brand.logo else None
            graph = view.json_ld(key, site_url + url_of(src), site_url, logo)
            meta["jsonld"] = json_script(graph)
    else:
        _handbook_meta(build, meta, lang)
    return markdown


def default_title(key: str, lang: str) -> str:
    w = words(lang)
    return {
        "promise": w._("Our service promise"),
        "contact": w._("Contact us"),
        "review": w._("How we keep our promise"),
        "performance": w._("How we're doing"),
    }[key]


def _handbook_meta(build: Build, meta: dict[str, Any], lang: str) -> None:
    view = build.pages[lang]
    model = build.loaded.model
    if "promise" in meta:
        meta["title"] = Markup.escape(view.t(model.promise_by_id[meta["promise"]].title))
        line = build.loaded.where(("promises", build.index_of["promises"][meta["promise"]]))[0]
    elif "department" in meta:
        dep = next(d for d in model.departments if d.id == meta["department"])
        meta["title"] = Markup.escape(view.t(dep.name))
        line = build.loaded.where(("departments", build.index_of["departments"][meta["department"]]))[0]
    else:
        key = meta.get("handbook")
        if key:
            meta["title"] = Markup.escape(handbook_title(key, lang))
        source = meta.get("source")
        line = build.loaded.key_where((source,))[0] if source and source in build.loaded.data else 0
    meta["edit_url"] = edit_url(build, line) if line else None


def handbook_title(key: str, lang: str) -> str:
    w = words(lang)
    return {
        "home": w._("Customer-service handbook"),
        "tone": w._("Tone of voice"),
        "personas": w._("Personas"),
        "steps": w._("Steps of service"),
        "channels": w._("Channels"),
        "departments": w._("Departments"),
        "review": w._("Review dashboard"),
        "inspiration": w._("Inspiration"),
        "practice": w._("Practice"),
        "performance": w._("Performance in detail"),
    }[key]


def edit_url(build: Build, line: int) -> str | None:
    """The philosophy file at a line in the repository's web editor (GitHub or GitLab), or None."""
    site = build.loaded.model.site
    if not site.repository:
        return None
    try:
        rel = build.source.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        rel = build.source.name
    path = "/".join(quote(part, safe="") for part in rel.split("/"))
    branch = "/".join(quote(part, safe="") for part in site.branch.split("/"))
    repo = site.repository
    if repo.startswith("https://github.com/"):
        return f"https://github.dev/{repo.removeprefix('https://github.com/')}/blob/{branch}/{path}#L{line}"
    if "gitlab" in repo.split("/")[2]:
        return f"{repo}/-/edit/{branch}/{path}#L{line}"
    return None


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    page.edit_url = page.meta.get("edit_url") or None
    return context


def on_post_build(config: Any) -> None:
    build = build_for(config)
    site_dir = Path(config["site_dir"])
    if build.audience is Audience.PUBLIC and config.get("site_url"):
        text = f"User-agent: *\nAllow: /\n\nSitemap: {config['site_url']}sitemap.xml\n"
    else:
        text = "User-agent: *\nDisallow: /\n"
    (site_dir / "robots.txt").write_text(text, encoding="utf-8")
    if build.audience is Audience.PUBLIC and not build.errors and any(v.has_feed for v in build.pages.values()):
        from staff.feed import write_feeds

        site_url = config.get("site_url") or build.site.url
        write_feeds(
            build.source,
            site_dir,
            build.site.company,
            {
                lang: (
                    build.prefix(lang),
                    f"{site_url}{build.prefix(lang)}changes.xml",
                    site_url + url_of(build.prefix(lang) + "review.md"),
                )
                for lang in build.languages
            },
        )


__all__ = ["on_config", "on_files", "on_page_context", "on_page_markdown", "on_post_build"]
