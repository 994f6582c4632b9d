"""Hostile input, round two: a break-out payload in EVERY structured field of the schema.

The structured fields are found by walking the JSON Schema (`x-kind: structured`), both the committed
schema/philosophy.schema.json and the one the model generates now. Each payload goes into one field of a
copy of the sample fixture extended so that every structured field occurs. Each time, either

- the check refuses it with the project's own error (a PhilosophyError from `load`, or an error from
  `check` + `framework_problems`), every problem with file, line, column, field path and a hint; or
- both sites build, and neither has an element, an attribute or a URL scheme that the baseline build
  (the extended sample without payloads) does not have, and its JSON blocks still parse.

The helpers here (the extended sample, the field walk, a YAML writer) are shared with the other
tests/test_security_*.py files and tests/browser/test_structured_payloads.py.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from macros.site import framework_problems
from philosophy.checks import check
from philosophy.loader import Loaded, load
from philosophy.problems import PhilosophyError, Problem
from philosophy.schema import json_schema
from tests.helpers import ROOT, build_site, sample_data

SCHEMA_FILE = ROOT / "schema" / "philosophy.schema.json"

BREAKOUTS: dict[str, str] = {
    "svg-onload": '"><svg/onload=alert(1)>',
    "javascript": "javascript:alert(1)",
    "attribute-breakout": "' onmouseover='alert(1)",
    "script-close": "</script><script>alert(1)</script>",
    "mailto-query": "?cc=x@evil&body=",
    "traversal": "../../",
    "line-separator": "a\u2028b",
    "control-character": "a\x1bb",
    "bidi-override": "ab\u202ecd",
    "long": "x" * 5000,
    "template": "{{ 7*7 }}{% raw %}",
    # break-outs behind a value of the right form, so that a loose parser would let them through
    "url-breakout": 'https://example.com/"><svg/onload=alert(1)>',
    "url-script": "https://example.com/?q=</script><script>alert(1)</script>",
    "url-javascript": "javascript://example.com/%0aalert(1)",
    "url-data": "data:text/html,<script>alert(1)</script>",
    "email-query": "help@example.com?cc=x@evil.com&body=hi",
    "email-breakout": 'help@example.com"><svg/onload=alert(1)>',
    "phone-breakout": '+46 31 12 34 50"><svg/onload=alert(1)>',
    "handle-breakout": "@hjulverket' onmouseover='alert(1)",
    "colour-breakout": "#1f4e3d;}</style><script>alert(1)</script>",
    "asset-traversal": "brand/../../../etc/passwd.svg",
    "timezone-traversal": "Europe/../../etc/passwd",
    "date-breakout": '2026-11-01"><svg/onload=alert(1)>',
    "share-breakout": '85%"><svg/onload=alert(1)>',
    "hours-breakout": '08:00-17:00"><svg/onload=alert(1)>',
    "language-breakout": 'sv"><svg/onload=alert(1)>',
    "branch-option": "--upload-pack=touch /tmp/pwned",
    "huge-number": "1" * 400,
}
# Legal values with characters that need escaping somewhere (&, %, +, @, =): fields accept them, and the
# sites must still show them only as data.
SPECIALS: dict[str, str] = {
    "url-ampersand": "https://example.com/a?x=1&y=2#frag",
    "url-percent": "https://example.com/%22%3E%3Csvg%20onload=alert(1)%3E/",
    "email-plus": "help+x@example.com",
    "branch-symbols": "feature/a+b@c=d&e",
    "handle-dots": "@hjul.verket_",
    "fediverse": "@hjulverket@mastodon.example",
}
PAYLOADS = {**BREAKOUTS, **SPECIALS}

# URL-valued places in HTML: a new scheme here (javascript:, data:) is what the test looks for
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "srcset",
    "data",
    "xlink:href",
    "cite",
    "background",
    "ping",
}
URL_META = {"og:url", "og:image", "twitter:image", "og:image:url"}
URL_KEYS = {"url", "@id", "logo", "image", "sameAs", "item", "target", "urlTemplate", "email", "telephone"}
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")


# --- the structured fields of the schema ---------------------------------------------------------


def _walk_schema(schema: dict[str, Any]) -> set[str]:
    defs = schema.get("$defs", {})
    found: set[str] = set()

    def walk(node: Any, path: str, seen: frozenset[str]) -> None:
        if not isinstance(node, dict):
            return
        if node.get("x-kind") == "structured":
            found.add(path)
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[1]
            if name not in seen:
                walk(defs[name], path, seen | {name})
        for key, value in node.items():
            if key == "properties":
                for prop, sub in value.items():
                    walk(sub, f"{path}.{prop}", seen)
            elif key == "items":
                walk(value, f"{path}[]", seen)
            elif key == "additionalProperties" and isinstance(value, dict):
                walk(value, f"{path}.*", seen)
            elif key in ("anyOf", "oneOf", "allOf"):
                for sub in value:
                    walk(sub, path, seen)

    walk(schema, "", frozenset())
    return found


@functools.cache
def structured_fields() -> tuple[str, ...]:
    """'.site.url', '.channels[].contact.email[]' … from the committed schema and from the model."""
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return tuple(sorted(_walk_schema(committed) | _walk_schema(json_schema())))


def _tokens(field: str) -> list[str]:
    return re.findall(r"\[\]|[^.\[\]]+", field)


def locate(node: Any, tokens: list[str]) -> tuple[Any, ...] | None:
    """The first place in the data that the field pattern names, or None."""
    if not tokens:
        return ()
    step, rest = tokens[0], tokens[1:]
    if step == "[]":
        items: Iterator[tuple[Any, Any]] = enumerate(node) if isinstance(node, list) else iter(())
    elif step == "*":
        items = iter(node.items()) if isinstance(node, dict) else iter(())
    else:
        items = iter([(step, node[step])]) if isinstance(node, dict) and step in node else iter(())
    for key, child in items:
        sub = locate(child, rest)
        if sub is not None:
            return (key, *sub)
    return None


def put(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


# --- the sample, extended so that every structured field occurs -----------------------------------

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#1f4e3d"/></svg>'
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def extended_data(folder: Path) -> dict[str, Any]:
    """The sample fixture with every structured field present at least once; brand files in folder/brand."""
    (folder / "brand").mkdir(parents=True, exist_ok=True)
    (folder / "brand" / "logo.svg").write_bytes(SVG)
    (folder / "brand" / "favicon.png").write_bytes(PNG)
    data = sample_data()
    site = data["site"]
    site.update(
        {
            "handbook_url": "https://handbok.hjulverket.se/",
            "country": "SE",
            "holidays": "SE",
            "handbook_language": "sv",
            "brand": {
                "primary": "#1f4e3d",
                "accent": "#0b5cad",
                "logo": "brand/logo.svg",
                "favicon": "brand/favicon.png",
            },
        }
    )
    channels = {c["id"]: c for c in data["channels"]}
    channels["telefon"]["contact"]["phone"] = ["+46 31 12 34 50"]
    email = channels["e-post"]
    email["contact"]["email"] = ["hej@hjulverket.se"]
    email.update(
        {
            "timezone": "Europe/Stockholm",
            "holidays": "SE",
            "holiday_hours": "closed",
            "seasons": [
                {
                    "name": {"sv": "Sommartider", "en": "Summer hours"},
                    "from": "06-22",
                    "to": "08-16",
                    "hours": {"mon-fri": "09:00-15:00"},
                }
            ],
        }
    )
    channels["guider"]["holidays"] = False  # self-service stays open 24/7 on public holidays
    instagram = channels["instagram"]["contact"]
    instagram["handle"] = ["@hjulverket"]
    instagram["app"] = "Instagram"
    promises = {p["id"]: p for p in data["promises"]}
    fast = promises["snabbt-svar"]
    fast["commitments"][0]["target"] = "95%"
    fast["commitments"].append({"kind": "notice", "about": "delay", "within": "24h", "via": ["e-post"]})
    promises["ett-samtal-bort"]["commitments"].append({"kind": "first_contact", "channels": ["telefon"]})
    fast["good_examples"][0]["channel"] = "e-post"
    fast["poor_examples"][0]["channel"] = "e-post"
    data["metrics"] = {
        "min_contacts": 30,
        "mappings": [
            {
                "kind": "written",
                "files": "export-*.csv",
                "columns": {"channel": "Kanal"},
                "channels": {"E-mail": "e-post"},
                "exported_at": "2026-11-01",
            }
        ],
    }
    return data


# --- writing YAML: block style, every string double-quoted (JSON escapes), raw non-ASCII -----------


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def to_yaml(data: Any) -> str:
    """YAML an editor could have written, fast (ruamel takes 0.2 s for the sample). Strings are
    double-quoted: control characters become escapes (\\u001b), other characters stay as they are, so
    U+2028 reaches the file raw and the loader must refuse it."""
    out: list[str] = []

    def emit(node: Any, indent: int) -> None:
        pad = " " * indent
        items = node.items() if isinstance(node, dict) else ((None, v) for v in node)
        for key, value in items:
            head = f"{pad}{_scalar(key)}:" if isinstance(node, dict) else f"{pad}-"
            if isinstance(value, (dict, list)) and value:
                out.append(head)
                emit(value, indent + 2)
            else:
                shown = (
                    ("{}" if isinstance(value, dict) else "[]") if isinstance(value, (dict, list)) else _scalar(value)
                )
                out.append(f"{head} {shown}")

    emit(data, 0)
    return "\n".join(out) + "\n"


# --- the verdict: refused properly, or accepted ----------------------------------------------------


def assert_proper(problem: Problem, file: str) -> None:
    """The project's error: where, which field, what and what to do."""
    assert problem.file == file, problem
    assert problem.line >= 1 and problem.column >= 1, f"no position: {problem}"
    assert problem.path, f"no field path: {problem}"
    assert problem.message and problem.hint, f"no message or hint: {problem}"


