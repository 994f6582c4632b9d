"""Numbers in a promise's text that disagree with its commitments ('30 days' in the text, 60 promised).

Durations are found with CLDR's own unit patterns for each language ('{0} days', '{0} dagar', '{0} Tage'),
so no language is special here.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from babel import Locale

from .languages import Language

if TYPE_CHECKING:
    from .model import Promise

UNITS = ("minute", "hour", "day", "week")


@functools.cache
def _pattern(lang: str) -> re.Pattern[str] | None:
    locale: Locale = Language(lang).locale
    alternatives: list[tuple[str, str]] = []
    data = locale._data.get("unit_patterns", {})
    for unit in UNITS:
        forms = data.get(f"duration-{unit}", {})
        for length in ("long", "short"):
            for text in (forms.get(length) or {}).values():
                if isinstance(text, str) and "{0}" in text:
                    before, _, after = text.partition("{0}")
                    alternatives.append((unit, re.escape(before.strip()) + r"\s?(\d+)\s?" + re.escape(after.strip())))
    if not alternatives:
        return None
    alternatives.sort(key=lambda a: len(a[1]), reverse=True)
    groups = "|".join(f"(?P<{unit}{i}>{alt})" for i, (unit, alt) in enumerate(alternatives))
    return re.compile(rf"(?<![\w.,]){groups}(?!\w)", re.IGNORECASE)


def durations_in(text: str, lang: str) -> set[tuple[int, str]]:
    pattern = _pattern(lang)
    if pattern is None:
        return set()
    found: set[tuple[int, str]] = set()
    for match in pattern.finditer(text):
        for name, value in match.groupdict().items():
            if value is not None:
                unit = name.rstrip("0123456789")
                number = next(g for g in match.groups() if g is not None and g.isdigit())
                found.add((int(number), unit))
                break
    return found


def disagreements(promise: Promise, default_language: str) -> list[tuple[str, str, str]]:
    """(language, what the text says, what the commitments say) for each unit the two disagree on."""
    promised: dict[str, set[int]] = defaultdict(set)
    for com in promise.commitments:
        for amount, unit in com.numbers():
            promised[unit].add(amount)
    if not promised:
        return []
    texts = {default_language: promise.text} if isinstance(promise.text, str) else promise.text
    out: list[tuple[str, str, str]] = []
    for lang, text in texts.items():
        said: dict[str, set[int]] = defaultdict(set)
        for amount, unit in durations_in(text, lang):
            said[unit].add(amount)
        for unit, amounts in said.items():
            if unit in promised and not amounts <= promised[unit]:
                wrong = sorted(amounts - promised[unit])
                out.append((lang, ", ".join(f"{a} {unit}s" for a in wrong),
                            ", ".join(f"{a} {unit}s" for a in sorted(promised[unit]))))
    return out
