"""Price promises: we match a lower price, or apply the lowest price automatically."""

from __future__ import annotations

from typing import Literal

from ..audience import public
from ..durations import DurationField
from .base import CommitmentKind, Keep, Say, duration_numbers


class Price(CommitmentKind):
    kind: Literal["price"] = public("A price promise.")
    match: bool = public("True when we match a lower price the customer finds elsewhere.", default=False)
    lowest_price_applied: bool = public(
        "True when the lowest price is applied automatically (e.g. a price drop after purchase).", default=False
    )
    within: DurationField | None = public(
        "For how long after the purchase the promise holds.", example="30 days", default=None
    )

    def sentence(self, say: Say) -> str:
        w = say.words
        parts = []
        if self.match:
            parts.append(w._("Found it cheaper elsewhere? We match the price"))
        if self.lowest_price_applied:
            parts.append(w._("You always pay the lowest price: we apply it automatically"))
        text = w._("%(first)s. %(second)s", first=parts[0], second=parts[1]) if len(parts) == 2 else parts[0]
        if self.within is not None:
            text = w._(
                "%(promise)s, for %(duration)s after your purchase", promise=text, duration=w.duration(self.within)
            )
        return self.with_target(say, text)

    def keep(self, ctx: Keep) -> None:
        if not (self.match or self.lowest_price_applied):
            ctx.problem(
                ("match",),
                "a price commitment promises nothing",
                "set 'match: true' and/or 'lowest_price_applied: true'",
            )

    def numbers(self) -> list[tuple[int, str]]:
        return duration_numbers(self.within)
