"""The leak guard: no staff-only text may appear anywhere in the public output.

Every staff-only string of the file (any length) is searched in every public output file in one pass
(Aho-Corasick), with whitespace and Unicode (NFC) normalised on both sides and HTML, JSON and gzip
decoded. A staff-only value that also occurs in public text (a job title that is also a public word, an
interface word) is no leak and is not searched. Files copied unchanged from the theme are skipped: they
cannot hold data from the file.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import html
import json
import re
import types
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import ahocorasick
from pydantic import BaseModel

from philosophy.audience import CONFIG_KEY, Audience, audience_of
from philosophy.fields import _id as id_validator
from philosophy.i18n import translations
from philosophy.loader import Loaded
from philosophy.model import Philosophy, Publishable
from philosophy.problems import format_path
from philosophy.yamlread import Loc

BINARY = {".png", ".jpg", ".jpeg", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".pdf", ".gif"}
_JSON_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[\"\\/bfnrt])")
_JSON_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def normalise(text: str) -> str:
    # str.split() splits on exactly the characters str.isspace() (and re's \s) calls whitespace, in C
    return unicodedata.normalize("NFC", " ".join(text.split()))


@dataclass(frozen=True)
class Leak:
    file: Path
    text: str
    field: str

    def __str__(self) -> str:
        return f"{self.file}: staff-only text from {self.field} found: {self.text[:80]!r}"


_SKIP_SEEN: dict[int, tuple[Any, bool]] = {}  # id(annotation) -> (annotation, verdict); annotations hold dicts


def _skip_type(tp: Any) -> bool:
    """Ids and fixed vocabularies are not secrets; prose, names and addresses are (decided once per type)."""
    seen = _SKIP_SEEN.get(id(tp))
    if seen is None or seen[0] is not tp:
        seen = _SKIP_SEEN[id(tp)] = (tp, _skip_type_uncached(tp))
    return seen[1]


def _skip_type_uncached(tp: Any) -> bool:
    if tp is None:
        return False
    if hasattr(tp, "__metadata__"):
        if any(getattr(m, "func", None) is id_validator for m in tp.__metadata__):
            return True
        return _skip_type(tp.__origin__)
    if get_origin(tp) is Literal:
        return True
    if get_origin(tp) in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        return bool(options) and all(_skip_type(a) for a in options)
    return False


def strings(
    model: BaseModel, loc: Loc = (), audience: Audience = Audience.PUBLIC
) -> Iterator[tuple[Loc, str, Audience]]:
    """Every string leaf of the model with its audience (ids and fixed vocabularies left out)."""
    published = not isinstance(model, Publishable) or model.publish
    for name, key, staff_only, annotation in _fields_to_scan(type(model)):
        aud = audience
        if audience is Audience.PUBLIC and (staff_only or not published):
            aud = Audience.INTERNAL
        yield from _leaves(getattr(model, name), (*loc, key), aud, annotation)


@functools.cache
def _fields_to_scan(cls: type[BaseModel]) -> tuple[tuple[str, str, bool, Any], ...]:
    """(name, YAML key, staff-only, annotation) of the fields of a model class that can hold secrets."""
    out = []
    for name, info in cls.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if _skip_type(info.annotation) or name in ("id", "kind") or extra.get(CONFIG_KEY):
            continue
        out.append((name, info.alias or name, audience_of(cls, name) is not Audience.PUBLIC, info.annotation))
    return tuple(out)


def _leaves(value: Any, loc: Loc, aud: Audience, tp: Any) -> Iterator[tuple[Loc, str, Audience]]:
    if isinstance(value, BaseModel):
        yield from strings(value, loc, aud)
    elif isinstance(value, str):
        yield loc, value, aud
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*loc, key), aud, None)
    elif isinstance(value, (list, tuple)):
        inner = get_args(tp)[0] if tp is not None and get_args(tp) else None
        if inner is not None and _skip_type(inner):
            return
        for i, item in enumerate(value):
            yield from _leaves(item, (*loc, i), aud, inner)


@functools.cache
def _interface_words(languages: tuple[str, ...]) -> tuple[str, ...]:
    """Interface words published around the data: the catalogue's translations for these languages."""
    out: list[str] = []
    for lang in languages:
        catalog = getattr(translations(lang), "_catalog", {})
        out += [v for v in catalog.values() if isinstance(v, str)]
        fallback = translations(lang)
        while getattr(fallback, "_fallback", None) is not None:
            fallback = fallback._fallback  # type: ignore[attr-defined]
            out += [v for v in getattr(fallback, "_catalog", {}).values() if isinstance(v, str)]
    return tuple(out)


