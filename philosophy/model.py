"""The typed model of philosophy.yml: the single schema.

Validation, the JSON Schema for editors, the public projection and the data handed to templates all
come from these classes. Every field declares its audience; what is not declared public is internal.
"""
from __future__ import annotations

import re
import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    computed_field,
    field_validator,
)

from .hours import WEEKDAYS, parse_range, parse_week, parse_week_minutes
from .durations import parse_duration

AUDIENCE = "x-audience"


def public(description: str, **kw: Any) -> Any:
    """A field customers may see."""
    return Field(description=description, json_schema_extra={AUDIENCE: "public"}, **kw)


def internal(description: str, **kw: Any) -> Any:
    """A field for staff only: never handed to the public build."""
    return Field(description=description, json_schema_extra={AUDIENCE: "internal"}, **kw)


def _text(value: Any) -> Any:
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("text is empty")
        return value
    if isinstance(value, dict):
        for lang, text in value.items():
            if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", lang):
                raise ValueError(f"language code {lang!r} is not a code like 'sv' or 'en'")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"the {lang!r} text is empty or not text")
        if not value:
            raise ValueError("text map is empty")
        return value
    raise ValueError(f"expected text, or a map of language code to text; found {type(value).__name__}")


# A text is a plain string (the default language) or a map language -> string.
Text = Annotated[
    Union[str, dict[str, str]],
    BeforeValidator(_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "object", "additionalProperties": {"type": "string", "minLength": 1},
                 "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z]{2,4})?$"}},
            ],
            "x-kind": "text",
        }
    ),
]

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")]


def _duration(value: str) -> str:
    parse_duration(value)
    return value


Duration = Annotated[
    str,
    AfterValidator(_duration),
    WithJsonSchema({"type": "string", "pattern": r"^(P.*|\d+\s*[a-zA-Z ]+)$",
                    "examples": ["24h", "30 min", "2 days", "PT8H"]}),
]


def _range(value: str) -> str:
    parse_range(value)
    return value


HoursRange = Annotated[
    str, AfterValidator(_range),
    WithJsonSchema({"type": "string", "examples": ["08:00-17:00", "closed", "00:00-24:00"]}),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Page(Strict):
    title: Text = public("Page title shown in the browser tab and in search results.")
    description: Text = public("Meta description for search engines: one or two sentences.")


class Site(Strict):
    company: str = public("The company's name as customers know it.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+/$")] = public(
        "Public site URL, ending with a slash.")
    repository: Annotated[str, StringConstraints(pattern=r"^https://[^\s]+[^/]$")] = internal(
        "Repository web URL (no trailing slash); used for the handbook's edit links.")
    branch: Annotated[str, StringConstraints(pattern=r"^[\w./-]+$")] = internal(
        "Branch the edit links open.", default="main")
    languages: list[Lang] = public("Languages the public site is published in.", min_length=1)
    default_language: Lang = public("The language of plain (non-map) texts.")
    fallback_to_default: bool = public(
        "If true, a text missing in a language shows the default language instead of being an error.",
        default=False)
    timezone: str = public("IANA time zone of the opening hours, e.g. Europe/Stockholm.")
    pages: dict[Literal["promise", "contact", "review"], Page] = public(
        "Title and meta description of each public page.")


class Statement(Strict):
    critical_function: Text = public("What the company critically does for its customers.")
    method: Text = public("How it does that: the method.")
    big_picture: Text = public("The inspiring big-picture line.")
    summary: Text = public("One-sentence summary for search engines.")
    background: Text = internal("For staff: why the statement is worded this way.")


class Value(Strict):
    id: Id = public("Stable identifier; promises refer to it.")
    name: Text = public("Name of the value.")
    text: Text = public("What the value means, for customers.")
    guidance: Text = internal("For staff: how to live this value in a conversation.")


class _Commitment(Strict):
    note: Text | None = internal("For staff: how the commitment is measured or followed up.",
                                 default=None)


class Reply(_Commitment):
    kind: Literal["reply"] = public("First reply to a written message.")
    channel: Id = public("Channel id the reply is promised on.")
    within: Duration = public("Longest wait for the first reply, e.g. '8h', '2 days', 'PT24H'.")
    counts: Literal["opening_hours", "calendar"] = public(
        "Whether the time counts only the channel's opening hours or calendar time.")


