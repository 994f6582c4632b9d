"""Keep one language's CLDR data from leaking into another's within a process (Babel 2.18, issue
python-babel/babel#1234; no fixed release yet).

Babel gives each locale a shallow copy of its parent's data, so a part a locale does not define (say
the stand-alone month names, an alias in CLDR's root) is one dict shared by every such locale. When a
lookup resolves that alias, `LocaleDataDict.__getitem__` writes the resolved value back into the
shared dict: after Japanese pages asked for `LLL`, the Arabic and Italian pages built next in the same
process got "5月". A multi-language site is built in one process, so this would put one language's
month names on another's pages. The replacement below is Babel's own method without that write-back
for resolved aliases (what the upstream fixes do); a test pins the behaviour, and when a Babel release
fixes it this module can go.
"""

from __future__ import annotations

from typing import Any

from babel import localedata

_PATCHED = "_philosophy_isolated"


def _getitem(self: localedata.LocaleDataDict, key: str | int | None) -> Any:
    orig = val = self._data[key]
    resolved = False
    if isinstance(val, localedata.Alias):  # resolve an alias
        val = val.resolve(self.base)
        resolved = True
    if isinstance(val, tuple):  # merge a partial dict with an alias
        alias, others = val
        val = alias.resolve(self.base).copy()
        localedata.merge(val, others)
        resolved = True
    if isinstance(val, dict):  # a nested alias-resolving dict
        val = localedata.LocaleDataDict(val, base=self.base)
    if val is not orig and not resolved:  # never memoize what came from this locale's alias
        self._data[key] = val
    return val


def isolate() -> None:
    if not getattr(localedata.LocaleDataDict, _PATCHED, False):
        localedata.LocaleDataDict.__getitem__ = _getitem  # type: ignore[method-assign]
        setattr(localedata.LocaleDataDict, _PATCHED, True)
