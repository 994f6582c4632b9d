"""`make new` (python -m publish new): a guided start for a new company's philosophy.yml.

It follows the steps of writing a service philosophy: know your customers (company, site, languages,
country, time zone) -> channels and hours -> the bold three-part statement (critical function, method,
big picture) -> a first promise with a measurable commitment -> share it. In a terminal it asks; with
--yes it asks nothing and uses the flags and defaults (--company and --url are then required).

The file is rendered from publish/templates/new_philosophy.yml.j2 with comments that teach. Texts the
company must still write are placeholders containing TODO: `make check` lists and refuses them. Before
anything is written the result is loaded and checked like `make check` does: apart from those
placeholders it has no errors. An existing file is never overwritten without --force.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import json
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from philosophy.channel_kinds import CHANNEL_KINDS
from philosophy.fields import Email, Handle, Name, PhoneNumber, SiteUrl, TimeZoneName, WebUrl, usable_time_zones
from philosophy.hours import WEEKDAYS
from philosophy.i18n import words
from philosophy.languages import Language, LanguageError, canonical, likely_region

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "philosophy.schema.json"
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "new_philosophy.yml.j2"

T = TypeVar("T")

CHANNEL_FORMAT = "KIND:NAME:CONTACT[:HOURS]"
CHANNEL_HELP = f"""\
a channel as {CHANNEL_FORMAT}; repeat for more channels. KIND is one of: {", ".join(CHANNEL_KINDS)}.
NAME is the name customers see (in the default language). CONTACT is an e-mail address, a phone number
('+49 30 1234567', or national with --country), a web address (https://…), an account ('@company') or
a postal address. HOURS: 'mon-fri 08:00-17:00; sat 10:00-14:00', 'always' or 'by_appointment'
(default: 'mon-fri 09:00-17:00'). Example: "email:E-Mail:hilfe@example.com:mon-fri 08:00-17:00"
"""
PROMISE_HELP = """\
the first promise's commitment as KIND:CHANNEL:WITHIN: 'reply:email:8h' (a written reply within 8 hours
of opening hours) or 'answer:phone:3 min' (a person answers a call or chat within 3 minutes). CHANNEL is
a channel's kind or id. Default: a reply within 8h on the first written channel, else an answer within
5 min on the first live one."""
EPILOG = """\
examples:
  python -m publish new                      # asks, step by step
  python -m publish new --yes --company "Beispiel GmbH" --url https://service.beispiel.de/ \\
      --languages de,en --country DE --channel "email:E-Mail:hilfe@beispiel.de:mon-fri 08:00-17:00" \\
      --channel "phone:Telefon:030 1234567:mon-fri 09:00-16:00" --promise reply:email:8h --output philosophy.yml

Texts you must still write are marked TODO; `make check` lists them. Then `make serve` to preview."""

DEFAULT_HOURS = "mon-fri 09:00-17:00"
PLACEHOLDERS = {
    "critical_function": "TODO: what you critically do for your customers",
    "method": "TODO: how you do it – your method",
    "big_picture": "TODO: the big picture your service serves",
}
STEPS = ("Know your customers", "Channels and hours", "The bold statement", "A first promise", "Share it")


class AnswerError(ValueError):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class NoAnswerError(Exception):
    """The user ended the questions (end of input)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__.split("\n\n")[0] + "\n\n" + __doc__.split("\n\n")[1]
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--output", "-o", default=None, help="the file to write (default: $FILE, else philosophy.yml)")
    parser.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    parser.add_argument(
        "--yes",
        "--non-interactive",
        "-y",
        dest="yes",
        action="store_true",
        help="ask nothing: use the flags and defaults (needs --company and --url)",
    )
    parser.add_argument("--company", help="the company's name as customers know it")
    parser.add_argument("--url", help="the public site's address, ending with '/': https://service.example.com/")
    parser.add_argument("--languages", help="language codes, comma-separated, the default first: 'de,en' (default: en)")
    parser.add_argument(
        "--country",
        help="two-letter country for public holidays and national phone numbers "
        "(default: the first language's likely country, e.g. DE for de)",
    )
    parser.add_argument("--timezone", help="IANA time zone of the opening hours (default: suggested from the country)")
    parser.add_argument("--channel", action="append", default=[], metavar=CHANNEL_FORMAT, help=CHANNEL_HELP)
    parser.add_argument("--critical-function", help="statement part 1: what you critically do for your customers")
    parser.add_argument("--method", help="statement part 2: how you do it")
    parser.add_argument("--big-picture", help="statement part 3: the big picture")
    parser.add_argument("--promise", metavar="KIND:CHANNEL:WITHIN", help=PROMISE_HELP)