def _theme_words(languages: Iterable[str]) -> list[str]:
    try:
        from macros.site import material_dir, material_language
    except ImportError:  # pragma: no cover
        return []
    out = []
    for lang in languages:
        code = material_language(lang)
        if code:
            text = (material_dir() / "partials" / "languages" / f"{code}.html").read_text(encoding="utf-8")
            out += re.findall(r':\s*"([^"]+)"', text)
    return out


def _bounded(text: str, start: int, end: int) -> bool:
    """A match counts only as whole words: 'Lina' is not found inside 'Linaria'."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() and text[start].isalnum()) and not (after.isalnum() and text[end - 1].isalnum())


def _automaton(words: Iterable[str]) -> Any:
    auto = ahocorasick.Automaton()
    for word in words:
        if word:
            auto.add_word(word, word)
    if len(auto):
        auto.make_automaton()
    return auto


def _found(auto: Any, text: str) -> set[str]:
    if not len(auto):
        return set()
    out: set[str] = set()
    for end, word in auto.iter(text):
        start = end - len(word) + 1
        if word not in out and _bounded(text, start, end + 1):
            out.add(word)
    return out


def internal_strings(loaded: Loaded) -> dict[str, Loc]:
    """Normalised staff-only strings that the public site must not contain, with where each is from."""
    model: Philosophy = loaded.model
    public: list[str] = []
    secrets: dict[str, Loc] = {}
    for loc, value, aud in strings(model):
        text = normalise(value)
        if not text:
            continue
        if aud is Audience.PUBLIC:
            public.append(text)
        else:
            secrets.setdefault(text, loc)
    languages = tuple(model.site.languages)
    corpus = "\n".join([*public, *map(normalise, _interface_words(languages)), *_theme_words(languages)])
    shared = _found(_automaton(secrets), corpus)
    return {text: loc for text, loc in secrets.items() if text not in shared}


@functools.cache
def _theme_files() -> dict[str, str]:
    """Relative path -> sha256 of every file the theme (Material and our overrides) ships as an asset."""
    out: dict[str, str] = {}
    roots = [Path(__file__).resolve().parents[1] / "overrides" / "theme"]
    try:
        from macros.site import material_dir

        roots.insert(0, material_dir())
    except ImportError:  # pragma: no cover
        pass
    for root in roots:
        for path in (root / "assets").rglob("*"):  # what the theme copies into the site
            if path.is_file():
                out[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _views(path: Path, raw: bytes) -> Iterator[str]:
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8", errors="replace")
    yield normalise(html.unescape(text))
    if "\\" in text:
        unescaped = _JSON_ESCAPE.sub(
            lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "u" else _JSON_SIMPLE[m.group(1)], text
        )
        yield normalise(html.unescape(unescaped))
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError:
            return
        yield normalise(html.unescape("\n".join(_json_strings(data))))


def _json_strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for v in data.values():
            yield from _json_strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from _json_strings(v)


def scan(site_dir: Path, secrets: dict[str, Loc]) -> list[Leak]:
    """Every public file, once, against every secret: linear in the size of the output."""
    auto = _automaton(secrets)
    theme = _theme_files()
    leaks: list[Leak] = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        if path.suffix.lower() in BINARY:
            continue
        raw = path.read_bytes()
        rel = path.relative_to(site_dir).as_posix()
        if rel in theme and hashlib.sha256(raw).hexdigest() == theme[rel]:
            continue
        found: set[str] = set()
        for view in _views(path, raw):
            found |= _found(auto, view)
        leaks += [Leak(path, text, format_path(secrets[text])) for text in sorted(found)]
    return leaks
