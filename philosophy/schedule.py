"""Each channel's calendar, from the model: weekly hours, seasons, holidays (the site's unless the channel
says otherwise) and dated exceptions, in the channel's time zone (the site's unless it says otherwise)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .calendar import Calendar
from .hours import parse_range

if TYPE_CHECKING:
    from .model import Channel, Philosophy

_UNSET = object()


def build_calendar(model: Philosophy, channel: Channel) -> Calendar:
    holidays = model.site.holidays if "holidays" not in channel.model_fields_set else channel.holidays
    return Calendar(
        timezone=channel.timezone or model.site.timezone,
        week=channel.week,
        seasons=channel.season_specs(),
        holidays=holidays,
        holiday_hours=channel.holiday_hours_parsed(),
        exceptions={ex.date: (parse_range(ex.hours), ex.name) for ex in channel.exceptions},
        by_appointment=channel.by_appointment,
    )


def calendar_for(model: Philosophy, channel: Channel) -> Calendar:
    """The channel's calendar, built once per model."""
    cache: dict[str, Calendar] = model.__dict__.setdefault("_calendars", {})
    if channel.id not in cache:
        cache[channel.id] = build_calendar(model, channel)
    return cache[channel.id]
