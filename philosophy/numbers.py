"""Numbers in a promise's text that disagree with its commitments ('30 days' in the text, 60 promised).

Durations are found with CLDR's own unit patterns for each language ('{0} days', '{0} dagar', '{0} Tage'),
so no language is special here.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from babel import Locale

from .i18n import N_
from .languages import Language
from .texts import WORD_END, WORD_START, words_pattern

if TYPE_CHECKING:
    from .model import Promise

UNITS = ("minute", "hour", "day", "week")


@functools.cache
def _pattern(lang: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One regex per language: a number followed (or preceded) by one of CLDR's words for a duration unit."""
    locale: Locale = Language(lang).locale
    data = locale._data.get("unit_patterns", {})
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    for unit in UNITS:
        forms = data.get(f"duration-{unit}", {})
        for length in ("long", "short"):
            for text in (forms.get(length) or {}).values():
                if isinstance(text, str) and "{0}" in text:
                    head, _, tail = text.partition("{0}")
                    if tail.strip():
                        after.setdefault(tail.strip().casefold(), unit)
                    elif head.strip():
                        before.setdefault(head.strip().casefold(), unit)
    # The catalogue adds the everyday words CLDR lacks ('dagar' besides 'dygn'): never shown, only searched for.
    from .i18n import words

    # TRANSLATORS: never shown. Words for each unit that follow a number in a promise text ("8 hours"),
    # separated by '|', so the check can compare a text's times with its commitments.
    catalogue = {
        "minute": N_("minute|minutes|min"),
        "hour": N_("hour|hours|h"),
        "day": N_("day|days"),
        "week": N_("week|weeks"),
    }
    for unit, message in catalogue.items():
        for word in words(lang)._(message).split("|"):
            if word.strip():
                after.setdefault(word.strip().casefold(), unit)
    if not after and not before:
        return None, {}
    parts = []
    if after:
        parts.append(rf"(?<![.,]){WORD_START}(?P<n1>\d+)\s?(?P<w1>{words_pattern(after, start=False)})")
    if before:
        parts.append(rf"(?P<w2>{words_pattern(before, end=False)})\s?(?P<n2>\d+)(?![.,\d]){WORD_END}")
    return re.compile("|".join(parts), re.IGNORECASE), {**after, **before}


def durations_in(text: str, lang: str) -> set[tuple[int, str]]:
    if not any(c.isdigit() for c in text):
        return set()
    pattern, units = _pattern(lang)
    if pattern is None:
        return set()
    found: set[tuple[int, str]] = set()
    for match in pattern.finditer(text):
        number = match.group("n1") if match.group("n1") is not None else match.group("n2")
        word = (match.group("w1") if match.group("w1") is not None else match.group("w2")).casefold()
        if word in units:
            found.add((int(number), units[word]))
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
