"""Cross-checks beyond the schema: languages, ids, references, keepable commitments, translations,
reviews, tone, brand, what the handbook still lacks, and texts that disagree with their numbers.

Every check is linear in the file: lookups are dicts and sets, "did you mean" looks at a bounded set of
candidates, and hints list at most ten names.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .audience import Audience
from .brand import BrandProblem, check_brand
from .commitments import Keep
from .i18n import has_catalogue, untranslated, words
from .languages import Language
from .loader import Loaded, listed, no_cycle_collection
from .model import CURRENT_VERSION, Channel, Philosophy, Promise
from .numbers import disagreements
from .problems import Problem, format_path
from .schedule import calendar_for
from .texts import TextValue, languages_of, words_pattern
from .walk import audience_at, iter_texts, plain_strings
from .yamlread import Loc

Severity = Literal["error", "warning"]
PLACEHOLDER = re.compile(r"\bTODO\b")


def today() -> dt.date:
    """The build's 'today': PHILOSOPHY_TODAY, else SOURCE_DATE_EPOCH (reproducible builds), else the clock."""
    if os.environ.get("PHILOSOPHY_TODAY"):
        return dt.date.fromisoformat(os.environ["PHILOSOPHY_TODAY"])
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.datetime.now(dt.UTC).date()


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")  # pragma: no cover


@dataclass
class _Collector:
    loaded: Loaded
    strict: bool

    def __post_init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, loc: Loc, message: str, hint: str, severity: Severity = "error", key: bool = False) -> None:
        line, col = self.loaded.key_where(loc) if key else self.loaded.where(loc)
        self.problems.append(Problem(self.loaded.file, line, col, format_path(loc), message, hint, severity))

    def todo(self, loc: Loc, message: str, hint: str) -> None:
        """Something the handbook still lacks: a warning, an error with --strict."""
        self.add(loc, message, hint, "error" if self.strict else "warning")


def check(loaded: Loaded, strict: bool = False, on: dt.date | None = None) -> list[Problem]:
    """All cross-check problems, errors first, each group in file order."""
    with no_cycle_collection():
        return _check(loaded, strict, on)


def _check(loaded: Loaded, strict: bool, on: dt.date | None) -> list[Problem]:
    m = loaded.model
    c = _Collector(loaded, strict)
    texts = list(iter_texts(m))  # walked once, used by every text check
    _version(m, c)
    _site(m, c)
    _ids(m, c)
    _references(m, c)
    day = on or today()
    _commitments(m, c, day)
    _translations(m, c, texts)
    _placeholders(c, texts)
    _aliases(loaded, c)
    _reviews(m, c, day)
    _tone(m, c, texts)
    _numbers(m, c)
    _handbook_gaps(m, c)
    c.problems.sort(key=lambda p: (p.severity != "error", p.line, p.column))
    return c.problems


# --- the file and the site -----------------------------------------------------------------------


def _version(m: Philosophy, c: _Collector) -> None:
    if m.version < CURRENT_VERSION:
        c.add(
            ("version",) if "version" in c.loaded.data else (),
            f"the file is written for format version "
            f"{m.version}; it still works, and version {CURRENT_VERSION} is current",
            f"run: python -m philosophy migrate {c.loaded.file}  (keeps your comments and order)",
            "warning",
        )


def _site(m: Philosophy, c: _Collector) -> None:
    site = m.site
    seen: dict[str, int] = {}
    for i, lang in enumerate(site.languages):
        if lang in seen:
            c.add(("site", "languages", i), f"language {lang!r} is listed twice", "list each language once")
        seen[lang] = i
        if not has_catalogue(lang):
            c.add(
                ("site", "languages", i),
                f"no interface catalogue for {lang!r}: the words around your texts "
                "(headings, labels) will show in English",
                f"add philosophy/locales/{Language(lang).babel}/"
                "LC_MESSAGES/messages.po (copy messages.pot and translate it)",
                "error" if c.strict else "warning",
            )
        elif missing := untranslated(lang):
            c.add(
                ("site", "languages", i),
                f"{len(missing)} interface words are not translated into {lang!r} and will show in English "
                f"(e.g. {missing[0]!r})",
                f"translate them in philosophy/locales/{Language(lang).babel}/LC_MESSAGES/messages.po",
                "error" if c.strict else "warning",
            )
    if site.default_language is not None and site.default_language not in site.languages:
        c.add(
            ("site", "default_language"),
            f"default language {site.default_language!r} is not in site.languages",
            f"add it to languages or choose one of {listed(list(site.languages))}",
        )
    if site.handbook_language is not None and not has_catalogue(site.handbook_language):
        c.add(
            ("site", "handbook_language"),
            f"no interface catalogue for {site.handbook_language!r}: the handbook's words will show in English",
            "choose a language with a catalogue, or add one",
            "error" if c.strict else "warning",
        )
    for problem in check_brand(site.brand, c.loaded.folder):
        _brand_problem(c, problem)


