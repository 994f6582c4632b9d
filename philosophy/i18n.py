"""Every interface word through the gettext catalogue, every date, time, number, duration and list
through CLDR (Babel). No language is special here: a language is a catalogue file and CLDR data.

Catalogues are `philosophy/locales/<lang>/LC_MESSAGES/messages.po` (the files translators edit); they
are compiled in memory when first used and recompiled when a file changes.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as gettext_module
import io
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, format_time, get_timezone_name
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit

from .durations import Duration
from .languages import Language

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
UnitLength = Literal["short", "long", "narrow"]
ListStyle = Literal[
    "standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"
]  # message ids are written in English


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark for extraction only"
    return message


def catalogue_path(babel_id: str) -> Path:
    return LOCALES / babel_id / "LC_MESSAGES" / f"{DOMAIN}.po"


def shipped_languages() -> list[str]:
    """Babel ids of the catalogues in the repository: ['da', 'de', 'en', …]."""
    return sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@functools.lru_cache(maxsize=64)
def _compiled(path: Path, mtime: int) -> gettext_module.GNUTranslations | None:
    """A .po file compiled to an in-memory .mo; keyed by the file and its mtime (edits are seen)."""
    if not mtime:
        return None
    with path.open("rb") as fh:
        catalog = read_po(fh)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext_module.GNUTranslations(buffer)


def translations(lang: str) -> gettext_module.NullTranslations:
    """The language's catalogue with its fallbacks: 'en_US' -> 'en_US', 'en', then the message ids.
    Keyed by the files' modification times, so an edited catalogue is seen by a running preview."""
    now = time.monotonic()
    cached = _CURRENT.get(lang)
    if cached is not None and now - cached[0] < RECHECK_SECONDS:
        return cached[1]
    ids = _ids(lang)
    chain = _chain(ids, tuple(_mtime(catalogue_path(i)) for i in ids))
    _CURRENT[lang] = (now, chain)
    return chain


RECHECK_SECONDS = 0.5  # a running preview sees an edited catalogue within half a second
_CURRENT: dict[str, tuple[float, gettext_module.NullTranslations]] = {}


@functools.cache
def _ids(lang: str) -> tuple[str, ...]:
    return tuple(Language(lang).chain)


@functools.lru_cache(maxsize=128)
def _chain(ids: tuple[str, ...], mtimes: tuple[int, ...]) -> gettext_module.NullTranslations:
    chain: gettext_module.NullTranslations = gettext_module.NullTranslations()
    for babel_id, mtime in reversed(list(zip(ids, mtimes, strict=True))):
        path = catalogue_path(babel_id)
        compiled = _compiled(path, mtime)
        if compiled is not None:
            layer = gettext_module.GNUTranslations()
            layer._catalog = dict(compiled._catalog)  # type: ignore[attr-defined]  # a fresh layer per chain
            layer.plural = compiled.plural  # type: ignore[attr-defined]
            layer.add_fallback(chain)
            chain = layer
    return chain


def has_catalogue(lang: str) -> bool:
    return any(catalogue_path(b).exists() for b in Language(lang).chain)


@functools.lru_cache(maxsize=64)
def _ships_words(lang: str) -> bool:
    """has_catalogue, asked once per language and process: formatting asks it for every day count."""
    return has_catalogue(lang)


