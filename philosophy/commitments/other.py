"""Any other commitment, in the company's own words (nothing checks or measures it)."""

from __future__ import annotations

from typing import Literal

from ..audience import public
from ..texts import Text, text_in
from .base import CommitmentKind, Say


class Other(CommitmentKind):
    kind: Literal["other"] = public("A commitment no other kind can say; written in plain words.")
    text: Text = public("The commitment in plain words.")

    def sentence(self, say: Say) -> str:
        return self.with_target(say, text_in(self.text, say.words.lang, say.fallbacks))
