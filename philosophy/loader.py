"""Load philosophy.yml: read it safely, validate it against the model, and turn every mistake into a
Problem with file, line, column, field path and a hint."""

from __future__ import annotations

import difflib
import gc
import os
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .model import Philosophy
from .problems import PhilosophyError, Problem, format_path
from .yamlread import Loc, Parsed, Pos, parse_file

MAX_LISTED = 10  # a hint never lists more than this many names


@dataclass
class Loaded:
    """A validated philosophy with the source position of every key and value."""

    model: Philosophy
    data: dict[str, Any]
    file: str
    path: Path
    positions: dict[Loc, Pos] = field(default_factory=dict)  # value positions, 1-based
    key_positions: dict[Loc, Pos] = field(default_factory=dict)
    aliases: list[tuple[Loc, Loc]] = field(default_factory=list)

    def where(self, loc: Loc) -> Pos:
        return locate(loc, self.positions)

    def key_where(self, loc: Loc) -> Pos:
        return self.key_positions.get(loc) or self.where(loc)

    @property
    def folder(self) -> Path:
        return self.path.resolve().parent


def locate(loc: Loc, positions: dict[Loc, Pos]) -> Pos:
    """Position of loc, or of its nearest ancestor that has one."""
    loc = tuple(loc)
    while loc:
        if loc in positions:
            return positions[loc]
        loc = loc[:-1]
    return positions.get((), (1, 1))


def listed(names: list[str], limit: int = MAX_LISTED) -> str:
    """'a, b, c' — at most `limit` names, then '… and N more'."""
    shown = ", ".join(names[:limit])
    return shown + (f" … and {len(names) - limit} more" if len(names) > limit else "")


# --- the model's shape, for hints ----------------------------------------------------------------


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


def _models(tp: Any) -> list[type[BaseModel]]:
    return [c for c in _unwrap(tp) if isinstance(c, type) and issubclass(c, BaseModel)]


def _step(tp: Any, part: str | int) -> Any:
    for candidate in _unwrap(tp):
        origin = get_origin(candidate)
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            if isinstance(part, str):
                fields = candidate.model_fields
                name = next((n for n, f in fields.items() if n == part or f.alias == part), None)
                if name is not None:
                    return fields[name].annotation
        elif origin is list and isinstance(part, int):
            return get_args(candidate)[0]
        elif origin is dict:
            return get_args(candidate)[1]
    for candidate in _models(tp):  # a discriminated union puts the tag ('reply') into loc
        kind = candidate.model_fields.get("kind")
        if kind is not None and part in get_args(kind.annotation):
            return candidate
    return None


def _field_names(loc: Loc) -> list[str]:
    tp: Any = Philosophy
    for part in loc[:-1]:
        tp = _step(tp, part)
        if tp is None:
            return []
    return [f.alias or n for m in _models(tp) for n, f in m.model_fields.items()]


_PYDANTIC_PARTS = {
    "function-after",
    "function-before",
    "function-plain",
    "function-wrap",
    "str",
    "dict[str,str]",
    "list[str]",
    "literal['always','by_appointment']",
    "int",
    "bool",
    "constrained-str",
    "tagged-union",
}


def _yaml_loc(loc: tuple[Any, ...]) -> Loc:
    """Drop the union/tag parts pydantic adds to a location, so it matches the YAML path."""
    out: list[str | int] = []
    tp: Any = Philosophy
    for part in loc:
        if isinstance(part, str) and (
            part in _PYDANTIC_PARTS or part.startswith(("function-", "list[", "dict[", "literal[", "is-instance["))
        ):
            continue
        nxt = _step(tp, part) if tp is not None else None
        is_tag = (
            isinstance(part, str)
            and tp is not None
            and any(
                "kind" in m.model_fields and part in get_args(m.model_fields["kind"].annotation) for m in _models(tp)
            )
        )
        if not is_tag:
            out.append(part)
        tp = nxt
    return tuple(out)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, dict):
        return "a map of keys"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "…'"


_HINTS = {
    "missing": "add the field; see EDITING.md or an example in examples/ for its form",
    "string_type": "write the value as text; quote it if it looks like a number or true/false",
    "int_parsing": "write a whole number without quotes or units",
    "int_type": "write a whole number without quotes or units",
    "int_from_float": "write a whole number",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "list_type": "write a list, one '- item' per line",
    "dict_type": "write 'key: value' lines indented under the field",
    "model_type": "write 'key: value' lines indented under the field",
    "model_attributes_type": "write 'key: value' lines indented under the field",
    "literal_error": "use one of the listed values",
    "too_short": "add at least one item",
    "too_long": "shorten the list",
    "union_tag_invalid": "set kind to one of the listed values",
    "union_tag_not_found": "add 'kind:' to the commitment",
    "greater_than_equal": "write a larger number",
    "less_than_equal": "write a smaller number",
    "float_parsing": "write a number such as 0.05",
    "float_type": "write a number such as 0.05",
}

