"""What the pages show, worked out once per language: texts in the reader's language, commitments in
plain words and figures, channels with contact links and hours, the week grid, the open-now data and the
JSON-LD. Templates only lay these out; nothing here is markup.

Every value from the YAML stays plain text here: templates escape it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from .calendar import Calendar, DayPlan
from .channel_kinds import CHANNEL_KINDS
from .checks import add_months
from .commitments import CommitmentKind, Data, Figure, Say
from .hours import DAY, DayHours, is_always_open
from .i18n import Words, words
from .languages import likely_region
from .model import Channel, Philosophy, Promise
from .schedule import calendar_for
from .texts import TextValue, text_in

UPCOMING_DAYS = 365
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class ContactItem:
    label: str
    text: str
    href: str | None = None  # always built here from validated values: https:, mailto: or tel:
    lang: str | None = None


@dataclass(frozen=True)
class HoursRow:
    days: str
    hours: str


@dataclass(frozen=True)
class SpecialDay:
    iso: str
    date: str
    name: str
    hours: str


@dataclass(frozen=True)
class SeasonView:
    name: str
    dates: str
    rows: list[HoursRow]


@dataclass
class ChannelView:
    id: str
    name: str
    kind: str
    kind_label: str
    description: str
    contacts: list[ContactItem]
    always_open: bool
    by_appointment: bool
    rows: list[HoursRow]
    seasons: list[SeasonView]
    special_days: list[SpecialDay]
    languages: str
    response_target: str
    timezone: str
    timezone_name: str
    week_cells: list[str]
    figures: list[Figure] = field(default_factory=list)


@dataclass
class CommitmentView:
    kind: str
    sentence: str
    figure: Figure | None
    channel_ids: list[str]


@dataclass
class PromiseView:
    id: str
    title: str
    text: str
    commitments: list[CommitmentView]
    last_reviewed: dt.date | None
    last_reviewed_text: str
    next_review: dt.date | None
    next_review_text: str


@dataclass(frozen=True)
class ReviewRow:
    id: str
    title: str
    owner: str | None
    last: dt.date | None
    due: dt.date | None
    overdue: bool


class Page:
    """One language's view of the philosophy (public: a redacted model; handbook: the full model)."""

    def __init__(self, model: Philosophy, lang: str, fallbacks: Sequence[str], today: dt.date) -> None:
        self.model = model
        self.lang = lang
        self.fallbacks = tuple(fallbacks)
        self.today = today
        self.w: Words = words(lang)
        self.reader_region = likely_region(lang)
        self.has_feed = False  # set by the build when a change feed is published

    # --- texts -----------------------------------------------------------------------------------
    def t(self, value: TextValue | None) -> str:
        return text_in(value, self.lang, self.fallbacks)

    def heading(self, key: str, default: str) -> str:
        custom = self.model.site.headings.get(key)  # type: ignore[call-overload]
        return self.t(custom) if custom is not None else default

    def page_title(self, key: str, default: str) -> str:
        texts = self.model.site.pages.get(key)  # type: ignore[call-overload]
        return self.t(texts.title) if texts is not None and texts.title is not None else default

    def page_description(self, key: str, default: str) -> str:
        texts = self.model.site.pages.get(key)  # type: ignore[call-overload]
        return self.t(texts.description) if texts is not None and texts.description is not None else default

    @property
    def next_review(self) -> dt.date | None:
        review = self.model.review
        return add_months(review.last_review, review.cadence_months) if review.last_review else None

    @property
    def summary(self) -> str:
        return self.t(self.model.statement.summary or self.model.statement.critical_function)

    # --- commitments -----------------------------------------------------------------------------
    @functools.cached_property
    def say(self) -> Say:
        channels = self.model.channel_by_id
        return Say(
            self.w,
            lambda ident: self.t(channels[ident].name) if ident in channels else ident,
            lambda ident: CHANNEL_KINDS.get(channels[ident].kind) if ident in channels else None,
            self.fallbacks,
        )

    def commitment(self, com: CommitmentKind) -> CommitmentView:
        return CommitmentView(com.kind, com.sentence(self.say), com.figure(self.say), com.channel_ids())

    def promise(self, p: Promise) -> PromiseView:
        due = add_months(p.last_reviewed, p.review_every_months) if p.last_reviewed else None
        return PromiseView(
            p.id,
            self.t(p.title),
            self.t(p.text),
            [self.commitment(c) for c in p.commitments],
            p.last_reviewed,
            self.w.date(p.last_reviewed) if p.last_reviewed else "",
            due,
            self.w.date(due) if due else "",
        )

    @functools.cached_property
    def promises(self) -> list[PromiseView]:
        return [self.promise(p) for p in self.model.promises]

    def missing_parts(self, p: Promise) -> list[str]:
        """What the handbook still lacks for a promise, in the reader's words."""
        w = self.w
        parts = [
            (p.owner, w._("an owner")),
            (p.in_practice, w._("what it means in practice")),
            (p.do, w._("what to do")),
            (p.dont, w._("what not to do")),
            (p.good_examples, w._("a good example")),
            (p.poor_examples, w._("a poor example")),
            (p.tips, w._("tips")),
        ]
        return [label for value, label in parts if not value]

    def review_rows(self) -> list[ReviewRow]:
        """Promises by next review, overdue first."""
        rows = []
        for p in self.model.promises:
            due = add_months(p.last_reviewed, p.review_every_months) if p.last_reviewed else None
            rows.append(
                ReviewRow(p.id, self.t(p.title), p.owner, p.last_reviewed, due, due is None or due < self.today)
            )
        return sorted(rows, key=lambda r: (not r.overdue, r.due or dt.date.min, r.id))

    @functools.cached_property
    def figures(self) -> list[tuple[Figure, str]]:
        """(figure, promise id) for every commitment with a number a customer can hold us to."""
        return [(c.figure, p.id) for p in self.promises for c in p.commitments if c.figure is not None]

    # --- channels and hours ----------------------------------------------------------------------
    def calendar(self, channel: Channel) -> Calendar:
        return calendar_for(self.model, channel)

    def hours_text(self, intervals: DayHours) -> str:
        if not intervals:
            return self.w._("Closed")
        if intervals == [(0, DAY)]:
            return self.w._("Open 24 hours")
        return self.w.list([self.w.time_range(a, b) for a, b in intervals])

    def rows(self, week: Sequence[DayHours]) -> list[HoursRow]:
        """Consecutive days with the same hours on one row: 'Monday–Friday: 08:00–17:00'."""
        out: list[HoursRow] = []
        day = 0
        while day < 7:
            end = day
            while end + 1 < 7 and week[end + 1] == week[day]:
                end += 1
            if end == day:
                label = self.w.weekday(day)
            else:
                label = self.w._("%(first)s–%(last)s", first=self.w.weekday(day), last=self.w.weekday(end))
            out.append(HoursRow(label, self.hours_text(week[day])))
            day = end + 1
        return out

    def special_days(self, calendar: Calendar) -> list[SpecialDay]:
        end = self.today + dt.timedelta(days=UPCOMING_DAYS)
        out = []
        for day, plan in calendar.special_days(self.today, end):
            out.append(
                SpecialDay(
                    day.isoformat(),
                    self.w.date(day),
                    self.day_name(calendar, day, plan),
                    self.hours_text(plan.intervals),
                )
            )
        return out

    def day_name(self, calendar: Calendar, day: dt.date, plan: DayPlan) -> str:
        if plan.name is not None:
            return self.t(plan.name)
        return calendar.holiday_name(day, self.lang) or self.w._("Public holiday")

    def season_dates(self, start: Any, end: Any) -> str:
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            return self.w.date_range(start, end)
        # every year: (month, day) pairs in a leap year, the end in the next year when the span wraps
        # a span that wraps the new year ends in the next year (2028, a leap year too: 29 February stays)
        first = dt.date(2024, start[0], start[1])
        last = dt.date(2024 if tuple(end) >= tuple(start) else 2028, end[0], end[1])
        return self.w.date_range(first, last, "MMMMd")

    def contacts(self, ch: Channel) -> list[ContactItem]:
        w, c = self.w, ch.contact
        out: list[ContactItem] = []
        for phone in c.phone:
            out.append(ContactItem(w._("Phone"), phone.formatted(self.reader_region), phone.tel))
        for email in c.email:
            out.append(ContactItem(w._("E-mail"), email, "mailto:" + quote(email, safe="@.+-_")))
        if c.app:
            out.append(ContactItem(w._("App"), c.app))
        for handle in c.handle:
            out.append(ContactItem(w._("Profile"), handle))
        if c.url:
            out.append(ContactItem(w._("Web"), c.url.removeprefix("https://").rstrip("/"), c.url))
        for address in c.address:
            out.append(ContactItem(w._("Address"), self.t(address)))
        return out

    def channel(self, ch: Channel) -> ChannelView:
        calendar = self.calendar(ch)
        w = self.w
        langs = ch.languages or list(self.model.site.languages)
        zone = calendar.timezone
        always = calendar.always_open(self.today, self.today + dt.timedelta(days=UPCOMING_DAYS))
        kind = CHANNEL_KINDS.get(ch.kind)
        return ChannelView(
            id=ch.id,
            name=self.t(ch.name),
            kind=ch.kind,
            kind_label=w._(kind.label) if kind else ch.kind,
            description=self.t(ch.description),
            contacts=self.contacts(ch),
            always_open=always,
            by_appointment=ch.by_appointment,
            rows=[] if always or ch.by_appointment else self.rows(ch.week),
            seasons=[
                SeasonView(
                    self.t(s.name) or w._("Other hours"), self.season_dates(s.start, s.end), self.rows(spec.week)
                )
                for s, spec in zip(ch.seasons, ch.season_specs(), strict=True)
            ],
            special_days=[] if always else self.special_days(calendar),
            languages=w.list(w.language_names(langs)),
            response_target=self.t(ch.response_target),
            timezone=zone,
            timezone_name=w.timezone_name(zone),
            week_cells=[w._("By appointment") if ch.by_appointment else self.hours_text(d) for d in ch.week],
            figures=self.figures_by_channel.get(ch.id, []),
        )

    @functools.cached_property
    def figures_by_channel(self) -> dict[str, list[Figure]]:
        """Each channel's figures, gathered in one pass over the promises (not once per channel)."""
        out: dict[str, list[Figure]] = {}
        for p in self.promises:
            for c in p.commitments:
                if c.figure is not None:
                    for ident in c.channel_ids:
                        out.setdefault(ident, []).append(c.figure)
        return out

    @functools.cached_property
    def channels(self) -> list[ChannelView]:
        return [self.channel(ch) for ch in self.model.channels]

    @property
    def weekdays(self) -> list[str]:
        return [self.w.weekday(i) for i in range(7)]

    @property
    def weekdays_short(self) -> list[str]:
        return [self.w.weekday(i, "abbreviated") for i in range(7)]

    @property
    def site_timezone_name(self) -> str:
        return self.w.timezone_name(self.model.site.timezone)

    # --- the browser's open-now line --------------------------------------------------------------
    def open_now_data(self) -> dict[str, Any]:
        """Everything the open-now script needs, with times already formatted by CLDR."""
        end = self.today + dt.timedelta(days=UPCOMING_DAYS + 35)
        minutes: set[int] = set()
        channels = []
        for ch in self.model.channels:
            if ch.by_appointment:
                continue
            cal = self.calendar(ch)
            special = {d.isoformat(): p.intervals for d, p in cal.special_days(self.today - dt.timedelta(days=1), end)}
            seasons = [{"from": _md(s.start), "to": _md(s.end), "week": s.week} for s in cal.seasons]
            for intervals in [*ch.week, *special.values(), *(d for s in cal.seasons for d in s.week)]:
                for a, b in intervals:
                    minutes.update((a, b))
            channels.append(
                {
                    "id": ch.id,
                    "tz": cal.timezone,
                    "week": ch.week,
                    "special": special,
                    "seasons": seasons,
                    "always": is_always_open(ch.week) and not special,
                }
            )
        w = self.w
        return {
            "channels": channels,
            "times": {str(m): w.time(m) for m in sorted(minutes)},
            "days": [w.weekday_in_sentence(i) for i in range(7)],
            "labels": {
                "open": w._("Open now – closes at %(time)s"),
                # TRANSLATORS: the closing time is after midnight, e.g. 02:00 the next morning.
                "open_late": w._("Open now – closes at %(time)s tonight"),
                "opens_today": w._("Closed – opens today at %(time)s"),
                "opens_tomorrow": w._("Closed – opens tomorrow at %(time)s"),
                "opens_day": w._("Closed – opens %(day)s at %(time)s"),
                "always": w._("Open around the clock"),
            },
        }

    # --- structured data -------------------------------------------------------------------------
    def opening_specs(self, ch: Channel) -> list[dict[str, Any]]:
        cal = self.calendar(ch)
        specs = _week_specs(ch.week)
        for season in cal.seasons:
            start, finish = _season_occurrence(season.start, season.end, self.today)
            specs += [
                {**s, "validFrom": start.isoformat(), "validThrough": finish.isoformat()}
                for s in _week_specs(season.week)
            ]
        end = self.today + dt.timedelta(days=UPCOMING_DAYS)
        for day, plan in cal.special_days(self.today, end):
            iso = day.isoformat()
            ranges = plan.intervals or [(0, 0)]
            for a, b in ranges:
                specs.append(
                    {
                        "@type": "OpeningHoursSpecification",
                        "validFrom": iso,
                        "validThrough": iso,
                        "opens": _hhmm(a),
                        "closes": _hhmm(min(b, DAY)),
                    }
                )
        return specs

    def contact_point(self, ch: Channel, org_url: str) -> dict[str, Any]:
        point: dict[str, Any] = {
            "@type": "ContactPoint",
            "@id": f"{org_url}#channel-{ch.id}",
            "name": self.t(ch.name),
            "contactType": CHANNEL_KINDS[ch.kind].contact_type,
            "availableLanguage": list(ch.languages or self.model.site.languages),
        }
        if not ch.by_appointment:
            point["hoursAvailable"] = self.opening_specs(ch)
        if ch.contact.phone:
            point["telephone"] = ch.contact.phone[0].e164
        if ch.contact.email:
            point["email"] = ch.contact.email[0]
        if ch.contact.url:
            point["url"] = ch.contact.url
        if self.model.site.country:
            point["areaServed"] = self.model.site.country
        return point

    def json_ld(self, page: str, page_url: str, org_url: str, logo_url: str | None) -> dict[str, Any]:
        org_id = org_url + "#organization"
        nodes = {ch.id: self.contact_point(ch, org_url) for ch in self.model.channels}
        org: dict[str, Any] = {
            "@type": "Organization",
            "@id": org_id,
            "name": self.model.site.company,
            "url": org_url,
            "description": self.summary,
            "contactPoint": list(nodes.values()),
        }
        if logo_url:
            org["logo"] = logo_url
        graph: list[dict[str, Any]] = [org]
        for p in self.model.promises:
            data = Data(self.w, org_url, org_id, self.t(p.title), nodes.get)
            for com in p.commitments:
                org.update(com.organization_properties(data))
                if page == "promise":
                    graph.extend(com.structured_data(data))
        graph.append(
            {"@type": "WebPage", "@id": page_url, "url": page_url, "inLanguage": self.lang, "about": {"@id": org_id}}
        )
        return {"@context": "https://schema.org", "@graph": graph}


