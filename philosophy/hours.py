"""Opening hours as editors write them, as minute intervals.

A week is written `mon-fri: "08:00-17:00"`, `sat: "10:00-14:00, 15:00-17:00"`, `sun: closed`, or as a
whole `always` / `by_appointment`. A range may pass midnight (`fri: "18:00-02:00"`): its end is then
given as minutes past the day's midnight beyond 1440, and belongs to the next morning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pydantic_core import PydanticCustomError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY = 1440
WEEK = 7 * DAY
CLOSED = "closed"
ALWAYS = "always"
BY_APPOINTMENT = "by_appointment"
_TIME = r"(\d{1,2})[:.](\d{2})"
_RANGE = re.compile(rf"^\s*{_TIME}\s*[-–—]\s*{_TIME}\s*$")
HOURS_HINT = "write hours as 'mon-fri: \"08:00-17:00\"' and 'sun: closed'; each day once"

Interval = tuple[int, int]  # minutes after the day's midnight; end may pass 1440 (after midnight)
DayHours = list[Interval]
Week = list[DayHours]  # Monday first


def _err(message: str, hint: str = HOURS_HINT, **ctx: object) -> PydanticCustomError:
    return PydanticCustomError("hours", message, {"hint": hint, **ctx})


def _minutes(h: str, m: str, part: str) -> int:
    hours, minutes = int(h), int(m)
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise _err("{part} is not a time of day between 00:00 and 24:00", part=repr(part.strip()))
    return hours * 60 + minutes


def parse_range(value: object) -> DayHours:
    """'08:00-12:00, 13:00-17:00' -> [(480, 720), (780, 1020)]; '18:00-02:00' -> [(1080, 1560)];
    'closed' -> []."""
    if not isinstance(value, str):
        raise _err("expected hours like '08:00-17:00' or 'closed'; found {found}", found=repr(value)[:40])
    if value.strip().lower() == CLOSED:
        return []
    out: DayHours = []
    for part in value.split(","):
        m = _RANGE.match(part)
        if not m:
            raise _err("{part} is not hours like '08:00-17:00' or 'closed'", part=repr(part.strip()[:40]))
        start, end = _minutes(m[1], m[2], part), _minutes(m[3], m[4], part)
        if start == DAY:
            raise _err("{part} opens at 24:00", "a day's hours open between 00:00 and 23:59", part=repr(part.strip()))
        if end == start:
            raise _err(
                "{part} opens and closes at the same time",
                "write '00:00-24:00' for a whole day, or 'closed'",
                part=repr(part.strip()),
            )
        if end < start:
            end += DAY  # past midnight: closes the next morning
        if out and start < out[-1][1]:
            raise _err(
                "{part} overlaps the range before it",
                "list the ranges in order, without overlap",
                part=repr(part.strip()),
            )
        out.append((start, end))
    return out


def _days(key: str) -> list[int]:
    text = key.strip().lower()
    if text in ("daily", "every_day", "mon-sun"):
        return list(range(7))
    parts = [p.strip() for p in text.split("-")]
    if len(parts) == 1 and parts[0] in WEEKDAYS:
        return [WEEKDAYS.index(parts[0])]
    if len(parts) == 2 and all(p in WEEKDAYS for p in parts):
        a, b = WEEKDAYS.index(parts[0]), WEEKDAYS.index(parts[1])
        if a < b:
            return list(range(a, b + 1))
    raise _err(
        "{key} is not a weekday (mon..sun), a range such as 'mon-fri', or 'daily'",
        "use mon, tue, wed, thu, fri, sat, sun, ranges like 'mon-fri', or 'daily'",
        key=repr(key[:40]),
    )


def parse_week(hours: Mapping[str, object] | str) -> Week:
    """The week as 7 lists of intervals. Raises PydanticCustomError with a hint."""
    if isinstance(hours, str):
        if hours.strip().lower() == ALWAYS:
            return [[(0, DAY)] for _ in range(7)]
        if hours.strip().lower() == BY_APPOINTMENT:
            return [[] for _ in range(7)]
        raise _err(
            "{found} is not a week of hours",
            "write 'always', 'by_appointment', or one line per day",
            found=repr(hours[:40]),
        )
    week: list[DayHours | None] = [None] * 7
    owner: dict[int, str] = {}
    for key, value in hours.items():
        for day in _days(str(key)):
            if week[day] is not None:
                raise _err(
                    "hours clash: {day} is given by both {a} and {b}",
                    "give each day once",
                    day=WEEKDAYS[day],
                    a=repr(owner[day]),
                    b=repr(key),
                )
            week[day] = parse_range(value)
            owner[day] = str(key)
    result = [d or [] for d in week]
    _check_spill(result)
    return result


def _check_spill(week: Week) -> None:
    """A range past midnight must not run into the next day's first range."""
    for day, intervals in enumerate(week):
        if intervals and intervals[-1][1] > DAY:
            spill = intervals[-1][1] - DAY
            following = week[(day + 1) % 7]
            if following and following[0][0] < spill:
                raise _err(
                    "{day}'s hours run past midnight into {next}'s first range",
                    "end the late range at 24:00 and start the next day at 00:00",
                    day=WEEKDAYS[day],
                    next=WEEKDAYS[(day + 1) % 7],
                )


def is_always_open(week: Sequence[DayHours]) -> bool:
    return merge_week(week) == [(0, WEEK)]


def merge_week(week: Sequence[DayHours]) -> list[Interval]:
    """Opening intervals as minutes since Monday 00:00, merged, wrapping Sunday night into Monday."""
    spans: list[Interval] = []
    for day, intervals in enumerate(week):
        for a, b in intervals:
            start, end = day * DAY + a, day * DAY + b
            if end > WEEK:
                spans.append((start, WEEK))
                spans.append((0, end - WEEK))
            else:
                spans.append((start, end))
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def hhmm(minutes: int) -> str:
    """'08:00'; 24:00 stays 24:00 (end of day); past midnight wraps ('02:00' for 1560)."""
    if minutes > DAY:
        minutes -= DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
