"""A channel is open: in its opening hours, or around the clock."""

from __future__ import annotations

from typing import Literal

from ..audience import public
from ..fields import Id
from .base import CommitmentKind, Keep, Say


class Available(CommitmentKind):
    kind: Literal["available"] = public("The channel is open for customers.")
    channel: Id = public("Channel id.", example="self-service")
    around_the_clock: bool = public(
        "True when the promise is 24/7; the channel must then be open 24/7 all year.", default=False
    )

    def channel_ids(self) -> list[str]:
        return [self.channel]

    def sentence(self, say: Say) -> str:
        w = say.words
        if self.around_the_clock:
            text = w._("%(channel)s: open around the clock, every day of the year", channel=say.channel(self.channel))
        else:
            text = w._("%(channel)s: available during our opening hours", channel=say.channel(self.channel))
        return self.with_target(say, text)

    def keep_on(self, channel: str, ctx: Keep) -> None:
        calendar = ctx.calendar(channel)
        if self.around_the_clock and calendar is not None and not calendar.always_open(*ctx.window):
            ctx.problem(
                ("around_the_clock",),
                f"promises 24/7 on channel {channel!r}, which is not open 24/7 "
                "all year (its hours, seasons or public holidays close it)",
                f"open {channel!r} around the clock (hours: always; holidays: false) or drop around_the_clock",
            )
