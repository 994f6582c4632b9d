"""Delivery or shipping: free, and/or within a time."""

from __future__ import annotations

from typing import Any, Literal

from ..audience import public
from ..durations import DAY, DurationField
from .base import CommitmentKind, Data, DayCount, Figure, Keep, Say, duration_numbers


class Delivery(CommitmentKind):
    kind: Literal["delivery"] = public("Delivery or shipping of orders.")
    within: DurationField | None = public("Longest time from order to delivery.", example="2 days", default=None)
    counts: DayCount = public(
        "'business_days' (weekdays that are not public holidays) or 'calendar'.", default="business_days"
    )
    free: bool = public("True when delivery costs the customer nothing.", default=False)

    def sentence(self, say: Say) -> str:
        w = say.words
        if self.within is None:
            text = w._("Free delivery") if self.free else w._("Delivery")
        elif self.counts == "business_days":
            days = self.within.minutes // DAY
            if self.free:
                text = w.ngettext(
                    "Free delivery within %(num)s business day", "Free delivery within %(num)s business days", days
                )
            else:
                text = w.ngettext("Delivery within %(num)s business day", "Delivery within %(num)s business days", days)
        elif self.free:
            text = w._("Free delivery within %(duration)s", duration=w.duration(self.within))
        else:
            text = w._("Delivery within %(duration)s", duration=w.duration(self.within))
        return self.with_target(say, text)

    def figure(self, say: Say) -> Figure | None:
        if self.within is None:
            return None
        w = say.words
        if self.counts == "business_days":
            days = self.within.minutes // DAY
            return Figure(w.number(days), w.ngettext("business day", "business days", days), w._("Delivery"))
        number, unit = w.duration_parts(self.within)
        return Figure(number, unit, w._("Delivery"))

    def keep(self, ctx: Keep) -> None:
        if self.within is not None and self.counts == "business_days" and self.within.minutes % DAY:
            ctx.problem(
                ("within",),
                f"{self.within} is not a whole number of business days",
                "write the time in days, e.g. '2 days'",
            )

    def organization_properties(self, data: Data) -> dict[str, Any]:
        return {}

    def numbers(self) -> list[tuple[int, str]]:
        return duration_numbers(self.within)
