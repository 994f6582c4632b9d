"""Opening hours as editors write them ('mon-fri: 08:00-17:00') and as intervals in minutes."""
from __future__ import annotations

import re

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")
CLOSED = "closed"


def _minutes(h: str, m: str, text: str) -> int:
    hours, minutes = int(h), int(m)
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(f"{text!r} is not a time of day between 00:00 and 24:00")
    return hours * 60 + minutes


def parse_range(value: str) -> list[tuple[int, int]]:
    """'08:00-12:00, 13:00-17:00' -> [(480, 720), (780, 1020)]; 'closed' -> []."""
    if not isinstance(value, str):
        raise ValueError("expected hours like '08:00-17:00' or 'closed'")
    if value.strip().lower() == CLOSED:
        return []
    out: list[tuple[int, int]] = []
    for part in value.split(","):
        m = _RANGE.match(part)
        if not m:
            raise ValueError(f"{part.strip()!r} is not hours like '08:00-17:00' or 'closed'")
        start, end = _minutes(m[1], m[2], part), _minutes(m[3], m[4], part)
        if end <= start:
            raise ValueError(f"{part.strip()!r} closes before it opens")
        if out and start < out[-1][1]:
            raise ValueError(f"{part.strip()!r} overlaps the range before it")
        out.append((start, end))
    return out


def _days(key: str) -> list[int]:
    parts = [p.strip().lower() for p in key.split("-")]
    if len(parts) == 1 and parts[0] in WEEKDAYS:
        return [WEEKDAYS.index(parts[0])]
    if len(parts) == 2 and all(p in WEEKDAYS for p in parts):
        a, b = WEEKDAYS.index(parts[0]), WEEKDAYS.index(parts[1])
        if a < b:
            return list(range(a, b + 1))
    raise ValueError(f"{key!r} is not a weekday (mon..sun) or a range such as 'mon-fri'")


def parse_week_minutes(hours: dict[str, str]) -> list[list[tuple[int, int]]]:
    week: list[list[tuple[int, int]] | None] = [None] * 7
    owner: dict[int, str] = {}
    for key, value in hours.items():
        for day in _days(key):
            if week[day] is not None:
                raise ValueError(f"hours clash: {WEEKDAYS[day]} is given by both {owner[day]!r} and {key!r}")
            week[day] = parse_range(value)
            owner[day] = key
    return [d or [] for d in week]


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_week(hours: dict[str, str]) -> list[list[tuple[str, str]]]:
    return [[(hhmm(a), hhmm(b)) for a, b in day] for day in parse_week_minutes(hours)]


def longest_closed_stretch(week: list[list[tuple[int, int]]]) -> int:
    """Longest closed time in minutes over a repeating week (0 when open around the clock)."""
    opens = [(d * 1440 + a, d * 1440 + b) for d, day in enumerate(week) for a, b in day]
    if not opens:
        return 7 * 1440
    merged: list[list[int]] = []
    for a, b in sorted(opens):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    gaps = [merged[i + 1][0] - merged[i][1] for i in range(len(merged) - 1)]
    gaps.append(merged[0][0] + 7 * 1440 - merged[-1][1])  # wrap around Sunday -> Monday
    return max(gaps)