def _md(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else [value[0], value[1]]


def _hhmm(minutes: int) -> str:
    if minutes >= DAY:
        return "23:59"
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _week_specs(week: Sequence[DayHours]) -> list[dict[str, Any]]:
    """schema.org OpeningHoursSpecification per distinct (opens, closes); past midnight split in two."""
    groups: dict[tuple[str, str], list[str]] = {}
    for day, intervals in enumerate(week):
        for a, b in intervals:
            if b > DAY:
                groups.setdefault((_hhmm(a), "23:59"), []).append(SCHEMA_DAYS[day])
                groups.setdefault(("00:00", _hhmm(b - DAY)), []).append(SCHEMA_DAYS[(day + 1) % 7])
            else:
                groups.setdefault((_hhmm(a), _hhmm(b)), []).append(SCHEMA_DAYS[day])
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{d}" for d in days],
            "opens": o,
            "closes": c,
        }
        for (o, c), days in groups.items()
    ]


def _season_occurrence(start: Any, end: Any, today: dt.date) -> tuple[dt.date, dt.date]:
    """The season's current or next dates."""
    if isinstance(start, dt.date):
        return start, end
    year = today.year
    for candidate in (year - 1, year, year + 1):
        first = _safe_date(candidate, start)
        last = _safe_date(candidate + (1 if (end[0], end[1]) < (start[0], start[1]) else 0), end)
        if last >= today:
            return first, last
    return _safe_date(year + 1, start), _safe_date(year + 1, end)  # pragma: no cover


def _safe_date(year: int, md: tuple[int, int]) -> dt.date:
    try:
        return dt.date(year, md[0], md[1])
    except ValueError:
        return dt.date(year, md[0], 28)
