"""Structured fields, each parsed by a library made for it and bounded, never by a loose regex.

A value that passes here is safe in an HTML attribute, a URL and a JSON script block: URLs have no
quotes, angle brackets or whitespace; e-mail addresses and phone numbers are validated and
normalised; time zones, languages and holiday calendars are ones the whole build can use.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import BeforeValidator, PlainSerializer, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError, Url

from .languages import LanguageError, canonical


def _err(kind: str, message: str, hint: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, {"hint": hint, **ctx})


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"


# --- ids ------------------------------------------------------------------------------------------

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def _id(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _err(
            "id",
            "expected an id; found {found}",
            "write an id of lowercase letters, digits and hyphens",
            found=_shown(value),
        )
    text = str(value)
    if not _ID.match(text):
        raise _err(
            "id",
            "expected an id of lowercase letters, digits and hyphens, such as 'fast-reply'; found {found}",
            "use a-z, 0-9 and '-' only, at most 60 characters, e.g. 'free-returns'",
            found=_shown(text),
        )
    return text


Id = Annotated[
    str,
    BeforeValidator(_id),
    WithJsonSchema(
        {"x-kind": "structured", "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,59}$", "examples": ["fast-reply"]}
    ),
]


# --- URLs -----------------------------------------------------------------------------------------

_UNSAFE_URL = re.compile(r"[\s\"'<>`{}|\\^\x00-\x1f\x7f-\x9f\u2028\u2029]")
_REPO_PATH = re.compile(r"^(/[A-Za-z0-9._~-]+)+$")


def _url(value: Any, *, site: bool = False, repo: bool = False) -> str:
    if not isinstance(value, str):
        raise _err(
            "url",
            "expected a web address; found {found}",
            "write an address such as https://example.com/",
            found=_shown(value),
        )
    if _UNSAFE_URL.search(value):
        raise _err(
            "url",
            "the web address {found} contains a space, a quote, an angle bracket or a control character",
            "write a plain address such as https://example.com/; percent-encode special characters",
            found=_shown(value),
        )
    try:
        url = Url(value)
    except Exception:  # pydantic_core raises its own ValidationError type for unparsable URLs
        raise _err(
            "url", "{found} is not a web address", "write a full address starting with https://", found=_shown(value)
        ) from None
    if url.scheme != "https":
        raise _err(
            "url", "{found} does not start with https://", "write the address with https://", found=_shown(value)
        )
    if url.username or url.password:
        raise _err("url", "{found} contains a user name or password", "remove the part before '@'", found=_shown(value))
    host = url.host or ""
    if "." not in host or host.endswith("."):
        raise _err(
            "url",
            "{found} has no proper host name",
            "write the full host, e.g. https://www.example.com/",
            found=_shown(value),
        )
    text = str(url)
    if site and (url.query or url.fragment or not (url.path or "/").endswith("/") or not value.endswith("/")):
        raise _err(
            "url",
            "expected the site's address ending with '/', without '?' or '#'; found {found}",
            "write e.g. https://service.example.com/",
            found=_shown(value),
        )
    if repo:
        path = (url.path or "").rstrip("/")
        if url.query or url.fragment or value.endswith("/") or not _REPO_PATH.match(path) or ".." in path:
            raise _err(
                "url",
                "expected a repository address such as https://github.com/company/service; found {found}",
                "no trailing '/', no '?', '#' or '..'",
                found=_shown(value),
            )
        text = text.rstrip("/")
    return text


SiteUrl = Annotated[
    str,
    BeforeValidator(lambda v: _url(v, site=True)),
    WithJsonSchema(
        {
            "x-kind": "structured",
            "type": "string",
            "format": "uri",
            "pattern": "^https://[^\\s\"'<>]+/$",
            "examples": ["https://service.example.com/"],
        }
    ),
]
WebUrl = Annotated[
    str,
    BeforeValidator(_url),
    WithJsonSchema(
        {
            "x-kind": "structured",
            "type": "string",
            "format": "uri",
            "pattern": "^https://[^\\s\"'<>]+$",
            "examples": ["https://www.example.com/help"],
        }
    ),
]
RepoUrl = Annotated[
    str,
    BeforeValidator(lambda v: _url(v, repo=True)),
    WithJsonSchema(
        {
            "x-kind": "structured",
            "type": "string",
            "format": "uri",
            "pattern": "^https://[^\\s\"'<>]+[^/]$",
            "examples": ["https://github.com/company/service-philosophy"],
        }
    ),
]


# --- e-mail ---------------------------------------------------------------------------------------


def _email(value: Any) -> str:
    if not isinstance(value, str):
        raise _err(
            "email", "expected an e-mail address; found {found}", "write e.g. help@example.com", found=_shown(value)
        )
    if _UNSAFE_URL.search(value) or any(c in value for c in "?&#/%,;:()[]"):
        raise _err(
            "email",
            "{found} is not a plain e-mail address",
            "write only the address, e.g. help@example.com (no '?', '&' or spaces)",
            found=_shown(value),
        )
    return _email_text(value)


@functools.lru_cache(maxsize=4096)
def _email_text(value: str) -> str:
    """The normalised address (validated once per distinct address: a file repeats its few addresses)."""
    try:
        info = validate_email(
            value,
            check_deliverability=False,
            allow_quoted_local=False,
            allow_domain_literal=False,
            allow_display_name=False,
        )
    except EmailNotValidError as exc:
        raise _err(
            "email",
            "{found} is not an e-mail address: {reason}",
            "write e.g. help@example.com",
            found=_shown(value),
            reason=str(exc),
        ) from None
    return info.normalized


Email = Annotated[
    str,
    BeforeValidator(_email),
    WithJsonSchema({"x-kind": "structured", "type": "string", "format": "email", "examples": ["help@example.com"]}),
]


# --- phone numbers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phone:
    """A validated phone number: E.164 for tel: links, formatted per page locale for reading."""

    e164: str
    region: str  # ISO 3166 alpha-2 of the number

    def formatted(self, reader_region: str | None) -> str:
        number = phonenumbers.parse(self.e164)
        style = (
            phonenumbers.PhoneNumberFormat.NATIONAL
            if reader_region == self.region
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        return phonenumbers.format_number(number, style)

    @property
    def tel(self) -> str:
        return "tel:" + self.e164

    def __str__(self) -> str:
        return self.e164


def _phone(value: Any, info: ValidationInfo) -> Phone:
    if isinstance(value, Phone):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or len(value) > 40:
        raise _err(
            "phone",
            "expected a phone number; found {found}",
            "write it in quotes, e.g. '+46 31 12 34 56'",
            found=_shown(value),
        )
    region = (info.context or {}).get("phone_region") if info is not None else None
    try:
        number = phonenumbers.parse(value, None if value.strip().startswith("+") else region)
    except phonenumbers.NumberParseException:
        hint = (
            "write it in international form, e.g. '+46 31 12 34 56' (or set site.country for national numbers)"
            if not region
            else f"write a number valid in {region}, or in international form '+…'"
        )
        raise _err("phone", "{found} is not a phone number", hint, found=_shown(value)) from None
    if not phonenumbers.is_valid_number(number):
        raise _err(
            "phone", "{found} is not a valid phone number", "check the digits and the country code", found=_shown(value)
        )
    return Phone(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.region_code_for_number(number) or "001",
    )


PhoneNumber = Annotated[
    Phone,
    BeforeValidator(_phone),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"x-kind": "structured", "type": "string", "examples": ["+46 31 12 34 56"]}),
]


# --- time zones -----------------------------------------------------------------------------------

_ZONE_EXCLUDED = ("posix/", "right/", "SystemV/")


@functools.cache
def usable_time_zones() -> frozenset[str]:
    """IANA zones every part of the build understands (Python's zoneinfo and browsers' Intl)."""
    return frozenset(
        z
        for z in zoneinfo.available_timezones()
        if not z.startswith(_ZONE_EXCLUDED) and z not in ("Factory", "localtime", "posixrules")
    )


def _timezone(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 64 or value not in usable_time_zones():
        near = [
            z
            for z in sorted(usable_time_zones())
            if isinstance(value, str) and value and z.lower().startswith(value.lower()[:6])
        ][:5]
        hint = (
            ("an IANA name such as " + ", ".join(repr(z) for z in near))
            if near
            else "use an IANA name such as 'Europe/Stockholm' or 'America/New_York'"
        )
        raise _err("timezone", "unknown time zone {found}", hint, found=_shown(value))
    return value


TimeZoneName = Annotated[
    str,
    BeforeValidator(_timezone),
    WithJsonSchema({"x-kind": "structured", "type": "string", "examples": ["Europe/Stockholm", "America/New_York"]}),
]


# --- language codes -------------------------------------------------------------------------------


def _language(value: Any) -> str:
    try:
        return _canonical(value if isinstance(value, str) else str(value))
    except LanguageError as exc:
        raise _err("language", "{reason}", exc.hint, reason=str(exc)) from None


_canonical = functools.lru_cache(maxsize=1024)(canonical)  # Babel's parse costs ~30 µs; a file repeats its codes


LanguageCode = Annotated[
    str,
    BeforeValidator(_language),
    WithJsonSchema(
        {
            "x-kind": "structured",
            "type": "string",
            "pattern": "^[a-zA-Z]{2,3}([-_][A-Za-z0-9]{2,4})*$",
            "examples": ["sv", "en-US"],
        }
    ),
]


# --- git branch names (git check-ref-format) ------------------------------------------------------

# git's rules, and no quote, angle bracket, brace, '|' or backtick: the name goes into links and shell lines
_REF_BAD = re.compile(r"(\.\.|@\{|//|[\x00-\x20\x7f-\x9f~^:?*\[\\\"'<>`{}|\u2028\u2029\u202a-\u202e\u2066-\u2069])")


def _branch(value: Any) -> str:
    if not isinstance(value, str) or not value or len(value) > 100:
        raise _err("branch", "expected a branch name; found {found}", "write e.g. 'main'", found=_shown(value))
    parts = value.split("/")
    bad = (
        _REF_BAD.search(value)
        or value.startswith(("/", "-"))
        or value.endswith(("/", ".", ".lock"))
        or value == "@"
        or any(p.startswith(".") or p.endswith(".lock") or not p for p in parts)
    )
    if bad:
        raise _err(
            "branch",
            "{found} is not a valid git branch name",
            "write a branch name such as 'main' (no '..', spaces, quotes, '<>{}|`~^:?*[\\' or leading '-')",
            found=_shown(value),
        )
    return value


BranchName = Annotated[
    str, BeforeValidator(_branch), WithJsonSchema({"x-kind": "structured", "type": "string", "examples": ["main"]})
]


# --- dates ----------------------------------------------------------------------------------------

EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _err(
            "date",
            "expected a date without a time; found {found}",
            "write YYYY-MM-DD, e.g. 2026-11-01",
            found=_shown(str(value)),
        )
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise _err(
                "date", "expected a date as YYYY-MM-DD; found {found}", "write e.g. 2026-11-01", found=_shown(value)
            )
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise _err(
                "date",
                "{found} is not a date: {reason}",
                "write a real month (01-12) and day",
                found=_shown(value),
                reason=str(exc),
            ) from None
    if not isinstance(value, dt.date):
        raise _err("date", "expected a date as YYYY-MM-DD; found {found}", "write e.g. 2026-11-01", found=_shown(value))
    if not EARLIEST <= value <= LATEST:
        raise _err("date", "{found} is outside 2000-2100", "write the real date as YYYY-MM-DD", found=value.isoformat())
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema({"x-kind": "structured", "type": "string", "format": "date", "examples": ["2026-11-01"]}),
]


# --- numbers with bounds --------------------------------------------------------------------------


def int_between(low: int, high: int, what: str) -> tuple[BeforeValidator, WithJsonSchema]:
    """Metadata for Annotated[int, *int_between(…)]: a whole number within bounds, with a hint."""

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _err(
                "integer",
                "expected a whole number ({what}); found {found}",
                f"write a whole number between {low} and {high}, without quotes or units",
                what=what,
                found=_shown(value),
            )
        if not low <= value <= high:
            raise _err(
                "integer",
                "{found} is outside {low}-{high}",
                f"write a number between {low} and {high}",
                found=str(value),
                low=low,
                high=high,
            )
        return value

    return BeforeValidator(check), WithJsonSchema(
        {"x-kind": "structured", "type": "integer", "minimum": low, "maximum": high}
    )


def _share(value: Any) -> Decimal:
    raw = value
    if isinstance(value, str) and value.strip().endswith("%"):
        value = value.strip()[:-1].strip()
    elif isinstance(value, str):
        raise _err("share", "{found} is not a percentage", "write a share such as '85%'", found=_shown(raw))
    if isinstance(value, bool):
        raise _err("share", "{found} is not a percentage", "write a share such as '85%'", found=_shown(raw))
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise _err("share", "{found} is not a percentage", "write a share such as '85%'", found=_shown(raw)) from None
    if not number.is_finite() or number <= 0 or number > 100:
        raise _err(
            "share",
            "a target share of {found} is impossible",
            "write a share between 1% and 100%",
            found=f"{raw}%" if not str(raw).endswith("%") else str(raw),
        )
    if number < 1 and not str(raw).endswith("%"):
        raise _err(
            "share",
            "{found} looks like a fraction",
            f"write it as a percentage: '{number * 100:g}%'",
            found=_shown(raw),
        )
    return number


Share = Annotated[
    Decimal,
    BeforeValidator(_share),
    PlainSerializer(lambda d: f"{d}%", return_type=str),
    WithJsonSchema(
        {
            "x-kind": "structured",
            "anyOf": [
                {"type": "string", "pattern": "^[0-9.]+ ?%$"},
                {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
            ],
            "examples": ["85%"],
        }
    ),
]


# --- colours, handles, asset paths ---------------------------------------------------------------


def _colour(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value.strip()):
        raise _err(
            "colour",
            "expected a colour as #rrggbb; found {found}",
            "write e.g. '#1f4e3d' (in quotes)",
            found=_shown(value),
        )
    text = value.strip().lower()
    if len(text) == 4:
        text = "#" + "".join(c * 2 for c in text[1:])
    return text


Colour = Annotated[
    str,
    BeforeValidator(_colour),
    WithJsonSchema(
        {
            "x-kind": "structured",
            "type": "string",
            "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$",
            "examples": ["#1f4e3d"],
        }
    ),
]

_HANDLE = re.compile(r"^@?[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)?$")


def _handle(value: Any) -> str:
    if not isinstance(value, str) or not _HANDLE.match(value):
        raise _err(
            "handle",
            "expected an account name such as '@company'; found {found}",
            "letters, digits, '_', '.', '-'; a Fediverse account as '@name@server.org'",
            found=_shown(value),
        )
    return value


Handle = Annotated[
    str, BeforeValidator(_handle), WithJsonSchema({"x-kind": "structured", "type": "string", "examples": ["@company"]})
]

ASSET_SUFFIXES = (".svg", ".png", ".webp", ".jpg", ".jpeg", ".ico")
_ASSET = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$")


def _asset(value: Any) -> str:
    if (
        not isinstance(value, str)
        or not _ASSET.match(value)
        or ".." in value
        or not value.lower().endswith(ASSET_SUFFIXES)
    ):
        raise _err(
            "asset",
            "expected a file path next to the philosophy file, such as 'brand/logo.svg'; found {found}",
            "a relative path inside the folder of philosophy.yml; ending in " + ", ".join(ASSET_SUFFIXES),
            found=_shown(value),
        )
    return value


AssetPath = Annotated[
    str,
    BeforeValidator(_asset),
    WithJsonSchema({"x-kind": "structured", "type": "string", "examples": ["brand/logo.svg"]}),
]


def _plain_line(value: Any) -> str:
    """A short one-line name (company, owner): no line breaks or control characters."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise _err("name", "expected a name; found {found}", "write the name as text", found=_shown(value))
    if len(value) > 200 or re.search(r"[\x00-\x1f\x7f-\x9f]", value):
        raise _err(
            "name",
            "expected a short name on one line; found {found}",
            "at most 200 characters, no line breaks",
            found=_shown(value),
        )
    return value


Name = Annotated[
    str, BeforeValidator(_plain_line), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 200})
]
