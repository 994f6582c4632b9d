"""Cross-checks beyond the schema: ids, references, keepable commitments, translations, reviews, tone."""
from __future__ import annotations

import datetime as dt
import os
import re
import zoneinfo
from collections.abc import Iterable
from typing import Any

from babel import Locale, UnknownLocaleError

from .durations import parse_duration
from .hours import longest_closed_stretch, parse_week_minutes
from .loader import Loaded, Loc
from .model import Philosophy
from .problems import Problem, format_path
from .walk import iter_texts

AROUND_THE_CLOCK = re.compile(r"24/7|24 ?h ?om dygnet|dygnet runt|around the clock|round the clock|24 hours a day",
                              re.IGNORECASE)


def today() -> dt.date:
    """The build's 'today': SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    if os.environ.get("PHILOSOPHY_TODAY"):
        return dt.date.fromisoformat(os.environ["PHILOSOPHY_TODAY"])
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class _Collector:
    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []

    def add(self, loc: Loc, message: str, hint: str, severity: str = "error") -> None:
        line, col = self.loaded.where(loc)
        self.problems.append(Problem(self.loaded.file, line, col, format_path(loc), message, hint, severity))


def check(loaded: Loaded, strict: bool = False, on: dt.date | None = None) -> list[Problem]:
    """All cross-check problems, errors and warnings, in file order."""
    m: Philosophy = loaded.model
    c = _Collector(loaded)
    _site(m, c)
    _ids(m, c)
    _references(m, c)
    _commitments(m, c)
    texts = list(iter_texts(m))  # walked once, used by both text checks
    _translations(m, c, texts)
    _reviews(m, c, on or today(), "error" if strict else "warning")
    _tone(m, c, texts)
    c.problems.sort(key=lambda p: (p.severity != "error", p.line, p.column))
    return c.problems


def _site(m: Philosophy, c: _Collector) -> None:
    try:
        zoneinfo.ZoneInfo(m.site.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        c.add(("site", "timezone"), f"unknown time zone {m.site.timezone!r}",
              "use an IANA name such as 'Europe/Stockholm'")
    for i, lang in enumerate(m.site.languages):
        try:
            Locale.parse(lang.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            c.add(("site", "languages", i), f"unknown language code {lang!r}", "use a code such as 'sv' or 'en'")
    if m.site.default_language not in m.site.languages:
        c.add(("site", "default_language"), f"default language {m.site.default_language!r} is not in site.languages",
              f"add it to languages or choose one of {', '.join(m.site.languages)}")
    if len(set(m.site.languages)) != len(m.site.languages):
        c.add(("site", "languages"), "a language is listed twice", "list each language once")


def _unique(c: _Collector, section: str, items: Iterable[object]) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        ident = getattr(item, "id")
        if ident in seen:
            c.add((section, i, "id"), f"duplicate id {ident!r} (also {section}[{seen[ident]}])",
                  "every id in a section must be unique: rename one")
        else:
            seen[ident] = i


def _ids(m: Philosophy, c: _Collector) -> None:
    for section in ("values", "promises", "channels", "personas", "departments"):
        _unique(c, section, getattr(m, section))
    for ci, ch in enumerate(m.channels):
        seen: set[dt.date] = set()
        for ei, ex in enumerate(ch.exceptions):
            if ex.date in seen:
                c.add(("channels", ci, "exceptions", ei, "date"), f"{ex.date} is listed twice",
                      "give each date one line")
            seen.add(ex.date)


def _ref(c: _Collector, loc: Loc, ident: str, known: set[str], what: str) -> None:
    if ident not in known:
        import difflib
        guess = difflib.get_close_matches(ident, sorted(known), n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else f"known {what} ids: {', '.join(sorted(known))}"
        c.add(loc, f"no {what} has the id {ident!r}", hint)


def _references(m: Philosophy, c: _Collector) -> None:
    channels = {ch.id for ch in m.channels}
    values = {v.id for v in m.values}
    promises = {p.id for p in m.promises}
    for pi, p in enumerate(m.promises):
        for i, ident in enumerate(p.channels):
            _ref(c, ("promises", pi, "channels", i), ident, channels, "channel")
        for i, ident in enumerate(p.values):
            _ref(c, ("promises", pi, "values", i), ident, values, "value")
        for i, com in enumerate(p.commitments):
            if hasattr(com, "channel"):
                _ref(c, ("promises", pi, "commitments", i, "channel"), com.channel, channels, "channel")
    for qi, persona in enumerate(m.personas):
        for i, ident in enumerate(persona.channels):
            if ident not in channels:
                c.add(("personas", qi, "channels", i),
                      f"persona prefers channel {ident!r}, which no channel offers",
                      f"add the channel under channels, or choose one of: {', '.join(sorted(channels))}")
        for i, ident in enumerate(persona.key_promises):
            _ref(c, ("personas", qi, "key_promises", i), ident, promises, "promise")
    for key in m.tone.per_channel:
        _ref(c, ("tone", "per_channel", key), key, channels, "channel")


def _fmt_minutes(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    return f"{hours} h" + (f" {mins} min" if mins else "")


def _commitments(m: Philosophy, c: _Collector) -> None:
    by_id = {ch.id: ch for ch in m.channels}
    for pi, p in enumerate(m.promises):
        involved = set(p.channels)
        for i, com in enumerate(p.commitments):
            loc: Loc = ("promises", pi, "commitments", i)
            ch = by_id.get(getattr(com, "channel", ""))
            if ch is None:
                continue
            involved.add(ch.id)
            if com.kind == "available" and com.around_the_clock and not ch.always_open:
                c.add(loc + ("around_the_clock",), f"promises 24/7 on channel {ch.id!r}, which is not open 24/7",
                      f"open {ch.id!r} around the clock (mon-sun: 00:00-24:00) or drop around_the_clock")
            if com.kind == "reply" and com.counts == "calendar":
                gap = longest_closed_stretch(parse_week_minutes(ch.hours))
                limit = int(parse_duration(com.within).total_seconds() // 60)
                if gap > limit:
                    c.add(loc + ("within",), f"a reply within {com.within} in calendar time cannot be kept: "
                          f"channel {ch.id!r} is closed for up to {_fmt_minutes(gap)} in a row",
                          "count opening hours instead (counts: opening_hours), lengthen the time, "
                          "or extend the channel's hours")
        texts = [(("promises", pi, "title"), p.title), (("promises", pi, "text"), p.text)]
        for loc, text in texts:
            values = text.values() if isinstance(text, dict) else [text]
            if any(AROUND_THE_CLOCK.search(v) for v in values):
                closed = [cid for cid in sorted(involved) if cid in by_id and not by_id[cid].always_open]
                if closed:
                    c.add(loc, f"the text promises round-the-clock service, but channel {closed[0]!r} is not open 24/7",
                          "reword the promise, or open the channel 24/7")


def _translations(m: Philosophy, c: _Collector, texts: list[tuple[Loc, Any, str]]) -> None:
    langs = m.site.languages
    default = m.site.default_language
    for loc, text, audience in texts:
        given = set(text) if isinstance(text, dict) else {default}
        for lang in sorted(given - set(langs)):
            c.add(loc + (lang,), f"language {lang!r} is not one of site.languages ({', '.join(langs)})",
                  "remove this line or add the language to site.languages")
        if m.site.fallback_to_default:
            needed = [default]
        else:
            needed = langs if audience == "public" else [default]  # the handbook is in the default language
        for lang in needed:
            if lang not in given:
                c.add(loc, f"missing the {lang!r} text",
                      f"add '{lang}: …' under this field" + (
                          " (a plain text counts as the default language)" if not isinstance(text, dict) else "")
                      + ", or set site.fallback_to_default: true")


def _reviews(m: Philosophy, c: _Collector, on: dt.date, severity: str) -> None:
    for pi, p in enumerate(m.promises):
        due = add_months(p.last_reviewed, p.review_every_months)
        if due < on:
            c.add(("promises", pi, "last_reviewed"), f"promise {p.id!r} was due for review on {due} "
                  f"(last reviewed {p.last_reviewed}, every {p.review_every_months} months)",
                  "review it with its owner and update last_reviewed", severity)
        if p.last_reviewed > on:
            c.add(("promises", pi, "last_reviewed"), f"last_reviewed {p.last_reviewed} is in the future",
                  "use the date the review took place")
    due = add_months(m.review.last_review, m.review.cadence_months)
    if due < on:
        c.add(("review", "last_review"), f"the philosophy was due for review on {due}",
              "hold the review and update review.last_review", severity)


def _tone(m: Philosophy, c: _Collector, texts: list[tuple[Loc, Any, str]]) -> None:
    default = m.site.default_language
    avoid: list[tuple[str, str]] = []
    for word in m.tone.avoid:
        items = word.word.items() if isinstance(word.word, dict) else [(default, word.word)]
        avoid += [(lang, w) for lang, w in items]
    if not avoid:
        return
    # one alternation per language: a text is scanned once, however many words there are
    by_lang: dict[str, list[str]] = {}
    for lang, word in avoid:
        by_lang.setdefault(lang, []).append(word)
    patterns = {lang: re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
                for lang, words in by_lang.items()}
    canonical = {(lang, w.lower()): w for lang, w in avoid}
    for loc, text, _aud in texts:
        # the tone guide itself and the poor examples are meant to show the words
        if loc[:2] == ("tone", "avoid") or "poor_examples" in loc:
            continue
        items = text.items() if isinstance(text, dict) else [(default, text)]
        for lang, value in items:
            pattern = patterns.get(lang)
            if pattern is None:
                continue
            for found in sorted({mt.group(1).lower() for mt in pattern.finditer(value)}):
                word = canonical.get((lang, found), found)
                c.add(loc, f"uses {word!r}, a word the tone guide says to avoid ({lang})",
                      "reword it; see tone.avoid for the alternative", "warning")
