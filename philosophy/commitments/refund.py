"""Money back within a time; optionally before investigating a complaint."""

from __future__ import annotations

from typing import Literal

from ..audience import public
from ..durations import DAY, DurationField
from .base import CommitmentKind, DayCount, Figure, Keep, Say, duration_numbers


class Refund(CommitmentKind):
    kind: Literal["refund"] = public("Money back after a return or a complaint.")
    within: DurationField | None = public("Longest time until the money is paid back.", example="3 days", default=None)
    counts: DayCount = public("'business_days' or 'calendar'.", default="calendar")
    before_investigating: bool = public(
        "True when we refund at once after a complaint, before investigating it.", default=False
    )

    def sentence(self, say: Say) -> str:
        w = say.words
        parts: list[str] = []
        if self.within is not None:
            if self.counts == "business_days":
                days = self.within.minutes // DAY
                parts.append(
                    w.ngettext(
                        "Your money back within %(num)s business day",
                        "Your money back within %(num)s business days",
                        days,
                    )
                )
            else:
                parts.append(w._("Your money back within %(duration)s", duration=w.duration(self.within)))
        if self.before_investigating:
            parts.append(w._("We refund first and investigate afterwards"))
        if not parts:
            parts.append(w._("Your money back"))
        return self.with_target(
            say, w._("%(first)s. %(second)s", first=parts[0], second=parts[1]) if len(parts) == 2 else parts[0]
        )

    def figure(self, say: Say) -> Figure | None:
        if self.within is None:
            return None
        w = say.words
        if self.counts == "business_days":
            days = self.within.minutes // DAY
            return Figure(w.number(days), w.ngettext("business day", "business days", days), w._("Money back"))
        number, unit = w.duration_parts(self.within)
        return Figure(number, unit, w._("Money back"))

    def keep(self, ctx: Keep) -> None:
        if self.within is not None and self.counts == "business_days" and self.within.minutes % DAY:
            ctx.problem(
                ("within",),
                f"{self.within} is not a whole number of business days",
                "write the time in days, e.g. '5 days'",
            )
        if self.within is None and not self.before_investigating:
            ctx.problem(
                ("within",),
                "a refund commitment needs 'within' or 'before_investigating: true'",
                "say how fast the money comes back, e.g. 'within: 3 days'",
            )

    def numbers(self) -> list[tuple[int, str]]:
        return duration_numbers(self.within)
