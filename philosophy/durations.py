"""Durations as editors write them: '24h', '30 min', '2 days', or ISO 8601 'PT24H'."""
from __future__ import annotations

import re
from datetime import timedelta

_UNITS = {
    "min": 1, "mins": 1, "minute": 1, "minutes": 1, "m": 1,
    "h": 60, "hour": 60, "hours": 60,
    "d": 1440, "day": 1440, "days": 1440,
    "w": 10080, "week": 10080, "weeks": 10080,
}
_HUMAN = re.compile(r"^\s*(\d+)\s*([a-zA-Z]+)\s*$")
_ISO = re.compile(r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$")
HINT = "write a duration like '24h', '30 min', '2 days' or ISO 8601 'PT24H'"


def parse_duration(value: str) -> timedelta:
    if not isinstance(value, str):
        raise ValueError(f"expected a duration; {HINT}")
    m = _HUMAN.match(value)
    if m and m[2].lower() in _UNITS and int(m[1]) > 0:
        return timedelta(minutes=int(m[1]) * _UNITS[m[2].lower()])
    m = _ISO.match(value.strip())
    if m and any(m.groups()):
        w, d, h, mi = (int(g or 0) for g in m.groups())
        total = timedelta(weeks=w, days=d, hours=h, minutes=mi)
        if total:
            return total
    raise ValueError(f"{value!r} is not a duration; {HINT}")


def iso_duration(value: str) -> str:
    """ISO 8601 form for structured data, e.g. PT24H, P2D."""
    minutes = int(parse_duration(value).total_seconds() // 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    out = "P" + (f"{days}D" if days else "")
    if hours or mins:
        out += "T" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins else "")
    return out
