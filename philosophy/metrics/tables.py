"""Opening hours and the site's clock as small tables the engine joins, one row per UTC day.

Elapsed opening time between two instants is `open(t1) - open(t0)`, where `open(t)` is the open time
from an arbitrary origin up to t. Per channel, the channel's calendar gives merged opening intervals
in UTC (`Calendar.open_intervals`: weekly hours, seasons, public holidays, dated exceptions, the
channel's time zone and its DST changes). Each UTC day then holds the open time before that day
(`base`) and the day's opening intervals cut to the day (`s1, e1, … sK, eK`; unused pairs are empty),
so for an instant t in that day

    open(t) = base + Σ clamp(t − s_k, 0, e_k − s_k).

The engine finds a contact's day with an equality join on `t // DAY` (a hash join against a table of
a few hundred rows per channel), never with a loop per contact. The same interval list, with its
cumulative open time before each interval, is what an ASOF join would use; `open_before` below is
that formula in Python, and the tests check the two against each other.

The site table gives each UTC day's offset of the site's time zone (before and after a DST change in
that day), so local months, weekdays and hours need no time-zone function in SQL.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..calendar import Calendar

SECOND = 1_000_000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR
EPOCH = dt.date(1970, 1, 1)


def to_us(moment: dt.datetime) -> int:
    """An aware datetime as whole microseconds since the epoch (UTC), exactly."""
    delta = moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * SECOND + delta.microseconds


def day_of(us: int) -> int:
    return us // DAY


def date_of_day(day: int) -> dt.date:
    return EPOCH + dt.timedelta(days=day)


@dataclass(frozen=True)
class OpenTime:
    """A channel's merged opening intervals (µs, UTC) with the open time before each."""

    starts: list[int]
    ends: list[int]
    before: list[int]

    @classmethod
    def of(cls, calendar: Calendar, first_day: int, last_day: int) -> OpenTime:
        spans = calendar.open_intervals(
            date_of_day(first_day) - dt.timedelta(days=1), date_of_day(last_day) + dt.timedelta(days=1)
        )
        starts, ends, before, total = [], [], [], 0
        for a, b in spans:
            s, e = to_us(a), to_us(b)
            starts.append(s)
            ends.append(e)
            before.append(total)
            total += e - s
        return cls(starts, ends, before)

    @classmethod
    def always(cls, first_day: int, last_day: int) -> OpenTime:
        """Open around the clock over the same span as `of`: open time is then calendar time."""
        start, end = (first_day - 1) * DAY, (last_day + 2) * DAY
        return cls([start], [end], [0])

    def open_before(self, t: int) -> int:
        """Open time from the first interval up to t: the ASOF lookup (last interval starting at or before t)."""
        i = bisect.bisect_right(self.starts, t) - 1
        if i < 0:
            return 0
        return self.before[i] + max(0, min(t - self.starts[i], self.ends[i] - self.starts[i]))

    def elapsed(self, t0: int, t1: int) -> int:
        return self.open_before(t1) - self.open_before(t0)


def day_rows(open_time: OpenTime, first_day: int, last_day: int) -> tuple[int, list[tuple[int, ...]]]:
    """(K, rows of (day, base, s1, e1, …, sK, eK)) for the UTC days first_day..last_day."""
    per_day: list[tuple[int, int, list[tuple[int, int]]]] = []
    starts, ends = open_time.starts, open_time.ends
    k = 1
    i = 0
    for day in range(first_day, last_day + 1):
        ds, de = day * DAY, (day + 1) * DAY
        while i < len(ends) and ends[i] <= ds:
            i += 1
        cut = []
        j = i
        while j < len(starts) and starts[j] < de:
            if ends[j] > ds:
                cut.append((max(starts[j], ds), min(ends[j], de)))
            j += 1
        k = max(k, len(cut))
        per_day.append((day, open_time.open_before(ds), cut))
    rows = []
    for day, base, cut in per_day:
        pad = [(day * DAY, day * DAY)] * (k - len(cut))
        rows.append((day, base, *(x for pair in [*cut, *pad] for x in pair)))
    return k, rows


def _offset_us(zone: ZoneInfo, t: int) -> int:
    moment = dt.datetime.fromtimestamp(t // SECOND, dt.UTC).astimezone(zone)
    offset = moment.utcoffset() or dt.timedelta(0)
    return int(offset.total_seconds()) * SECOND


def site_rows(zone_name: str, first_day: int, last_day: int) -> list[tuple[int, int, int, int]]:
    """(day, offset before, change instant, offset after) of the site's time zone for each UTC day."""
    zone = ZoneInfo(zone_name)
    rows = []
    for day in range(first_day, last_day + 1):
        ds, de = day * DAY, (day + 1) * DAY
        a, b = _offset_us(zone, ds), _offset_us(zone, de - SECOND)
        change = de
        if a != b:  # find the change to the second: offsets change at most once a day
            lo, hi = ds, de - SECOND
            while hi - lo > SECOND:
                mid = (lo + hi) // 2 // SECOND * SECOND
                if mid <= lo:
                    break
                if _offset_us(zone, mid) == a:
                    lo = mid
                else:
                    hi = mid
            change = hi
        rows.append((day, a, change, b))
    return rows


def local_parts(zone_name: str, t: int) -> tuple[dt.date, int, int]:
    """(local date, weekday Monday=0, hour) of an instant in the site's time zone."""
    moment = dt.datetime.fromtimestamp(t / SECOND, dt.UTC).astimezone(ZoneInfo(zone_name))
    return moment.date(), moment.weekday(), moment.hour
