"""Language codes as the web writes them (BCP 47: 'sv', 'en-US', 'pt-BR'), checked against CLDR.

One place knows how a code maps onto each consumer: Babel locales, gettext catalogues, URL prefixes,
Open Graph locales. Framework-specific support (the theme's interface, search stemming) is checked by
the build layer, which knows the framework.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.core import get_global

_SHAPE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?$")

# Country codes often written where a language code is meant.
_MISTAKES = {
    "dk": "da",
    "se": "sv",
    "jp": "ja",
    "cz": "cs",
    "gr": "el",
    "ua": "uk",
    "cn": "zh",
    "kr": "ko",
    "ee": "et",
    "si": "sl",
    "rs": "sr",
    "gb": "en",
    "us": "en",
    "br": "pt",
    "at": "de",
    "ch": "de",
    "no": "nb",
}
_MISTAKE_HINTS = {
    "no": "'no' is Norwegian in general: write 'nb' (Bokmål) or 'nn' (Nynorsk)",
    "se": "'se' is Northern Sami; Swedish is 'sv'",
    "si": "'si' is Sinhala; Slovenian is 'sl'",
}


class LanguageError(ValueError):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@functools.lru_cache(maxsize=1024)
def canonical(code: str) -> str:
    """'EN_us' -> 'en-US'. Raises LanguageError with a hint for codes CLDR does not know."""
    if not isinstance(code, str):
        raise LanguageError(
            f"expected a language code such as 'sv' or 'en-US'; found {code!r}",
            "write the code as text, e.g. 'de' or 'en-US'",
        )
    match = _SHAPE.match(code.strip())
    if not match or code != code.strip():
        raise LanguageError(f"{code[:40]!r} is not a language code", "write a code such as 'de', 'fr' or 'en-US'")
    lang, script, region = match.groups()
    lang = lang.lower()
    if lang in _MISTAKE_HINTS and not script and not region:
        hint = _MISTAKE_HINTS[lang]
    elif lang in _MISTAKES:
        hint = f"did you mean '{_MISTAKES[lang]}'? ('{lang}' is a country code)"
    else:
        hint = "write an ISO 639 code such as 'de', 'fr', 'fi' or 'en-US'"
    parts = [lang] + ([script.title()] if script else []) + ([region.upper()] if region else [])
    text = "-".join(parts)
    try:
        Locale.parse(text, sep="-")
    except (UnknownLocaleError, ValueError):
        raise LanguageError(f"unknown language code {code!r}", hint) from None
    if lang == "no":
        raise LanguageError("'no' is not specific enough", hint)
    return text


@dataclass(frozen=True)
class Language:
    """A site language and what each consumer calls it."""

    code: str  # as written on the site, canonical BCP 47: 'en-US'

    @property
    def locale(self) -> Locale:
        return _locale(self.code)

    @property
    def babel(self) -> str:
        """Babel/CLDR and gettext identifier: 'en_US'."""
        return self.code.replace("-", "_")

    @property
    def base(self) -> str:
        return self.code.split("-")[0]

    @property
    def chain(self) -> list[str]:
        """Catalogue lookup order: 'en_US' then 'en'. A language written in more than one script falls back
        only within its script: 'zh_TW' -> 'zh_Hant' (never 'zh', which is Simplified), 'zh_Hans' -> 'zh'."""
        out = [self.babel]
        script = self.locale.script
        if script and f"{self.base}_{script}" not in out:
            out.append(f"{self.base}_{script}")
        if self.base not in out and (script is None or script == _likely_script(self.base)):
            out.append(self.base)
        return out

    @property
    def url_prefix(self) -> str:
        """Lower-case path segment for the language's pages: 'en-us'."""
        return self.code.lower()

    @property
    def og_locale(self) -> str:
        """Open Graph locale, language_TERRITORY: 'en_US', 'sv_SE' (likely territory when none is given)."""
        loc = self.locale
        territory = loc.territory or _likely_territory(loc.language, loc.script)
        return f"{loc.language}_{territory}" if territory else loc.language

    @property
    def direction(self) -> str:
        """'rtl' or 'ltr', as CLDR gives the language's character order (Arabic, Hebrew, Persian, Urdu …)."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def name(self, in_language: str) -> str:
        """The language's name in another language, as CLDR writes it ('svenska', 'Swedish')."""
        return self.locale.get_display_name(_locale(in_language)) or self.code

    def own_name(self) -> str:
        """The language's own name, capitalised as a menu item: 'Svenska', 'Deutsch'."""
        name = self.name(self.code)
        return name[:1].upper() + name[1:]


@functools.cache
def _likely_script(language: str) -> str | None:
    """The script a bare language code means ('zh' -> 'Hans', 'sr' -> 'Cyrl'), from CLDR's likely subtags."""
    likely = get_global("likely_subtags").get(language)
    parts = str(likely).split("_") if likely else []
    return parts[1] if len(parts) == 3 else None


@functools.cache
def _locale(code: str) -> Locale:
    return Locale.parse(code, sep="-")


@functools.cache
def _likely_territory(language: str, script: str | None = None) -> str | None:
    """CLDR's likely territory, for the script when one is given: zh-Hant -> TW (zh alone -> CN)."""
    subtags = get_global("likely_subtags")
    likely = (subtags.get(f"{language}_{script}") if script else None) or subtags.get(language)
    if not likely:
        return None
    parts = likely.split("_")
    return parts[-1] if len(parts) > 1 and parts[-1].isalpha() and parts[-1].isupper() else None


def likely_region(code: str) -> str | None:
    """'sv' -> 'SE', 'en-US' -> 'US': the region a page in this language most likely serves."""
    lang = Language(code)
    return lang.locale.territory or _likely_territory(lang.locale.language, lang.locale.script)