# --- checking one answer -------------------------------------------------------------------------


def _validated(tp: Any, value: Any, context: dict[str, Any] | None = None) -> Any:
    try:
        return TypeAdapter(tp).validate_python(value, context=context)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise AnswerError(err["msg"], str((err.get("ctx") or {}).get("hint", ""))) from None


def company(value: str) -> str:
    return str(_validated(Name, value.strip()))


def site_url(value: str) -> str:
    value = value.strip()
    if value.startswith("https://") and "/" not in value.removeprefix("https://"):
        value += "/"  # https://service.example.com -> …com/
    return str(_validated(SiteUrl, value))


def languages(value: str) -> list[str]:
    out: list[str] = []
    for raw in re.split(r"[,\s]+", value.strip()):
        if not raw:
            continue
        try:
            code = canonical(raw)
        except LanguageError as exc:
            raise AnswerError(str(exc), exc.hint) from None
        if code not in out:
            out.append(code)
    if not out:
        raise AnswerError("no language given", "write codes such as 'de' or 'de,en' (the default language first)")
    return out


def country(value: str) -> str:
    from philosophy.model import Country

    return str(_validated(Country, value.strip()))


def timezone(value: str) -> str:
    return str(_validated(TimeZoneName, value.strip()))


def _zone_tab() -> list[tuple[str, str, str]]:
    """(country, zone, comment) rows of tzdata's zone.tab, in its order; [] when it is not installed."""
    try:
        text = (resources.files("tzdata.zoneinfo") / "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return []
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return [(r[0], r[2], r[3] if len(r) > 3 else "") for r in rows if len(r) >= 3]


# Countries across several time zones where zone.tab's descriptions do not tell the zone most people
# live in.
MOST_PEOPLE = {
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "MX": "America/Mexico_City",
    "RU": "Europe/Moscow",
    "AU": "Australia/Sydney",
    "ID": "Asia/Jakarta",
    "CN": "Asia/Shanghai",
}


def suggested_timezone(country_code: str | None) -> tuple[str | None, list[str]]:
    """The time zone most of a country lives in, and all of the country's zones.

    The country's zones come from tzdata's zone.tab (Babel's territory_zones without it). One zone: that
    one. Several: MOST_PEOPLE, else the zone.tab entry described as "most of …", "X (most areas)" or
    "(mainland)", else the zone CLDR names as the representative ("golden") zone of the country's most
    common metazone."""
    if not country_code:
        return None, []
    from babel.core import get_global

    usable = usable_time_zones()
    rows = [(z, c) for cc, z, c in _zone_tab() if cc == country_code and z in usable]
    if not rows:
        rows = [(z, "") for z in get_global("territory_zones").get(country_code, []) if z in usable]
    zones = [z for z, _ in rows]
    if len(zones) <= 1:
        return (zones[0] if zones else None), zones
    if country_code in MOST_PEOPLE and MOST_PEOPLE[country_code] in zones:
        return MOST_PEOPLE[country_code], zones
    most = next((z for z, c in rows if re.match(r"most of\b|\w+ \(most areas|.*\(mainland\)", c, re.IGNORECASE)), None)
    if most:
        return most, zones
    meta = get_global("meta_zones")
    golden = set(get_global("windows_zone_mapping").values())
    counts = Counter(meta[z] for z in zones if z in meta)
    for metazone, _n in counts.most_common():
        found = next((z for z in zones if meta.get(z) == metazone and z in golden), None)
        if found:
            return found, zones
    return zones[0], zones


def several_clocks(zones: list[str]) -> bool:
    """True when a country's zones keep different times (not just Europe/Berlin and Europe/Busingen)."""
    from babel.core import get_global

    meta = get_global("meta_zones")
    return len({meta.get(z, z) for z in zones}) > 1


_DAYS = "|".join(WEEKDAYS) + "|daily"
_DAY_SPLIT = re.compile(rf"\s*[;,]\s*(?=(?:{_DAYS})\b)", re.IGNORECASE)


def hours(value: str) -> str | dict[str, str]:
    """'mon-fri 08:00-17:00; sat 10:00-14:00' -> {'mon-fri': '08:00-17:00', 'sat': '10:00-14:00'}."""
    from philosophy.model import WeekHours

    text = value.strip()
    if text.lower() in ("always", "24/7", "by_appointment", "by appointment"):
        return {"24/7": "always", "by appointment": "by_appointment"}.get(text.lower(), text.lower())
    week: dict[str, str] = {}
    for part in _DAY_SPLIT.split(text):
        match = re.fullmatch(rf"((?:{_DAYS})(?:-(?:{_DAYS}))?)\s*:?\s+(.+)", part.strip(), re.IGNORECASE)
        if not match:
            raise AnswerError(
                f"{part.strip()!r} is not a day with hours",
                "write e.g. 'mon-fri 08:00-17:00; sat 10:00-14:00; sun closed', 'always' or 'by_appointment'",
            )
        week[match[1].lower()] = match[2].strip()
    _validated(WeekHours, week)
    return week


# The contacts that suit each kind of channel (kinds an extension adds take any).
KIND_CONTACTS = {
    "email": ("email",),
    "phone": ("phone",),
    "sms": ("phone",),
    "video": ("url", "phone"),
    "chat": ("url",),
    "form": ("url",),
    "self_service": ("url",),
    "social": ("handle", "url"),
    "messaging": ("phone", "handle", "url"),
    "letter": ("address",),
    "store": ("address",),
}
CONTACT_EXAMPLES = {
    "email": "help@example.com",
    "phone": "+46 31 12 34 56",
    "url": "https://example.com/chat",
    "handle": "@company",
    "address": "Storgatan 1, 411 01 Göteborg",
}


def _contact(value: str, country_code: str | None, kind: str | None = None) -> tuple[str, Any]:
    """What kind of contact a text is, checked: ('email', 'a@b.se'), ('phone', '+46 …'), ('url', …),
    ('handle', '@x') or ('address', 'Storgatan 1, Göteborg'); it must suit the kind of channel."""
    text = value.strip()
    allowed = KIND_CONTACTS.get(kind or "", tuple(CONTACT_EXAMPLES))
    if not text:
        raise AnswerError("no contact given", "write e.g. " + " or ".join(CONTACT_EXAMPLES[f] for f in allowed))
    if text.startswith("@"):
        found = "handle"
    elif text.lower().startswith(("http://", "https://", "www.")):
        found = "url"
    elif "@" in text and " " not in text:
        found = "email"
    elif re.fullmatch(r"[+(]?[\d\s()./-]{5,}", text):
        found = "phone"
    else:
        found = "address"
    if found not in allowed:
        if len(allowed) == 1 and allowed[0] != "address":
            found = allowed[0]  # its own check says best what is wrong
        else:
            raise AnswerError(
                f"{text!r} does not look like {' or '.join(_A[f] for f in allowed)}",
                f"a {kind} channel is reached by " + " or ".join(f"{_A[f]} ({CONTACT_EXAMPLES[f]})" for f in allowed),
            )
    if found == "address":
        if len(text) > 200:
            raise AnswerError("the address is too long", "write the street and town on one line")
        return found, text
    checker = {"handle": Handle, "url": WebUrl, "email": Email, "phone": PhoneNumber}[found]
    checked = _validated(checker, text, {"phone_region": country_code})
    return found, text if found == "phone" else checked


_A = {
    "email": "an e-mail address",
    "phone": "a phone number",
    "url": "a web address (https://…)",
    "handle": "an account name",
    "address": "a postal address",
}


@dataclass
class ChannelSpec:
    id: str
    kind: str
    name: str
    contact: tuple[str, Any]
    hours: str | dict[str, str]


def channel_id(kind: str, taken: list[str]) -> str:
    base = kind.replace("_", "-")
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def parse_channel(value: str, country_code: str | None, default_lang: str, taken: list[str]) -> ChannelSpec:
    kind, sep, rest = value.partition(":")
    kind = kind.strip().lower()
    if kind not in CHANNEL_KINDS:
        raise AnswerError(f"{kind!r} is not a kind of channel", "use one of: " + ", ".join(CHANNEL_KINDS))
    name, sep2, rest = rest.partition(":")
    if not sep or not sep2:
        raise AnswerError(
            f"{value!r} is not {CHANNEL_FORMAT}", 'write e.g. "email:E-Mail:hilfe@example.com:mon-fri 08:00-17:00"'
        )
    hours_part = DEFAULT_HOURS
    match = re.fullmatch(rf"(.*?):\s*((?:always|by_appointment|(?:{_DAYS})\b.*))", rest, re.IGNORECASE | re.DOTALL)
    contact_text = rest
    if match:
        contact_text, hours_part = match[1], match[2]
    return ChannelSpec(
        channel_id(kind, taken),
        kind,
        company(name or _kind_name(kind, default_lang)),
        _contact(contact_text, country_code, kind),
        hours(hours_part),
    )


def _kind_name(kind: str, lang: str) -> str:
    return words(lang)._(CHANNEL_KINDS[kind].label)


@dataclass
class PromiseSpec:
    kind: str
    channel: str
    within: str


def _commitment_fits(kind: str, channel_kind: str) -> bool:
    ck = CHANNEL_KINDS[channel_kind]
    return ck.written if kind == "reply" else ck.live


def parse_promise(value: str, channels: list[ChannelSpec]) -> PromiseSpec:
    from philosophy.durations import DurationField

    kind, _, rest = value.partition(":")
    channel, _, within = rest.partition(":")
    kind, channel = kind.strip().lower(), channel.strip()
    if kind not in ("reply", "answer"):
        raise AnswerError(
            f"{kind!r} is not 'reply' or 'answer'",
            "reply: a written reply within a time; answer: a person answers a call or chat",
        )
    found = next((c for c in channels if c.id == channel), None) or next(
        (c for c in channels if c.kind == channel), None
    )
    if found is None:
        raise AnswerError(f"no channel {channel!r}", "use one of: " + ", ".join(c.id for c in channels))
    if not _commitment_fits(kind, found.kind):
        raise AnswerError(
            f"{'a written reply' if kind == 'reply' else 'a person answering'} cannot be promised on "
            f"{found.id!r} (kind {found.kind})",
            "reply: e-mail, forms, messaging, social …; answer: phone, chat, video, store",
        )
    within = within.strip() or ("8h" if kind == "reply" else "5 min")
    _validated(DurationField, within)
    return PromiseSpec(kind, found.id, within)


def default_promise(channels: list[ChannelSpec]) -> PromiseSpec | None:
    for kind, within in (("reply", "8h"), ("answer", "5 min")):
        found = next((c for c in channels if _commitment_fits(kind, c.kind)), None)
        if found:
            return PromiseSpec(kind, found.id, within)
    return None


# --- the answers ---------------------------------------------------------------------------------


@dataclass
class Answers:
    company: str = ""
    url: str = ""
    languages: list[str] = field(default_factory=lambda: ["en"])
    country: str | None = None
    timezone: str = "UTC"
    timezone_note: str = ""
    channels: list[ChannelSpec] = field(default_factory=list)
    statement: dict[str, str | None] = field(default_factory=dict)
    promise: PromiseSpec | None = None


def from_flags(args: argparse.Namespace) -> Answers:
    """--yes: every value from the flags or a default; a bad flag stops with its message and hint."""
    a = Answers()
    missing = [flag for flag, value in (("--company", args.company), ("--url", args.url)) if not value]
    if missing:
        raise AnswerError(
            f"--yes needs {' and '.join(missing)}",
            "they have no sensible default; every other value has one (see --help)",
        )
    a.company = _flag("--company", company, args.company)
    a.url = _flag("--url", site_url, args.url)
    a.languages = _flag("--languages", languages, args.languages or "en")
    a.country = _flag("--country", country, args.country) if args.country else likely_region(a.languages[0])
    suggested, zones = suggested_timezone(a.country)
    a.timezone = _flag("--timezone", timezone, args.timezone) if args.timezone else (suggested or "UTC")
    if not args.timezone and several_clocks(zones):
        a.timezone_note = (
            f"{a.country} has {len(zones)} time zones; this one was suggested. Others: "
            + ", ".join(z for z in zones[:6] if z != a.timezone)
            + (" …" if len(zones) > 6 else "")
        )
    for raw in args.channel or [f"email::{_example_email(a.url)}:{DEFAULT_HOURS}"]:
        a.channels.append(
            _flag("--channel", lambda v: parse_channel(v, a.country, a.languages[0], [c.id for c in a.channels]), raw)
        )
    a.statement = {"critical_function": args.critical_function, "method": args.method, "big_picture": args.big_picture}
    a.promise = (
        _flag("--promise", lambda v: parse_promise(v, a.channels), args.promise)
        if args.promise
        else default_promise(a.channels)
    )
    return a


def _flag(name: str, check: Callable[[str], T], value: str) -> T:
    try:
        return check(value)
    except AnswerError as exc:
        raise AnswerError(f"{name} {value!r}: {exc}", exc.hint) from None


def _example_email(url: str) -> str:
    host = re.sub(r"^(www|service|kundservice|support|hilfe|help)\.", "", url.split("/")[2])
    return f"help@{host}"


class Terminal:
    """Questions in the terminal: an answer is checked at once and asked again with a hint if wrong."""

    def __init__(self, read: Callable[[str], str] = input, write: Callable[[str], None] = print) -> None:
        self.read, self.write = read, write

    def ask(self, question: str, check: Callable[[str], T], default: str | None = None) -> T:
        """The checked answer; asked again until there is one."""
        while True:
            answer = self._ask(question, check, default, None)
            if answer is not None:
                return answer

    def maybe(self, question: str, check: Callable[[str], T], default: str | None = None, *, empty: str) -> T | None:
        """The checked answer, or None when Enter is pressed (`empty` says what that means)."""
        return self._ask(question, check, default, empty)

    def _ask(self, question: str, check: Callable[[str], T], default: str | None, empty: str | None) -> T | None:
        shown = f" [{default}]" if default else (f" (Enter {empty})" if empty is not None else "")
        while True:
            try:
                raw = self.read(f"{question}{shown}: ").strip() or default or ""
            except EOFError:
                raise NoAnswerError from None
            if not raw:
                if empty is not None:
                    return None
                self.write("  This one is needed.")
                continue
            try:
                return check(raw)
            except AnswerError as exc:
                self.write(f"  {exc}" + (f"\n  hint: {exc.hint}" if exc.hint else ""))

    def step(self, n: int, text: str) -> None:
        self.write(f"\nStep {n} of {len(STEPS)}: {STEPS[n - 1]}. {text}")


def interview(args: argparse.Namespace, term: Terminal) -> Answers:
    a = Answers()
    term.write(
        "A new service philosophy in five steps. Press Enter to take the value in [brackets];\n"
        "answers are checked at once. Texts you leave for later are marked TODO in the file."
    )
    term.step(1, "Who are your customers, where are they, which languages do they speak?")
    a.company = term.ask("Company name, as customers know it", company, args.company)
    a.url = term.ask("Address of the public site (https://…/)", site_url, args.url)
    a.languages = term.ask(
        "Languages of the site, comma-separated, the default first (e.g. de,en)",
        languages,
        args.languages or "en",
    )
    a.country = term.ask(
        "Country, two letters (public holidays, national phone numbers)",
        country,
        args.country or likely_region(a.languages[0]),
    )
    suggested, zones = suggested_timezone(a.country)
    if several_clocks(zones) and not args.timezone:
        term.write(
            f"  {a.country} has {len(zones)} time zones, e.g. "
            + ", ".join(zones[:8])
            + (" …" if len(zones) > 8 else "")
        )
    a.timezone = term.ask(
        "Time zone of your opening hours",
        timezone,
        args.timezone or suggested or "UTC",
    )
    term.step(2, "How do customers reach you, and when? One channel at a time.")
    term.write(f"  Kinds: {', '.join(CHANNEL_KINDS)}")
    presets = list(args.channel or [])
    while True:
        first = not a.channels
        preset = presets.pop(0) if presets else None
        if preset:
            term.write(f"  from --channel: {preset}")
            a.channels.append(parse_channel(preset, a.country, a.languages[0], [c.id for c in a.channels]))
            continue
        kind = (
            term.ask("Kind of channel", _kind, "email")
            if first
            else term.maybe("Kind of channel", _kind, empty="when done")
        )
        if kind is None:
            break
        default_lang = a.languages[0]
        name = term.ask(
            f"  Name customers see ({Language(default_lang).name('en')})", company, _kind_name(kind, default_lang)
        )
        contact = term.ask(
            f"  Contact ({' or '.join(_A[f] for f in KIND_CONTACTS.get(kind, ('email',)))})",
            functools.partial(_contact, country_code=a.country, kind=kind),
            _example_email(a.url) if kind == "email" else None,
        )
        week = term.ask(
            "  Hours ('mon-fri 08:00-17:00; sat 10:00-14:00', 'always', 'by_appointment')", hours, DEFAULT_HOURS
        )
        a.channels.append(
            ChannelSpec(
                channel_id(kind, [c.id for c in a.channels]),
                kind,
                name,
                contact,
                week,
            )
        )
        term.write(f"  added channel {a.channels[-1].id!r}")
    term.step(
        3,
        "Three parts, in "
        f"{Language(a.languages[0]).name('en')}"
        + ("; the other languages are left as TODO to translate." if len(a.languages) > 1 else "."),
    )
    for part, question, preset in (
        (
            "critical_function",
            "Critical function: what do you critically do for your customers?",
            args.critical_function,
        ),
        ("method", "Method: how do you do it?", args.method),
        ("big_picture", "Big picture: what larger good does it serve?", args.big_picture),
    ):
        a.statement[part] = term.maybe(question, _text, preset, empty="to write it later")
    term.step(4, "With a number customers can hold you to.")
    default = default_promise(a.channels)
    if default is None:
        term.write("  None of your channels can promise a reply or an answer; add one later.")
    else:
        preset_kind, preset_channel, preset_within = default.kind, default.channel, None
        if args.promise:
            spec = parse_promise(args.promise, a.channels)
            preset_kind, preset_channel, preset_within = spec.kind, spec.channel, spec.within
        kind = term.ask(
            "Commitment: 'reply' (a written reply within a time) or 'answer' (a person answers a "
            "call or chat within a time)",
            functools.partial(_promise_kind, channels=a.channels),
            preset_kind,
        )
        fitting = [c.id for c in a.channels if _commitment_fits(kind, c.kind)]
        channel = term.ask(
            f"  On which channel ({', '.join(c.id for c in a.channels)})",
            lambda v: parse_promise(f"{kind}:{v}:", a.channels).channel,
            preset_channel if preset_channel in fitting else (fitting[0] if fitting else None),
        )
        a.promise = term.ask(
            "  Within (e.g. 8h, 30 min, 2 days)",
            lambda v: parse_promise(f"{kind}:{channel}:{v}", a.channels),
            preset_within or ("8h" if kind == "reply" else "5 min"),
        )
    term.step(5, "The file is written now; what to do next follows.")
    return a


def _kind(value: str) -> str:
    kind = value.strip().lower()
    if kind not in CHANNEL_KINDS:
        raise AnswerError(f"{kind!r} is not a kind of channel", "use one of: " + ", ".join(CHANNEL_KINDS))
    return kind


def _promise_kind(value: str, channels: list[ChannelSpec]) -> str:
    kind = value.strip().lower()
    if kind not in ("reply", "answer"):
        raise AnswerError(f"{kind!r} is neither 'reply' nor 'answer'", "type reply or answer")
    if not any(_commitment_fits(kind, c.kind) for c in channels):
        other = "answer" if kind == "reply" else "reply"
        raise AnswerError(
            f"none of your channels can promise {'a written reply' if kind == 'reply' else 'a person answering'}",
            f"type {other}",
        )
    return kind


def _text(value: str) -> str:
    text = value.strip()
    if len(text) > 500:
        raise AnswerError("that is long for one part of the statement", "one sentence, at most 500 characters")
    return text


# --- writing the file ----------------------------------------------------------------------------


def _public(values: dict[str, str], langs: list[str]) -> str | dict[str, str]:
    """A text customers read: one line per language (a plain line on a one-language site)."""
    return values[langs[0]] if len(langs) == 1 else {lang: values[lang] for lang in langs}


def _todo_public(text: str, langs: list[str]) -> str | dict[str, str]:
    return _public(dict.fromkeys(langs, text), langs)


def _answered(answer: str | None, todo: str, langs: list[str]) -> str | dict[str, str]:
    if not answer:
        return _todo_public(todo, langs)
    values = {lang: f"TODO: in {Language(lang).name('en')}: {answer}" for lang in langs}
    values[langs[0]] = answer
    return _public(values, langs)


def context(a: Answers, output: Path) -> dict[str, Any]:
    from philosophy.calendar import supported_holiday_calendars
    from philosophy.commitments import KINDS, Say

    langs = a.languages
    default = langs[0]
    names = {
        c.id: _public({lang: c.name if lang == default else _kind_name(c.kind, lang) for lang in langs}, langs)
        for c in a.channels
    }
    channels = []
    for c in a.channels:
        field_name, value = c.contact
        contact_value = _public(dict.fromkeys(langs, value), langs) if field_name == "address" else str(value)
        channels.append(
            {
                "id": c.id,
                "kind": c.kind,
                "name": names[c.id],
                "contact": [(field_name, contact_value)],
                "hours": c.hours,
            }
        )
    commitment = None
    example = dict.fromkeys(langs, "")
    if a.promise:
        commitment = {"kind": a.promise.kind, "channel": a.promise.channel, "within": a.promise.within}
        model = KINDS[a.promise.kind].model_validate(commitment)
        kinds = {c.id: c.kind for c in a.channels}
        for lang in langs:
            say = Say(words(lang), functools.partial(_name_in, names, lang), lambda ident: CHANNEL_KINDS[kinds[ident]])
            example[lang] = f", e.g. {model.sentence(say)}"
    promise_id = (
        "fast-reply" if a.promise and a.promise.kind == "reply" else ("quick-answer" if a.promise else "first-promise")
    )
    handbook = default
    schema = _schema_line(output)
    year = dt.date.today().year
    return {
        "schema": schema,
        "company": a.company,
        "url": a.url,
        "languages": langs,
        "default": default,
        "timezone": a.timezone,
        "timezone_note": a.timezone_note,
        "country": a.country,
        "holidays": a.country if a.country and a.country in supported_holiday_calendars() else None,
        "today": dt.date.today().isoformat(),
        "year": year,
        "kinds": " | ".join(CHANNEL_KINDS),
        "persona": {
            "name": "TODO: a name for a typical customer, e.g. Commuter Clara",
            "description": "TODO: who they are and what they need from you",
            "expects": "TODO: the service they expect: hours, speed, channel",
            "channels": [c.id for c in a.channels][:2],
        },
        "channels": channels,
        "statement": {part: _answered(a.statement.get(part), PLACEHOLDERS[part], langs) for part in PLACEHOLDERS}
        | {"background": f"TODO: for staff (in {Language(handbook).name('en')}): why the statement is worded this way"},
        "value_id": "first-value",
        "value": {
            "name": _todo_public("TODO: the name of a value, e.g. Straight answers", langs),
            "text": _todo_public("TODO: what the value means for customers", langs),
            "guidance": "TODO: for staff: how to live this value in a conversation",
        },
        "promise": {
            "id": promise_id,
            "title": _todo_public("TODO: a short title for the promise", langs),
            "text": _public({lang: f"TODO: the promise as customers read it{example[lang]}" for lang in langs}, langs),
            "commitment": commitment,
            "channels": [a.promise.channel] if a.promise else [c.id for c in a.channels][:1],
            "in_practice": "TODO: for staff: what the promise means in practice",
        },
        "review": {
            "how_we_keep": _todo_public("TODO: how you follow up that the promises are kept", langs),
            "trigger": _todo_public("TODO: a change in your customers that makes you review the philosophy", langs),
        },
    }


def _name_in(names: dict[str, str | dict[str, str]], lang: str, ident: str) -> str:
    name = names[ident]
    return name if isinstance(name, str) else name[lang]


def _schema_line(output: Path) -> str | None:
    """The schema path relative to the file when both are in this repository; None otherwise."""
    target = output.resolve()
    try:
        target.parent.relative_to(ROOT)
    except ValueError:
        return None
    return Path(os.path.relpath(SCHEMA, target.parent)).as_posix() if SCHEMA.exists() else None


def _quote(value: Any) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of YAML's)."""
    return json.dumps(str(value), ensure_ascii=False)


def _text_filter(value: str | dict[str, str], indent: int) -> str:
    if isinstance(value, str):
        return " " + _quote(value)
    return "".join(f"\n{' ' * indent}{lang}: {_quote(text)}" for lang, text in value.items())


@functools.cache
def _environment() -> Any:
    import jinja2

    # YAML, not HTML: there is nothing to HTML-escape; every scalar goes through `q` (a quoted YAML string).
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # noqa: S701
    )
    env.filters["q"] = _quote
    env.filters["text"] = _text_filter
    return env


