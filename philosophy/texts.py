"""Texts in one or more languages, and the one helper that picks a text for a reader's language.

A text is a plain string (written in the language of its audience: the site's default language for
what customers see, the handbook language for staff-only fields) or a map of language code to string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .languages import LanguageError, canonical

_LOOKS_LIKE_CODE = re.compile(r"^[a-z]{2,3}([-_][A-Za-z0-9]{2,4}){0,2}$")
MAX_TEXT = 20_000  # characters: a promise is a paragraph, not a document

TextValue = str | dict[str, str]


def _text(value: Any) -> TextValue:
    if isinstance(value, str):
        return _one(value, None)
    if isinstance(value, dict):
        if not value:
            raise PydanticCustomError("text", "the text is empty", {"hint": "write the text, or remove the field"})
        out: dict[str, str] = {}
        for lang, text in value.items():
            if not isinstance(lang, str) or not _LOOKS_LIKE_CODE.match(lang):
                raise PydanticCustomError(
                    "text_colon",
                    "YAML read this text as 'key: value' because of the ': ' after {key}",
                    {
                        "key": repr(str(lang)[:40]),
                        "key_name": str(lang),
                        "hint": 'put the whole text in quotes: "… : …"',
                    },
                )
            try:
                code = canonical(lang)
            except LanguageError as exc:
                raise PydanticCustomError(
                    "text_language",
                    "{message} (a key of this text)",
                    {
                        "message": str(exc),
                        "key": str(lang),
                        "hint": f"{exc.hint}; if this is a text that contains ': ', put the whole text in quotes",
                    },
                ) from None
            out[code] = _one(text, code)
        return out
    if value is None:
        raise PydanticCustomError(
            "text", "the value is empty", {"hint": "write the text after the colon, or remove the line"}
        )
    if isinstance(value, (list, tuple)):
        raise PydanticCustomError(
            "text",
            "expected a text, found a list",
            {"hint": "write one text; a list ('- …') is only allowed where the guide shows one"},
        )
    raise PydanticCustomError(
        "text", "expected a text, found {found}", {"found": repr(value), "hint": "put the text in quotes"}
    )


def _one(text: Any, lang: str | None) -> str:
    where = f"the {lang!r} text" if lang else "the text"
    if text is None:
        raise PydanticCustomError(
            "text", "{where} is empty", {"where": where, "hint": "write the text after the colon, or remove the line"}
        )
    if not isinstance(text, str):
        raise PydanticCustomError(
            "text",
            "{where} is {found}, not text",
            {"where": where, "found": repr(text), "hint": "put the text in quotes"},
        )
    if not text.strip():
        raise PydanticCustomError("text", "{where} is empty", {"where": where, "hint": "write the text"})
    if len(text) > MAX_TEXT:
        raise PydanticCustomError(
            "text",
            "{where} is {n} characters long; the limit is {limit}",
            {
                "where": where,
                "n": len(text),
                "limit": MAX_TEXT,
                "hint": "shorten it; link to a longer document instead",
            },
        )
    return text


TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {"type": "string", "minLength": 1},
            "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"},
        },
    ],
    "x-kind": "text",
}
Text = Annotated[TextValue, BeforeValidator(_text), WithJsonSchema(TEXT_SCHEMA)]


def text_in(value: TextValue | None, lang: str, fallbacks: Iterable[str] = ()) -> str:
    """The text in `lang`, else in its base language ('en' for 'en-US'), else the first fallback
    language that has it. A plain string is returned as it is. None gives ''."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for code in _order(lang, fallbacks):
        if code in value:
            return value[code]
    return next(iter(value.values()))


def has_language(value: TextValue, lang: str, plain_language: str) -> bool:
    """Whether the text is written in `lang` (a plain string counts as `plain_language`)."""
    if isinstance(value, str):
        return lang == plain_language
    return lang in value


def languages_of(value: TextValue, plain_language: str) -> list[str]:
    return [plain_language] if isinstance(value, str) else list(value)


def _order(lang: str, fallbacks: Iterable[str]) -> list[str]:
    out = [lang]
    base = lang.split("-", maxsplit=1)[0]
    if base != lang:
        out.append(base)
    for code in fallbacks:
        if code not in out:
            out.append(code)
            base = code.split("-")[0]
            if base not in out:
                out.append(base)
    return out


def as_mapping(value: TextValue, plain_language: str) -> Mapping[str, str]:
    return {plain_language: value} if isinstance(value, str) else value


# --- finding words in running text -------------------------------------------------------------------

# Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar) and
# Korean, whose particles attach to the word before them: a word there is found inside running text.
_UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3100-\u312f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
)
SPACED_WORD_CHAR = rf"[^\W{_UNSPACED}]"  # a letter or digit of a script that separates words with spaces
WORD_START = rf"(?<!{SPACED_WORD_CHAR})"  # '24/7' is a word in 'open 24/7.' and in '24/7対応'
WORD_END = rf"(?!{SPACED_WORD_CHAR})"
_SPACED = re.compile(SPACED_WORD_CHAR)


def words_pattern(words: Iterable[str], start: bool = True, end: bool = True) -> str:
    """A regex for any of the words, as whole words: an edge that is a letter or digit of a spaced script
    must not touch another one ('hour' is not found in 'hours'); an edge in an unspaced script may
    ('時間' is found in '24時間365日'). Longest words first; one group per kind of edges."""
    groups: dict[tuple[bool, bool], list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        if word:
            edges = (start and bool(_SPACED.match(word[0])), end and bool(_SPACED.match(word[-1])))
            groups.setdefault(edges, []).append(word)
    parts = [
        (WORD_START if left else "") + "(?:" + "|".join(map(re.escape, ws)) + ")" + (WORD_END if right else "")
        for (left, right), ws in groups.items()
    ]
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"
