"""What both the macros adapter and the MkDocs hooks need: the philosophy for this build, cut down to
its audience, with its languages, URLs and the theme's language support. Only this package and publish/
import MkDocs or Material; the core (philosophy/) never does."""

from __future__ import annotations

import functools
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from philosophy.audience import Audience
from philosophy.checks import check, today
from philosophy.fields import _url
from philosophy.languages import Language, likely_region
from philosophy.loader import Loaded, load_cached
from philosophy.model import Philosophy, Site
from philosophy.problems import PhilosophyError, Problem, format_path
from philosophy.views import Page
from philosophy.walk import redact

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def material_dir() -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates"


@functools.cache
def material_language(code: str) -> str | None:
    """Material's interface language for a site language: 'pt-BR' -> 'pt-BR', 'en-US' -> 'en', 'se' -> None."""
    folder = material_dir() / "partials" / "languages"
    lang = Language(code)
    # the script's likely region before the bare script: zh-Hant and zh-HK get Material's Taiwan pack
    # (its zh-Hant pack has Simplified characters), never the Simplified zh
    script: str | None = lang.locale.script
    territory: str | None = lang.locale.territory
    scripted: tuple[str, ...] = ()
    if script:
        scripted = (f"{lang.base}-{likely_region(f'{lang.base}-{script}')}", f"{lang.base}-{script}")
    first = (*scripted, code) if script and not territory else (code, f"{lang.base}-{territory}", *scripted)
    candidates: tuple[str, ...] = (*first, lang.code.replace("-", "_"), f"{lang.base}-{likely_region(code)}", lang.base)
    for candidate in candidates:
        if (folder / f"{candidate}.html").exists():
            return candidate
    return None


@functools.cache
def _theme_languages() -> list[str]:
    return sorted(p.stem for p in (material_dir() / "partials" / "languages").glob("*.html"))


