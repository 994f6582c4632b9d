"""Walk a model field by field, knowing each value's audience; and cut a model down to an audience.

`redact(model, Audience.PUBLIC)` returns the same typed model with every staff-only field reset to its
default: the public build never holds an internal text in memory. A `Publishable` section that is not
published counts as staff-only as a whole.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel

from .audience import Audience, audience_of
from .texts import TextValue
from .yamlread import Loc

M = TypeVar("M", bound=BaseModel)


def _published(model: BaseModel) -> bool:
    from .model import Publishable

    return not isinstance(model, Publishable) or model.publish


def redact(model: M, audience: Audience | str) -> M:
    """The model as `audience` may see it. Raises on an unknown audience (fails closed)."""
    audience = Audience.parse(audience)
    if audience is Audience.INTERNAL:
        return model
    return _redact(model)


def _redact(model: M) -> M:
    update: dict[str, Any] = {}
    published = _published(model)
    for name, public, factory, default in _redaction_plan(type(model)):
        value = getattr(model, name)
        if not public or (not published and name != "publish"):
            empty = factory() if factory is not None else default
            if value != empty:
                update[name] = empty
            continue
        redacted = _redact_value(value)
        if redacted is not value:
            update[name] = redacted
    return model.model_copy(update=update) if update else model


@functools.cache
def _redaction_plan(cls: type[BaseModel]) -> tuple[tuple[str, bool, Any, Any], ...]:
    """Per class, once: (field, public?, default factory or None, default). Staff-only fields all have
    defaults (a test walks the model for it); factories here take no arguments."""
    return tuple(
        (name, audience_of(cls, name) is Audience.PUBLIC, info.default_factory, info.default)
        for name, info in cls.model_fields.items()
    )


def _redact_value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _redact(value)
    if isinstance(value, list):
        items = [_redact_value(v) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        mapped = {k: _redact_value(v) for k, v in value.items()}
        return mapped if any(mapped[k] is not value[k] for k in value) else value
    return value


@functools.cache
def is_text_type(tp: Any) -> bool:
    """True for the model's Text type (str | dict[str, str]), bare, optional or annotated."""
    if hasattr(tp, "__metadata__"):
        return is_text_type(tp.__origin__)
    args = get_args(tp)
    plain = [a.__origin__ if hasattr(a, "__metadata__") else a for a in args]
    if str in plain and any(get_origin(a) is dict and get_args(a) == (str, str) for a in plain):
        return True
    return any(is_text_type(a) for a in args if a is not type(None)) if args and get_origin(tp) is not dict else False


@functools.cache
def _inner(tp: Any, container: type) -> Any:
    if hasattr(tp, "__metadata__"):
        tp = tp.__origin__
    for arg in get_args(tp) if get_origin(tp) is not container else ():
        if get_origin(arg) is container or (hasattr(arg, "__metadata__") and get_origin(arg.__origin__) is container):
            tp = arg.__origin__ if hasattr(arg, "__metadata__") else arg
    args = get_args(tp)
    return args[-1] if args else Any


@functools.cache
def _plan(cls: type[BaseModel]) -> tuple[tuple[str, str, bool, Any], ...]:
    """Per model class, worked out once: (field, YAML key, public?, annotation) for the walk."""
    return tuple(
        (name, info.alias or name, audience_of(cls, name) is Audience.PUBLIC, info.annotation)
        for name, info in cls.model_fields.items()
    )


def iter_texts(
    model: BaseModel, loc: Loc = (), audience: Audience = Audience.PUBLIC
) -> Iterator[tuple[Loc, TextValue, Audience]]:
    """(loc, text, audience) for every Text value in the model."""
    published = _published(model)
    for name, key, public, annotation in _plan(type(model)):
        value = getattr(model, name)
        if value is None or value == [] or value == {}:
            continue
        aud = audience if (audience is Audience.INTERNAL or (public and published)) else Audience.INTERNAL
        yield from _walk(value, annotation, (*loc, key), aud)


_SHAPES: dict[int, tuple[Any, bool, Any, Any]] = {}


def _shape(tp: Any) -> tuple[bool, Any, Any]:
    """(is a text, list item type, dict value type) of an annotation; keyed by identity, since hashing
    typing objects costs more than the walk itself."""
    found = _SHAPES.get(id(tp))
    if found is None or found[0] is not tp:
        found = (tp, is_text_type(tp), _inner(tp, list), _inner(tp, dict))
        _SHAPES[id(tp)] = found
    return found[1], found[2], found[3]


def _walk(value: Any, tp: Any, loc: Loc, aud: Audience) -> Iterator[tuple[Loc, TextValue, Audience]]:
    if isinstance(value, BaseModel):
        yield from iter_texts(value, loc, aud)
        return
    text, list_item, dict_value = _shape(tp)
    if isinstance(value, str):
        if text:
            yield loc, value, aud
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, list_item, (*loc, i), aud)
    elif isinstance(value, dict):
        if text:
            yield loc, value, aud
            return
        for k, item in value.items():
            yield from _walk(item, dict_value, (*loc, k), aud)


def audience_at(model: BaseModel, loc: Loc) -> Audience:
    """The audience of the value at a YAML location (internal if any step on the way is)."""
    node: Any = model
    for part in loc:
        if isinstance(node, BaseModel):
            cls = type(node)
            name = next((n for n, f in cls.model_fields.items() if n == part or f.alias == part), None)
            if name is None:
                return Audience.INTERNAL
            if audience_of(cls, name) is not Audience.PUBLIC or not _published(node):
                return Audience.INTERNAL
            node = getattr(node, name)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            break
    return Audience.PUBLIC


def plain_strings(value: Any) -> Iterator[str]:
    """Every string in a text value (each language)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            if isinstance(v, str):
                yield v
