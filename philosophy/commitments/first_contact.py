"""Solved at the first contact, or on the spot."""

from __future__ import annotations

from typing import Literal

from ..audience import public
from ..fields import Id
from .base import CommitmentKind, Say


class FirstContact(CommitmentKind):
    kind: Literal["first_contact"] = public("The matter is solved at the first contact, or on the spot.")
    where: Literal["first_contact", "on_the_spot"] = public(
        "'first_contact' (no need to get back to us) or 'on_the_spot' (while you wait).", default="first_contact"
    )
    channels: list[Id] = public("Channel ids it applies to; empty means every channel.", default_factory=list)

    def channel_ids(self) -> list[str]:
        return list(self.channels)

    def sentence(self, say: Say) -> str:
        w = say.words
        if self.channels:
            channels = w.list([say.channel(c) for c in self.channels])
            if self.where == "on_the_spot":
                text = w._("%(channels)s: solved on the spot, while you wait", channels=channels)
            else:
                text = w._(
                    "%(channels)s: solved at your first contact, without having to get back to us", channels=channels
                )
        elif self.where == "on_the_spot":
            text = w._("Solved on the spot, while you wait")
        else:
            text = w._("Solved at your first contact, without having to get back to us")
        return self.with_target(say, text)
