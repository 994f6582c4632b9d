"""The typed model of philosophy.yml: the single schema.

Validation, the JSON Schema for editors, the public projection and the data templates read all come
from these classes. Every field declares its audience (`public(...)` or `internal(...)`). Only what
customers see must be complete: staff-only fields are optional, and `make check` lists what is still to
be written.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .audience import internal, public
from .calendar import HolidaySpec, SeasonSpec, supported_holiday_calendars
from .channel_kinds import CHANNEL_KINDS
from .commitments import KINDS, CommitmentKind
from .fields import (
    AssetPath,
    BranchName,
    Colour,
    Date,
    Email,
    Handle,
    Id,
    LanguageCode,
    Name,
    PhoneNumber,
    RepoUrl,
    SiteUrl,
    TimeZoneName,
    WebUrl,
    int_between,
)
from .hours import ALWAYS, BY_APPOINTMENT, DayHours, Week, parse_range, parse_week
from .texts import TEXT_SCHEMA, Text

CURRENT_VERSION = 2


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Publishable(Strict):
    """A section a company may choose to publish: when `publish` is false its public-looking fields are
    treated as staff-only (the projection drops them and the leak guard protects them)."""

    publish: bool = public("True to show this section on the public site.", default=False)


def _one_or_many(value: Any) -> Any:
    return value if isinstance(value, list) else ([] if value is None else [value])


def one_or_many(item_schema: dict[str, Any]) -> Any:
    return (
        BeforeValidator(_one_or_many),
        WithJsonSchema({"anyOf": [item_schema, {"type": "array", "items": item_schema}]}),
    )


# --- site ----------------------------------------------------------------------------------------

PageKey = Literal["promise", "contact", "review", "performance"]
HeadingKey = Literal["statement", "values", "promises", "figures", "channels", "steps", "motto", "week"]


def _holidays(value: Any) -> HolidaySpec | None:
    if value is None or value is False:
        return None
    if not isinstance(value, str):
        raise PydanticCustomError(
            "holidays",
            "expected a country code such as 'SE' or 'US-CA'; found {found}",
            {"found": repr(value)[:40], "hint": "write e.g. 'SE', 'DE-BE' or 'US-CA'"},
        )
    country, _, subdivision = value.strip().partition("-")
    known = supported_holiday_calendars()
    if country.upper() not in known:
        raise PydanticCustomError(
            "holidays",
            "no public-holiday calendar for country {found}",
            {
                "found": repr(value)[:40],
                "hint": "use an ISO 3166 country code the 'holidays' library knows, e.g. 'SE', 'DE', 'US', 'FI'",
            },
        )
    country = country.upper()
    if subdivision:
        subs = known[country]
        match = next((s for s in subs if s.upper() == subdivision.upper()), None)
        if match is None:
            shown = ", ".join(subs[:10]) + (f" … and {len(subs) - 10} more" if len(subs) > 10 else "")
            raise PydanticCustomError(
                "holidays",
                "{country} has no subdivision {found}",
                {
                    "country": country,
                    "found": repr(subdivision)[:20],
                    "hint": f"use one of: {shown}" if subs else f"{country} has no subdivisions: write '{country}'",
                },
            )
        return HolidaySpec(country, match)
    return HolidaySpec(country)


Holidays = Annotated[
    HolidaySpec | None,
    BeforeValidator(_holidays),
    WithJsonSchema(
        {
            "x-kind": "structured",
            "anyOf": [{"type": "string", "pattern": "^[A-Z]{2,3}(-[A-Za-z0-9]+)?$"}, {"const": False}],
            "examples": ["SE", "US-CA"],
        }
    ),
]


def _country(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2}", value):
        raise PydanticCustomError(
            "country",
            "expected a two-letter country code; found {found}",
            {"found": repr(value)[:40], "hint": "write an ISO 3166 code such as 'SE' or 'US'"},
        )
    import phonenumbers

    if value.upper() not in phonenumbers.SUPPORTED_REGIONS:
        raise PydanticCustomError(
            "country",
            "unknown country code {found}",
            {"found": repr(value), "hint": "write an ISO 3166 code such as 'SE' or 'US'"},
        )
    return value.upper()


Country = Annotated[
    str, BeforeValidator(_country), WithJsonSchema({"x-kind": "structured", "type": "string", "examples": ["SE"]})
]


class PageText(Strict):
    title: Text | None = public("Page title in the browser tab and in search results.", default=None)
    description: Text | None = public("Meta description for search engines: one or two sentences.", default=None)


class Brand(Strict):
    logo: AssetPath | None = public(
        "Logo file next to philosophy.yml (SVG or PNG), shown in the header.", example="brand/logo.svg", default=None
    )
    favicon: AssetPath | None = public(
        "Favicon file next to philosophy.yml (PNG, SVG or ICO).", example="brand/favicon.png", default=None
    )
    primary: Colour | None = public(
        "Header and accent colour; white text on it must reach WCAG AA (4.5:1).", example="#1f4e3d", default=None
    )
    accent: Colour | None = public("Link colour on white; must reach WCAG AA (4.5:1).", example="#0b5cad", default=None)


class Site(Strict):
    company: Name = public("The company's name as customers know it.", example="Hjulverket")
    url: SiteUrl = public("The public site's address, ending with a slash.", example="https://service.example.com/")
    handbook_url: SiteUrl | None = internal(
        "Where the staff handbook is hosted (behind single sign-on).",
        example="https://handbook.example.com/",
        default=None,
    )
    repository: RepoUrl | None = internal(
        "Repository web address, for the handbook's edit links.",
        example="https://github.com/company/service-philosophy",
        default=None,
    )
    branch: BranchName = internal("Branch the edit links open.", default="main", config=True)
    languages: list[LanguageCode] = public(
        "Languages the public site is published in ('de', 'en-US' …).",
        example=["sv", "en"],
        min_length=1,
        max_length=60,
    )
    default_language: LanguageCode | None = public(
        "Language of the site's root pages and of plain (one-language) public texts. Default: the first language.",
        example="sv",
        default=None,
    )
    handbook_language: LanguageCode | None = internal(
        "Language of the staff handbook and of plain staff-only texts. Default: the default language.",
        example="en",
        default=None,
    )
    fallback_to_default: bool = public(
        "If true, a text missing in a language shows the default language instead of being an error.", default=False
    )
    timezone: TimeZoneName = public("IANA time zone of the opening hours.", example="Europe/Stockholm")
    country: Country | None = public(
        "Two-letter country code: national phone numbers and where we serve.", example="SE", default=None
    )
    holidays: Holidays = public(
        "Public holidays observed: country, optionally with region ('SE', 'US-CA').", example="SE", default=None
    )
    pages: dict[PageKey, PageText] = public(
        "Titles and descriptions of public pages (defaults are translated).", default_factory=dict
    )
    headings: dict[HeadingKey, Text] = public("Headings the company renames on the public pages.", default_factory=dict)
    brand: Brand = public("Logo, favicon and colours.", default_factory=Brand)

    @property
    def default(self) -> str:
        return self.default_language or self.languages[0]

    @property
    def handbook(self) -> str:
        return self.handbook_language or self.default


# --- statement and values ------------------------------------------------------------------------


class Statement(Strict):
    critical_function: Text = public("What the company critically does for its customers.")
    method: Text = public("How it does that: the method.")
    big_picture: Text = public("The inspiring big-picture line.")
    summary: Text | None = public(
        "One-sentence summary for search engines (default: the critical function).", default=None
    )
    motto: Text | None = public("A motto or credo, as some companies state it (Ritz-Carlton's Credo).", default=None)
    values_ranked: bool = public(
        "True when the values are listed in order of priority (first comes first).", default=False
    )
    background: Text | None = internal("For staff: why the statement is worded this way.", default=None)


class Value(Strict):
    id: Id = public("Stable identifier; promises refer to it.", example="straight-answers")
    name: Text = public("Name of the value.")
    text: Text = public("What the value means, for customers.")
    guidance: Text | None = internal("For staff: how to live this value in a conversation.", default=None)


# --- promises ------------------------------------------------------------------------------------

# The discriminated union is built from the registry: an extension's kind is part of it. Type checkers
# see the base class, which declares every method a kind has.
if TYPE_CHECKING:
    Commitment = CommitmentKind
else:
    Commitment = Annotated[functools.reduce(lambda a, b: a | b, KINDS.values()), Field(discriminator="kind")]


class Example(Strict):
    situation: Text = internal("The customer's message or situation.")
    reply: Text = internal("The reply.")
    why: Text = internal("Why it is good, or why it is poor.")
    channel: Id | None = internal("Channel id the reply is written for (used in help-desk exports).", default=None)


ReviewMonths = Annotated[int, *int_between(1, 60, "months")]


class Promise(Strict):
    id: Id = public("Stable identifier (lowercase, digits, hyphens); never reuse one.", example="fast-reply")
    title: Text = public("Short title of the promise.")
    text: Text = public("The promise as customers read it.")
    commitments: list[Commitment] = public("Measurable commitments the promise makes.", default_factory=list)
    channels: list[Id] = public("Channels the promise involves.", default_factory=list)
    values: list[Id] = public("Values this promise supports.", default_factory=list)
    last_reviewed: Date | None = public("Date of the last review (YYYY-MM-DD).", example="2026-09-15", default=None)
    review_every_months: ReviewMonths = public("Review interval in months.", default=12)
    owner: Name | None = internal(
        "Role or team that owns the promise.", example="Head of customer service", default=None
    )
    in_practice: Text | None = internal("What the promise means in practice for staff.", default=None)
    do: list[Text] = internal("What to do.", default_factory=list)
    dont: list[Text] = internal("What not to do.", default_factory=list)
    good_examples: list[Example] = internal("Good example replies, with why.", default_factory=list)
    poor_examples: list[Example] = internal("Poor example replies, with why.", default_factory=list)
    tips: list[Text] = internal("Tips for staff.", default_factory=list)


# --- channels ------------------------------------------------------------------------------------


def _channel_kind(value: Any) -> str:
    if not isinstance(value, str) or value not in CHANNEL_KINDS:
        raise PydanticCustomError(
            "channel_kind",
            "{found} is not a kind of channel",
            {"found": repr(value)[:40], "hint": "use one of: " + ", ".join(CHANNEL_KINDS)},
        )
    return value


ChannelKindName = Annotated[
    str,
    BeforeValidator(_channel_kind),
    WithJsonSchema({"x-kind": "structured", "type": "string", "enum": list(CHANNEL_KINDS)}),
]


def _hours_range(value: Any) -> str:
    parse_range(value)
    return str(value)


HoursRange = Annotated[
    str,
    BeforeValidator(_hours_range),
    WithJsonSchema({"x-kind": "structured", "type": "string", "examples": ["08:00-17:00", "closed", "18:00-02:00"]}),
]


def _week(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in (ALWAYS, BY_APPOINTMENT):
        return value.strip().lower()
    if not isinstance(value, dict):
        raise PydanticCustomError(
            "hours",
            "expected one line per day, 'always' or 'by_appointment'",
            {"hint": "write e.g. 'mon-fri: \"08:00-17:00\"' under hours:"},
        )
    for key, item in value.items():
        if not isinstance(key, str):
            raise PydanticCustomError("hours", "{key} is not a weekday", {"key": repr(key), "hint": "use mon..sun"})
        if not isinstance(item, str):
            raise PydanticCustomError(
                "hours",
                "the hours for {key} are {found}, not text",
                {"key": repr(key), "found": repr(item)[:30], "hint": 'quote the hours: "08:00-17:00"'},
            )
    parse_week(value)
    return value


WeekHours = Annotated[
    dict[str, str] | Literal["always", "by_appointment"],
    BeforeValidator(_week),
    WithJsonSchema(
        {
            "x-kind": "structured",
            "anyOf": [
                {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "propertyNames": {
                        "pattern": "^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$|^daily$"
                    },
                },
                {"enum": ["always", "by_appointment"]},
            ],
            "examples": [{"mon-fri": "08:00-17:00", "sat": "10:00-14:00", "sun": "closed"}],
        }
    ),
]


def _month_day(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\d{2}-\d{2}", value.strip()):
        month, day = (int(x) for x in value.strip().split("-"))
        try:
            dt.date(2024, month, day)
        except ValueError:
            raise PydanticCustomError(
                "season_date",
                "{found} is not a month and day",
                {"found": repr(value), "hint": "write MM-DD (every year) or YYYY-MM-DD"},
            ) from None
        return (month, day)
    from .fields import _date

    return _date(value)


SeasonDate = Annotated[
    dt.date | tuple[int, int],
    BeforeValidator(_month_day),
    WithJsonSchema({"x-kind": "structured", "type": "string", "examples": ["06-22", "2026-06-22"]}),
]


class Season(Strict):
    name: Text | None = public("What the season is called, e.g. Summer hours.", default=None)
    start: SeasonDate = public("First day: MM-DD (every year) or YYYY-MM-DD (once).", example="06-22", alias="from")
    end: SeasonDate = public("Last day (inclusive): MM-DD or YYYY-MM-DD.", example="08-16", alias="to")
    hours: WeekHours = public("The week's hours during the season.")

    @model_validator(mode="after")
    def _same_form(self) -> Season:
        if isinstance(self.start, tuple) != isinstance(self.end, tuple):
            raise PydanticCustomError(
                "season",
                "'from' and 'to' must both be MM-DD or both YYYY-MM-DD",
                {"hint": "write e.g. from: '06-22' and to: '08-16'"},
            )
        if isinstance(self.start, dt.date) and isinstance(self.end, dt.date) and self.end < self.start:
            raise PydanticCustomError("season", "the season ends before it starts", {"hint": "swap 'from' and 'to'"})
        return self


class SpecialDay(Strict):
    date: Date = public("The date (YYYY-MM-DD).", example="2026-12-24")
    name: Text = public("What the day is, e.g. Christmas Eve.")
    hours: HoursRange = public("Hours that day: 'closed' or '10:00-14:00'.", example="closed")


class Contact(Strict):
    phone: Annotated[list[PhoneNumber], *one_or_many({"x-kind": "structured", "type": "string"})] = public(
        "Phone number(s), in international form ('+46 31 12 34 56') or national with site.country.",
        example="+46 31 12 34 56",
        default_factory=list,
    )
    email: Annotated[list[Email], *one_or_many({"x-kind": "structured", "type": "string", "format": "email"})] = public(
        "E-mail address(es).", example="help@example.com", default_factory=list
    )
    url: WebUrl | None = public("Web address (https) of the channel: a chat page, a profile, a form.", default=None)
    handle: Annotated[list[Handle], *one_or_many({"x-kind": "structured", "type": "string"})] = public(
        "Account name(s) on a social network or messaging app, e.g. '@company'.", default_factory=list
    )
    app: Name | None = public("The messaging app, e.g. WhatsApp.", default=None)
    address: Annotated[list[Text], *one_or_many(TEXT_SCHEMA)] = public(
        "Street or postal address(es).", default_factory=list
    )


class Channel(Strict):
    id: Id = public("Stable identifier; promises and personas refer to it.", example="email")
    kind: ChannelKindName = public("Type of channel.", example="email")
    name: Text = public("Name shown to customers.")
    description: Text | None = public("How to reach us here, for customers.", default=None)
    contact: Contact = public("How to reach the channel.", default_factory=Contact)
    timezone: TimeZoneName | None = public("Time zone of this channel's hours (default: the site's).", default=None)
    holidays: Holidays = public(
        "Public holidays this channel closes on (default: the site's); false for none.", default=None
    )
    holiday_hours: HoursRange = public("Hours on public holidays: 'closed' or e.g. '10:00-14:00'.", default="closed")
    hours: WeekHours = public(
        "Opening hours: one line per day or range ('mon-fri'), 'always' or 'by_appointment'.", default="by_appointment"
    )
    seasons: list[Season] = public("Other hours in part of the year (summer hours).", default_factory=list)
    exceptions: list[SpecialDay] = public(
        "Days with other hours (named overrides of public holidays too).", default_factory=list
    )
    languages: list[LanguageCode] = public(
        "Languages served on this channel (default: the site's).", default_factory=list
    )
    response_target: Text | None = public("Reply-time target in plain words, as customers read it.", default=None)
    escalation: Text | None = internal("For staff: when and to whom to escalate.", default=None)
    tone: Text | None = internal("For staff: the tone on this channel.", default=None)

    @functools.cached_property
    def week(self) -> Week:
        return parse_week(self.hours)

    @property
    def by_appointment(self) -> bool:
        return self.hours == BY_APPOINTMENT

    def holiday_hours_parsed(self) -> DayHours:
        return parse_range(self.holiday_hours)

    def season_specs(self) -> list[SeasonSpec]:
        return [SeasonSpec(s.start, s.end, parse_week(s.hours), s.name) for s in self.seasons]


# --- staff sections ------------------------------------------------------------------------------


class Persona(Strict):
    id: Id = internal("Stable identifier.")
    name: Text = internal("Persona name.")
    segment: Literal["b2c", "b2b", "public_sector", "other"] = internal("Customer segment.", default="b2c")
    description: Text | None = internal("Who they are.", default=None)
    expects: Text | None = internal("Service expectations, e.g. 24/7 or office hours.", default=None)
    tone: Literal["formal", "informal"] | None = internal("Preferred tone.", default=None)
    preferences: Text | None = internal("Other preferences.", default=None)
    channels: list[Id] = internal("Preferred channels, most preferred first.", default_factory=list)
    key_promises: list[Id] = internal("Promises that matter most to this persona.", default_factory=list)
    playbook: Text | None = internal("How to serve this persona.", default=None)


class ToneRule(Strict):
    situation: Text = internal("The channel or situation.")
    tone: Text = internal("How the tone shifts.")
    example: Text | None = internal("An example line.", default=None)


class WordAdvice(Strict):
    word: Text = internal("The word or phrase.")
    example: Text | None = internal("An example, or a better alternative.", default=None)


class Tone(Strict):
    voice: Text | None = internal("The brand voice in a few sentences.", default=None)
    per_channel: dict[Id, ToneRule] = internal("Tone per channel id.", default_factory=dict)
    per_situation: list[ToneRule] = internal("Tone per situation.", default_factory=list)
    use: list[WordAdvice] = internal("Words and phrases to use.", default_factory=list)
    avoid: list[WordAdvice] = internal(
        "Words and phrases to avoid; the check warns when texts use them.", default_factory=list
    )


class Step(Strict):
    name: Text = public("Name of the step (public only when the steps are published).")
    text: Text = public("What happens in this step (public only when the steps are published).")
    example: Text | None = internal("For staff: an example.", default=None)


class StepsOfService(Publishable):
    steps: list[Step] = public("The steps of every service interaction, in order.", default_factory=list)


def _steps(value: Any) -> Any:
    return {"steps": value} if isinstance(value, list) else value  # version 1 wrote a bare list


class Department(Strict):
    id: Id = internal("Stable identifier.")
    name: Text = internal("Department name.")
    lives_it: Text | None = internal("How the department lives the philosophy.", default=None)
    practices: list[Text] = internal("Concrete practices.", default_factory=list)


class Trigger(Strict):
    kind: Literal["customers_change", "customer_base_grows", "new_market", "internal_change", "other"] = public(
        "What kind of change triggers a review."
    )
    text: Text = public("The trigger, in plain words for customers.")
    watch: Text | None = internal("For staff: the signal to watch and who raises it.", default=None)


CadenceMonths = Annotated[int, *int_between(1, 36, "months")]


class Review(Strict):
    cadence_months: CadenceMonths = public("The whole philosophy is reviewed at least this often.", default=12)
    last_review: Date | None = public("Date of the last full review.", default=None)
    triggers: list[Trigger] = public("Changes that start a review before the cadence is due.", default_factory=list)
    how_we_keep: Text | None = public("How the promises are kept and followed up, for customers.", default=None)
    process: Text | None = internal("For staff: how a review runs and who takes part.", default=None)


class Inspiration(Strict):
    name: Name = internal("Company the philosophy comes from.")
    idea: Text = internal("Its philosophy in short.")
    key_tip: Text | None = internal("The key tip for us.", default=None)


class ColumnMapping(Strict):
    """How another help desk's export maps onto the product's columns."""

    kind: Literal["written", "calls"] = internal("Which kind of contacts the files hold.")
    files: str = internal("File name pattern inside the metrics folder, e.g. 'freshdesk-*.csv'.")
    format: Literal["columns", "zendesk"] = internal(
        "'columns' (named below) or 'zendesk' (Zendesk's ticket export).", default="columns"
    )
    columns: dict[Literal["channel", "received_at", "replied_at", "queued_at", "answered_at", "abandoned_at"], str] = (
        internal("Our column -> the export's column name.", default_factory=dict)
    )
    channels: dict[str, Id] = internal("The export's channel values -> our channel ids.", default_factory=dict)
    exported_at: Date | None = internal("When the export was taken (default: its latest timestamp).", default=None)


MinContacts = Annotated[int, *int_between(1, 1_000_000, "contacts")]


class Metrics(Strict):
    folder: str = internal("Folder of help-desk exports next to philosophy.yml.", default="metrics")
    min_contacts: MinContacts = internal("Months with fewer contacts are shown as too few to report.", default=30)
    max_bad_share: Annotated[float, Field(ge=0, le=1)] = internal(
        "The build stops if more than this share of rows is bad (0.05 = 5%).", default=0.05
    )
    mappings: list[ColumnMapping] = internal("Column mappings for exports from other tools.", default_factory=list)


# --- the whole file ------------------------------------------------------------------------------


def _version(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PydanticCustomError(
            "version",
            "expected a format version such as {current}; found {found}",
            {"current": CURRENT_VERSION, "found": repr(value)[:20], "hint": f"write 'version: {CURRENT_VERSION}'"},
        )
    if value > CURRENT_VERSION:
        raise PydanticCustomError(
            "version",
            "the file is written for format version {found}; this tool reads up to version {current}",
            {"found": value, "current": CURRENT_VERSION, "hint": "update the tool (git pull) before editing this file"},
        )
    return value


Version = Annotated[
    int,
    BeforeValidator(_version),
    WithJsonSchema({"x-kind": "structured", "type": "integer", "minimum": 1, "maximum": CURRENT_VERSION}),
]


class Philosophy(Strict):
    version: Version = public("Version of the file format; `python -m philosophy migrate` updates it.", default=1)
    site: Site = public("About the site, its languages and brand.")
    statement: Statement = public("The three-part service statement.")
    values: list[Value] = public("The pillars of the philosophy.", min_length=1)
    promises: list[Promise] = public("Promises that support the statement.", min_length=1)
    channels: list[Channel] = public("Ways customers reach us.", min_length=1)
    personas: list[Persona] = internal("Buyer personas and their expectations.", default_factory=list)
    tone: Tone = internal("Tone of voice.", default_factory=Tone)
    steps_of_service: Annotated[StepsOfService, BeforeValidator(_steps)] = public(
        "The steps of every service interaction; published when `publish: true`.", default_factory=StepsOfService
    )
    departments: list[Department] = internal("How each department lives the philosophy.", default_factory=list)
    review: Review = public("When and why the philosophy is reviewed.", default_factory=Review)
    inspiration: list[Inspiration] = internal("Model philosophies and their key tips.", default_factory=list)
    metrics: Metrics = internal(
        "Where help-desk exports are and how they are read.", default_factory=Metrics, config=True
    )

    @functools.cached_property
    def channel_by_id(self) -> dict[str, Channel]:
        return {c.id: c for c in self.channels}

    @functools.cached_property
    def promise_by_id(self) -> dict[str, Promise]:
        return {p.id: p for p in self.promises}

    @functools.cached_property
    def value_by_id(self) -> dict[str, Value]:
        return {v.id: v for v in self.values}


__all__ = ["CURRENT_VERSION", "Channel", "Philosophy", "Promise", "Publishable", "Site"]