@dataclass(frozen=True)
class Words:
    """Interface words and CLDR formats for one language."""

    lang: str  # BCP 47 code as on the site: 'en-US'

    @property
    def _tr(self) -> gettext_module.NullTranslations:
        return translations(self.lang)

    @property
    def language(self) -> Language:
        return Language(self.lang)

    @property
    def locale(self) -> Locale:
        return self.language.locale

    @property
    def babel(self) -> str:
        return self.language.babel

    # --- catalogue -------------------------------------------------------------------------------
    def _(self, message: str, **values: object) -> str:
        text = self._tr.gettext(message)
        return text % values if values else text

    def gettext(self, message: str, **values: object) -> str:
        return self._(message, **values)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        text = self._tr.ngettext(singular, plural, n)
        return text % {"num": self.number(n), **values} if "%(" in text else text

    # --- CLDR ------------------------------------------------------------------------------------
    def number(self, value: int | float | Decimal) -> str:
        return format_decimal(value, locale=self.babel)

    def percent(self, share: Decimal | float, whole: bool = False) -> str:
        """85 -> '85 %' in sv, '85%' in en. `whole` rounds down to a whole percent."""
        value = Decimal(str(share))
        if whole:
            value = value.to_integral_value(rounding=ROUND_FLOOR)
        return format_percent(value / 100, locale=self.babel, decimal_quantization=False)

    def duration(self, value: Duration | int, length: UnitLength = "long") -> str:
        """'8 hours', '8 timmar', '8 heures': exact, in the largest whole unit."""
        amount, unit = (value if isinstance(value, Duration) else Duration(int(value))).largest_unit()
        return self._unit(amount, unit, length)

    def _unit(self, amount: int, unit: str, length: UnitLength) -> str:
        if unit == "day" and length == "long" and _ships_words(self.lang):
            # CLDR's long day unit is a 24-hour period in some languages (Swedish "dygn", Norwegian
            # "døgn", Estonian "ööpäev"): a return period or a refund time is counted in the everyday
            # word, which the catalogue gives (its translators start from CLDR's own pattern).
            # TRANSLATORS: a number of calendar days (a return period, a refund time): the everyday word
            # for days, not one for 24-hour periods (Swedish "dagar", not "dygn").
            return self.ngettext("%(num)s day", "%(num)s days", amount)
        return _unit_text(self.babel, amount, unit, length)

    def unit(self, amount: int, unit: str, length: UnitLength = "long") -> str:
        """'45 seconds', '3 days': an amount of one duration unit (second … week), as CLDR writes it."""
        return self._unit(amount, unit, length)

    def _unit_uncached(self, amount: int, unit: str, length: UnitLength) -> str:
        """CLDR's unit pattern; a locale without the long form (Dutch, Catalan in Babel 2.18) uses its short one."""
        forms: tuple[UnitLength, ...] = (length, "short", "narrow")
        for form in forms:
            text = format_unit(amount, f"duration-{unit}", length=form, locale=self.babel)
            if "duration-" not in text:
                return text
        return f"{self.number(amount)} {unit}"  # pragma: no cover - every CLDR locale has a short form

    def duration_parts(self, value: Duration) -> tuple[str, str]:
        """('8', 'hours'): a figure's number and its unit, as CLDR writes them."""
        amount, _unit = value.largest_unit()
        whole = self.duration(value)
        number = self.number(amount)
        return (number, whole.replace(number, "", 1).strip()) if number in whole else (whole, "")

    def days(self, count: int) -> str:
        return self._unit(count, "day", "long")

    def days_parts(self, count: int) -> tuple[str, str]:
        whole, number = self.days(count), self.number(count)
        return (number, whole.replace(number, "", 1).strip()) if number in whole else (whole, "")

    @functools.cached_property
    def twelve_hour(self) -> bool:
        return "h" in self.locale.time_formats["short"].pattern.replace("hh", "h").replace("H", "")

    def time(self, minutes: int) -> str:
        """Minutes after midnight as the locale writes a time: '08:00', '8:00 AM'; 24:00 as the day's end."""
        minutes %= 1441 if minutes <= 1440 else 1440
        if minutes == 1440:
            if self.twelve_hour:
                return format_time(dt.time(0, 0), "short", locale=self.babel)
            # 24:00 in the locale's own separator and digits ('24.00', '۲۴:۰۰'): 23:00 with the hour swapped
            late = format_time(dt.time(23, 0), "short", locale=self.babel)
            return late.replace(self.number(23), self.number(24), 1)
        return format_time(dt.time(minutes // 60, minutes % 60), "short", locale=self.babel)

    def time_range(self, start: int, end: int) -> str:
        return self._("%(opens)s–%(closes)s", opens=self.time(start), closes=self.time(end))

    def date(self, value: dt.date, format: str = "long") -> str:
        return _date_text(self.babel, value, format)

    def date_range(self, first: dt.date, last: dt.date, skeleton: str = "yMMMMd") -> str:
        """A span of days as CLDR writes intervals ('15 Jul – 31 Aug 2026', '12月29日～1月3日');
        skeleton 'MMMMd' for a span that recurs every year."""
        return str(format_interval(first, last, skeleton, locale=self.babel))

    def weekday(self, index: int, width: str = "wide") -> str:
        """Monday is 0, as Python counts; names as CLDR writes them in this language (standalone form)."""
        names = self.locale.days["stand-alone"][width]
        return str(names[index])

    def weekday_in_sentence(self, index: int) -> str:
        return str(self.locale.days["format"]["wide"][index])

    def month(self, value: dt.date) -> str:
        """A month of a year as the language writes it on its own: CLDR's 'yMMMM' skeleton ('maj 2026',
        '2026年5月', '2026. május', 'mayo de 2026'), not a fixed pattern that puts the year last."""
        return format_skeleton("yMMMM", value, locale=self.babel)

    def month_abbr(self, value: dt.date) -> str:
        """A month's stand-alone abbreviation, for a chart's axis ('maj', '5月')."""
        return format_date(value, format="LLL", locale=self.babel)

    def sentence(self, text: str) -> str:
        """A sentence that may begin with a formatted value ('tháng 5 năm 2026 …'): its first letter
        capitalised, as every language with letter case writes a sentence (scripts without case are
        unchanged)."""
        return text[:1].upper() + text[1:]

    def list(self, items: Sequence[str], style: ListStyle = "standard") -> str:
        return format_list(list(items), style=style, locale=self.babel) if items else ""

    def timezone_name(self, zone: str) -> str:
        """'Central European Time', 'centraleuropeisk tid'."""
        return get_timezone_name(ZoneInfo(zone), width="long", locale=self.babel)

    def language_name(self, code: str) -> str:
        return Language(code).name(self.lang)

    def language_names(self, codes: Sequence[str]) -> Sequence[str]:
        """Names for a list of languages: 'English', not 'English (United Kingdom)', unless two variants
        of one language are listed ('English (United States)', 'English (United Kingdom)')."""
        bases = [Language(c).base for c in codes]
        listed = Counter(bases)
        return [self.language_name(c if listed[b] > 1 else b) for c, b in zip(codes, bases, strict=True)]

    @property
    def list_separator(self) -> str:
        """What separates the middle items of a list in this language (', ', '、')."""
        middle = str(self.locale.list_patterns["standard"]["middle"])
        return middle.replace("{0}", "").replace("{1}", "")


@functools.lru_cache(maxsize=4096)
def _unit_text(babel_id: str, amount: int, unit: str, length: UnitLength) -> str:
    """Formatting is the same every time for the same value: a large site formats thousands of them."""
    return Words(babel_id.replace("_", "-"))._unit_uncached(amount, unit, length)


@functools.lru_cache(maxsize=4096)
def _date_text(babel_id: str, value: dt.date, format: str) -> str:
    return format_date(value, format=format, locale=babel_id)


@functools.lru_cache(maxsize=64)
def words(lang: str) -> Words:
    return Words(lang)


@functools.lru_cache(maxsize=4)
def _template_ids(mtime: int) -> tuple[str, ...]:
    with (LOCALES / f"{DOMAIN}.pot").open("rb") as fh:
        return tuple(m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id)


def untranslated(lang: str) -> list[str]:
    """Interface words the language's catalogues do not translate: they would show in English."""
    if Language(lang).base == SOURCE_LANGUAGE:
        return []
    ids = _template_ids(_mtime(LOCALES / f"{DOMAIN}.pot"))
    found: set[str] = set()
    for babel_id in Language(lang).chain:
        compiled = _compiled(catalogue_path(babel_id), _mtime(catalogue_path(babel_id)))
        if compiled is not None:
            found |= {k if isinstance(k, str) else k[0] for k in compiled._catalog}  # type: ignore[attr-defined]
    return [m for m in ids if m not in found]
