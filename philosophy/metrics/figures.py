"""What the performance pages show, as plain numbers: per measured commitment its months, its
heatmap of missed contacts and its worst days; per export file its rows and bad rows.

Only aggregates live here. No contact, ticket id, subject, name or address is ever part of a result.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..commitments import Metric
from ..i18n import N_
from ..problems import Problem
from . import engine

if TYPE_CHECKING:
    from ..i18n import Words

# Why a row could not be used: the message (for `make check`-style problems and, translated, for the
# handbook) and its hint. %(column)s is the export's own column name.
REASONS: dict[int, tuple[str, str]] = {
    engine.CHANNEL: (
        N_("unknown channel %(value)s"),
        "use a channel id from philosophy.yml, or map the export's value in metrics.mappings[…].channels",
    ),
    engine.START_EMPTY: (N_("%(column)s is empty"), "every contact needs the time it reached us"),
    engine.START_TIME: (N_("%(column)s is not a time"), "write ISO 8601 with a UTC offset: 2026-10-01T08:00:00+02:00"),
    engine.START_OFFSET: (
        N_("%(column)s has no UTC offset"),
        "write the offset, e.g. 2026-10-01T08:00:00+02:00 or 2026-10-01T06:00:00Z",
    ),
    engine.END_TIME: (N_("%(column)s is not a time"), "write ISO 8601 with a UTC offset, or leave it empty"),
    engine.END_OFFSET: (
        N_("%(column)s has no UTC offset"),
        "write the offset, e.g. 2026-10-01T08:00:00+02:00 or 2026-10-01T06:00:00Z",
    ),
    engine.END_ORDER: (N_("%(column)s is before %(start)s"), "a reply or an answer cannot come before the contact"),
    engine.GAVE_UP_TIME: (N_("%(column)s is not a time"), "write ISO 8601 with a UTC offset, or leave it empty"),
    engine.GAVE_UP_OFFSET: (N_("%(column)s has no UTC offset"), "write the offset, e.g. 2026-10-01T08:00:00+02:00"),
    engine.GAVE_UP_ORDER: (N_("%(column)s is before %(start)s"), "a caller cannot hang up before calling"),
    engine.MINUTES: (N_("%(column)s is not a number of minutes"), "Zendesk writes whole minutes, e.g. 125"),
    engine.AFTER_EXPORT: (
        N_("a time is later than the export (exported_at)"),
        "correct exported_at in metrics.mappings, or export again",
    ),
    engine.UNREADABLE: (
        N_("the line cannot be read as CSV"),
        "check the quotes and the number of columns on that line",
    ),
}
# Short names of the reasons, for the handbook's count per reason.
REASON_LABELS: dict[int, str] = {
    engine.CHANNEL: N_("Unknown channel"),
    engine.START_EMPTY: N_("Contact time missing"),
    engine.START_TIME: N_("Not a time"),
    engine.END_TIME: N_("Not a time"),
    engine.GAVE_UP_TIME: N_("Not a time"),
    engine.START_OFFSET: N_("Time without UTC offset"),
    engine.END_OFFSET: N_("Time without UTC offset"),
    engine.GAVE_UP_OFFSET: N_("Time without UTC offset"),
    engine.END_ORDER: N_("Reply or answer before the contact"),
    engine.GAVE_UP_ORDER: N_("Hang-up before the call"),
    engine.MINUTES: N_("Not a number of minutes"),
    engine.AFTER_EXPORT: N_("Later than the export"),
    engine.UNREADABLE: N_("Line not readable as CSV"),
}
# A channel value is named in a report only when it looks like a channel name (never an address or an id).
_SHOWABLE = re.compile(r"^[A-Za-z][A-Za-z0-9 ._()/-]{0,39}$")


def showable(value: str | None) -> str | None:
    if value is None or not _SHOWABLE.match(value) or sum(ch.isdigit() for ch in value) > 4:
        return None
    return value


@dataclass(frozen=True)
class BadRow:
    file: str
    row: int  # CSV: as a spreadsheet numbers it (the header is row 1); Parquet: the record, from 1
    code: int
    column: str = ""
    start: str = ""
    value: str | None = None

    def values(self) -> dict[str, str]:
        return {"column": self.column, "start": self.start, "value": repr(self.value) if self.value else ""}

    def message(self, words: Words | None = None) -> str:
        template = REASONS[self.code][0]
        if self.code == engine.CHANNEL and not self.value:
            template = N_("unknown channel")
        text = words._(template) if words is not None else template
        return (text % self.values()).strip()

    def problem(self) -> Problem:
        return Problem(self.file, self.row, 0, f"row {self.row}", self.message(), REASONS[self.code][1])


@dataclass(frozen=True)
class Month:
    month: dt.date  # its first day
    contacts: int  # counted: kept + missed
    kept: int
    missed: int
    left_out: int
    median_us: int | None
    p90_us: int | None

    @property
    def share(self) -> int | None:
        """Whole percent kept, rounded down."""
        return self.kept * 100 // self.contacts if self.contacts else None

    def met(self, target: Any) -> bool | None:
        if target is None or not self.contacts:
            return None
        return bool(self.kept * 100 >= target * self.contacts)


@dataclass(frozen=True)
class Day:
    date: dt.date
    contacts: int
    kept: int
    missed: int

    @property
    def share(self) -> int | None:
        return self.kept * 100 // self.contacts if self.contacts else None


@dataclass
class MetricResult:
    promise: str
    index: int  # the commitment's place in the promise
    metric: Metric
    months: list[Month]  # the reported months, oldest first
    heat: list[list[int]]  # [weekday][hour]: missed contacts in the reported months (site time)
    worst: list[Day]
    exported_at: dt.datetime | None

    @property
    def has_data(self) -> bool:
        return any(m.contacts or m.left_out for m in self.months)

    @property
    def latest(self) -> Month | None:
        return self.months[-1] if self.months else None

    @property
    def html_id(self) -> str:
        return f"perf-{self.promise}-{self.index}"


@dataclass(frozen=True)
class FileReport:
    name: str
    kind: str
    layout: str
    rows: int
    bad: int
    exported_at: dt.datetime | None
    from_mapping: bool


@dataclass
class Results:
    metrics: list[MetricResult]
    files: list[FileReport]
    bad_rows: list[BadRow]  # the first bad rows of each file
    total_rows: int
    bad_total: int
    bad_by_code: dict[int, int]
    min_contacts: int
    timezone: str
    exported_at: dt.datetime | None
    problems: list[Problem] = field(default_factory=list)  # warnings for `make check`

    @property
    def published(self) -> list[MetricResult]:
        return [m for m in self.metrics if m.has_data]

    def for_public(self) -> Results:
        """The same figures without anything staff-only (files, bad rows and their values, heatmaps, worst
        days): all the public build's templates are handed."""
        return replace(
            self,
            files=[],
            bad_rows=[],
            bad_by_code={},
            problems=[],
            metrics=[replace(m, heat=[], worst=[]) for m in self.metrics],
        )

    def public(self, page: Any) -> Any:
        from .views import public_view

        return public_view(self, page)

    def handbook(self, page: Any) -> Any:
        from .views import handbook_view

        return handbook_view(self, page)
