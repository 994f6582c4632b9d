"""The printable pocket card: A6 (105 × 148 mm), two sides, one PDF per language.

Side 1: the statement in three parts and the motto. Side 2: the values, the steps of service and the
key figures of the promises. Rendered from `staff/templates/pocket_card.html` (autoescaped Jinja,
interface words through gettext) by WeasyPrint, with DejaVu Sans embedded from Debian's font files (no
network: only `file:` URLs inside the font folder are fetched), selectable text and PDF/UA-1 tags.

The card must stay two sides: when the back does not fit, the text gets smaller, then the values and
steps are shown by name only. WeasyPrint is imported only here, when a card is made.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape

from philosophy.i18n import words
from philosophy.languages import Language
from philosophy.model import Philosophy
from philosophy.views import Page

TEMPLATES = Path(__file__).resolve().parent / "templates"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"regular": FONT_DIR / "DejaVuSans.ttf", "bold": FONT_DIR / "DejaVuSans-Bold.ttf"}
SIZES = (8.5, 8.0, 7.5, 7.0, 6.5, 6.0)  # points: the largest that keeps the card on two sides
LOG = logging.getLogger(__name__)


@pass_context
def _gettext(ctx: Any, message: str, **values: Any) -> str:
    return words(ctx["lang"])._(message, **values)


@pass_context
def _ngettext(ctx: Any, singular: str, plural: str, n: int, **values: Any) -> str:
    return words(ctx["lang"]).ngettext(singular, plural, n, **values)


@functools.cache
def environment() -> Environment:
    env = Environment(  # autoescaped: select_autoescape(default=True)
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


def languages(model: Philosophy) -> list[str]:
    """Every language the card is made in: the site's languages and the handbook language."""
    return list(dict.fromkeys([*model.site.languages, model.site.handbook]))


def page_for(model: Philosophy, lang: str, today: dt.date | None = None) -> Page:
    from philosophy.checks import today as checks_today

    site = model.site
    return Page(
        model,
        lang,
        (site.handbook, site.default) if lang == site.handbook else (site.default,),
        today or checks_today(),
    )


def _font_url(path: Path) -> str | None:
    return path.as_uri() if path.is_file() else None


def _created() -> str | None:
    """SOURCE_DATE_EPOCH as the document date (reproducible builds); no date otherwise."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def html(
    model: Philosophy, lang: str, size: float = SIZES[0], compact: bool = False, today: dt.date | None = None
) -> str:
    page = page_for(model, lang, today)
    brand = model.site.brand
    return (
        environment()
        .get_template("pocket_card.html")
        .render(
            lang=lang,
            direction=Language(lang).direction,
            page=page,
            model=model,
            size=size,
            compact=compact,
            company=model.site.company,
            colour=brand.primary or "#2b4a66",
            created=_created(),
            font_regular=_font_url(FONTS["regular"]),
            font_bold=_font_url(FONTS["bold"]),
        )
    )


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class LocalFonts(URLFetcher):  # type: ignore[misc]
        """Only the font files: no network, no other file."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            allowed = {u for u in (_font_url(p) for p in FONTS.values()) if u}
            if url not in allowed:
                raise ValueError(f"the pocket card fetches only its fonts, not {url[:80]}")
            return super().fetch(url, headers)

    return LocalFonts(allowed_protocols={"file"})


@dataclass
class Card:
    lang: str
    pdf: bytes
    pages: int
    size: float
    compact: bool
    seconds: float
    missing: str = ""  # characters no installed font can show (drawn as empty boxes)


class _MissingGlyphs(logging.Filter):
    """Collects WeasyPrint's one-warning-per-glyph about characters no font has, to report them once."""

    def __init__(self) -> None:
        super().__init__()
        self.chars: dict[str, None] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith(".notdef glyph") and isinstance(record.args, tuple) and record.args:
            self.chars[str(record.args[0])] = None
            return False
        return True


def render(model: Philosophy, lang: str, today: dt.date | None = None) -> Card:
    """The card in one language, at the largest text size that keeps it on two sides."""
    from weasyprint import HTML

    start = time.perf_counter()
    fetcher = _fetcher()
    attempts = [(size, compact) for compact in (False, True) for size in SIZES]
    for size, compact in attempts:
        document = HTML(
            string=html(model, lang, size, compact, today), base_url=str(TEMPLATES), url_fetcher=fetcher
        ).render(pdf_variant="pdf/ua-1")
        if len(document.pages) <= 2:
            break
    else:
        LOG.warning(
            "the %s pocket card needs %d sides even with the smallest text; shorten the values or steps",
            lang,
            len(document.pages),
        )
    missing = _MissingGlyphs()
    weasyprint_log = logging.getLogger("weasyprint")
    weasyprint_log.addFilter(missing)
    try:
        pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    finally:
        weasyprint_log.removeFilter(missing)
    chars = "".join(missing.chars)
    if chars:
        LOG.warning(
            "the %s pocket card has characters no installed font can show (drawn as empty boxes): %s; "
            "install a font that covers them (Debian: fonts-noto-core for most scripts, fonts-noto-cjk for "
            "Chinese, Japanese and Korean)",
            lang,
            " ".join(f"{c} (U+{ord(c):04X})" for c in chars[:20]),
        )
    return Card(lang, pdf, len(document.pages), size, compact, time.perf_counter() - start, chars)


def write(
    model: Philosophy, out: Path, langs: Sequence[str] | None = None, today: dt.date | None = None
) -> list[tuple[Path, Card]]:
    """pocket-card-<lang>.pdf for each language into `out` (never a public site)."""
    from . import outside_public

    outside_public(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in langs or languages(model):
        card = render(model, lang, today)
        path = out / f"pocket-card-{lang}.pdf"
        path.write_bytes(card.pdf)
        written.append((path, card))
    return written