@functools.cache
def lunr_language(code: str) -> str | None:
    """The search stemmer Material uses for a language, if lunr has one ('nb' -> 'no')."""
    theme_lang = material_language(code)
    if theme_lang is None:
        return None
    text = (material_dir() / "partials" / "languages" / f"{theme_lang}.html").read_text(encoding="utf-8")
    match = re.search(r'"search\.config\.lang":\s*"([a-z]+)"', text)
    # Some theme languages name no stemmer although lunr has one (Arabic, Hebrew …): use the language's own
    lunr = match.group(1) if match else Language(code).base
    if lunr == "en" or (material_dir() / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{lunr}.min.js").exists():
        return lunr
    return None


def framework_problems(loaded: Loaded) -> list[Problem]:
    """Warnings about what the theme lacks: a language Material has no interface pack for (Northern Sami,
    Swahili, Irish …). Such a site still builds: every page keeps its own `lang` and CLDR's text
    direction (partials/language.html), the theme's few own words fall back to English, as the
    interface words do without a catalogue, and search works without a stemmer."""
    out: list[Problem] = []
    site = loaded.model.site
    langs = [("languages", i, code) for i, code in enumerate(site.languages)]
    if site.handbook_language:
        langs.append(("handbook_language", None, site.handbook_language))  # type: ignore[arg-type]
    for name, index, code in langs:
        if material_language(code) is None:
            loc = ("site", name) + ((index,) if index is not None else ())
            line, col = loaded.where(loc)
            out.append(
                Problem(
                    loaded.file,
                    line,
                    col,
                    format_path(loc),
                    f"the site theme has no interface in {code!r} ({Language(code).name('en')}): the theme's own "
                    "few words (the search box, a few labels) will show in English",
                    "nothing to change if that is acceptable (the pages still say they are in "
                    f"{code!r}); the theme has: {', '.join(_theme_languages())}",
                    "warning",
                )
            )
    return out


@dataclass(eq=False)
class Build:
    audience: Audience
    loaded: Loaded
    model: Philosophy  # cut down to the audience
    source: Path
    errors: list[Problem] = field(default_factory=list)  # preview only: shown instead of pages
    directory_urls: bool = True  # False for previews opened from files (make preview)

    def url(self, src_uri: str) -> str:
        return url_of(src_uri, self.directory_urls)

    @property
    def site(self) -> Any:
        return self.loaded.model.site

    @property
    def languages(self) -> list[str]:
        if self.audience is Audience.PUBLIC:
            return list(self.site.languages)
        return [self.site.handbook]

    @property
    def default(self) -> str:
        site: Site = self.site
        return site.default if self.audience is Audience.PUBLIC else site.handbook

    def prefix(self, lang: str) -> str:
        """URL folder of a language's pages: '' for the default language, 'en-us/' for others."""
        return "" if lang == self.default else Language(lang).url_prefix + "/"

    def language_of_prefix(self, folder: str) -> str | None:
        return next(
            (lang for lang in self.languages if lang != self.default and Language(lang).url_prefix == folder), None
        )

    @functools.cached_property
    def pages(self) -> dict[str, Page]:
        fallbacks = [self.site.default] if self.audience is Audience.PUBLIC else [self.site.handbook, self.site.default]
        day = today()
        return {lang: Page(self.model, lang, fallbacks, day) for lang in self.languages}

    @functools.cached_property
    def metrics(self) -> Any:
        """Performance figures from the help desk's exports (None without exports), computed once; the
        public build gets only their public part."""
        from philosophy.metrics import results

        found = results(self.loaded)
        if found is None or self.audience is Audience.INTERNAL:
            return found
        return found.for_public()

    @functools.cached_property
    def index_of(self) -> dict[str, dict[str, int]]:
        return {
            section: {item.id: i for i, item in enumerate(getattr(self.loaded.model, section))}
            for section in ("promises", "departments", "channels", "values")
        }


def philosophy_path(config: Any) -> Path:
    raw = config["extra"].get("philosophy_file") or "philosophy.yml"
    path = Path(raw)
    return path if path.is_absolute() else Path(config["config_file_path"]).resolve().parent / path


def preview_mode() -> bool:
    return os.environ.get("PHILOSOPHY_PREVIEW") == "1"


_BUILDS: dict[tuple[Audience, int, bool], Build] = {}


def build_for(config: Any) -> Build:
    """Load, check and cut down philosophy.yml for this build; a broken file stops the build (or, in the
    preview, turns every page into the list of errors)."""
    try:
        audience = Audience.parse(config["extra"].get("audience"))
    except ValueError as exc:
        raise PluginError(f"extra.audience in the MkDocs config: {exc}") from None
    source = philosophy_path(config)
    try:
        loaded = load_cached(source)
    except PhilosophyError as exc:
        if preview_mode():
            return _error_build(audience, source, exc.problems)
        raise PluginError(f"philosophy file is invalid; nothing was built:\n{exc}") from None
    directory_urls = bool(config.get("use_directory_urls", True))
    key = (audience, id(loaded), directory_urls)
    if key not in _BUILDS:
        errors = [p for p in check(loaded) if p.severity == "error"]
        if errors and preview_mode():
            return _error_build(audience, source, errors, loaded)
        if errors:
            raise PluginError("philosophy file is invalid; nothing was built:\n" + "\n".join(map(str, errors)))
        _BUILDS.clear()
        # The public build never holds a staff-only text: they are dropped before any template runs.
        build = Build(
            audience,
            loaded,
            redact(loaded.model, audience),
            source,
            directory_urls=directory_urls,
        )
        try:
            _ = build.metrics  # exports that cannot be used stop the build here, before any page renders
        except PhilosophyError as exc:
            raise PluginError(f"help-desk exports cannot be used; nothing was built:\n{exc}") from None
        _BUILDS[key] = build
    return _BUILDS[key]


_LAST_GOOD: dict[Audience, Loaded] = {}


def _error_build(audience: Audience, source: Path, problems: list[Problem], loaded: Loaded | None = None) -> Build:
    """The preview's error pages, carried by the last good version, else (a file broken from the start) by
    a minimal stand-in in the file's languages: the build succeeds, so the browser reloads by itself."""
    previous = loaded or _LAST_GOOD.get(audience) or _stand_in(source)
    return Build(audience, previous, redact(previous.model, audience), source, errors=problems)


def _stand_in(source: Path) -> Loaded:
    """The file's languages as far as they can be read (else English), in a minimal valid model."""
    from philosophy.languages import LanguageError, canonical
    from philosophy.yamlread import parse_file

    try:
        data = parse_file(source, source.name).data
    except PhilosophyError:
        data = {}
    site = data.get("site") if isinstance(data, dict) else None
    codes = site.get("languages") if isinstance(site, dict) else None
    languages: list[str] = []
    for code in codes if isinstance(codes, list) else []:
        try:
            lang = canonical(str(code))
        except LanguageError:
            continue
        if lang not in languages:
            languages.append(lang)
    return _stand_in_model(tuple(languages[:60]) or ("en",))


@functools.cache
def _stand_in_model(languages: tuple[str, ...]) -> Loaded:
    text, ident = "…", "preview"
    data: dict[str, Any] = {
        "version": 2,
        "site": {"company": "Preview", "url": "https://example.com/", "languages": list(languages), "timezone": "UTC"},
        "statement": {"critical_function": text, "method": text, "big_picture": text},
        "values": [{"id": ident, "name": text, "text": text}],
        "promises": [{"id": ident, "title": text, "text": text}],
        "channels": [{"id": ident, "kind": "email", "name": text}],
    }
    return Loaded(model=Philosophy.model_validate(data), data=data, file="(stand-in)", path=ROOT / "philosophy.yml")


def remember_good(build: Build) -> None:
    if not build.errors:
        _LAST_GOOD[build.audience] = build.loaded


def public_site_url(site_url: str) -> str:
    """PUBLIC_SITE_URL serves a preview or test build from its own origin; it is checked like site.url."""
    override = os.environ.get("PUBLIC_SITE_URL")
    if not override:
        return site_url
    if re.fullmatch(r"http://127\.0\.0\.1:\d{1,5}/", override):
        return override
    try:
        return _url(override, site=True)
    except ValueError as exc:  # pydantic's custom errors are ValueErrors: name the variable, no class name
        reason = exc.message() if hasattr(exc, "message") else str(exc)
        raise PluginError(
            f"PUBLIC_SITE_URL={override[:80]!r}: {reason} (write the preview's address, e.g. https://preview.example.com/)"
        ) from None


def url_of(src_uri: str, directory_urls: bool = True) -> str:
    """URL of a page source path: 'en/contact.md' -> 'en/contact/' (or 'en/contact.html' for previews that
    open from files, without directory URLs)."""
    stem = src_uri[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target_url: str, from_url: str) -> str:
    """Relative link between two directory URLs: relative('en/contact/', 'review/') == '../en/contact/'."""
    base = from_url if (not from_url or from_url.endswith("/")) else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + target_url, "/" + base)
    return rel.rstrip("/") + "/" if (target_url == "" or target_url.endswith("/")) else rel