class Answer(_Commitment):
    kind: Literal["answer"] = public("A call or chat answered by a person.")
    channel: Id = public("Channel id.")
    within: Duration = public("Longest queue time, e.g. '3 min'. Counted within opening hours.")


class Available(_Commitment):
    kind: Literal["available"] = public("The channel is open for customers.")
    channel: Id = public("Channel id.")
    around_the_clock: bool = public("True when the promise is 24/7; the channel must then be open 24/7.",
                                    default=False)


class Returns(_Commitment):
    kind: Literal["returns"] = public("Right to return goods.")
    days: int = public("Days the customer has to return goods.", ge=1, le=3650)
    free: bool = public("True when returns cost the customer nothing.", default=False)


class Refund(_Commitment):
    kind: Literal["refund"] = public("Money back after a return or complaint.")
    within: Duration = public("Longest time until the money is paid back.")


class Other(_Commitment):
    kind: Literal["other"] = public("A commitment that is not measured in time.")
    text: Text = public("The commitment in plain words.")


Commitment = Annotated[
    Union[Reply, Answer, Available, Returns, Refund, Other], Field(discriminator="kind")]


class Example(Strict):
    situation: Text = internal("The customer's message or situation.")
    reply: Text = internal("The reply.")
    why: Text = internal("Why it is good, or why it is poor.")


class Promise(Strict):
    id: Id = public("Stable identifier (lowercase, digits, hyphens); never reuse one.")
    title: Text = public("Short title of the promise.")
    text: Text = public("The promise as customers read it.")
    commitments: list[Commitment] = public("Measurable commitments the promise makes.",
                                           default_factory=list)
    channels: list[Id] = public("Channels the promise involves.", default_factory=list)
    values: list[Id] = public("Values this promise supports.", default_factory=list)
    last_reviewed: dt.date = public("Date of the last review (YYYY-MM-DD).")
    review_every_months: int = public("Review interval in months.", ge=1, le=60)
    owner: str = internal("Role or team that owns the promise.", min_length=1)
    in_practice: Text = internal("What the promise means in practice for staff.")
    do: list[Text] = internal("What to do.", min_length=1)
    dont: list[Text] = internal("What not to do.", min_length=1)
    good_examples: list[Example] = internal("Good example replies, with why.", min_length=1)
    poor_examples: list[Example] = internal("Poor example replies, with why.", min_length=1)
    tips: list[Text] = internal("Tips for staff.", min_length=1)


class SpecialDay(Strict):
    date: dt.date = public("The date (YYYY-MM-DD).")
    name: Text = public("What the day is, e.g. Christmas Eve.")
    hours: HoursRange = public("Hours that day: 'closed' or '10:00-14:00'.")


class Contact(Strict):
    phone: str | None = public("Phone number in international form.", default=None)
    email: str | None = public("E-mail address.", default=None)
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = public(
        "Web address (https).", default=None)
    handle: str | None = public("Social media handle, e.g. @company.", default=None)
    address: Text | None = public("Street address of a store.", default=None)


class Channel(Strict):
    id: Id = public("Stable identifier; promises and personas refer to it.")
    kind: Literal["phone", "email", "chat", "social", "self_service", "store"] = public(
        "Type of channel.")
    name: Text = public("Name shown to customers.")
    description: Text = public("How to reach us here, for customers.")
    contact: Contact = public("How to reach the channel.")
    hours: dict[str, HoursRange] = public(
        "Opening hours: keys mon..sun or ranges such as mon-fri; values '08:00-17:00' or 'closed'.")
    exceptions: list[SpecialDay] = public("Holidays and other days with other hours.",
                                          default_factory=list)
    languages: list[Lang] = public("Languages served on this channel.", min_length=1)
    response_target: Text = public("Reply-time target in plain words, as customers read it.")
    escalation: Text = internal("For staff: when and to whom to escalate.")
    tone: Text = internal("For staff: the tone on this channel.")

    @field_validator("hours")
    @classmethod
    def _week_is_consistent(cls, hours: dict[str, str]) -> dict[str, str]:
        parse_week_minutes(hours)  # raises on unknown day keys and clashes
        return hours

    @computed_field(json_schema_extra={AUDIENCE: "public"})  # type: ignore[prop-decorator]
    @property
    def week(self) -> list[list[tuple[str, str]]]:
        """Opening intervals per weekday, Monday first, as ('HH:MM', 'HH:MM')."""
        return parse_week(self.hours)

    @property
    def always_open(self) -> bool:
        return all(day == [(0, 1440)] for day in parse_week_minutes(self.hours))


