"""Numbers in a promise's text that disagree with its commitments ('30 days' in the text, 60 promised).

Durations are found with CLDR's own unit patterns for each language ('{0} days', '{0} dagar', '{0} Tage'),
so no language is special here.
"""

from __future__ import annotations

import functools
import re
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


_MINUTES = {"minute": 1, "hour": 60, "day": 1440, "week": 10080}


def _show(amount: int, unit: str) -> str:
    return f"{amount} {unit}{'s' if amount != 1 else ''}"


def disagreements(promise: Promise, default_language: str) -> list[tuple[str, str, str]]:
    """(language, what the text says, what the commitments say) where a text names a duration, in a unit the
    commitments also use, that no commitment promises ('30 days' in the text, 60 days promised)."""
    promised = {(a, u) for com in promise.commitments for a, u in com.numbers()}
    if not promised:
        return []
    minutes = {a * _MINUTES[u] for a, u in promised}
    units = {u for _, u in promised}
    texts = {default_language: promise.text} if isinstance(promise.text, str) else promise.text
    out: list[tuple[str, str, str]] = []
    shown = ", ".join(_show(a, u) for a, u in sorted(promised, key=lambda p: (_MINUTES[p[1]] * p[0], p[1])))
    for lang, text in texts.items():
        wrong = sorted((a, u) for a, u in durations_in(text, lang) if u in units and a * _MINUTES[u] not in minutes)
        if wrong:
            out.append((lang, ", ".join(_show(a, u) for a, u in wrong), shown))
    return out
