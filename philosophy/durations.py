"""Durations as editors write them ('24h', '30 min', '2 days', '1 week') or in ISO 8601 ('PT24H', 'P2D').

Bounded to ten years, so no value can overflow a date or a timedelta anywhere downstream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

MINUTE, HOUR, DAY, WEEK = 1, 60, 1440, 10080
MAX_MINUTES = 10 * 365 * DAY  # ten years
_UNITS = {
    "min": MINUTE,
    "mins": MINUTE,
    "minute": MINUTE,
    "minutes": MINUTE,
    "m": MINUTE,
    "h": HOUR,
    "hr": HOUR,
    "hrs": HOUR,
    "hour": HOUR,
    "hours": HOUR,
    "d": DAY,
    "day": DAY,
    "days": DAY,
    "w": WEEK,
    "wk": WEEK,
    "week": WEEK,
    "weeks": WEEK,
}
_HUMAN = re.compile(r"^\s*(\d{1,9})\s*([a-zA-Z]+)\s*$")
_ISO = re.compile(r"^P(?:(\d{1,9})W)?(?:(\d{1,9})D)?(?:T(?:(\d{1,9})H)?(?:(\d{1,9})M)?)?$")
_WORKING_DAYS = re.compile(r"^\s*(\d{1,9})\s*(?:business|working|work)[\s_-]*days?\s*$", re.IGNORECASE)
_SIZES = {"minute": MINUTE, "hour": HOUR, "day": DAY, "week": WEEK}
_UNIT_NAMES = {MINUTE: "minute", HOUR: "hour", DAY: "day", WEEK: "week"}
HINT = "write a duration with a unit: '30 min', '8h', '2 days', '1 week' (or ISO 8601 'PT8H')"


@dataclass(frozen=True, order=True)
class Duration:
    minutes: int
    text: str = ""
    unit: str = ""  # the unit the editor wrote ('hour' for '24h'): shown in that unit

    @property
    def timedelta(self) -> timedelta:
        return timedelta(minutes=self.minutes)

    @property
    def iso(self) -> str:
        """ISO 8601, as schema.org wants it: PT8H, P2D, P1W."""
        if self.minutes % WEEK == 0:
            return f"P{self.minutes // WEEK}W"
        days, rest = divmod(self.minutes, DAY)
        hours, mins = divmod(rest, HOUR)
        out = "P" + (f"{days}D" if days else "")
        if hours or mins:
            out += "T" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins else "")
        return out

    def largest_unit(self) -> tuple[int, str]:
        """(24, 'hour') for '24h': in the unit the editor wrote, else exact in the largest whole unit."""
        if self.unit and self.minutes % _SIZES[self.unit] == 0:
            return self.minutes // _SIZES[self.unit], self.unit
        for unit, size in (("week", WEEK), ("day", DAY), ("hour", HOUR), ("minute", MINUTE)):
            if self.minutes % size == 0:
                return self.minutes // size, unit
        raise AssertionError("minutes are whole")  # pragma: no cover

    def __str__(self) -> str:
        return self.text or self.iso


def parse_duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if isinstance(value, bool) or value is None:
        raise PydanticCustomError(
            "duration", "expected a duration; found {found}", {"found": repr(value), "hint": HINT}
        )
    if isinstance(value, (int, float)):
        raise PydanticCustomError(
            "duration",
            "{found} has no unit",
            {
                "found": repr(value),
                "hint": f"a number alone is not a duration: write '{value}h', '{value} min' or '{value} days'",
            },
        )
    if not isinstance(value, str):
        raise PydanticCustomError("duration", "expected a duration", {"hint": HINT})
    minutes: int | None = None
    unit = ""
    m = _HUMAN.match(value)
    if m and m[2].lower() in _UNITS:
        minutes = int(m[1]) * _UNITS[m[2].lower()]
        unit = _UNIT_NAMES[_UNITS[m[2].lower()]]
    else:
        m = _ISO.match(value.strip())
        if m and any(m.groups()):
            w, d, h, mi = (int(g or 0) for g in m.groups())
            minutes = w * WEEK + d * DAY + h * HOUR + mi
    if minutes is None:
        shown = value if len(value) <= 40 else value[:37] + "…"
        hint = HINT
        if (working := _WORKING_DAYS.match(value)) is not None:
            days = f"{working[1]} day" + ("" if working[1] == "1" else "s")
            hint = f"write '{days}' and 'counts: business_days' on the commitment"
        raise PydanticCustomError("duration", "{found} is not a duration", {"found": repr(shown), "hint": hint})
    if minutes <= 0:
        raise PydanticCustomError("duration", "a duration must be longer than zero", {"hint": "write at least '1 min'"})
    if minutes > MAX_MINUTES:
        raise PydanticCustomError(
            "duration",
            "{found} is longer than ten years",
            {"found": repr(value.strip()), "hint": "write a duration of at most ten years (e.g. '365 days')"},
        )
    return Duration(minutes, value.strip(), unit)


DurationField = Annotated[
    Duration,
    BeforeValidator(parse_duration),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "x-kind": "structured",
            "type": "string",
            "pattern": r"^(P[0-9WDTHM]+|[0-9]+ ?[a-zA-Z]+)$",
            "examples": ["8h", "30 min", "2 days", "PT24H"],
        }
    ),
]
