"""Load philosophy.yml safely, keep every position, and turn all mistakes into Problems.

The YAML parser (PyYAML on libyaml) gives an event stream with line/column marks; we build plain
Python data from it in one pass, so that every value keeps its position, only standard YAML tags are
accepted, and alias expansion, nesting depth and file size are bounded before anything is built.
"""
from __future__ import annotations

import difflib
import os
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
import yaml

from .model import Philosophy
from .problems import PhilosophyError, Problem, format_path

MAX_BYTES = 20 * 1024 * 1024  # the 1,000-promise benchmark file is ~3 MB
MAX_DEPTH = 40
MAX_NODES = 2_000_000  # counts nodes reached through aliases too: stops alias bombs
MAX_ALIASES = 200
STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}

Pos = tuple[int, int]
Loc = tuple[Union[str, int], ...]


@dataclass
class Loaded:
    """A validated philosophy with the source position of every key and value."""

    model: Philosophy
    data: dict[str, Any]
    file: str
    positions: dict[Loc, Pos] = field(default_factory=dict)  # value positions, 1-based
    key_positions: dict[Loc, Pos] = field(default_factory=dict)

    def where(self, loc: Loc) -> Pos:
        return locate(loc, self.positions)


def locate(loc: Loc, positions: dict[Loc, Pos]) -> Pos:
    """Position of loc, or of its nearest ancestor that has one."""
    loc = tuple(loc)
    while loc:
        if loc in positions:
            return positions[loc]
        loc = loc[:-1]
    return positions.get((), (1, 1))


def _fail(file: str, line: int, col: int, message: str, hint: str = "", path: str = "") -> PhilosophyError:
    return PhilosophyError([Problem(file, line, col, path, message, hint)])


