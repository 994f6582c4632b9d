"""'Never' promises from a fixed vocabulary: things customers can count on us not to do."""

from __future__ import annotations

from typing import Literal

from ..audience import public
from ..i18n import N_
from .base import CommitmentKind, Keep, Say

NEVER = {
    "phone_menu": N_("No phone menu: a person answers"),
    "call_time_limit": N_("No time limit on calls: the call takes the time it needs"),
    "scripts": N_("No scripts: you talk to a person who listens"),
    "upselling": N_("No upselling: we sell you what you need, nothing more"),
    "lock_in": N_("No lock-in: you can leave whenever you want"),
}
NeverWhat = Literal["phone_menu", "call_time_limit", "scripts", "upselling", "lock_in"]
NEEDS_PHONE = ("phone_menu", "call_time_limit")


class Never(CommitmentKind):
    kind: Literal["never"] = public("Something we never do, from a fixed list.")
    what: NeverWhat = public("phone_menu, call_time_limit, scripts, upselling or lock_in.", example="phone_menu")

    def sentence(self, say: Say) -> str:
        return self.with_target(say, say.words._(NEVER[self.what]))

    def keep(self, ctx: Keep) -> None:
        if self.what in NEEDS_PHONE and not ctx.has_channel_kind("phone"):
            ctx.problem(
                ("what",),
                f"'never {self.what}' is promised, but no channel is a phone line",
                "add a phone channel (kind: phone), or drop this commitment",
            )