def _brand_problem(c: _Collector, problem: BrandProblem) -> None:
    c.add(("site", "brand", *problem.field), problem.message, problem.hint)


# --- ids and references --------------------------------------------------------------------------


def _unique(c: _Collector, section: str, items: Iterable[Any]) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        ident = item.id
        if ident in seen:
            c.add(
                (section, i, "id"),
                f"duplicate id {ident!r} (also {section}[{seen[ident]}])",
                "every id in a section must be unique: rename one",
            )
        else:
            seen[ident] = i


RESERVED_IDS = {"index", "assets", "search"}  # names of the handbook's own pages and folders


def _ids(m: Philosophy, c: _Collector) -> None:
    for section in ("values", "promises", "channels", "personas", "departments"):
        _unique(c, section, getattr(m, section))
    for section in ("promises", "departments"):  # each gets a page of its own in the handbook
        for i, item in enumerate(getattr(m, section)):
            if item.id in RESERVED_IDS:
                c.add(
                    (section, i, "id"),
                    f"{item.id!r} is reserved for the handbook's own pages",
                    f"choose another id (not {', '.join(sorted(RESERVED_IDS))})",
                )
    for ci, ch in enumerate(m.channels):
        seen: set[dt.date] = set()
        for ei, ex in enumerate(ch.exceptions):
            if ex.date in seen:
                c.add(
                    ("channels", ci, "exceptions", ei, "date"), f"{ex.date} is listed twice", "give each date one line"
                )
            seen.add(ex.date)
        _seasons(c, ci, ch)


def _seasons(c: _Collector, ci: int, ch: Channel) -> None:
    taken: dict[tuple[int, int], int] = {}
    for si, spec in enumerate(ch.season_specs()):
        days = spec.dates_in(today().year)
        clash = next((taken[d] for d in sorted(days) if d in taken), None)
        if clash is not None:
            c.add(
                ("channels", ci, "seasons", si),
                f"this season overlaps season {clash} of channel {ch.id!r}",
                "make the seasons' dates not overlap (the last day of one before the first of the next)",
            )
        for d in days:
            taken.setdefault(d, si)


