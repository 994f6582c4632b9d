"""Hostile input, round two, property-based: for every structured field, values drawn from a hostile
alphabet (quotes, angle brackets, '&', javascript:, control and bidi characters, U+2028/U+2029/U+0085,
whitespace, very long strings), alone or behind/before a value of the right form. Each time the check
refuses with the project's error (every problem with file, line, column, field path and a hint, never
another exception), or the value renders inertly: the public pages, rendered in process, have exactly
the baseline's elements and attributes, every attribute is double-quoted with no '"' or '<' inside, and
the JSON blocks (open-now data, JSON-LD) stay JSON that cannot close their <script>.

~40 s locally (16 examples per field); CI=true runs 100 per field.
"""

from __future__ import annotations

import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from macros.render import json_script
from macros.site import Build
from philosophy.audience import Audience
from philosophy.loader import Loaded
from philosophy.walk import redact
from tests.render_helpers import render_public_pages
from tests.test_security_structured import FIELDS, assert_proper, extended_data, payload_file, verdict

CI = os.environ.get("CI") == "true"
EXAMPLES = 100 if CI else 16

HOSTILE = [
    '"',
    "'",
    "<",
    ">",
    "&",
    "`",
    "javascript:",
    "JaVaScRiPt:",
    "data:",
    "vbscript:",
    "\x00",
    "\x01",
    "\x08",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9b",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200f",
    "\ufeff",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\xa0",
    "\u3000",
    "%",
    "%22",
    "%3C",
    "/",
    "..",
    "../",
    "?",
    "#",
    "@",
    "=",
    ";",
    ":",
    ",",
    "{{",
    "}}",
    "{%",
    "\\",
    "</script>",
    "<!--",
    "-->",
    "]]>",
    "&#x3c;",
    "&quot;",
    "é",
    "e\u0301",
    "\U0001f600",
    "0",
    "9",
    "-",
    "_",
    ".",
    "+",
    "x",
    "Z",
]
CARRIERS = [
    "",
    "https://example.com/",
    "https://service.hjulverket.se/",
    "help@example.com",
    "+46 31 12 34 56",
    "Europe/Stockholm",
    "sv",
    "en",
    "main",
    "2026-11-01",
    "85%",
    "#1f4e3d",
    "@company",
    "brand/logo.svg",
    "08:00-17:00",
    "e-post",
    "telefon",
    "SE",
    "8h",
    "60",
    "12",
]

hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(alphabet="<>\"'&:/\\ a\u2028\x1b", max_size=4)), max_size=12
).map("".join)
values = st.one_of(
    st.tuples(st.sampled_from(CARRIERS), hostile_text, st.booleans()).map(
        lambda t: t[0] + t[1] if t[2] else t[1] + t[0]
    ),
    st.tuples(st.sampled_from([*HOSTILE, "a", "https://e.com/"]), st.integers(200, 3000)).map(lambda t: t[0] * t[1]),
    st.sampled_from(CARRIERS),
    hostile_text,
)

_TAG = re.compile(r"""<[a-zA-Z][\w-]*(\s+[a-zA-Z_:][\w:.-]*(="[^"<]*")?)*\s*/?>""")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: set[tuple[str, str]] = set()
        self.elements: set[str] = set()
        self.bad: list[str] = []
        self.scripts: list[str] = []
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.add(tag)
        self.pairs |= {(tag, name) for name, _ in attrs}
        raw = self.get_starttag_text() or ""
        if not _TAG.fullmatch(raw):
            self.bad.append(raw[:200])
        self._json = tag == "script" and dict(attrs).get("type") in ("application/json", "application/ld+json")

    def handle_data(self, data: str) -> None:
        if self._json:
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._json = False


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("property")
    extended_data(path)
    return path


@pytest.fixture(scope="module")
def baseline(folder: Path) -> _Tags:
    loaded, errors = verdict(payload_file(folder, {}, "baseline.yml"))
    assert loaded is not None and errors == []
    parsed = _parse(render_public_pages(loaded))
    assert parsed.bad == [] and parsed.scripts
    return parsed


def _json_blocks_hold(loaded: Loaded) -> None:
    """The JSON-LD of every page and language: JSON that round-trips and can never close its <script>."""
    build = Build(Audience.PUBLIC, loaded, redact(loaded.model, Audience.PUBLIC), loaded.path)
    site = loaded.model.site.url
    for page in build.pages.values():
        for key in ("promise", "contact"):
            data = page.json_ld(key, site + key + "/", site, site + "assets/brand/logo.svg")
            text = str(json_script(data))
            assert "<" not in text and ">" not in text and "\u2028" not in text
            assert json.loads(text) == json.loads(json.dumps(data, default=str))


def _renders_inertly(loaded: Loaded, baseline: _Tags) -> None:
    html = render_public_pages(loaded)
    parsed = _parse(html)
    assert parsed.bad == [], f"a tag with an unquoted attribute or a '<' inside: {parsed.bad[:3]}"
    assert parsed.elements <= baseline.elements, parsed.elements - baseline.elements
    assert parsed.pairs <= baseline.pairs, parsed.pairs - baseline.pairs
    for block in parsed.scripts:
        json.loads(block)
    _json_blocks_hold(loaded)


@pytest.mark.parametrize("field", FIELDS)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(value=values)
def test_hostile_value_is_refused_properly_or_inert(field: str, value: str, folder: Path, baseline: _Tags) -> None:
    path = payload_file(folder, {field: value}, "probe.yml")
    loaded, errors = verdict(path)  # any exception other than PhilosophyError fails the test
    event("refused" if errors else "accepted")
    if errors:
        for problem in errors:
            assert_proper(problem, "probe.yml")
        return
    assert loaded is not None
    _renders_inertly(loaded, baseline)


if __name__ == "__main__":  # pragma: no cover - a quick look at what one field takes
    sys.exit(pytest.main([__file__, "-n0", "-q", *sys.argv[1:]]))
