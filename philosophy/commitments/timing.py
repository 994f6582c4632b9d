"""Shared timing checks for kinds that promise a time on a channel."""

from __future__ import annotations

from ..durations import Duration
from .base import Keep


def _hours(minutes: float) -> str:
    hours, mins = divmod(int(minutes), 60)
    return f"{hours} h" + (f" {mins} min" if mins else "")


def check_calendar_time(ctx: Keep, channel: str, within: Duration, what: str) -> None:
    """A time counted in calendar time cannot be shorter than the channel's longest closed stretch."""
    calendar = ctx.calendar(channel)
    if calendar is None:
        return
    if calendar.by_appointment:
        ctx.problem(
            ("within",),
            f"{what} within {within} cannot be counted in calendar time on channel "
            f"{channel!r}: it is open by appointment only",
            "count opening hours instead (counts: opening_hours)",
        )
        return
    gap = calendar.longest_closed(*ctx.window)
    if gap is None:
        ctx.problem(
            ("channel",), f"channel {channel!r} is never open in the coming year", "give the channel opening hours"
        )
        return
    if gap.total_seconds() / 60 > within.minutes:
        ctx.problem(
            ("within",),
            f"{what} within {within} in calendar time cannot be kept: channel {channel!r} is "
            f"closed for up to {_hours(gap.total_seconds() / 60)} in a row in the coming year "
            "(weekends and public holidays included)",
            "count opening hours instead (counts: opening_hours), lengthen the time, or extend the hours",
        )


def check_has_hours(ctx: Keep, channel: str, what: str) -> None:
    calendar = ctx.calendar(channel)
    if calendar is not None and calendar.by_appointment:
        ctx.problem(
            ("channel",),
            f"{what} on channel {channel!r}, which is open by appointment only",
            "give the channel opening hours, or promise this on another channel",
        )