def read_text(path: Path, display: str) -> str:
    """Bytes -> text, with a clear error for every encoding a file can come in."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _fail(display, 0, 0, f"cannot read the file: {exc.strerror}",
                    "check the path; run from the repository root or pass FILE=path") from None
    if size > MAX_BYTES:
        raise _fail(display, 1, 1, f"the file is {size / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MB",
                    "a philosophy is a text file of a few hundred kB; remove pasted data")
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and raw[1:2] == b"\x00"):
        raise _fail(display, 1, 1, "the file is UTF-16, not UTF-8",
                    "save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8)")
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        raise _fail(display, line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1,
                    "the file holds binary data (a NUL byte), not text",
                    "philosophy.yml must be a YAML text file; restore it from git")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark is harmless
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(display, line, col, f"byte 0x{raw[exc.start]:02x} is not UTF-8 (the file looks like Latin-1 "
                    "or Windows-1252)", "save the file as UTF-8; å, ä and ö then load correctly") from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise _fail(display, 1, 1, "the file is empty", "start from the sample philosophy.yml in the repository")
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise _fail(display, number, indent.index("\t") + 1, "a tab is used for indentation",
                        "YAML indents with spaces only: replace the tab with spaces")
    return text


def _yaml_error(display: str, exc: yaml.YAMLError) -> PhilosophyError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    message = f"YAML syntax: {what}" + (
        f" ({context} that starts at line {start.line + 1})" if context and start else "")
    return _fail(display, line, col, message,
                 "check indentation and quoting near this line; a text with ': ' or '#' needs quotes")


class _Builder:
    """Plain data from the parser's event stream in one pass (libyaml when present: ~20x faster than
    pure Python), with the position of every key and value, bounded depth, aliases and expansion."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.positions: dict[Loc, Pos] = {}
        self.key_positions: dict[Loc, Pos] = {}
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.anchors: dict[str, tuple[Any, int]] = {}

    def _error(self, mark: Any, message: str, hint: str, loc: Loc = ()) -> PhilosophyError:
        return _fail(self.display, mark.line + 1, mark.column + 1, message, hint, format_path(loc))

    def _scalar(self, event: Any, loc: Loc) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag not in STANDARD_TAGS:
            raise self._error(event.start_mark, f"the tag {tag} is not allowed",
                              "remove the '!tag'; only plain YAML values are read", loc)
        if tag == "tag:yaml.org,2002:str":
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, TypeError, OverflowError, yaml.YAMLError) as exc:
            raise self._error(event.start_mark, f"{event.value!r} cannot be read: {exc}",
                              "write dates as YYYY-MM-DD with a real month and day; quote other text", loc) from None

    def build(self, events: Any) -> Any:
        budget = MAX_NODES
        aliases = 0
        # stack of [container, loc, pending key (mappings), node count, anchor, key mark]
        stack: list[list[Any]] = []
        root: Any = None

        def attach(value: Any, count: int, start: Any) -> None:
            nonlocal root
            if not stack:
                root = value
                return
            frame = stack[-1]
            frame[3] += count
            container, loc = frame[0], frame[1]
            if isinstance(container, list):
                item_loc = loc + (len(container),)
                self.positions.setdefault(item_loc, (start.line + 1, start.column + 1))
                container.append(value)
            elif frame[2] is _NO_KEY:
                if not isinstance(value, (str, int, float, bool)) and value is not None:
                    raise self._error(start, "this key is not plain text",
                                      "keys are plain words such as 'title:'", loc)
                key = value if isinstance(value, (str, int)) else str(value)
                if key == "<<":
                    raise self._error(start, "merge keys (<<) are not supported", "write the values out", loc)
                if key in container:
                    raise self._error(start, f"the key {key!r} appears twice", "remove or rename one of them", loc)
                frame[2] = key
                self.key_positions[loc + (key,)] = (start.line + 1, start.column + 1)
            else:
                key = frame[2]
                self.positions.setdefault(loc + (key,), (start.line + 1, start.column + 1))
                container[key] = value
                frame[2] = _NO_KEY

        def child_loc() -> Loc:
            if not stack:
                return ()
            frame = stack[-1]
            if isinstance(frame[0], list):
                return frame[1] + (len(frame[0]),)
            return frame[1] + ((frame[2],) if frame[2] is not _NO_KEY else ())

        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                budget -= 1
                loc = child_loc()
                value = self._scalar(event, loc)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                attach(value, 1, event.start_mark)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise self._error(event.start_mark, f"the file nests deeper than {MAX_DEPTH} levels",
                                      "a philosophy needs at most 8 levels; check brackets and indentation")
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    raise self._error(event.start_mark, f"the tag {event.tag} is not allowed",
                                      "remove the '!tag'; only plain YAML values are read", child_loc())
                loc = child_loc()
                container: Any = {} if kind is yaml.MappingStartEvent else []
                stack.append([container, loc, _NO_KEY, 1, event.anchor, event.start_mark])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container, loc, _, count, anchor, start = stack.pop()
                if anchor:
                    self.anchors[anchor] = (container, count)
                attach(container, count, start)
            elif kind is yaml.AliasEvent:
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise self._error(event.start_mark, f"more than {MAX_ALIASES} aliases (*name)",
                                      "write the values out instead of aliasing")
                if event.anchor not in self.anchors:
                    raise self._error(event.start_mark, f"the alias *{event.anchor} has no anchor",
                                      "define &name before using *name")
                value, count = self.anchors[event.anchor]
                budget -= count  # an alias costs what it expands to: this stops alias bombs
                if budget < 0:
                    raise self._error(event.start_mark, "the file expands to too many values (an alias bomb?)",
                                      "remove the anchors (&name) and aliases (*name)", child_loc())
                attach(value, count, event.start_mark)
            if budget < 0:
                raise self._error(event.start_mark, "the file holds too many values",
                                  "a philosophy is a text file of a few hundred kB")
        return root


