"""A call, chat or video call answered by a person within a time (queue time, in opening hours)."""

from __future__ import annotations

from typing import Any, Literal

from ..audience import public
from ..durations import DurationField
from ..fields import Id
from .base import CommitmentKind, Data, Figure, Keep, Metric, Say, duration_numbers
from .reply import service_channel
from .timing import check_has_hours


class Answer(CommitmentKind):
    kind: Literal["answer"] = public("A call, chat or video call answered by a person.")
    channel: Id = public("Channel id (phone, chat, video, messaging).", example="phone")
    within: DurationField = public("Longest queue time, counted while the channel is open.", example="3 min")

    def channel_ids(self) -> list[str]:
        return [self.channel]

    def sentence(self, say: Say) -> str:
        w = say.words
        return self.with_target(
            say,
            w._(
                "%(channel)s: a person answers within %(duration)s",
                channel=say.channel(self.channel),
                duration=w.duration(self.within),
            ),
        )

    def figure(self, say: Say) -> Figure:
        number, unit = say.words.duration_parts(self.within)
        return Figure(number, unit, say.words._("%(channel)s: a person answers", channel=say.channel(self.channel)))

    def keep_on(self, channel: str, ctx: Keep) -> None:
        kind = ctx.channel_kind(channel)
        if kind is not None and not kind.live:
            ctx.problem(
                ("channel",),
                f"a person answering is promised on channel {channel!r} (kind: {kind.key}), where nobody answers live",
                "use kind 'reply' for written channels",
            )
            return
        check_has_hours(ctx, channel, "an answer within a queue time")

    def structured_data(self, data: Data) -> list[dict[str, Any]]:
        return [service_channel(data, self.channel, self.within.iso)]

    def metric(self) -> Metric:
        return Metric("calls", self.channel, self.within, "opening_hours", self.target)

    def numbers(self) -> list[tuple[int, str]]:
        return duration_numbers(self.within)
