"""Our own Jinja environment for page bodies: autoescaped, strict, loading only this audience's
templates. Values from philosophy.yml are data: they are escaped, never parsed as templates."""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.units import format_unit
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup
from ruamel.yaml import YAML

from philosophy.checks import add_months, today
from philosophy.durations import iso_duration, parse_duration
from philosophy.hours import WEEKDAYS

from .site import ROOT, Build

TEMPLATES = ROOT / "overrides"
LABELS_FILE = TEMPLATES / "shared" / "labels.yml"


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    return YAML(typ="safe", pure=True).load(LABELS_FILE.read_text(encoding="utf-8"))


def text_in(value: Any, lang: str, default: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value[default]


@pass_context
def _t(ctx: Any, value: Any) -> str:
    return text_in(value, ctx["lang"], ctx["default_language"])


@pass_context
def _label(ctx: Any, key: str, **fmt: Any) -> str:
    table = labels()
    text = table.get(ctx["lang"], {}).get(key) or table["en"][key]
    return text.format(**fmt) if fmt else text


@pass_context
def _duration(ctx: Any, value: str) -> str:
    """Exact, in the largest whole unit: '8h' -> '8 timmar', '90 min' -> '90 minuter'."""
    minutes = int(parse_duration(value).total_seconds() // 60)
    for unit, size in (("week", 10080), ("day", 1440), ("hour", 60), ("minute", 1)):
        if minutes % size == 0:
            return format_unit(minutes // size, f"duration-{unit}", length="long", locale=ctx["lang"])
    raise AssertionError("unreachable")


@pass_context
def _date(ctx: Any, value: dt.date) -> str:
    return format_date(value, format="long", locale=ctx["lang"])


@pass_context
def _weekday(ctx: Any, index: int) -> str:
    # 2024-01-01 was a Monday: format that week's days in the page's language
    day = dt.date(2024, 1, 1) + dt.timedelta(days=index)
    return format_date(day, "EEEE", locale=ctx["lang"]).capitalize()


@pass_context
def _number(ctx: Any, value: int) -> str:
    return format_decimal(value, locale=ctx["lang"])


@pass_context
def _language_name(ctx: Any, code: str) -> str:
    return Locale.parse(code.replace("-", "_")).get_display_name(ctx["lang"])


def _json_script(value: Any) -> Markup:
    """JSON safe inside <script>: no '<', '>' or '&' can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


@lru_cache(maxsize=2)
def environment(audience: str) -> Environment:
    folder = "public" if audience == "public" else "handbook"
    env = Environment(
        loader=FileSystemLoader([str(TEMPLATES / folder), str(TEMPLATES / "shared")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
    )
    env.filters.update(t=_t, duration=_duration, date=_date, weekday=_weekday, number=_number,
                       json_script=_json_script, language_name=_language_name, iso_duration=iso_duration)
    env.globals.update(label=_label, WEEKDAYS=WEEKDAYS, add_months=add_months)
    return env


def render(build: Build, template: str, lang: str, links: dict[str, str], **extra: Any) -> Markup:
    env = environment(build.audience)
    html = env.get_template(template).render(
        ph=build.data, lang=lang, default_language=build.default, languages=build.languages,
        links=links, today=today(), by_id=build.by_id, channel_names=build.by_id["channel_names"], **extra)
    # Blank lines would end Markdown's raw-HTML block; the output is one HTML block.
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))