_EXPECTED = {
    "dict_type": "'key: value' lines",
    "model_type": "'key: value' lines",
    "model_attributes_type": "'key: value' lines",
    "list_type": "a list ('- item' lines)",
    "string_type": "a text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


def _message(err: Any, found: str) -> str:
    kind, msg = err["type"], err["msg"]
    ctx = err.get("ctx") or {}
    if "hint" in ctx:  # our own validators: the message is already in plain words
        return str(msg)
    if kind == "union_tag_invalid":
        from .commitments import KINDS

        return f"kind {ctx.get('tag')!r} is not a kind of commitment (one of: {listed(list(KINDS), 20)})"
    if kind == "union_tag_not_found":
        from .commitments import KINDS

        return f"the commitment has no 'kind' (one of: {listed(list(KINDS), 20)})"
    if kind == "literal_error":
        return f"{found} is not one of {ctx.get('expected')}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}; found {found}"
    if kind == "value_error":
        return str(msg).removeprefix("Value error, ")
    wanted = msg.removeprefix("Input should be ").split(", unable")[0].split(", got")[0]
    return f"expected {wanted[:1].lower() + wanted[1:]}; found {found}"


def problems_from_validation(exc: ValidationError, parsed: Parsed, display: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Loc, str]] = set()
    for err in exc.errors(include_url=False):
        loc = _yaml_loc(tuple(err["loc"]))
        kind = err["type"]
        if kind in ("union_tag_invalid", "union_tag_not_found"):
            loc = (*loc, "kind")
        if (loc, kind) in seen:
            continue
        seen.add((loc, kind))
        ctx = err.get("ctx") or {}
        if kind == "extra_forbidden":
            allowed = _field_names(loc)
            guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            line, col = parsed.key_positions.get(loc) or locate(loc, parsed.positions)
            hint = f"did you mean '{guess[0]}'?" if guess else f"allowed keys here: {listed(allowed, 30)}"
            problems.append(Problem(display, line, col, format_path(loc), f"unknown key '{loc[-1]}'", hint))
            continue
        if kind == "missing":
            line, col = parsed.key_positions.get(loc[:-1]) or locate(loc[:-1], parsed.positions)
            message = f"the required field '{loc[-1]}' is missing"
            hint = _HINTS["missing"]
        else:
            key = ctx.get("key_name") or (ctx.get("key") if kind == "text_language" else None)
            if key and isinstance(err.get("input"), dict):
                loc = (*loc, str(key))  # a bad language key inside a text: point at the key
                line, col = parsed.key_positions.get(loc) or locate(loc, parsed.positions)
            else:
                line, col = locate(loc, parsed.positions)
            message = _message(err, _describe(err.get("input")))
            hint = str(ctx.get("hint") or _HINTS.get(kind, "see EDITING.md for the field's form"))
        problems.append(Problem(display, line, col, format_path(loc), message, hint))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def _phone_region(data: dict[str, Any]) -> str | None:
    site = data.get("site")
    if not isinstance(site, dict):
        return None
    for key in ("country", "holidays"):
        value = site.get(key)
        if isinstance(value, str) and len(value) >= 2 and value[:2].isalpha():
            return value[:2].upper()
    return None


def display_name(path: Path) -> str:
    """The path as the user would type it: relative inside the working directory, else absolute."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path.resolve()) if rel.startswith("..") else rel


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while a file becomes data and a model: hundreds of thousands of new,
    acyclic objects would otherwise trigger full collections that find nothing (10–20 % of a large load)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(path: Path | str, display: str | None = None) -> Loaded:
    """Load and validate; raise PhilosophyError with every problem of the file."""
    path = Path(path)
    display = display or display_name(path)
    with no_cycle_collection():
        parsed = parse_file(path, display)
        try:
            model = Philosophy.model_validate(parsed.data, context={"phone_region": _phone_region(parsed.data)})
        except ValidationError as exc:
            raise PhilosophyError(problems_from_validation(exc, parsed, display)) from None
    return Loaded(
        model=model,
        data=parsed.data,
        file=display,
        path=path,
        positions=parsed.positions,
        key_positions=parsed.key_positions,
        aliases=parsed.aliases,
    )


_CACHE: dict[tuple[str, int, int], Loaded] = {}


def load_cached(path: Path | str, display: str | None = None) -> Loaded:
    """load(), parsed once per file version: the build's adapter and hooks share one parse."""
    resolved = Path(path).resolve()
    try:
        info = resolved.stat()
        key = (str(resolved), info.st_mtime_ns, info.st_size)
    except OSError:
        key = (str(resolved), 0, 0)
    if key not in _CACHE:
        _CACHE.clear()  # keep only the current version (the preview reloads)
        _CACHE[key] = load(path, display)
    return _CACHE[key]