class Persona(Strict):
    id: Id = internal("Stable identifier.")
    name: Text = internal("Persona name.")
    segment: Literal["b2c", "b2b", "public_sector"] = internal("Customer segment.")
    description: Text = internal("Who they are.")
    expects: Text = internal("Service expectations, e.g. 24/7 or office hours.")
    tone: Literal["formal", "informal"] = internal("Preferred tone.")
    preferences: Text = internal("Other preferences.")
    channels: list[Id] = internal("Preferred channels, most preferred first.", min_length=1)
    key_promises: list[Id] = internal("Promises that matter most to this persona.",
                                      default_factory=list)
    playbook: Text = internal("How to serve this persona.")


class ToneRule(Strict):
    situation: Text = internal("The channel or situation.")
    tone: Text = internal("How the tone shifts.")
    example: Text = internal("An example line.")


class WordAdvice(Strict):
    word: Text = internal("The word or phrase.")
    example: Text = internal("An example, or a better alternative.")


class Tone(Strict):
    voice: Text = internal("The brand voice in a few sentences.")
    per_channel: dict[Id, ToneRule] = internal("Tone per channel id.")
    per_situation: list[ToneRule] = internal("Tone per situation.", default_factory=list)
    use: list[WordAdvice] = internal("Words and phrases to use.", default_factory=list)
    avoid: list[WordAdvice] = internal("Words and phrases to avoid; the check warns when texts use them.",
                                       default_factory=list)


class Step(Strict):
    name: Text = internal("Name of the step.")
    text: Text = internal("What staff do in this step.")
    example: Text = internal("An example.")


class Department(Strict):
    id: Id = internal("Stable identifier.")
    name: Text = internal("Department name.")
    lives_it: Text = internal("How the department lives the philosophy.")
    practices: list[Text] = internal("Concrete practices.", min_length=1)


class Trigger(Strict):
    kind: Literal["customers_change", "customer_base_grows", "new_market", "internal_change", "other"] = (
        public("What kind of change triggers a review."))
    text: Text = public("The trigger, in plain words for customers.")
    watch: Text = internal("For staff: the signal to watch and who raises it.")


class Review(Strict):
    cadence_months: int = public("The whole philosophy is reviewed at least this often.", ge=1, le=36)
    last_review: dt.date = public("Date of the last full review.")
    triggers: list[Trigger] = public("Changes that start a review before the cadence is due.",
                                     min_length=1)
    how_we_keep: Text = public("How the promises are kept and followed up, for customers.")
    process: Text = internal("For staff: how a review runs and who takes part.")


class Inspiration(Strict):
    name: str = internal("Company the philosophy comes from.")
    idea: Text = internal("Its philosophy in short.")
    key_tip: Text = internal("The key tip for us.")


class Philosophy(Strict):
    site: Site = public("About the site and its languages.")
    statement: Statement = public("The three-part service statement.")
    values: list[Value] = public("The pillars of the philosophy.", min_length=1)
    promises: list[Promise] = public("Promises that support the statement.", min_length=1)
    channels: list[Channel] = public("Ways customers reach us.", min_length=1)
    personas: list[Persona] = internal("Buyer personas and their expectations.", min_length=1)
    tone: Tone = internal("Tone of voice.")
    steps_of_service: list[Step] = internal("The steps of every service interaction.", min_length=1)
    departments: list[Department] = internal("How each department lives the philosophy.",
                                             min_length=1)
    review: Review = public("When and why the philosophy is reviewed.")
    inspiration: list[Inspiration] = internal("Model philosophies and their key tips.",
                                              default_factory=list)


__all__ = ["Philosophy", "Promise", "Channel", "Text", "AUDIENCE", "WEEKDAYS"]
