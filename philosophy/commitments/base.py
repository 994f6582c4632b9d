"""What every commitment kind provides, in one class per kind.

A kind declares its fields (pydantic, each with its audience) and knows how to say itself in plain
words in any language (through the catalogue), which big figure a customer can hold us to, its
schema.org structured data where a type fits, how to check it against its channels' calendars, and how
its performance is measured. Nothing outside the kind's class branches on `kind`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from ..audience import internal, public
from ..calendar import Calendar
from ..channel_kinds import ChannelKind
from ..durations import Duration
from ..fields import Share
from ..i18n import Words
from ..texts import Text

Counts = Literal["opening_hours", "calendar"]
ReplyCounts = Literal["opening_hours", "calendar", "business_days"]
DayCount = Literal["business_days", "calendar"]


@dataclass(frozen=True)
class Figure:
    """A number a customer can hold us to: '8' 'hours', with a caption ('E-mail: a reply')."""

    number: str
    unit: str
    caption: str


@dataclass(frozen=True)
class Metric:
    """How a commitment's performance is computed from help-desk exports."""

    source: Literal["written", "calls"]
    channel: str
    within: Duration
    counts: Counts
    target: Decimal | None


@dataclass
class Say:
    """What a kind needs to say itself: the reader's words and channel names in that language."""

    words: Words
    channel_name: Callable[[str], str]
    channel_kind: Callable[[str], ChannelKind | None]
    fallbacks: tuple[str, ...] = ()

    def channel(self, ident: str) -> str:
        return self.channel_name(ident)


@dataclass
class Issue:
    field: tuple[str | int, ...]
    message: str
    hint: str
    severity: str = "error"


@dataclass
class Keep:
    """What a kind needs to check that it can be kept."""

    channel_kind: Callable[[str], ChannelKind | None]
    calendar: Callable[[str], Calendar | None]
    channel_exists: Callable[[str], bool]
    window: tuple[dt.date, dt.date]
    persona_channels: Sequence[tuple[str, Sequence[str]]]  # personas whose key promise this is
    has_channel_kind: Callable[[str], bool]
    issues: list[Issue] = field(default_factory=list)

    def problem(self, where: tuple[str | int, ...], message: str, hint: str, severity: str = "error") -> None:
        self.issues.append(Issue(where, message, hint, severity))


@dataclass
class Data:
    """What a kind needs for schema.org: the reader's words, URLs, and ids of channel nodes."""

    words: Words
    site_url: str
    org_id: str
    promise_title: str
    channel_node: Callable[[str], dict[str, Any] | None]


class CommitmentKind(BaseModel):
    """Base of every commitment. Subclasses set `kind: Literal['…']` and implement `sentence`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    if TYPE_CHECKING:
        kind: str  # each kind declares it as Literal['…']

    target: Share | None = public(
        "Share of cases in which the commitment is kept, as public charters state it ('85%'). Optional.",
        example="85%",
        default=None,
    )
    note: Text | None = internal("For staff: how the commitment is measured or followed up.", default=None)

    # --- what the kind says -----------------------------------------------------------------------
    def sentence(self, say: Say) -> str:
        raise NotImplementedError

    def with_target(self, say: Say, text: str) -> str:
        if self.target is None:
            return text
        return say.words._(
            "%(commitment)s – in at least %(share)s of cases", commitment=text, share=say.words.percent(self.target)
        )

    def figure(self, say: Say) -> Figure | None:
        return None

    def channel_ids(self) -> list[str]:
        return []

    # --- what the kind checks ---------------------------------------------------------------------
    def keep(self, ctx: Keep) -> None:
        """Emit problems when the commitment cannot be kept on its channels."""
        for ident in self.channel_ids():
            if ctx.channel_exists(ident) and ctx.channel_kind(ident) is not None:
                self.keep_on(ident, ctx)

    def keep_on(self, channel: str, ctx: Keep) -> None:
        return None

    # --- structured data and metrics --------------------------------------------------------------
    def structured_data(self, data: Data) -> list[dict[str, Any]]:
        return []

    def organization_properties(self, data: Data) -> dict[str, Any]:
        return {}

    def metric(self) -> Metric | None:
        return None

    def numbers(self) -> list[tuple[int, str]]:
        """(amount, unit) pairs a text about this commitment should agree with: (8, 'hour'), (60, 'day')."""
        return []


def duration_numbers(*values: Duration | None) -> list[tuple[int, str]]:
    return [v.largest_unit() for v in values if v is not None]