def verdict(path: Path) -> tuple[Loaded | None, list[Problem]]:
    """(loaded, []) when the file passes the check; (None or loaded, errors) when it is refused."""
    try:
        loaded = load(path, path.name)
    except PhilosophyError as exc:
        return None, exc.problems
    errors = [p for p in framework_problems(loaded) + check(loaded) if p.severity == "error"]
    return loaded, errors


# --- what a built site contains ---------------------------------------------------------------------


class _Inventory(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.schemes: set[str] = set()
        self.raw_problems: list[str] = []
        self.scripts: list[tuple[str, str]] = []  # (type, text) of inline data scripts
        self._script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.add(tag)
        raw = self.get_starttag_text() or ""
        if raw.count("<") != 1:
            self.raw_problems.append(f"'<' inside the tag: {raw[:120]}")
        values = dict(attrs)
        for name, value in attrs:
            self.attributes.add((tag, name))
            url_meta = (
                tag == "meta" and (values.get("property") or values.get("name")) in URL_META and name == "content"
            )
            if value and (name in URL_ATTRIBUTES or url_meta):
                match = _SCHEME.match(value)
                if match:
                    self.schemes.add(match.group(1).lower())
        if tag == "script" and values.get("type") in ("application/ld+json", "application/json"):
            self._script_type = str(values.get("type"))

    def handle_data(self, data: str) -> None:
        if self._script_type is not None:
            self.scripts.append((self._script_type, data))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_type = None


def _json_schemes(value: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _json_schemes(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _json_schemes(v, key)
    elif isinstance(value, str) and key in URL_KEYS:
        match = _SCHEME.match(value)
        if match:
            yield match.group(1).lower()


def inventory(site: Path) -> dict[str, set[Any]]:
    """Elements, (element, attribute) pairs and URL schemes of a built site, with any broken JSON block."""
    out: dict[str, set[Any]] = collections.defaultdict(set)
    for page in sorted(site.rglob("*.html")):
        parser = _Inventory()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        out["elements"] |= parser.elements
        out["attributes"] |= parser.attributes
        out["schemes"] |= parser.schemes
        out["raw"] |= {f"{page.relative_to(site)}: {p}" for p in parser.raw_problems}
        for kind, text in parser.scripts:
            try:
                data = json.loads(text)
            except ValueError:
                out["broken_json"].add(f"{page.relative_to(site)}: {kind}")
                continue
            if kind == "application/ld+json":
                out["schemes"] |= set(_json_schemes(data))
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        text = sitemap.read_text(encoding="utf-8")
        out["elements"] |= {f"xml:{t}" for t in re.findall(r"<([a-zA-Z][\w:.-]*)", text)}
        out["schemes"] |= {m.lower() for m in re.findall(r"<loc>\s*([a-zA-Z][a-zA-Z0-9+.\-]*):", text)}
        out["schemes"] |= {m.lower() for m in re.findall(r'href="([a-zA-Z][a-zA-Z0-9+.\-]*):', text)}
    robots = site / "robots.txt"
    if robots.exists():
        out["robots"] = {line.split(":", 1)[0] for line in robots.read_text(encoding="utf-8").splitlines() if line}
        out["schemes"] |= {
            m.lower() for m in re.findall(r"Sitemap:\s*([a-zA-Z][a-zA-Z0-9+.\-]*):", robots.read_text(encoding="utf-8"))
        }
    return out


def new_things(site: Path, baseline: dict[str, set[Any]]) -> dict[str, set[Any]]:
    got = inventory(site)
    out = {key: got[key] - baseline.get(key, set()) for key in ("elements", "attributes", "schemes", "robots")}
    out["raw"] = got["raw"]
    out["broken_json"] = got["broken_json"]
    return {k: v for k, v in out.items() if v}


# --- the run over every field and payload ------------------------------------------------------------

FIELDS = structured_fields()


@functools.cache
def _base(folder: Path) -> dict[str, Any]:
    return json.loads(json.dumps(extended_data(folder), default=str))


def where(folder: Path, field: str) -> tuple[Any, ...]:
    found = locate(_base(folder), _tokens(field))
    assert found is not None, f"{field} does not occur in the extended sample"
    return found


SENTINEL = "\ue000payload\ue000"


@functools.cache
def _template(folder: Path, field: str) -> str:
    """The extended sample as YAML with a marker where the field's value is."""
    data = json.loads(json.dumps(_base(folder)))
    put(data, where(folder, field), SENTINEL)
    return to_yaml(data)


def payload_file(folder: Path, assignments: dict[str, str], name: str = "philosophy.yml") -> Path:
    """The extended sample with each field given its payload, written next to the brand files."""
    path = folder / name
    if len(assignments) == 1:  # the common case, fast: the YAML is written once per field
        ((field, value),) = assignments.items()
        text = _template(folder, field).replace(_scalar(SENTINEL), _scalar(value))
    else:
        data = json.loads(json.dumps(_base(folder)))
        for field, value in assignments.items():
            put(data, where(folder, field), value)
        text = to_yaml(data)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("structured")
    extended_data(path)
    return path


@pytest.fixture(scope="module")
def verdicts(folder: Path) -> dict[tuple[str, str], list[Problem]]:
    """(field, payload name) -> the errors refusing it ([] when the check accepts it)."""
    out = {}
    for field in FIELDS:
        for name, payload in PAYLOADS.items():
            path = payload_file(folder, {field: payload}, "probe.yml")
            _, errors = verdict(path)
            out[(field, name)] = errors
    return out


def accepted(verdicts: dict[tuple[str, str], list[Problem]]) -> dict[str, list[str]]:
    """field -> the payload names the check lets through."""
    out: dict[str, list[str]] = collections.defaultdict(list)
    for (field, name), errors in verdicts.items():
        if not errors:
            out[field].append(name)
    return dict(out)


def rounds(folder: Path, verdicts: dict[tuple[str, str], list[Problem]]) -> list[dict[str, str]]:
    """Files that together hold every accepted (field, payload), each field once per file, and never a
    field together with one inside it ('contact.email' and 'contact.email[]')."""
    out: list[dict[str, str]] = []
    for field, names in sorted(accepted(verdicts).items()):
        for name in names:
            here = where(folder, field)
            for assignments in out:
                taken = [where(folder, f) for f in assignments]
                if field not in assignments and not any(t[: len(here)] == here or here[: len(t)] == t for t in taken):
                    assignments[field] = PAYLOADS[name]
                    break
            else:
                out.append({field: PAYLOADS[name]})
    return out


# --- the tests -------------------------------------------------------------------------------------------


@pytest.mark.fast
def test_the_walk_finds_the_structured_fields() -> None:
    assert len(FIELDS) >= 50
    for field in (
        ".site.url",
        ".site.handbook_url",
        ".site.repository",
        ".site.branch",
        ".site.timezone",
        ".site.country",
        ".site.holidays",
        ".site.brand.primary",
        ".site.brand.logo",
        ".channels[].contact.email[]",
        ".channels[].contact.phone[]",
        ".channels[].contact.url",
        ".channels[].contact.handle[]",
        ".channels[].timezone",
        ".channels[].seasons[].from",
        ".promises[].commitments[].via[]",
        ".promises[].commitments[].within",
        ".promises[].commitments[].target",
        ".promises[].last_reviewed",
        ".site.languages[]",
    ):
        assert field in FIELDS, field


@pytest.mark.fast
def test_every_structured_field_occurs_in_the_extended_sample(folder: Path) -> None:
    missing = [f for f in FIELDS if locate(_base(folder), _tokens(f)) is None]
    assert missing == []
    path = payload_file(folder, {}, "baseline.yml")
    loaded, errors = verdict(path)
    assert loaded is not None and errors == [], "\n".join(map(str, errors))


@pytest.mark.slow
def test_every_breakout_is_refused_with_a_proper_problem(verdicts: dict[tuple[str, str], list[Problem]]) -> None:
    assert len(verdicts) == len(FIELDS) * len(PAYLOADS)
    for errors in verdicts.values():
        for problem in errors[:1]:  # the first error is the one an editor reads first
            assert_proper(problem, "probe.yml")
    let_through = {(field, name) for (field, name), errors in verdicts.items() if name in BREAKOUTS and not errors}
    assert let_through == set(), "structured fields accepting a break-out payload"
    assert {name for (_, name), errors in verdicts.items() if not errors} == set(SPECIALS), (
        "each legal value with special characters is accepted by some field"
    )


@pytest.mark.slow
def test_the_refusal_names_the_field(verdicts: dict[tuple[str, str], list[Problem]]) -> None:
    """The first error points at the field the payload went into (or inside it), not elsewhere."""
    wrong = []
    for (field, name), errors in verdicts.items():
        if not errors:
            continue
        pattern = re.escape(field.lstrip(".")).replace(r"\[\]", r"\[\d+\]").replace(r"\*", r"[^.]+")
        if not re.match(pattern, errors[0].path) and not any(re.match(pattern, p.path) for p in errors):
            wrong.append((field, name, str(errors[0]).splitlines()[0]))
    assert wrong == []


@pytest.fixture(scope="module")
def baseline(folder: Path) -> dict[str, dict[str, set[Any]]]:
    source = payload_file(folder, {}, "baseline.yml")
    return {
        which: inventory(build_site(which, folder / f"baseline-{which}", source)) for which in ("public", "handbook")
    }


@pytest.mark.slow
def test_accepted_payloads_build_sites_with_nothing_new(
    folder: Path, verdicts: dict[tuple[str, str], list[Problem]], baseline: dict[str, dict[str, set[Any]]]
) -> None:
    files = rounds(folder, verdicts)
    assert files, "no structured field takes any payload: nothing to build"
    for k, assignments in enumerate(files):
        source = payload_file(folder, assignments, f"round-{k}.yml")
        loaded, errors = verdict(source)
        assert loaded is not None and errors == [], "\n".join(map(str, errors))
        for which in ("public", "handbook"):
            site = build_site(which, folder / f"round-{k}-{which}", source)
            assert new_things(site, baseline[which]) == {}, (k, which, sorted(assignments))
            shown = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
            assert "<svg/onload" not in shown and "<script>alert" not in shown
            assert "onmouseover='alert" not in shown.replace("&#39;", "'").split(">", 1)[0]
