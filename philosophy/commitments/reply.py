"""A first reply to a written message within a time."""

from __future__ import annotations

from typing import Any, Literal

from ..audience import public
from ..durations import DAY, DurationField
from ..fields import Id
from .base import CommitmentKind, Data, Figure, Keep, Metric, ReplyCounts, Say, duration_numbers
from .timing import check_calendar_time, check_has_hours


class Reply(CommitmentKind):
    kind: Literal["reply"] = public("A first reply from a person to a written message.")
    channel: Id = public("Channel id the reply is promised on (e-mail, form, messaging …).", example="email")
    within: DurationField = public("Longest wait for the first reply.", example="8h")
    counts: ReplyCounts = public(
        "'opening_hours' (only while the channel is open), 'calendar' (nights and weekends too) or 'business_days' "
        "(whole weekdays that are not public holidays).",
        default="opening_hours",
    )

    def channel_ids(self) -> list[str]:
        return [self.channel]

    def sentence(self, say: Say) -> str:
        w = say.words
        if self.counts == "business_days":
            text = w.ngettext(
                "%(channel)s: a reply within %(num)s business day",
                "%(channel)s: a reply within %(num)s business days",
                self.within.minutes // DAY,
                channel=say.channel(self.channel),
            )
        elif self.counts == "calendar":
            text = w._(
                "%(channel)s: a reply within %(duration)s, nights and weekends included",
                channel=say.channel(self.channel),
                duration=w.duration(self.within),
            )
        else:
            text = w._(
                "%(channel)s: a reply within %(duration)s, counted in our opening hours",
                channel=say.channel(self.channel),
                duration=w.duration(self.within),
            )
        return self.with_target(say, text)

    def figure(self, say: Say) -> Figure:
        if self.counts == "business_days":
            days = self.within.minutes // DAY
            return Figure(
                say.words.number(days),
                say.words.ngettext("business day", "business days", days),
                say.words._("%(channel)s: a reply", channel=say.channel(self.channel)),
            )
        number, unit = say.words.duration_parts(self.within)
        return Figure(number, unit, say.words._("%(channel)s: a reply", channel=say.channel(self.channel)))

    def keep_on(self, channel: str, ctx: Keep) -> None:
        kind = ctx.channel_kind(channel)
        if kind is not None and not kind.written:
            ctx.problem(
                ("channel",),
                f"a written reply is promised on channel {channel!r} (kind: {kind.key})",
                "use kind 'answer' (a person answers) or 'callback' for calls, or choose a written channel",
            )
            return
        if self.counts == "business_days":
            if self.within.minutes % DAY:
                ctx.problem(
                    ("within",),
                    f"{self.within} is not a whole number of business days",
                    "write the time in days, e.g. '2 days'",
                )
        elif self.counts == "calendar":
            check_calendar_time(ctx, channel, self.within, "a reply")
        else:
            check_has_hours(ctx, channel, "a reply counted in opening hours")

    def structured_data(self, data: Data) -> list[dict[str, Any]]:
        return [service_channel(data, self.channel, self.within.iso)]

    def metric(self) -> Metric | None:
        if self.counts == "business_days":
            return None  # not measured yet: the performance page lists only what it can compute exactly
        return Metric("written", self.channel, self.within, self.counts, self.target)

    def numbers(self) -> list[tuple[int, str]]:
        return duration_numbers(self.within)


def service_channel(data: Data, channel: str, processing_time: str) -> dict[str, Any]:
    node = data.channel_node(channel) or {}
    out: dict[str, Any] = {
        "@type": "ServiceChannel",
        "name": f"{data.promise_title} – {node.get('name', channel)}",
        "processingTime": processing_time,
        "provider": {"@id": data.org_id},
    }
    if node.get("availableLanguage"):
        out["availableLanguage"] = node["availableLanguage"]
    if node.get("telephone"):
        out["servicePhone"] = {"@id": node["@id"]}
    if node.get("url"):
        out["serviceUrl"] = node["url"]
    return out
