"""Proactive notice: we tell the customer of a delay or a change before they have to ask."""

from __future__ import annotations

from typing import Literal

from ..audience import public
from ..durations import DurationField
from ..fields import Id
from .base import CommitmentKind, Figure, Keep, Say, duration_numbers


class Notice(CommitmentKind):
    kind: Literal["notice"] = public("We tell the customer of a delay or a change before they have to ask.")
    about: Literal["delay", "change", "delay_or_change"] = public("What we give notice of.", default="delay_or_change")
    within: DurationField | None = public(
        "Longest time from when we know until the customer is told.", example="24h", default=None
    )
    via: Literal["preferred"] | list[Id] = public(
        "'preferred' (the channel the customer chose) or a list of channel ids.", default="preferred"
    )

    def channel_ids(self) -> list[str]:
        return [] if self.via == "preferred" else list(self.via)

    def sentence(self, say: Say) -> str:
        w = say.words
        event = {
            "delay": w._("If there is a delay"),
            "change": w._("If something changes"),
            "delay_or_change": w._("If there is a delay or a change"),
        }[self.about]
        if self.via == "preferred":
            channel = w._("on the channel you chose")
        else:
            channel = w._("by %(channels)s", channels=w.list([say.channel(c) for c in self.via], style="or"))
        if self.within is not None:
            text = w._(
                "%(event)s, we tell you within %(duration)s of finding out, %(channel)s",
                event=event,
                duration=w.duration(self.within),
                channel=channel,
            )
        else:
            text = w._("%(event)s, we tell you as soon as we know, %(channel)s", event=event, channel=channel)
        return self.with_target(say, text)

    def figure(self, say: Say) -> Figure | None:
        if self.within is None:
            return None
        number, unit = say.words.duration_parts(self.within)
        w = say.words
        label = {
            "delay": w._("Notice of a delay"),
            "change": w._("Notice of a change"),
            "delay_or_change": w._("Notice of a delay or change"),
        }[self.about]
        return Figure(number, unit, label)

    def keep(self, ctx: Keep) -> None:
        if self.via == "preferred":
            return
        offered = {c for c in self.via if ctx.channel_exists(c)}
        if not offered:
            return  # the reference check reports the unknown channels
        for persona, channels in ctx.persona_channels:
            if channels and not offered & set(channels):
                ctx.problem(
                    ("via",),
                    f"notice is promised by {', '.join(self.via)}, which persona {persona!r} does "
                    f"not use (they use {', '.join(channels[:10])})",
                    "give notice on the channel the customer chose (via: preferred), or add one of theirs",
                )

    def numbers(self) -> list[tuple[int, str]]:
        return duration_numbers(self.within)
