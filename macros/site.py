"""What both the macros adapter and the MkDocs hooks need: the loaded philosophy for this build,
page languages and URLs. Only this package imports mkdocs; the core (philosophy/) never does."""
from __future__ import annotations

import posixpath
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from philosophy.checks import check
from philosophy.loader import Loaded, load_cached
from philosophy.problems import PhilosophyError
from philosophy.walk import project

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, eq=False)
class Build:
    audience: str  # "public" or "internal"
    loaded: Loaded
    data: dict[str, Any]  # the projection handed to templates
    source: Path

    @property
    def languages(self) -> list[str]:
        # the handbook is written in the default language only
        site = self.loaded.model.site
        return list(site.languages) if self.audience == "public" else [site.default_language]

    @functools.cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """Lookups built once per build, so a page never scans every promise (1,000 pages × 1,000)."""
        out: dict[str, dict[str, Any]] = {
            section: {item["id"]: item for item in self.data.get(section, [])}
            for section in ("promises", "channels", "values", "personas", "departments")}
        out["channel_names"] = {ch["id"]: ch["name"] for ch in self.data["channels"]}
        return out

    @functools.cached_property
    def index_of(self) -> dict[str, dict[str, int]]:
        """Position of each id in its section, for edit links to the source line."""
        return {section: {item["id"]: i for i, item in enumerate(self.data.get(section, []))}
                for section in ("promises", "departments")}

    @property
    def default(self) -> str:
        return self.loaded.model.site.default_language


def philosophy_path(config: Any) -> Path:
    raw = config["extra"].get("philosophy_file") or "philosophy.yml"
    path = Path(raw)
    return path if path.is_absolute() else Path(config["config_file_path"]).resolve().parent / path


_BUILDS: dict[tuple[str, str], Build] = {}


def build_for(config: Any) -> Build:
    """Load, check and project philosophy.yml for this build; a broken file stops the build."""
    audience = config["extra"].get("audience")
    if audience not in ("public", "internal"):
        raise PluginError("extra.audience must be 'public' or 'internal' in the MkDocs config")
    source = philosophy_path(config)
    try:
        loaded = load_cached(source)
    except PhilosophyError as exc:
        raise PluginError(f"philosophy file is invalid; nothing was built:\n{exc}") from None
    key = (audience, str(id(loaded)))
    if key not in _BUILDS:
        errors = [p for p in check(loaded) if p.severity == "error"]
        if errors:
            raise PluginError("philosophy file is invalid; nothing was built:\n"
                              + "\n".join(str(p) for p in errors))
        _BUILDS.clear()
        # The public build never sees an internal field: they are dropped before any template runs.
        data = project(loaded.model, "public" if audience == "public" else "internal")
        _BUILDS[key] = Build(audience, loaded, data, source)
    return _BUILDS[key]


def page_language(src_uri: str, build: Build) -> str:
    first = src_uri.split("/", 1)[0]
    return first if first in build.languages and first != build.default else build.default


def counterpart(src_uri: str, lang: str, build: Build) -> str:
    """The same page in another language: sv 'contact.md' <-> en 'en/contact.md'."""
    current = page_language(src_uri, build)
    base = src_uri if current == build.default else src_uri.split("/", 1)[1]
    return base if lang == build.default else f"{lang}/{base}"


def url_of(src_uri: str) -> str:
    """Directory URL of a page source path: 'en/contact.md' -> 'en/contact/'."""
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target_url: str, from_url: str) -> str:
    """Relative link between two directory URLs: relative('en/contact/', 'review/') == '../en/contact/'."""
    base = from_url if (not from_url or from_url.endswith("/")) else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + target_url, "/" + base)
    return rel.rstrip("/") + "/" if (target_url == "" or target_url.endswith("/")) else rel
