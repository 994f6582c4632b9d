"""The right to return goods: days (or no time limit), free or not, counted from delivery or purchase."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from ..audience import public
from ..fields import int_between
from .base import CommitmentKind, Data, Figure, Say

Days = Annotated[int, *int_between(1, 3650, "days")]


class Returns(CommitmentKind):
    kind: Literal["returns"] = public("The right to return goods.")
    days: Days | None = public("Days the customer has to return goods.", example=60, default=None)
    no_time_limit: bool = public("True when there is no time limit on returns (instead of days).", default=False)
    free: bool = public("True when returns cost the customer nothing.", default=False)
    counted_from: Literal["delivery", "purchase"] = public("When the return period starts.", default="delivery")

    @model_validator(mode="after")
    def _days_or_unlimited(self) -> Returns:
        if (self.days is None) == (not self.no_time_limit):
            raise PydanticCustomError(
                "returns",
                "give either 'days' or 'no_time_limit: true'",
                {"hint": "write 'days: 30', or 'no_time_limit: true' for unlimited returns"},
            )
        return self

    def sentence(self, say: Say) -> str:
        w = say.words
        if self.no_time_limit:
            text = w._("Free returns with no time limit") if self.free else w._("Returns with no time limit")
            return self.with_target(say, text)
        days = self.days or 0
        if self.free:
            text = w.ngettext("%(num)s day of free returns", "%(num)s days of free returns", days)
        else:
            text = w.ngettext("%(num)s-day right of return", "%(num)s-day right of return", days)
        if self.counted_from == "purchase":
            text = w._("%(returns)s, counted from the day you buy", returns=text)
        else:
            text = w._("%(returns)s, counted from the day you receive the goods", returns=text)
        return self.with_target(say, text)

    def figure(self, say: Say) -> Figure | None:
        if self.days is None:
            return None
        w = say.words
        number, unit = w.days_parts(self.days)
        return Figure(number, unit, w._("Free returns") if self.free else w._("Right of return"))

    def organization_properties(self, data: Data) -> dict[str, Any]:
        policy: dict[str, Any] = {"@type": "MerchantReturnPolicy"}
        if self.no_time_limit:
            policy["returnPolicyCategory"] = "https://schema.org/MerchantReturnUnlimitedWindow"
        else:
            policy["returnPolicyCategory"] = "https://schema.org/MerchantReturnFiniteReturnWindow"
            policy["merchantReturnDays"] = self.days
        if self.free:
            policy["returnFees"] = "https://schema.org/FreeReturn"
        return {"hasMerchantReturnPolicy": policy}

    def numbers(self) -> list[tuple[int, str]]:
        return [(self.days, "day")] if self.days else []