class _Suggest:
    """'Did you mean' over a bounded candidate set: ids sharing the first letter, nearest in length."""

    LIMIT = 100  # candidates per lookup: bounded, so N unknown ids cost O(N), not O(N × ids)

    def __init__(self, known: Iterable[str]) -> None:
        by_letter: dict[str, list[str]] = defaultdict(list)
        for ident in known:
            by_letter[ident[:1]].append(ident)
        self.by_letter = {letter: sorted(ids, key=len) for letter, ids in by_letter.items()}
        self.lengths = {letter: [len(i) for i in ids] for letter, ids in self.by_letter.items()}
        self.cache: dict[str, str | None] = {}

    def __call__(self, ident: str) -> str | None:
        if ident not in self.cache:
            import bisect
            import difflib

            pool = self.by_letter.get(ident[:1], [])
            if len(pool) > self.LIMIT:  # the ids nearest in length, found by bisection
                at = bisect.bisect_left(self.lengths[ident[:1]], len(ident))
                pool = pool[max(0, at - self.LIMIT // 2) : at + self.LIMIT // 2]
            found = difflib.get_close_matches(ident, pool, n=1, cutoff=0.75)
            self.cache[ident] = found[0] if found else None
        return self.cache[ident]


@dataclass
class _Refs:
    c: _Collector
    known: dict[str, set[str]]
    suggest: dict[str, _Suggest]

    def __post_init__(self) -> None:
        self.listed = {what: listed(sorted(ids)) for what, ids in self.known.items()}  # once, not per error

    def check(self, loc: Loc, ident: str, what: str, message: str | None = None, key: bool = False) -> bool:
        if ident in self.known[what]:
            return True
        guess = self.suggest[what](ident)
        hint = (
            f"did you mean '{guess}'?"
            if guess
            else (f"known {what} ids: {self.listed[what]}" if self.known[what] else f"add the {what} first")
        )
        self.c.add(loc, message or f"no {what} has the id {ident!r}", hint, key=key)
        return False


def _references(m: Philosophy, c: _Collector) -> None:
    known = {
        "channel": {ch.id for ch in m.channels},
        "value": {v.id for v in m.values},
        "promise": {p.id for p in m.promises},
    }
    refs = _Refs(c, known, {k: _Suggest(v) for k, v in known.items()})
    for pi, p in enumerate(m.promises):
        for i, ident in enumerate(p.channels):
            refs.check(("promises", pi, "channels", i), ident, "channel")
        for i, ident in enumerate(p.values):
            refs.check(("promises", pi, "values", i), ident, "value")
        for i, com in enumerate(p.commitments):
            ids = com.channel_ids()
            single = getattr(com, "channel", None)
            for j, ident in enumerate(ids):
                field = (
                    ("channel",)
                    if single == ident and len(ids) == 1
                    else (("via", j) if hasattr(com, "via") else ("channels", j))
                )
                refs.check(("promises", pi, "commitments", i, *field), ident, "channel")
        for section in ("good_examples", "poor_examples"):
            for i, ex in enumerate(getattr(p, section)):
                if ex.channel is not None:
                    refs.check(("promises", pi, section, i, "channel"), ex.channel, "channel")
    for qi, persona in enumerate(m.personas):
        for i, ident in enumerate(persona.channels):
            refs.check(
                ("personas", qi, "channels", i),
                ident,
                "channel",
                f"persona prefers channel {ident!r}, which no channel offers",
            )
        for i, ident in enumerate(persona.key_promises):
            refs.check(("personas", qi, "key_promises", i), ident, "promise")
    for key in m.tone.per_channel:
        refs.check(("tone", "per_channel", key), key, "channel", key=True)


# --- commitments ---------------------------------------------------------------------------------


def _commitments(m: Philosophy, c: _Collector, day: dt.date) -> None:
    window = (day, day + dt.timedelta(days=365))
    channels = m.channel_by_id
    kinds_present = {ch.kind for ch in m.channels}
    personas_by_promise: dict[str, list[tuple[str, Sequence[str]]]] = defaultdict(list)
    for persona in m.personas:
        for ident in persona.key_promises:
            personas_by_promise[ident].append((persona.id, persona.channels))
    for pi, p in enumerate(m.promises):
        for i, com in enumerate(p.commitments):
            ctx = Keep(
                channel_kind=lambda ident: _kind(channels.get(ident)),
                calendar=lambda ident: calendar_for(m, channels[ident]) if ident in channels else None,
                channel_exists=lambda ident: ident in channels,
                window=window,
                persona_channels=personas_by_promise.get(p.id, []),
                has_channel_kind=lambda kind: kind in kinds_present,
            )
            com.keep(ctx)
            for issue in ctx.issues:
                c.add(
                    ("promises", pi, "commitments", i, *issue.field),
                    issue.message,
                    issue.hint,
                    "error" if issue.severity == "error" else "warning",
                )
        _around_the_clock_text(m, c, pi, p, window)


def _kind(channel: Channel | None) -> Any:
    from .channel_kinds import CHANNEL_KINDS

    return CHANNEL_KINDS.get(channel.kind) if channel is not None else None


def _around_the_clock_text(m: Philosophy, c: _Collector, pi: int, p: Promise, window: tuple[dt.date, dt.date]) -> None:
    """A text that says '24/7' (in any site language, as the catalogue words it) needs 24/7 channels."""
    involved = [
        ident
        for ident in (*p.channels, *(i for com in p.commitments for i in com.channel_ids()))
        if ident in m.channel_by_id
    ]
    closed = [i for i in dict.fromkeys(involved) if not calendar_for(m, m.channel_by_id[i]).always_open(*window)]
    if not closed:
        return
    for field in ("title", "text"):
        value = getattr(p, field)
        for lang, text in _by_language(value, m.site.default).items():
            if _says_around_the_clock(lang, text):
                c.add(
                    ("promises", pi, field),
                    f"the text promises round-the-clock service, but channel {closed[0]!r} is not open 24/7",
                    "reword the promise, or open the channel 24/7",
                )
                return


def _says_around_the_clock(lang: str, text: str) -> bool:
    return _around_the_clock_pattern(lang).search(_fold(text)) is not None


@functools.cache
def _around_the_clock_pattern(lang: str) -> re.Pattern[str]:
    # TRANSLATORS: never shown. Phrases that claim 24/7 service in a promise text, separated by '|', so the
    # check can refuse a 24/7 claim on channels that are not open 24/7. Avoid phrases like "24 hours" alone.
    phrases = [p.strip() for p in words(lang)._("around the clock|24/7|24 hours a day").split("|") if p.strip()]
    return re.compile(words_pattern(_fold(p) for p in phrases))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _by_language(value: TextValue, plain: str) -> dict[str, str]:
    return {plain: value} if isinstance(value, str) else dict(value)


# --- texts ---------------------------------------------------------------------------------------


def _translations(m: Philosophy, c: _Collector, texts: list[tuple[Loc, TextValue, Audience]]) -> None:
    site = m.site
    langs = list(site.languages)
    allowed = set(langs) | {site.handbook}
    for loc, text, audience in texts:
        plain = site.default if audience is Audience.PUBLIC else site.handbook
        given = set(languages_of(text, plain))
        if isinstance(text, dict):
            for lang in sorted(given - allowed):
                c.add(
                    (*loc, lang),
                    f"language {lang!r} is not one of site.languages ({', '.join(langs)})",
                    "remove this line or add the language to site.languages",
                    key=True,
                )
        if site.fallback_to_default:
            needed = [plain]
        else:
            needed = langs if audience is Audience.PUBLIC else [site.handbook]
        missing = [lang for lang in needed if lang not in given]
        if missing:
            plain_note = " (a plain text counts as the language " + plain + ")" if isinstance(text, str) else ""
            c.add(
                loc,
                f"missing the {', '.join(repr(x) for x in missing)} text{'s' if len(missing) > 1 else ''}",
                f"add '{missing[0]}: …' under this field{plain_note}, or set site.fallback_to_default: true",
            )


def _placeholders(c: _Collector, texts: list[tuple[Loc, TextValue, Audience]]) -> None:
    for loc, text, _aud in texts:
        if any("TODO" in s and PLACEHOLDER.search(s) for s in plain_strings(text)):
            c.add(loc, "placeholder text from the template is still here", "replace the TODO text with your own words")


def _aliases(loaded: Loaded, c: _Collector) -> None:
    """An internal text aliased (&anchor / *alias) into a public field would be published silently."""
    for alias_loc, anchor_loc in loaded.aliases:
        a, b = audience_at(loaded.model, alias_loc), audience_at(loaded.model, anchor_loc)
        if a != b:
            internal_loc = anchor_loc if b is Audience.INTERNAL else alias_loc
            c.add(
                alias_loc,
                f"this alias copies a staff-only value ({format_path(internal_loc)}) into a field "
                "customers see (or the other way round)",
                "write the public text out instead of aliasing it",
            )


def _reviews(m: Philosophy, c: _Collector, on: dt.date) -> None:
    severity: Severity = "error" if c.strict else "warning"
    for pi, p in enumerate(m.promises):
        if p.last_reviewed is None:
            c.todo(
                ("promises", pi),
                f"promise {p.id!r} has no review date yet",
                "add 'last_reviewed: YYYY-MM-DD' when it has been reviewed",
            )
            continue
        due = add_months(p.last_reviewed, p.review_every_months)
        if due < on:
            c.add(
                ("promises", pi, "last_reviewed"),
                f"promise {p.id!r} was due for review on {due} "
                f"(last reviewed {p.last_reviewed}, every {p.review_every_months} months)",
                "review it with its owner and update last_reviewed",
                severity,
            )
        if p.last_reviewed > on:
            c.add(
                ("promises", pi, "last_reviewed"),
                f"last_reviewed {p.last_reviewed} is in the future",
                "use the date the review took place",
            )
    if m.review.last_review is not None:
        due = add_months(m.review.last_review, m.review.cadence_months)
        if due < on:
            c.add(
                ("review", "last_review"),
                f"the philosophy was due for review on {due}",
                "hold the review and update review.last_review",
                severity,
            )
        if m.review.last_review > on:
            c.add(
                ("review", "last_review"),
                f"last_review {m.review.last_review} is in the future",
                "use the date the review took place",
            )


def _tone(m: Philosophy, c: _Collector, texts: list[tuple[Loc, TextValue, Audience]]) -> None:
    plain = m.site.handbook
    by_lang: dict[str, list[str]] = defaultdict(list)
    for advice in m.tone.avoid:
        for lang, word in _by_language(advice.word, plain).items():
            by_lang[lang].append(_fold(word))
    if not by_lang:
        return
    # one alternation per language: a text is scanned once, however many words there are
    patterns = {
        lang: re.compile(
            "(" + words_pattern(ws) + ")",  # group 1: the word as written
            re.IGNORECASE,
        )
        for lang, ws in by_lang.items()
    }
    for loc, text, audience in texts:
        if loc[:2] == ("tone", "avoid") or "poor_examples" in loc:
            continue  # the tone guide itself and the poor examples are meant to show the words
        for lang, value in _by_language(text, m.site.default if audience is Audience.PUBLIC else plain).items():
            pattern = patterns.get(lang) or patterns.get(lang.split("-")[0])
            if pattern is None:
                continue
            if pattern.search(value) is None:  # texts are NFC already: most never match
                continue
            for found in sorted({_fold(mt.group(1)) for mt in pattern.finditer(value)}):
                c.add(
                    loc,
                    f"uses {found!r}, a word the tone guide says to avoid ({lang})",
                    "reword it; see tone.avoid for the alternative",
                    "warning",
                )


def _numbers(m: Philosophy, c: _Collector) -> None:
    for pi, p in enumerate(m.promises):
        for lang, said, promised in disagreements(p, m.site.default):
            c.add(
                ("promises", pi, "text"),
                f"the {lang!r} text says {said}, but the commitments say {promised}",
                "make the text and the commitment agree",
                "warning",
            )


# --- what the handbook still lacks ---------------------------------------------------------------

_PROMISE_PARTS = (
    ("owner", "an owner"),
    ("in_practice", "an 'in practice' text"),
    ("do", "a 'do' list"),
    ("dont", "a 'don't' list"),
    ("good_examples", "a good example"),
    ("poor_examples", "a poor example"),
    ("tips", "tips"),
)


def _handbook_gaps(m: Philosophy, c: _Collector) -> None:
    for pi, p in enumerate(m.promises):
        missing = [label for name, label in _PROMISE_PARTS if not getattr(p, name)]
        if missing:
            c.todo(
                ("promises", pi),
                f"promise {p.id!r} still lacks {_and(missing)}",
                "staff read these in the handbook; add them when you can",
            )
    for vi, v in enumerate(m.values):
        if v.guidance is None:
            c.todo(("values", vi), f"value {v.id!r} has no guidance for staff yet", "add 'guidance: …'")
    sections = (("personas", "buyer personas"), ("departments", "departments"))
    for name, label in sections:
        if not getattr(m, name):
            c.todo((), f"the handbook has no {label} yet", f"add a '{name}:' section (see EDITING.md)")
    if m.tone.voice is None:
        c.todo((), "the handbook has no tone of voice yet", "add 'tone: voice: …'")
    if not m.steps_of_service.steps:
        c.todo((), "the handbook has no steps of service yet", "add 'steps_of_service: steps: …'")


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
