"""We call the customer back within a time."""

from __future__ import annotations

from typing import Any, Literal

from ..audience import public
from ..durations import DurationField
from ..fields import Id
from .base import CommitmentKind, Counts, Data, Figure, Keep, Say, duration_numbers
from .reply import service_channel
from .timing import check_calendar_time, check_has_hours


class Callback(CommitmentKind):
    kind: Literal["callback"] = public("We call the customer back within a time.")
    channel: Id = public("Channel id of the phone or video line that calls back.", example="phone")
    within: DurationField = public("Longest time until we call back.", example="2h")
    counts: Counts = public("Whether the time counts only opening hours or calendar time.", default="opening_hours")

    def channel_ids(self) -> list[str]:
        return [self.channel]

    def sentence(self, say: Say) -> str:
        w = say.words
        if self.counts == "calendar":
            text = w._(
                "%(channel)s: we call you back within %(duration)s",
                channel=say.channel(self.channel),
                duration=w.duration(self.within),
            )
        else:
            text = w._(
                "%(channel)s: we call you back within %(duration)s, counted in our opening hours",
                channel=say.channel(self.channel),
                duration=w.duration(self.within),
            )
        return self.with_target(say, text)

    def figure(self, say: Say) -> Figure:
        number, unit = say.words.duration_parts(self.within)
        return Figure(number, unit, say.words._("%(channel)s: we call you back", channel=say.channel(self.channel)))

    def keep_on(self, channel: str, ctx: Keep) -> None:
        kind = ctx.channel_kind(channel)
        if kind is not None and not kind.callback:
            ctx.problem(
                ("channel",),
                f"a call-back is promised on channel {channel!r} (kind: {kind.key})",
                "promise call-backs on a phone or video channel",
            )
            return
        if self.counts == "calendar":
            check_calendar_time(ctx, channel, self.within, "a call-back")
        else:
            check_has_hours(ctx, channel, "a call-back counted in opening hours")

    def structured_data(self, data: Data) -> list[dict[str, Any]]:
        return [service_channel(data, self.channel, self.within.iso)]

    def numbers(self) -> list[tuple[int, str]]:
        return duration_numbers(self.within)