def render(a: Answers, output: Path) -> str:
    return str(_environment().get_template(TEMPLATE).render(**context(a, output)))


def problems_besides_placeholders(path: Path) -> tuple[list[str], int]:
    """What `make check` (with --framework) reports as errors, other than TODO placeholders; and the
    number of placeholders."""
    from macros.site import framework_problems
    from philosophy.checks import check
    from philosophy.loader import load
    from philosophy.problems import PhilosophyError

    try:
        loaded = load(path)
    except PhilosophyError as exc:
        return [str(p) for p in exc.problems], 0
    problems = [p for p in framework_problems(loaded) + check(loaded) if p.severity == "error"]
    placeholder = "placeholder text from the template is still here"
    return [str(p) for p in problems if p.message != placeholder], sum(p.message == placeholder for p in problems)


def run_new(args: argparse.Namespace) -> int:
    output = Path(args.output or os.environ.get("FILE") or "philosophy.yml")
    if output.exists() and not args.force:
        print(
            f"{output} already exists: nothing was written (pass --force to overwrite it, or --output another file)",
            file=sys.stderr,
        )
        return 1
    try:
        if args.yes:
            answers = from_flags(args)
        elif not sys.stdin.isatty():
            print(
                "the questions need a terminal: run it in one, or pass --yes with flags (see --help)", file=sys.stderr
            )
            return 2
        else:
            with contextlib.suppress(ImportError):  # not on every platform
                import readline  # noqa: F401 - line editing for input()
            answers = interview(args, Terminal())
    except AnswerError as exc:
        print(f"error: {exc}" + (f"\n    hint: {exc.hint}" if exc.hint else ""), file=sys.stderr)
        return 2
    except NoAnswerError:
        print("\nno answer (end of input): nothing was written", file=sys.stderr)
        return 1
    text = render(answers, output)
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target first (so relative paths resolve as they will), checked, then moved.
    fd, tmp_name = tempfile.mkstemp(prefix=".new-", suffix=".yml", dir=output.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        errors, todos = problems_besides_placeholders(tmp)
        if errors:  # a bug in the template or a value no question checks: never write a broken file
            print(
                "the new file would not pass `make check`; nothing was written:\n" + "\n".join(errors), file=sys.stderr
            )
            return 1
        if output.exists() and not args.force:
            print(f"{output} appeared meanwhile: nothing was written", file=sys.stderr)
            return 1
        tmp.replace(output)
    finally:
        tmp.unlink(missing_ok=True)
    shown = str(output)
    print(
        f"\nwrote {shown}: {len(answers.channels)} channel(s), languages {'/'.join(answers.languages)}, "
        f"{todos} TODO text(s) to write.\n"
        "Next (step 5, share it):\n"
        f"  1. Replace the TODO texts: `make check FILE={shown}` lists them with their lines.\n"
        f"  2. Preview while you write: `make serve FILE={shown}` (public :8000, handbook :8001).\n"
        "  3. When `make check` says 0 errors: open a pull request, walk your team through the handbook,\n"
        "     publish the public site, and put the first review date in your calendar."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m publish new` (`make new`)."""
    parser = argparse.ArgumentParser(
        prog="publish new", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run_new(args)
    except KeyboardInterrupt:
        print("interrupted: nothing was written", file=sys.stderr)
        return 130