_NO_KEY = object()
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(path: Path | str, display: str | None = None) -> tuple[Any, dict[Loc, Pos], dict[Loc, Pos]]:
    """YAML file -> plain data with positions. Raises PhilosophyError."""
    path = Path(path)
    display = display or _display(path)
    text = read_text(path, display)
    builder = _Builder(display)
    try:
        data = builder.build(yaml.parse(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        raise _yaml_error(display, exc) from None
    builder.positions.setdefault((), (1, 1))
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        raise _fail(display, 1, 1, f"the file holds {kind} at the top level, not sections",
                    "the file starts with sections such as 'site:', 'statement:' and 'promises:'")
    return data, builder.positions, builder.key_positions


def _field_names(model: type[BaseModel], loc: Loc) -> list[str]:
    """Names allowed next to loc[-1], found by walking the model's annotations."""
    tp: Any = model
    for part in loc[:-1]:
        tp = _step(tp, part)
        if tp is None:
            return []
    names: list[str] = []
    for candidate in _unwrap(tp):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            names += list(candidate.model_fields)
    return names


def _unwrap(tp: Any) -> list[Any]:
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        out: list[Any] = []
        for arg in get_args(tp):
            out += _unwrap(arg)
        return out
    if hasattr(tp, "__metadata__"):
        return _unwrap(tp.__origin__)
    return [tp]


def _step(tp: Any, part: Union[str, int]) -> Any:
    for candidate in _unwrap(tp):
        origin = get_origin(candidate)
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            if isinstance(part, str) and part in candidate.model_fields:
                return candidate.model_fields[part].annotation
        elif origin in (list,) and isinstance(part, int):
            return get_args(candidate)[0]
        elif origin in (dict,):
            return get_args(candidate)[1]
    # discriminated unions put the tag ('reply') into loc: skip it
    for candidate in _unwrap(tp):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            kind = candidate.model_fields.get("kind")
            if kind is not None and part in get_args(kind.annotation):
                return candidate
    return None


def _strip_tags(loc: Loc) -> Loc:
    """Drop the union/tag parts pydantic adds to loc, so it matches the YAML path."""
    out: list[Union[str, int]] = []
    tp: Any = Philosophy
    for part in loc:
        nxt = _step(tp, part) if tp is not None else None
        if nxt is None:
            if tp is not None and isinstance(part, str) and any(
                    isinstance(c, type) and issubclass(c, BaseModel) for c in _unwrap(tp)) and part not in (
                    "function-after", "function-before", "str", "dict[str,str]"):
                out.append(part)  # an unknown key: keep it in the path
            tp = None
            continue
        is_tag = isinstance(part, str) and any(
            isinstance(c, type) and issubclass(c, BaseModel) and "kind" in c.model_fields
            and part in get_args(c.model_fields["kind"].annotation) for c in _unwrap(tp))
        if not is_tag:
            out.append(part)
        tp = nxt
    return tuple(out)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a map of keys"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "...'"


_HINTS = {
    "missing": "add the field; see the sample philosophy.yml for its form",
    "string_type": "write the value as text; quote it if it looks like a number or yes/no",
    "int_parsing": "write a whole number without quotes or units",
    "int_type": "write a whole number without quotes or units",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD, e.g. 2026-11-01",
    "date_type": "write the date as YYYY-MM-DD, e.g. 2026-11-01",
    "date_parsing": "write the date as YYYY-MM-DD, e.g. 2026-11-01",
    "list_type": "write a list, one '- item' per line",
    "dict_type": "write a map of 'key: value' lines",
    "model_type": "write a map of 'key: value' lines",
    "literal_error": "use one of the listed values",
    "string_pattern_mismatch": "use lowercase letters, digits and hyphens for ids; URLs as https://…",
    "too_short": "add at least one item",
    "union_tag_invalid": "set kind to one of the listed values",
    "union_tag_not_found": "add 'kind:' with one of: reply, answer, available, returns, refund, other",
}


def problems_from_validation(exc: ValidationError, display: str, positions: dict[Loc, Pos],
                             key_positions: dict[Loc, Pos]) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = _strip_tags(tuple(err["loc"]))
        kind = err["type"]
        if kind in ("union_tag_invalid", "union_tag_not_found"):
            loc = loc + ("kind",)
        found = _describe(err.get("input"))
        if kind == "extra_forbidden":
            allowed = _field_names(Philosophy, loc)
            guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            line, col = key_positions.get(loc, locate(loc, positions))
            hint = f"did you mean '{guess[0]}'?" if guess else f"allowed keys here: {', '.join(allowed)}"
            problems.append(Problem(display, line, col, format_path(loc),
                                    f"unknown key '{loc[-1]}'", hint))
            continue
        if kind == "missing":
            line, col = key_positions.get(loc[:-1]) or locate(loc[:-1], positions)
            message = f"the required field '{loc[-1]}' is missing"
        else:
            line, col = locate(loc, positions)
            message = _message(err, found)
        problems.append(Problem(display, line, col, format_path(loc), message,
                                _HINTS.get(kind, _value_hint(err["msg"]))))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


_PATTERNS = {
    "^[a-z0-9][a-z0-9-]*$": "an id of lowercase letters, digits and hyphens, such as 'fast-reply'",
    "^https?://[^\\s]+/$": "a web address starting with https:// and ending with /",
    "^https://[^\\s]+[^/]$": "a web address starting with https:// and not ending with /",
    "^https://\\S+$": "a web address starting with https://",
    "^[a-z]{2,3}(-[A-Za-z]{2,4})?$": "a language code such as 'sv' or 'en'",
}


def _message(err: Any, found: str) -> str:
    kind, msg = err["type"], err["msg"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
        shown = found in msg or found in ("a map of keys", "a list")
        return msg if shown else f"{msg}; found {found}"
    if kind == "string_pattern_mismatch":
        wanted = _PATTERNS.get(ctx.get("pattern", ""), f"text matching {ctx.get('pattern')}")
        return f"expected {wanted}; found {found}"
    if kind == "union_tag_invalid":
        return f"kind {ctx.get('tag')!r} is not one of {ctx.get('expected_tags')}"
    wanted = msg.removeprefix("Input should be ").split(", unable")[0].split(", got")[0]
    return f"expected {wanted[0].lower() + wanted[1:]}; found {found}"


def _value_hint(msg: str) -> str:
    if "duration" in msg:
        return "write a duration like '24h', '30 min', '2 days' or 'PT24H'"
    if "hours" in msg or "opens" in msg or "weekday" in msg or "time of day" in msg:
        return "write hours as 'mon-fri: 08:00-17:00' and 'sun: closed'; each day once"
    if "language" in msg or "text" in msg:
        return "write text, or one line per language such as 'sv: …' and 'en: …'"
    return "see the sample philosophy.yml for the expected form"


def load(path: Path | str, display: str | None = None) -> Loaded:
    """Load and validate; raise PhilosophyError with every problem of the file."""
    path = Path(path)
    display = display or _display(path)
    data, positions, key_positions = parse(path, display)
    try:
        model = Philosophy.model_validate(data)
    except ValidationError as exc:
        raise PhilosophyError(problems_from_validation(exc, display, positions, key_positions)) from None
    return Loaded(model=model, data=data, file=display, positions=positions, key_positions=key_positions)


def _display(path: Path) -> str:
    """The path as the user would type it: relative inside the working directory, else absolute."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path.resolve()) if rel.startswith("..") else rel


_CACHE: dict[tuple[str, int, int], Loaded] = {}


def load_cached(path: Path | str, display: str | None = None) -> Loaded:
    """load(), parsed once per file version: the build's adapter and hooks share one parse."""
    resolved = Path(path).resolve()
    stat = resolved.stat() if resolved.exists() else None
    key = (str(resolved), stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)
    if key not in _CACHE:
        _CACHE.clear()  # keep only the current version (serve reloads)
        _CACHE[key] = load(path, display)
    return _CACHE[key]
