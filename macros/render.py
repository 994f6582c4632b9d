"""Our own Jinja environment for page bodies: autoescaped, strict, with gettext from the message catalogue
(the page's language), loading only this audience's templates. Values from philosophy.yml are data: they
are escaped, never parsed as templates."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from markupsafe import Markup

from philosophy.audience import Audience
from philosophy.i18n import words

TEMPLATES = Path(__file__).resolve().parents[1] / "overrides"


@pass_context
def _gettext(ctx: Any, message: str) -> str:
    return words(ctx["lang"])._(message)


@pass_context
def _ngettext(ctx: Any, singular: str, plural: str, n: int) -> str:
    return words(ctx["lang"])._tr.ngettext(singular, plural, n)


def json_script(value: Any) -> Markup:
    """JSON safe inside <script>: no '<', '>' or '&' can close the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    text = (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return Markup(text)  # noqa: S704 - escaped above for the one context it is used in


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept on disk between builds (checked against each template's source), as Jinja
    applications do in production: compiling our templates is most of a small site's build overhead."""
    folder = Path(os.environ.get("PHILOSOPHY_CACHE") or TEMPLATES.parent / ".cache") / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


@functools.cache
def environment(audience: Audience) -> Environment:
    folder = "public" if audience is Audience.PUBLIC else "handbook"
    env = Environment(
        bytecode_cache=_bytecode_cache(),
        loader=FileSystemLoader([str(TEMPLATES / folder), str(TEMPLATES / "shared")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["json_script"] = json_script
    env.filters["channel_name"] = lambda ident, page: page.say.channel(ident)
    return env


def render(audience: Audience, template: str, **context: Any) -> Markup:
    html = environment(audience).get_template(template).render(**context)
    # Blank lines would end Markdown's raw-HTML block; the output is one HTML block.
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))  # noqa: S704 - autoescaped render
