"""A channel's calendar: weekly hours, seasons (summer hours), public holidays from the `holidays`
library, and dated exceptions, in the channel's time zone.

The contact page, the JSON-LD, the browser's open-now line, the keepability checks and the performance
figures all ask this one calendar, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import holidays as holidays_lib

from .hours import DAY, DayHours, Week, is_always_open

UTC = dt.UTC


@dataclass(frozen=True)
class SeasonSpec:
    """A span of the year with its own week. Recurring (month, day) or one absolute date range."""

    start: dt.date | tuple[int, int]
    end: dt.date | tuple[int, int]  # inclusive
    week: Week
    name: Any = None  # TextValue

    def covers(self, day: dt.date) -> bool:
        if isinstance(self.start, dt.date) and isinstance(self.end, dt.date):
            return self.start <= day <= self.end
        a = self.start if isinstance(self.start, tuple) else (self.start.month, self.start.day)
        b = self.end if isinstance(self.end, tuple) else (self.end.month, self.end.day)
        md = (day.month, day.day)
        return a <= md <= b if a <= b else (md >= a or md <= b)  # a winter season wraps the new year

    def dates_in(self, year: int) -> set[tuple[int, int]]:
        """Month-days it covers in a leap year, for overlap checks."""
        out: set[tuple[int, int]] = set()
        day = dt.date(2024, 1, 1)
        while day.year == 2024:
            probe = day.replace(year=year) if not (day.month == 2 and day.day == 29) else None
            if (isinstance(self.start, tuple) and self.covers(day)) or (
                probe is not None and not isinstance(self.start, tuple) and self.covers(probe)
            ):
                out.add((day.month, day.day))
            day += dt.timedelta(days=1)
        return out


@dataclass(frozen=True)
class DayPlan:
    intervals: DayHours
    source: str  # "week" | "season" | "holiday" | "exception"
    name: Any = None  # the holiday's or exception's name (TextValue), or the season's name


@dataclass(frozen=True)
class HolidaySpec:
    country: str
    subdivision: str | None = None

    @property
    def code(self) -> str:
        return self.country + (f"-{self.subdivision}" if self.subdivision else "")


@functools.cache
def _holiday_table(spec: HolidaySpec, year: int, language: str | None) -> dict[dt.date, str]:
    table = holidays_lib.country_holidays(spec.country, subdiv=spec.subdivision, years=year, language=language)
    return dict(table.items())


def holiday_language(spec: HolidaySpec, lang: str) -> str:
    """The `holidays` library's language closest to a reader's ('de' for 'de-AT'), else the country's own."""
    cls = _country_class(spec.country)
    supported: tuple[str, ...] = tuple(getattr(cls, "supported_languages", ()))
    babel = lang.replace("-", "_")
    base = babel.split("_")[0]
    for candidate in (babel, base):
        if candidate in supported:
            return candidate
    variants = sorted(s for s in supported if s.split("_")[0] == base)  # 'sv_FI' for Swedish in Finland
    if variants:
        return "en_US" if "en_US" in variants else variants[0]
    return str(getattr(cls, "default_language", None) or "en_US")


@functools.cache
def _country_class(country: str) -> Any:
    return type(holidays_lib.country_holidays(country, years=2024))


@functools.cache
def supported_holiday_calendars() -> dict[str, tuple[str, ...]]:
    """Country code -> its subdivision codes, as the `holidays` library knows them."""
    return {code: tuple(subdivs) for code, subdivs in holidays_lib.list_supported_countries().items()}


@dataclass
class Calendar:
    timezone: str
    week: Week
    seasons: Sequence[SeasonSpec] = ()
    holidays: HolidaySpec | None = None
    holiday_hours: DayHours = field(default_factory=list)
    exceptions: dict[dt.date, tuple[DayHours, Any]] = field(default_factory=dict)
    by_appointment: bool = False

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def holiday_name(self, day: dt.date, lang: str | None = None) -> str | None:
        if self.holidays is None:
            return None
        language = holiday_language(self.holidays, lang or "")
        table = _holiday_table(self.holidays, day.year, language)
        return table.get(day)

    def plan(self, day: dt.date) -> DayPlan:
        if day in self.exceptions:
            intervals, name = self.exceptions[day]
            return DayPlan(intervals, "exception", name)
        if self.holidays is not None and day in _holiday_table(self.holidays, day.year, None):
            return DayPlan(list(self.holiday_hours), "holiday", None)
        for season in self.seasons:
            if season.covers(day):
                return DayPlan(season.week[day.weekday()], "season", season.name)
        return DayPlan(self.week[day.weekday()], "week")

    def special_days(self, start: dt.date, end: dt.date) -> Iterator[tuple[dt.date, DayPlan]]:
        """Holidays and exceptions between start and end (inclusive), in date order."""
        days = {d for d in self.exceptions if start <= d <= end}
        if self.holidays is not None:
            for year in range(start.year, end.year + 1):
                days |= {d for d in _holiday_table(self.holidays, year, None) if start <= d <= end}
        for day in sorted(days):
            yield day, self.plan(day)

    def open_intervals(self, start: dt.date, end: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """Merged opening intervals in UTC for the local days start..end (inclusive)."""
        tz = self.tz
        spans: list[tuple[dt.datetime, dt.datetime]] = []
        day = start - dt.timedelta(days=1)  # yesterday's range may run past midnight into start
        while day <= end:
            midnight = dt.datetime.combine(day, dt.time())
            for a, b in self.plan(day).intervals:
                opens = (midnight + dt.timedelta(minutes=a)).replace(tzinfo=tz).astimezone(UTC)
                closes = (midnight + dt.timedelta(minutes=b)).replace(tzinfo=tz).astimezone(UTC)
                if closes > opens:
                    spans.append((opens, closes))
            day += dt.timedelta(days=1)
        spans.sort()
        merged: list[tuple[dt.datetime, dt.datetime]] = []
        for opens, closes in spans:
            if merged and opens <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
            else:
                merged.append((opens, closes))
        return merged

    def longest_closed(self, start: dt.date, end: dt.date) -> dt.timedelta | None:
        """Longest closed stretch between two openings in the window; None if it never opens."""
        spans = self.open_intervals(start, end)
        if not spans:
            return None
        gaps = [spans[i + 1][0] - spans[i][1] for i in range(len(spans) - 1)]
        return max(gaps, default=dt.timedelta(0))

    def always_open(self, start: dt.date, end: dt.date) -> bool:
        cache: dict[tuple[dt.date, dt.date], bool] = self.__dict__.setdefault("_always", {})
        if (start, end) not in cache:
            cache[(start, end)] = self._always_open(start, end)
        return cache[(start, end)]

    def _always_open(self, start: dt.date, end: dt.date) -> bool:
        if not is_always_open(self.week):
            return False
        return all(self.plan(d).intervals == [(0, DAY)] for d, _ in self.special_days(start, end)) and all(
            is_always_open(s.week) for s in self.seasons
        )
